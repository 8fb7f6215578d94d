// The admin's rule set: defaults are valid; each bad setting is named.
#include <doctest/doctest.h>

#include "accord/rule_set.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

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
    CHECK(has_error(e, "deadlines.consent"));
    CHECK(has_error(e, "deadlines.appeal_window"));
    CHECK(has_error(e, "filing.filing_window_days"));
    CHECK(has_error(e, "filing.not_received_window_days"));
    CHECK(has_error(e, "auto_grant_max_minor"));
    CHECK(has_error(e, "high_value_min_minor"));
    CHECK(has_error(e, "penalties.points.counterfeit"));
    CHECK(has_error(e, "sanctions.restrict_recommendations"));
    CHECK(has_error(e, "approvals.manager_threshold_minor"));
    CHECK_FALSE(has_error(e, "deadlines.refund"));
}
