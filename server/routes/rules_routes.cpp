// GET /api/v1/rules: the limits and rules in force, so a client never compiles in its own copy
// (filing limits, description length, evidence sizes and types, thresholds, deadlines).
// POST /api/v1/test/clock: only with --test-clock, moves the server's clock forward and fires
// what fell due, so tests let deadlines pass without sleeping.
#include "accord/api.hpp"
#include "accord/json_reader.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

nlohmann::json duration_json(const Duration& d) {
    return {{"amount", d.amount}, {"unit", d.unit == Duration::Unit::business_days ? "business_days" : "hours"}};
}

}  // namespace

nlohmann::json rules_json(const AppContext& app) {
    const RuleSet& r = app.config.rules;
    const DeadlineRules& d = r.deadlines;
    return {{"filing", api::encode(r.filing)},
            {"evidence",
             {{"max_file_bytes", app.config.evidence.max_file_bytes},
              {"max_case_bytes", app.config.evidence.max_case_bytes},
              {"media_types", {"image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4"}}}},
            {"auto_grant", {{"enabled", r.auto_grant_enabled}, {"max_minor", r.auto_grant_max_minor}}},
            {"high_value_min_minor", r.high_value_min_minor},
            {"approvals",
             {{"manager_threshold_minor", r.approvals.manager_threshold_minor}, {"currency", r.approvals.currency}}},
            {"deadlines",
             {{"first_response", duration_json(d.first_response)},
              {"triage", duration_json(d.triage)},
              {"info_reply", duration_json(d.info_reply)},
              {"merchant_response", duration_json(d.merchant_response)},
              {"merchant_response_after_sales", duration_json(d.merchant_response_after_sales)},
              {"negotiation", duration_json(d.negotiation)},
              {"proposal_review", duration_json(d.proposal_review)},
              {"consent", duration_json(d.consent)},
              {"appeal_window", duration_json(d.appeal_window)},
              {"return_shipment", duration_json(d.return_shipment)},
              {"merchant_inspection", duration_json(d.merchant_inspection)},
              {"refund", duration_json(d.refund)},
              {"reship", duration_json(d.reship)},
              {"buyer_confirmation", duration_json(d.buyer_confirmation)},
              {"resolution_normal", duration_json(d.resolution_normal)},
              {"resolution_urgent", duration_json(d.resolution_urgent)}}}};
}

void register_rules_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/rules", [&app](const httplib::Request& req, httplib::Response& res) {
        if (!http::require_user(app, req, res)) return;
        http::send_json(res, 200, {{"rules", rules_json(app)}, {"server_time", app.now()}});
    });

    if (!app.config.test_clock) return;
    server.Post("/api/v1/test/clock", [&app](const httplib::Request& req, httplib::Response& res) {
        const Lang lang = http::request_lang(req);
        auto body = http::read_json_body(req, res);
        if (!body) return;
        FieldErrors errors;
        std::int64_t seconds = 0;
        JsonReader r(*body, errors, {"advance_seconds"});
        if (r.integer("advance_seconds", seconds) && (seconds < 0 || seconds > 400 * kSecondsPerDay))
            errors.push_back({"advance_seconds", ErrorCode::out_of_range, 0});
        if (!errors.empty()) return http::send_field_errors(res, 400, errors, lang);
        const int fired = app.advance_clock(seconds);
        http::send_json(res, 200, {{"server_time", app.now()}, {"fired", fired}});
    });
}

}  // namespace accord::routes
