#include "accord/rule_set.hpp"

namespace accord {

static void prefixed(FieldErrors& out, const FieldErrors& in, const std::string& prefix) {
    for (FieldError e : in) {
        e.field = prefix + e.field;
        out.push_back(e);
    }
}

FieldErrors validate_rule_set(const RuleSet& r) {
    FieldErrors errors;
    const DeadlineRules& d = r.deadlines;
    const std::pair<const char*, const Duration*> durations[] = {
        {"first_response", &d.first_response},
        {"triage", &d.triage},
        {"info_reply", &d.info_reply},
        {"merchant_response", &d.merchant_response},
        {"merchant_response_after_sales", &d.merchant_response_after_sales},
        {"negotiation", &d.negotiation},
        {"proposal_review", &d.proposal_review},
        {"consent", &d.consent},
        {"appeal_window", &d.appeal_window},
        {"return_shipment", &d.return_shipment},
        {"merchant_inspection", &d.merchant_inspection},
        {"refund", &d.refund},
        {"reship", &d.reship},
        {"buyer_confirmation", &d.buyer_confirmation},
        {"resolution_normal", &d.resolution_normal},
        {"resolution_urgent", &d.resolution_urgent},
    };
    for (const auto& [name, duration] : durations)
        prefixed(errors, validate_duration(*duration, name), "deadlines.");
    if (r.filing.filing_window_days < 1 || r.filing.filing_window_days > 365)
        errors.push_back({"filing.filing_window_days", ErrorCode::out_of_range, 0});
    if (r.filing.not_received_window_days < 1 || r.filing.not_received_window_days > 365)
        errors.push_back({"filing.not_received_window_days", ErrorCode::out_of_range, 0});
    if (r.auto_grant_max_minor < 0) errors.push_back({"auto_grant_max_minor", ErrorCode::out_of_range, 0});
    if (r.high_value_min_minor <= 0) errors.push_back({"high_value_min_minor", ErrorCode::must_be_positive, 0});
    prefixed(errors, validate(r.penalties), "penalties.");
    prefixed(errors, validate(r.sanctions), "sanctions.");
    prefixed(errors, validate(r.approvals), "approvals.");
    return errors;
}

}  // namespace accord
