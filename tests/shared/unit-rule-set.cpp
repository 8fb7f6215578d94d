// The admin's rule set: defaults are valid; each bad setting is named.
#include <doctest/doctest.h>

#include "accord/rule_set.hpp"

using namespace accord;

static bool has(const FieldErrors& errors, const std::string& field) {
    for (const FieldError& e : errors)
        if (e.field == field) return true;
    return false;
}

TEST_CASE("the default rule set is valid and follows the seeds") {
    const RuleSet r;
    CHECK(validate_rule_set(r).empty());
    CHECK(r.deadlines.first_response == hours(24));
    CHECK(r.deadlines.merchant_response == hours(48));
    CHECK(r.deadlines.merchant_response_after_sales == business_days(1));
    CHECK(r.deadlines.resolution_normal == hours(48));
    CHECK(r.deadlines.resolution_urgent == hours(24));
    CHECK(r.filing.filing_window_days == 15);
    CHECK(r.approvals.manager_threshold_minor == 100000);
}

TEST_CASE("each bad setting is reported with its dotted name") {
    RuleSet r;
    r.deadlines.consent = hours(0);
    r.deadlines.appeal_window = business_days(400);
    r.filing.filing_window_days = 0;
    r.filing.not_received_window_days = 366;
    r.auto_grant_max_minor = -1;
    r.high_value_min_minor = 0;
    r.penalties.set(Violation::counterfeit, 101);
    r.sanctions.restrict_recommendations = r.sanctions.restrict_listings;
    r.approvals.manager_threshold_minor = 0;
    const FieldErrors e = validate_rule_set(r);
    CHECK(has(e, "deadlines.consent"));
    CHECK(has(e, "deadlines.appeal_window"));
    CHECK(has(e, "filing.filing_window_days"));
    CHECK(has(e, "filing.not_received_window_days"));
    CHECK(has(e, "auto_grant_max_minor"));
    CHECK(has(e, "high_value_min_minor"));
    CHECK(has(e, "penalties.points.counterfeit"));
    CHECK(has(e, "sanctions.restrict_recommendations"));
    CHECK(has(e, "approvals.manager_threshold_minor"));
    CHECK_FALSE(has(e, "deadlines.refund"));
}
