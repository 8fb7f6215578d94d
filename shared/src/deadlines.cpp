#include "accord/deadlines.hpp"

#include <algorithm>

namespace accord {

namespace {

Duration step_duration(ExecutionStep step, const DeadlineRules& d) {
    switch (step) {
        case ExecutionStep::return_shipment: return d.return_shipment;
        case ExecutionStep::merchant_inspection: return d.merchant_inspection;
        case ExecutionStep::refund: return d.refund;
        case ExecutionStep::reship: return d.reship;
        case ExecutionStep::buyer_confirmation: return d.buyer_confirmation;
    }
    return d.buyer_confirmation;
}

DeadlineKind step_kind(ExecutionStep step) {
    switch (step) {
        case ExecutionStep::return_shipment: return DeadlineKind::return_shipment;
        case ExecutionStep::merchant_inspection: return DeadlineKind::merchant_inspection;
        case ExecutionStep::refund: return DeadlineKind::refund;
        case ExecutionStep::reship: return DeadlineKind::reship;
        case ExecutionStep::buyer_confirmation: return DeadlineKind::buyer_confirmation;
    }
    return DeadlineKind::buyer_confirmation;
}

Consequence step_consequence(ExecutionStep step) {
    switch (step) {
        case ExecutionStep::return_shipment: return Consequence::auto_close;        // the buyer gave up the return
        case ExecutionStep::merchant_inspection: return Consequence::deemed_passed;
        case ExecutionStep::refund:
        case ExecutionStep::reship: return Consequence::escalate_to_mediation;     // the platform enforces
        case ExecutionStep::buyer_confirmation: return Consequence::auto_close;    // no objection: done
    }
    return Consequence::auto_close;
}

}  // namespace

std::vector<Deadline> open_deadlines(const Case& c, const RuleSet& rules, const BusinessCalendar& cal) {
    std::vector<Deadline> out;
    if (is_terminal(c.dispute.state)) return out;
    const DeadlineRules& d = rules.deadlines;
    const Timestamp entered = c.state_entered_at;
    auto add = [&](DeadlineKind kind, Party on, Timestamp start, Duration duration, Consequence consequence) {
        out.push_back({kind, on, deadline_after(start, duration, cal), false, 0, consequence});
    };

    if (c.first_response_at == 0)
        add(DeadlineKind::first_response, Party::platform, c.dispute.created_at, d.first_response,
            Consequence::notify_overdue);

    switch (c.dispute.state) {
        case DisputeState::filed:
            add(DeadlineKind::triage, Party::platform, entered, d.triage, Consequence::notify_overdue);
            break;
        case DisputeState::info_requested:
            add(DeadlineKind::info_reply, claimant_of(c.dispute.kind), entered, d.info_reply, Consequence::auto_close);
            break;
        case DisputeState::awaiting_merchant: {
            // Seed 003 (商家应在买家发起售后申请后……一个工作日内……初步响应): an after-sales reply is due one
            // working day after the buyer applied, however long triage took; other merchant responses count
            // from the platform's acceptance. The respondent answers (the buyer, in a merchant's case against a
            // buyer); only a silent merchant loses a small claim outright (the Taobao rule protects buyers).
            const bool after_sales = c.dispute.category == Category::after_sales;
            const bool small = rules.auto_grant_enabled && c.dispute.amount.minor <= rules.auto_grant_max_minor &&
                               c.dispute.kind == CaseKind::buyer_vs_merchant;
            add(DeadlineKind::merchant_response, respondent_of(c.dispute.kind),
                after_sales ? c.dispute.created_at : entered,
                after_sales ? d.merchant_response_after_sales : d.merchant_response,
                small ? Consequence::auto_grant : Consequence::escalate_to_mediation);
            break;
        }
        case DisputeState::negotiation:
            add(DeadlineKind::negotiation, Party::buyer, entered, d.negotiation, Consequence::escalate_to_mediation);
            // The claimant moves first after a contest; then whoever did not make the latest offer.
            out.back().on = c.offers.empty()                        ? claimant_of(c.dispute.kind)
                            : c.offers.back().from == Party::merchant ? Party::buyer
                                                                      : Party::merchant;
            break;
        case DisputeState::mediation_review:
            add(DeadlineKind::proposal_review, Party::platform, entered, d.proposal_review,
                Consequence::notify_overdue);
            break;
        case DisputeState::awaiting_consent:
            // Against the platform, the merchant alone consents.
            add(DeadlineKind::consent,
                c.buyer_consented || c.dispute.kind == CaseKind::merchant_vs_platform ? Party::merchant : Party::buyer,
                entered, d.consent,
                Consequence::deemed_consent);
            break;
        case DisputeState::ruled:
            add(DeadlineKind::appeal_window, Party::buyer, entered, d.appeal_window, Consequence::start_execution);
            break;
        case DisputeState::execution: {
            const ExecutionStep step = current_step(c);
            add(step_kind(step), step_party(c, step), c.step_entered_at, step_duration(step, d),
                step_consequence(step));
            break;
        }
        // No deadline of its own: the platform's resolution time below runs (or is paused) in these;
        // terminal states returned above.
        case DisputeState::mediation:
        case DisputeState::arbitration:
        case DisputeState::appealed:
        case DisputeState::rejected:
        case DisputeState::closed:
        case DisputeState::withdrawn:
        case DisputeState::referred_external:
            break;
    }

    // The platform's own resolution time runs only while the case waits on the platform.
    const Duration sla = c.triage.priority == Priority::urgent ? d.resolution_urgent : d.resolution_normal;
    const Timestamp due = deadline_after(c.dispute.created_at, sla, cal) + c.platform_paused_seconds;
    Deadline res{DeadlineKind::resolution, Party::platform, due, false, 0, Consequence::notify_overdue};
    if (c.platform_paused_since != 0) {
        res.paused = true;
        res.remaining = std::max<std::int64_t>(0, due - c.platform_paused_since);
        res.due = 0;
    }
    out.push_back(res);

    std::stable_sort(out.begin(), out.end(), [](const Deadline& a, const Deadline& b) {
        if (a.paused != b.paused) return !a.paused;
        return a.due < b.due;
    });
    return out;
}

namespace {

bool already_reported(const Case& c, const Deadline& d) {
    const std::string key = to_key(d.kind);
    return d.consequence == Consequence::notify_overdue &&
           std::find(c.overdue_noted.begin(), c.overdue_noted.end(), key) != c.overdue_noted.end();
}

}  // namespace

std::optional<Deadline> due_deadline(const Case& c, Timestamp now, const RuleSet& rules, const BusinessCalendar& cal) {
    for (const Deadline& d : open_deadlines(c, rules, cal)) {
        if (d.paused || d.due > now || already_reported(c, d)) continue;
        return d;
    }
    return std::nullopt;
}

std::optional<Timestamp> next_due_at(const Case& c, const RuleSet& rules, const BusinessCalendar& cal) {
    std::optional<Timestamp> next;
    for (const Deadline& d : open_deadlines(c, rules, cal)) {
        if (d.paused || already_reported(c, d)) continue;
        if (!next || d.due < *next) next = d.due;
    }
    return next;
}

}  // namespace accord
