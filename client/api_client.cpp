#include "api_client.hpp"

#include "accord/api_lifecycle.hpp"
#include "accord/json_reader.hpp"
#include "platform/browser.hpp"
#include "i18n/strings.hpp"
#include "net/http.hpp"

namespace accord::client {

namespace {

// Sends a request; on reply records it for the test hook, then calls `ok` for 2xx or fills
// `status.error` with the server's message (or a network error).
void call(AppState& s, const std::string& method, const std::string& path, const std::string& body,
          RequestStatus& status, std::function<void(const nlohmann::json&)> ok,
          std::function<void(const api::ApiError&)> failed = nullptr) {
    status.busy = true;
    status.error.clear();
    AppState* state = &s;
    RequestStatus* st = &status;
    http_request(method, path, body, lang_key(s.lang),
                 [state, st, method, path, ok = std::move(ok), failed = std::move(failed)](const HttpReply& r) {
                     st->busy = false;
                     state->last_api = {method, path, "", r.status};
                     if (r.status >= 200 && r.status < 300) {
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
                 });
}

std::string dispute_path(std::int64_t id) { return std::string(api::kPrefix) + "/disputes/" + std::to_string(id); }

}  // namespace

// The session reply carries the rules in force: the forms check the server's numbers.
static void take_rules(AppState& s, const nlohmann::json& j) {
    FilingRules rules;
    if (j.contains("rules") && j["rules"].is_object() && j["rules"].contains("filing") &&
        api::decode(j["rules"]["filing"], rules).empty())
        s.filing_rules = rules;
}

static void enter_cases(AppState& s, const api::UserInfo& user) {
    s.user = user;
    s.screen = Screen::cases;
    s.pane = Pane::none;
    s.current.reset();
    s.notice.clear();
    load_cases(s);
}

void restore_session(AppState& s) {
    call(s, "GET", std::string(api::kPrefix) + "/session", "", s.login_status,
         [&s](const nlohmann::json& j) {
             api::UserInfo user;
             if (j.contains("user") && api::decode(j["user"], user).empty()) {
                 take_rules(s, j);
                 enter_cases(s, user);
             }
             else s.screen = Screen::login;
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
             if (!api::decode_list(j, "disputes", s.cases).empty())
                 s.cases_status.error = error_text(ErrorCode::internal, s.lang);
         });
}

void open_case(AppState& s, std::int64_t id) {
    s.pane = Pane::detail;
    s.notice.clear();
    call(s, "GET", dispute_path(id), "", s.detail_status, [&s](const nlohmann::json& j) {
        Dispute d;
        if (!j.contains("dispute") || !api::decode(j["dispute"], d).empty()) {
            s.detail_status.error = error_text(ErrorCode::internal, s.lang);
            return;
        }
        s.current = d;
        s.deadlines.clear();
        if (j.contains("deadlines") && j["deadlines"].is_array())
            for (const auto& item : j["deadlines"]) {
                Deadline deadline;
                if (api::decode(item, deadline).empty()) s.deadlines.push_back(deadline);
            }
        if (j.contains("server_time") && j["server_time"].is_number_integer())
            s.server_clock_offset = j["server_time"].get<std::int64_t>() - browser::now_seconds();
    });
    s.events.clear();
    call(s, "GET", dispute_path(id) + "/events", "", s.detail_status, [&s](const nlohmann::json& j) {
        s.events.clear();
        if (!j.is_object() || !j.contains("events") || !j["events"].is_array()) return;
        for (const auto& e : j["events"]) {
            FieldErrors errs;
            CaseEventView ev;
            JsonReader r(e, errs, {"seq", "action", "actor_id", "at", "reason", "hash"});
            r.integer("seq", ev.seq);
            r.string("action", ev.action);
            r.integer("at", ev.at);
            s.events.push_back(ev);
        }
        s.chain_valid = j.value("chain_valid", false);
    });
}

void start_filing(AppState& s) {
    s.pane = Pane::filing;
    s.notice.clear();
    s.filing = FilingDraft{};
    s.filing_status = {};
    call(s, "GET", std::string(api::kPrefix) + "/orders", "", s.orders_status, [&s](const nlohmann::json& j) {
        if (!api::decode_list(j, "orders", s.orders).empty())
            s.orders_status.error = error_text(ErrorCode::internal, s.lang);
        if (!s.orders.empty() && s.filing.order_index < 0) s.filing.order_index = 0;
    });
}

void submit_filing(AppState& s) {
    s.filing.show_errors = true;
    s.filing.server_errors.clear();
    const FilingForm form = filing_form(s);
    call(s, "POST", std::string(api::kPrefix) + "/disputes", api::encode(form).dump(), s.filing_status,
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
