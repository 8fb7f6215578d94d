// Every number the platform's rules use, in one struct admins edit (deadlines, thresholds,
// penalty table, sanction tiers, approval limits). Defaults follow the seeds.
#pragma once
#include "accord/approvals.hpp"
#include "accord/calendar.hpp"
#include "accord/filing.hpp"
#include "accord/penalties.hpp"

namespace accord {

struct DeadlineRules {
    Duration first_response = hours(24);        // a person from the platform answers
    Duration triage = hours(24);                // accepted, rejected or info requested
    Duration info_reply = hours(72);            // the buyer supplies what was asked for
    Duration merchant_response = hours(48);     // 商家举证
    Duration merchant_response_after_sales = business_days(1);  // after-sales cases: 1 working day
    Duration negotiation = hours(72);           // then the platform steps in
    Duration proposal_review = hours(24);       // internal review of a mediator's proposal
    Duration consent = hours(48);               // silence counts as consent (超时未提出异议)
    Duration appeal_window = business_days(5);  // after a ruling
    Duration return_shipment = hours(7 * 24);
    Duration merchant_inspection = hours(48);
    Duration refund = hours(72);
    Duration reship = hours(72);
    Duration buyer_confirmation = hours(7 * 24);
    // The platform's own resolution time, counted only while the case waits on the platform.
    Duration resolution_normal = hours(48);
    Duration resolution_urgent = hours(24);
};

struct RuleSet {
    DeadlineRules deadlines;
    FilingRules filing;
    // A silent merchant loses a low-value claim outright (the Taobao rule); above it, mediation.
    bool auto_grant_enabled = true;
    std::int64_t auto_grant_max_minor = 20000;  // 200.00
    std::int64_t high_value_min_minor = 500000;  // 5000.00: routed to specialists
    PenaltyTable penalties;
    SanctionThresholds sanctions;
    ApprovalRules approvals;
};

// Every problem with an admin's edited rule set, with dotted field names ("deadlines.consent").
FieldErrors validate_rule_set(const RuleSet& rules);

}  // namespace accord
