// GET /api/v1/rules: the limits and rules in force, so a client never compiles in its own copy
// (filing limits, description length, evidence sizes and types, thresholds, deadlines), and how
// far the holiday calendar runs (calendar_ends, and a warning in its last 60 days).
// POST /api/v1/test/clock: only with --test-clock, moves the server's clock forward and fires
// what fell due, so tests let deadlines pass without sleeping.
#include "accord/api.hpp"
#include "accord/calendar_extension.hpp"
#include "accord/evidence.hpp"
#include "accord/json_reader.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "ops/calendar.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

// GET /api/v1/rules warns this many days before the holiday calendar runs out.
constexpr std::int64_t kCalendarWarningDays = 60;

nlohmann::json duration_json(const Duration& d) {
    return {{"amount", d.amount}, {"unit", d.unit == Duration::Unit::business_days ? "business_days" : "hours"}};
}

}  // namespace

nlohmann::json rules_json(const AppContext& app) {
    // The accepted types are the model's (evidence.hpp), the same list the upload is sniffed against.
    nlohmann::json media_types = nlohmann::json::array();
    for (const auto& e : EnumTable<EvidenceType>::entries) media_types.push_back(media_type(e.value));
    const RuleSet& r = app.config.rules;
    const DeadlineRules& d = r.deadlines;
    return {{"filing", api::encode(r.filing)},
            {"evidence",
             {{"max_file_bytes", app.config.evidence.max_file_bytes},
              {"max_case_bytes", app.config.evidence.max_case_bytes},
              {"media_types", std::move(media_types)}}},
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
        const Timestamp now = app.now();
        nlohmann::json reply = {{"rules", rules_json(app)}, {"server_time", now}};
        // Past its last year the calendar knows no public holidays, and working-day deadlines
        // would count them as working days: say so while there is time to add the next year.
        // Beside "rules", not inside: the session reply carries the same rules to the client.
        const BusinessCalendar& calendar = ops::calendar_in_force();
        const CivilDate end = calendar_end(calendar);
        reply["calendar_ends"] = format_date(end);
        const Timestamp left = calendar.end_of_day(end) - now;
        if (left <= kCalendarWarningDays * kSecondsPerDay) {
            const std::string date = format_date(end), days = std::to_string(left / kSecondsPerDay);
            const bool zh = http::request_lang(req) == Lang::zh_CN;
            std::string message;
            if (left <= 0)
                message = zh ? "节假日日历已于 " + date + " 结束" : "The holiday calendar ended on " + date;
            else
                message = zh ? "节假日日历将于 " + date + " 结束（还剩 " + days + " 天）"
                             : "The holiday calendar ends on " + date + ", in " + days + " days";
            message += zh ? "：请把下一年的节假日加入数据目录中的 holidays.tsv 并重启服务器"
                          : ": add next year's holidays to holidays.tsv in the data dir and restart the server";
            reply["warning"] = {{"code", "calendar_ending"}, {"message", message}};
        }
        http::send_json(res, 200, reply);
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
