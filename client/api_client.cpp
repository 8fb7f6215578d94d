#include "api_client.hpp"

#include "accord/api_lifecycle.hpp"
#include "accord/filing.hpp"
#include "accord/json_reader.hpp"
#include "forms/local_drafts.hpp"
#include "i18n/strings.hpp"
#include "net/http.hpp"
#include "platform/browser.hpp"
#include "platform/uploads.hpp"

#include <algorithm>
#include <memory>

namespace accord::client {

namespace {

// Sends a request; on reply records it for the test hook, then calls `ok` for 2xx or fills
// `status.error` with the server's message (or a network error).
void call(AppState& s, const std::string& method, const std::string& path, const std::string& body,
          RequestStatus& status, std::function<void(const nlohmann::json&)> ok,
          std::function<void(const api::ApiError&)> failed = nullptr, const HttpHeaders& headers = {},
          std::function<void(const HttpReply&)> raw = nullptr) {
    status.busy = true;
    status.error.clear();
    if (method != "GET") ++s.writes_sent;
    AppState* state = &s;
    RequestStatus* st = &status;
    http_request(
        method, path, body, lang_key(s.lang),
        [state, st, method, path, ok = std::move(ok), failed = std::move(failed),
         raw = std::move(raw)](const HttpReply& r) {
            st->busy = false;
            state->last_api = {method, path, "", r.status};
            if (r.status == 304) return;  // unchanged since the ETag we sent
            if (r.status >= 200 && r.status < 300) {
                if (raw) raw(r);
                ok(r.body.empty() ? nlohmann::json::object() : parse_json(r.body));
                return;
            }
            const std::string fallback =
                r.status == 0 ? tr(Str::network_error, state->lang) : "HTTP " + std::to_string(r.status);
            api::ApiError e = api::decode_error(r.body, fallback);
            state->last_api.code = e.code;
            if (r.status == 401 && e.code == "not_authenticated") {
                // The session ended (expired, signed out elsewhere): back to the sign-in screen.
                state->user.reset();
                state->screen = Screen::login;
            }
            st->error = e.message;
            if (failed) failed(e);
        },
        headers);
}

bool parse_case_id(const std::string& text, std::int64_t& out) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoll(text);
    return true;
}

std::string dispute_path(std::int64_t id) {
    return std::string(api::kPrefix) + "/disputes/" + std::to_string(id);
}

}  // namespace

// The session reply carries the rules in force: the forms check the server's numbers.
static void take_rules(AppState& s, const nlohmann::json& j) {
    FilingRules rules;
    if (j.contains("rules") && j["rules"].is_object() && j["rules"].contains("filing") &&
        api::decode(j["rules"]["filing"], rules).empty())
        s.filing_rules = rules;
    // The file types the server takes: the picker offers just those.
    s.evidence_types.clear();
    if (j.contains("rules") && j["rules"].is_object() && j["rules"].contains("evidence") &&
        j["rules"]["evidence"].is_object() && j["rules"]["evidence"].contains("media_types") &&
        j["rules"]["evidence"]["media_types"].is_array())
        for (const auto& t : j["rules"]["evidence"]["media_types"])
            if (t.is_string()) s.evidence_types.push_back(t.get<std::string>());
}

static void enter_cases(AppState& s, const api::UserInfo& user) {
    s.user = user;
    s.screen = Screen::cases;
    s.pane = Pane::none;
    s.case_id = 0;
    s.current.reset();
    s.notice.clear();
    load_local_drafts(s);  // before any case opens: its forms come back with it
    load_cases(s);
}

void restore_session(AppState& s) {
    call(
        // optional=1: signed out is a 200 {"user": null}, not a 401 the browser logs as an error.
        s, "GET", std::string(api::kPrefix) + "/session?optional=1", "", s.login_status,
        [&s](const nlohmann::json& j) {
            api::UserInfo user;
            if (j.contains("user") && api::decode(j["user"], user).empty()) {
                take_rules(s, j);
                enter_cases(s, user);
            } else
                s.screen = Screen::login;
        },
        [&s](const api::ApiError&) {
            s.screen = Screen::login;
            s.login_status.error.clear();  // not being signed in yet is not an error
        });
}

void sign_in(AppState& s) {
    const api::LoginRequest req{s.login.username, s.login.password};
    call(s, "POST", std::string(api::kPrefix) + "/session", api::encode(req).dump(), s.login_status,
         [&s](const nlohmann::json& j) {
             api::UserInfo user;
             if (!j.contains("user") || !api::decode(j["user"], user).empty()) {
                 s.login_status.error = error_text(ErrorCode::internal, s.lang);
                 return;
             }
             s.login.password[0] = '\0';  // don't keep it in memory longer than needed
             take_rules(s, j);
             enter_cases(s, user);
         });
}

void sign_out(AppState& s) {
    call(s, "DELETE", std::string(api::kPrefix) + "/session", "", s.login_status, [&s](const nlohmann::json&) {
        forget_local_drafts(s);
        s.nav.published.reset();  // the next user starts at the list, not where this one was
        s.case_id = 0;
        s.user.reset();
        s.cases.clear();
        s.current.reset();
        s.orders.clear();
        s.filing = FilingDraft{};
        s.login = LoginDraft{};  // a shared computer must not offer the last user's name
        s.screen = Screen::login;
    });
}

void load_cases(AppState& s) {
    call(s, "GET", std::string(api::kPrefix) + "/disputes?limit=200", "", s.cases_status,
         [&s](const nlohmann::json& j) {
             // Beside the rows: when each case's next deadline falls due ({"id": time}, 0 when none).
             s.next_due.clear();
             if (j.contains("next_due_at") && j["next_due_at"].is_object())
                 for (auto it = j["next_due_at"].begin(); it != j["next_due_at"].end(); ++it) {
                     std::int64_t id = 0;
                     if (it.value().is_number_integer() && parse_case_id(it.key(), id))
                         s.next_due[id] = it.value().get<std::int64_t>();
                 }
             if (!api::decode_list(j, "disputes", s.cases).empty()) {
                 s.cases_status.error = error_text(ErrorCode::internal, s.lang);
                 return;
             }
             // The first list is the baseline: later changes to a case the user is not looking at get a badge.
             for (const Dispute& d : s.cases)
                 if (!s.seen_updates.count(d.id) && !s.list_baseline_taken) s.seen_updates[d.id] = d.updated_at;
             s.list_baseline_taken = true;
         });
}

// A case view (GET /disputes/{id}, or an action's reply): the dispute, what the user may do now, the deadlines,
// and the case read back into the model so forms run the shared checks on it.
static void take_view(AppState& s, const nlohmann::json& j, const std::string& etag) {
    Dispute d;
    Case seen;
    if (!j.contains("dispute") || !api::decode(j["dispute"], d).empty() || !api::decode_case_view(j, seen).empty()) {
        s.detail_status.error = error_text(ErrorCode::internal, s.lang);
        return;
    }
    const bool moved = !s.current || s.current->id != d.id || s.etag != etag;
    s.current = d;
    s.seen = seen;
    s.etag = etag;
    s.seen_updates[d.id] = d.updated_at;
    s.actions.clear();
    if (j.contains("available_actions") && j["available_actions"].is_array())
        for (const auto& a : j["available_actions"]) {
            Action action{};
            if (a.is_string() && from_key(a.get<std::string>(), action)) s.actions.push_back(action);
        }
    // Someone else moved the case while a form was open: the form stays (the user keeps what they typed) but
    // cannot be sent, and says why.
    if (s.action.open && std::find(s.actions.begin(), s.actions.end(), s.action.action) == s.actions.end())
        s.action_status.error = tr(Str::case_changed, s.lang);
    s.deadlines.clear();
    if (j.contains("deadlines") && j["deadlines"].is_array())
        for (const auto& item : j["deadlines"]) {
            Deadline deadline;
            if (api::decode(item, deadline).empty()) s.deadlines.push_back(deadline);
        }
    if (j.contains("server_time") && j["server_time"].is_number_integer())
        s.server_clock_offset = j["server_time"].get<std::int64_t>() - browser::now_seconds();
    if (moved) {
        load_events(s);
        load_messages(s);
        load_evidence(s);
        // The list shows states too: keep it in step with what just changed.
        for (Dispute& row : s.cases)
            if (row.id == d.id) row = d;
    }
}

static void fetch_view(AppState& s, std::int64_t id, bool conditional) {
    HttpHeaders headers;
    if (conditional && !s.etag.empty()) headers.emplace_back("If-None-Match", s.etag);
    auto etag = std::make_shared<std::string>();
    call(
        s, "GET", dispute_path(id), "", s.detail_status,
        [&s, etag](const nlohmann::json& j) { take_view(s, j, *etag); }, nullptr, headers,
        [etag](const HttpReply& r) { *etag = r.etag; });
}

void open_case(AppState& s, std::int64_t id) {
    s.pane = Pane::detail;
    s.notice.clear();
    if (s.case_id != id) switch_case_forms(s, s.case_id, id);  // what was typed stays with its case
    s.case_id = id;
    if (!s.current || s.current->id != id) {
        s.current.reset();
        s.seen.reset();
        s.actions.clear();
        s.events.clear();
        s.messages.clear();
        s.evidence.clear();
        s.etag.clear();
        s.action_status = {};
    }
    s.last_poll_ms = browser::now_ms();
    fetch_view(s, id, false);
}

void load_events(AppState& s) {
    if (!s.current) return;
    call(s, "GET", dispute_path(s.current->id) + "/events", "", s.detail_status, [&s](const nlohmann::json& j) {
        s.events.clear();
        if (!j.is_object() || !j.contains("events") || !j["events"].is_array()) return;
        for (const auto& e : j["events"]) {
            CaseEventView ev;
            auto text = [&](const char* key) {
                return e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
            };
            ev.seq = e.value("seq", std::int64_t{0});
            ev.at = e.value("at", std::int64_t{0});
            ev.action = text("action");
            ev.relation = text("relation");
            ev.from = text("from");
            ev.to = text("to");
            ev.reason = text("reason");
            ev.detail = text("detail");
            s.events.push_back(ev);
        }
        s.chain_valid = j.value("chain_valid", false);
    });
}

void load_messages(AppState& s) {
    if (!s.current) return;
    call(s, "GET", dispute_path(s.current->id) + "/messages", "", s.messages_status, [&s](const nlohmann::json& j) {
        s.messages.clear();
        if (!j.contains("messages") || !j["messages"].is_array()) return;
        for (const auto& m : j["messages"]) {
            MessageView v;
            v.id = m.value("id", std::int64_t{0});
            v.author_name = m.value("author_name", std::string());
            v.author_role = m.value("author_role", std::string());
            v.visibility = m.value("visibility", std::string());
            v.body = m.value("body", std::string());
            v.at = m.value("at", std::int64_t{0});
            s.messages.push_back(v);
        }
    });
}

void send_message(AppState& s) {
    if (!s.current) return;
    const nlohmann::json body = {{"body", s.message_text}, {"visibility", s.message_staff_only ? "staff" : "all"}};
    const std::int64_t id = s.current->id;
    call(s, "POST", dispute_path(id) + "/messages", body.dump(), s.messages_status,
         [&s, id](const nlohmann::json&) {
             // Sent: its draft goes, wherever the user is now.
             if (s.case_id == id)
                 s.message_text[0] = '\0';
             else
                 s.message_drafts.erase(id);
             s.message_staff_only = false;
             load_messages(s);
             load_events(s);
         });
}

void load_evidence(AppState& s) {
    if (!s.current) return;
    call(s, "GET", dispute_path(s.current->id) + "/evidence", "", s.evidence_status, [&s](const nlohmann::json& j) {
        s.evidence.clear();
        if (j.contains("evidence") && j["evidence"].is_array())
            for (const auto& e : j["evidence"]) {
                EvidenceView v;
                v.id = e.value("id", std::int64_t{0});
                v.file_name = e.value("file_name", std::string());
                v.media_type = e.value("media_type", std::string());
                v.sha256 = e.value("sha256", std::string());
                v.download = e.value("download", std::string());
                v.size_bytes = e.value("size_bytes", std::int64_t{0});
                v.at = e.value("at", std::int64_t{0});
                s.evidence.push_back(v);
            }
        if (j.contains("limits") && j["limits"].is_object()) {
            s.evidence_remaining = j["limits"].value("remaining_case_bytes", std::int64_t{-1});
            s.evidence_max_file = j["limits"].value("max_file_bytes", std::int64_t{0});
        }
    });
}

void load_staff(AppState& s, Role role) {
    const int key = static_cast<int>(role);
    if (s.staff.count(key)) return;
    s.staff[key] = {};  // asked once per session
    static RequestStatus status;
    call(s, "GET", std::string(api::kPrefix) + "/staff?role=" + to_key(role), "", status,
         [&s, key](const nlohmann::json& j) {
             std::vector<StaffMember>& list = s.staff[key];
             list.clear();
             if (j.contains("staff") && j["staff"].is_array())
                 for (const auto& u : j["staff"])
                     list.push_back({u.value("id", std::int64_t{0}), u.value("display_name", std::string())});
         });
}

FieldErrors action_errors(const AppState& s) {
    if (!s.seen || !s.user || !s.action.open) return {};
    const Actor actor{s.user->viewer(), false, ApprovalLevel::team_lead};
    const ActionRequest req = to_request(s.action, *s.seen, actor, browser::now_seconds() + s.server_clock_offset);
    return check_payload(*s.seen, req);
}

void submit_action(AppState& s) {
    if (!s.seen || !s.user || !s.current) return;
    s.action.show_errors = true;
    s.action.server_errors.clear();
    if (!action_errors(s).empty()) return;  // the errors are on screen; nothing is sent
    const Actor actor{s.user->viewer(), false, ApprovalLevel::team_lead};
    const ActionRequest req = to_request(s.action, *s.seen, actor, browser::now_seconds() + s.server_clock_offset);
    const std::int64_t id = s.current->id;
    const Action done = s.action.action;
    HttpHeaders headers;
    if (!s.etag.empty()) headers.emplace_back("If-Match", s.etag);
    auto etag = std::make_shared<std::string>();
    call(
        s, "POST", dispute_path(id) + "/actions", api::encode(req).dump(), s.action_status,
        [&s, etag, done](const nlohmann::json& j) {
            s.action = ActionDraft{};
            take_view(s, j, *etag);
            s.notice = std::string(tr(Str::action_done, s.lang)) + label(done, s.lang);
        },
        [&s, id](const api::ApiError& e) {
            s.action.server_errors = e.details;
            if (!e.field.empty() && e.details.empty()) {  // one field named at the top of the error
                ErrorCode code = ErrorCode::invalid_format;
                from_key(e.code, code);
                s.action.server_errors.push_back({e.field, code, 0});
            }
            if (s.last_api.status == 409) {
                // Someone moved the case meanwhile (a stale version, or it finished): show it as it is now,
                // and say so.
                if (e.code == "version_conflict") s.action_status.error = tr(Str::case_changed, s.lang);
                s.etag.clear();
                fetch_view(s, id, false);
            }
        },
        headers, [etag](const HttpReply& r) { *etag = r.etag; });
}

// What the upload bridge reported since the last frame: bars move, finished files join the case's evidence,
// refusals show the server's message under the file's name.
static void apply_uploads(AppState& s) {
    for (const browser::UploadEvent& e : browser::take_upload_events()) {
        if (e.kind == browser::UploadEvent::Kind::started) {
            s.uploads.push_back(UploadView{e.id, e.case_id, e.file_name, 0, e.total, false, ""});
            continue;
        }
        auto it = std::find_if(s.uploads.begin(), s.uploads.end(), [&](const UploadView& u) { return u.id == e.id; });
        if (it == s.uploads.end()) continue;
        if (e.kind == browser::UploadEvent::Kind::progress) {
            it->loaded = e.loaded;
            it->total = e.total;
            continue;
        }
        if (e.status == 201) {
            const std::int64_t case_id = it->case_id;
            s.uploads.erase(it);
            if (s.current && s.current->id == case_id) fetch_view(s, case_id, false);  // a new version, new evidence
            continue;
        }
        it->done = true;
        if (e.status == -1) {
            s.uploads.erase(it);  // cancelled by the user: nothing to report
            continue;
        }
        it->error = e.status == 0 ? tr(Str::network_error, s.lang)
                                  : api::decode_error(e.body, "HTTP " + std::to_string(e.status)).message;
    }
}

void poll(AppState& s) {
    apply_uploads(s);
    if (s.screen != Screen::cases || !s.user) return;
    const double now = browser::now_ms();
    // The open case every 5 s (a 304 costs no body), the list every 20 s: other people's moves show up.
    if (s.pane == Pane::detail && s.current && !s.detail_status.busy && now - s.last_poll_ms > 5000) {
        s.last_poll_ms = now;
        fetch_view(s, s.current->id, true);
    }
    if (!s.cases_status.busy && now - s.last_list_poll_ms > 20000) {
        s.last_list_poll_ms = now;
        load_cases(s);
    }
}

void start_filing(AppState& s, const std::string& order_ref) {
    s.pane = Pane::filing;
    s.notice.clear();
    s.filing_status = {};
    if (!s.filing.open) s.filing = FilingDraft{};  // a draft in progress is resumed, not replaced
    s.filing.open = true;
    // The order is named again once the list arrives (it may have changed meanwhile).
    if (!order_ref.empty())
        s.filing.wanted_order = order_ref;
    else if (const OrderSnapshot* o = selected_order(s); o && s.filing.wanted_order.empty())
        s.filing.wanted_order = o->order_ref;
    s.filing.order_index = -1;
    call(s, "GET", std::string(api::kPrefix) + "/orders", "", s.orders_status, [&s](const nlohmann::json& j) {
        if (!api::decode_list(j, "orders", s.orders).empty())
            s.orders_status.error = error_text(ErrorCode::internal, s.lang);
        auto set_amount = [&s](const OrderSnapshot& o) {
            std::snprintf(s.filing.amount, sizeof s.filing.amount, "%lld.%02lld",
                          static_cast<long long>(o.total.minor / 100), static_cast<long long>(o.total.minor % 100));
        };
        // The order named by the address or the draft, the amount following it until the user types one.
        if (!s.filing.wanted_order.empty()) {
            const std::string wanted = s.filing.wanted_order;
            s.filing.wanted_order.clear();
            for (std::size_t i = 0; i < s.orders.size(); ++i)
                if (s.orders[i].order_ref == wanted) {
                    s.filing.order_index = static_cast<int>(i);
                    if (!s.filing.amount_typed) set_amount(s.orders[i]);
                    return;
                }
        }
        // Preselect the order that makes sense: the newest one without a case whose window is still open,
        // with its total as the amount (a full refund, until the user says otherwise).
        if (s.filing.order_index >= 0) return;
        const Timestamp now = browser::now_seconds() + s.server_clock_offset;
        for (std::size_t i = 0; i < s.orders.size(); ++i) {
            const OrderSnapshot& o = s.orders[i];
            if (o.open_dispute_id != 0 || filing_deadline(o, static_cast<Category>(s.filing.category), s.filing_rules) <= now) continue;
            s.filing.order_index = static_cast<int>(i);
            if (!s.filing.amount_typed) set_amount(o);
            break;
        }
    });
}

void submit_filing(AppState& s) {
    s.filing.show_errors = true;
    s.filing.server_errors.clear();
    const FilingForm form = filing_form(s);
    call(
        s, "POST", std::string(api::kPrefix) + "/disputes", api::encode(form).dump(), s.filing_status,
        [&s](const nlohmann::json& j) {
            Dispute d;
            if (!j.contains("dispute") || !api::decode(j["dispute"], d).empty()) {
                s.filing_status.error = error_text(ErrorCode::internal, s.lang);
                return;
            }
            s.filing = FilingDraft{};
            s.current = d;
            open_case(s, d.id);
            load_cases(s);
            s.notice = std::string(tr(Str::filed_notice, s.lang)) + " " + case_number(d.id);
        },
        [&s](const api::ApiError& e) { s.filing.server_errors = e.details; });
}

}  // namespace accord::client
