#include "app_state.hpp"

#include "accord/api_lifecycle.hpp"

#include "forms/local_drafts.hpp"
#include "net/http.hpp"

namespace accord::client {

const OrderSnapshot* selected_order(const AppState& s) {
    if (s.filing.order_index < 0 || s.filing.order_index >= static_cast<int>(s.orders.size())) return nullptr;
    return &s.orders[static_cast<std::size_t>(s.filing.order_index)];
}

FilingForm filing_form(const AppState& s) {
    FilingForm f;
    if (const OrderSnapshot* o = selected_order(s)) {
        f.order_ref = o->order_ref;
        f.currency = o->total.currency;
    }
    f.category = static_cast<Category>(s.filing.category);
    f.requested_remedy = static_cast<Remedy>(s.filing.remedy);
    std::int64_t minor = 0;
    // Unparseable text counts as 0, which validation reports as "must be greater than 0".
    f.amount_minor = parse_amount(s.filing.amount, minor) ? minor : 0;
    f.description = s.filing.description;
    f.channel = Channel::web;
    return f;
}

std::string test_state_json(const AppState& s) {
    static const char* kScreens[] = {"starting", "login", "cases"};
    static const char* kPanes[] = {"none", "detail", "filing"};
    nlohmann::json j;
    j["screen"] = kScreens[static_cast<int>(s.screen)];
    j["pane"] = kPanes[static_cast<int>(s.pane)];
    j["lang"] = lang_key(s.lang);
    j["user"] = s.user ? api::encode(*s.user) : nlohmann::json(nullptr);
    j["cases"] = nlohmann::json::array();
    for (const Dispute& d : s.cases) j["cases"].push_back(api::encode(d));
    j["current"] = s.current ? api::encode(*s.current) : nlohmann::json(nullptr);
    j["deadlines"] = nlohmann::json::array();
    for (const Deadline& d : s.deadlines) j["deadlines"].push_back(api::encode(d));
    j["orders"] = s.orders.size();
    const OrderSnapshot* order = selected_order(s);
    j["filing_draft"] = {{"order_ref", order ? order->order_ref : ""}, {"amount", s.filing.amount}};
    j["actions"] = nlohmann::json::array();
    for (Action a : s.actions) j["actions"].push_back(to_key(a));
    j["action_form"] = s.action.open ? nlohmann::json(to_key(s.action.action)) : nlohmann::json(nullptr);
    nlohmann::json action_errors = nlohmann::json::array();
    for (const FieldError& e : s.action.server_errors)
        action_errors.push_back({{"field", e.field}, {"code", to_key(e.code)}});
    j["action_server_errors"] = action_errors;
    nlohmann::json local = nlohmann::json::array();
    for (const FieldError& e : s.action_shown_errors) local.push_back({{"field", e.field}, {"code", to_key(e.code)}});
    j["action_errors"] = local;
    j["etag"] = s.etag;
    j["writes_sent"] = s.writes_sent;
    j["messages"] = nlohmann::json::array();
    for (const MessageView& m : s.messages)
        j["messages"].push_back({{"body", m.body}, {"visibility", m.visibility}, {"author_role", m.author_role}});
    j["evidence"] = nlohmann::json::array();
    for (const EvidenceView& e : s.evidence) j["evidence"].push_back({{"id", e.id}, {"file_name", e.file_name}});
    j["uploads"] = nlohmann::json::array();
    for (const UploadView& u : s.uploads)
        j["uploads"].push_back({{"file_name", u.file_name}, {"loaded", u.loaded}, {"error", u.error}});
    j["timeline"] = nlohmann::json::array();
    for (const CaseEventView& e : s.events) j["timeline"].push_back(e.action + " " + e.relation);
    nlohmann::json errors = nlohmann::json::array();
    for (const FieldError& e : s.filing.server_errors) errors.push_back({{"field", e.field}, {"code", to_key(e.code)}});
    j["filing_server_errors"] = errors;
    nlohmann::json shown = nlohmann::json::array();
    for (const FieldError& e : s.filing.shown_errors) shown.push_back({{"field", e.field}, {"code", to_key(e.code)}});
    j["filing_errors"] = shown;
    j["errors"] = {{"login", s.login_status.error},   {"cases", s.cases_status.error},
                   {"detail", s.detail_status.error}, {"filing", s.filing_status.error},
                   {"action", s.action_status.error}, {"messages", s.messages_status.error}};
    j["notice"] = s.notice;
    j["route"] = s.nav.published_text;
    j["filing_description"] = s.filing.description;
    j["message_text"] = s.message_text;
    j["leave_warning"] = has_unsent_forms(s);
    j["pending_requests"] = http_pending();
    j["last_api"] = {{"method", s.last_api.method},
                     {"path", s.last_api.path},
                     {"status", s.last_api.status},
                     {"code", s.last_api.code}};
    nlohmann::json widgets = nlohmann::json::object();
    for (const auto& [name, r] : s.widgets) widgets[name] = {r.x, r.y, r.w, r.h};
    j["widgets"] = widgets;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace accord::client
