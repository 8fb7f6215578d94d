// Every open deadline of a case, computed (never stored) from its clocks and the rule set,
// and what happens when each passes. The server's scheduler applies the consequence; every
// party's screen shows the same countdown.
#pragma once
#include <optional>
#include <vector>

#include "accord/case.hpp"
#include "accord/rule_set.hpp"

namespace accord {

enum class DeadlineKind {
    first_response, triage, info_reply, merchant_response, negotiation, proposal_review, consent, appeal_window,
    return_shipment, merchant_inspection, refund, reship, buyer_confirmation, resolution
};

template <>
struct EnumTable<DeadlineKind> {
    static constexpr EnumEntry<DeadlineKind> entries[] = {
        {DeadlineKind::first_response, "first_response", "首次响应", "First response"},
        {DeadlineKind::triage, "triage", "初步审核", "Triage"},
        {DeadlineKind::info_reply, "info_reply", "补充材料", "Supply the requested information"},
        {DeadlineKind::merchant_response, "merchant_response", "商家举证", "Merchant response"},
        {DeadlineKind::negotiation, "negotiation", "双方协商", "Negotiation"},
        {DeadlineKind::proposal_review, "proposal_review", "调解方案审核", "Proposal review"},
        {DeadlineKind::consent, "consent", "确认调解方案", "Consent to the proposal"},
        {DeadlineKind::appeal_window, "appeal_window", "申诉期", "Appeal window"},
        {DeadlineKind::return_shipment, "return_shipment", "买家退货", "Return shipment"},
        {DeadlineKind::merchant_inspection, "merchant_inspection", "商家验货", "Merchant inspection"},
        {DeadlineKind::refund, "refund", "退款", "Refund"},
        {DeadlineKind::reship, "reship", "商家发货", "Merchant shipment"},
        {DeadlineKind::buyer_confirmation, "buyer_confirmation", "买家确认", "Buyer confirmation"},
        {DeadlineKind::resolution, "resolution", "平台处理时限", "Platform resolution time"},
    };
};

// What the scheduler does when a deadline passes.
enum class Consequence {
    notify_overdue,          // the platform missed its own SLA: record it once, alert staff; nothing else moves
    escalate_to_mediation,   // the platform steps in
    auto_grant,              // a silent merchant loses a low-value claim: execute the buyer's request
    auto_close,              // the waiting party let it lapse (no info, no return, no objection)
    deemed_consent,          // silence counts as consent to the mediator's proposal
    start_execution,         // the appeal window passed: the ruling is carried out
    deemed_passed,           // the merchant did not inspect in time: the return counts as accepted
};

template <>
struct EnumTable<Consequence> {
    static constexpr EnumEntry<Consequence> entries[] = {
        {Consequence::notify_overdue, "notify_overdue", "记录超时并提醒", "Record and alert"},
        {Consequence::escalate_to_mediation, "escalate_to_mediation", "自动转平台介入", "Escalate to mediation"},
        {Consequence::auto_grant, "auto_grant", "自动支持买家诉求", "Grant the buyer's claim"},
        {Consequence::auto_close, "auto_close", "自动结案", "Close the case"},
        {Consequence::deemed_consent, "deemed_consent", "视为同意", "Deemed consent"},
        {Consequence::start_execution, "start_execution", "裁决生效并执行", "Carry out the ruling"},
        {Consequence::deemed_passed, "deemed_passed", "视为验货通过", "Return deemed accepted"},
    };
};

struct Deadline {
    DeadlineKind kind = DeadlineKind::resolution;
    Party on = Party::platform;  // whose move it is
    Timestamp due = 0;           // when running
    bool paused = false;         // the clock waits while the case is with the other side
    std::int64_t remaining = 0;  // seconds left, when paused
    Consequence consequence = Consequence::notify_overdue;
};

// Every deadline running (or paused) on the case now, earliest first.
std::vector<Deadline> open_deadlines(const Case& c, const RuleSet& rules, const BusinessCalendar& calendar);
// The earliest passed deadline whose consequence has not been applied yet, if any.
std::optional<Deadline> due_deadline(const Case& c, Timestamp now, const RuleSet& rules,
                                     const BusinessCalendar& calendar);
// When due_deadline() will next return something (the earliest running deadline whose
// consequence is still to apply), or nothing while no deadline runs. The server's scheduler
// stores it with the case and looks at the case again then.
std::optional<Timestamp> next_due_at(const Case& c, const RuleSet& rules, const BusinessCalendar& calendar);

}  // namespace accord
