#include "accord/case.hpp"

#include "accord/filing.hpp"

namespace accord {

bool waits_on_platform(DisputeState s) {
    return s == DisputeState::filed || s == DisputeState::mediation || s == DisputeState::mediation_review ||
           s == DisputeState::arbitration || s == DisputeState::appealed;
}

bool is_terminal(DisputeState s) {
    return s == DisputeState::rejected || s == DisputeState::closed || s == DisputeState::withdrawn ||
           s == DisputeState::referred_external;
}

Case open_case(const Dispute& filed, const Money& order_total, const TriageFacts& facts,
               std::int64_t high_value_min_minor) {
    Case c;
    c.dispute = filed;
    c.dispute.state = DisputeState::filed;
    c.order_total = order_total;
    const TriageOutcome t = classify(filed.category, filed.amount, facts, high_value_min_minor);
    c.triage = {filed.category, t.priority, t.queue, RootCause::other, facts.personal_safety};
    c.state_entered_at = filed.created_at;
    return c;
}

void attach_evidence(Case& c, std::int64_t evidence_id, Timestamp at) {
    if (!has_evidence(c, evidence_id)) c.evidence_ids.push_back(evidence_id);
    c.dispute.updated_at = at;
}

bool has_evidence(const Case& c, std::int64_t evidence_id) {
    for (const std::int64_t id : c.evidence_ids)
        if (id == evidence_id) return true;
    return false;
}

FieldErrors validate_rating(const Rating& r) {
    FieldErrors errors;
    if (r.score < 1 || r.score > 5) errors.push_back({"score", ErrorCode::out_of_range, 0});
    if (!is_valid_utf8(r.comment)) errors.push_back({"comment", ErrorCode::invalid_format, 0});
    else if (utf8_length(r.comment) > 500) errors.push_back({"comment", ErrorCode::too_long, 500});
    return errors;
}

Party claimant_of(CaseKind kind) {
    switch (kind) {
        case CaseKind::buyer_vs_merchant: return Party::buyer;
        case CaseKind::merchant_vs_buyer:
        case CaseKind::merchant_vs_platform: return Party::merchant;
    }
    return Party::buyer;  // GCOVR_EXCL_LINE: a value outside the enum
}

Party respondent_of(CaseKind kind) {
    switch (kind) {
        case CaseKind::buyer_vs_merchant: return Party::merchant;
        case CaseKind::merchant_vs_buyer: return Party::buyer;
        case CaseKind::merchant_vs_platform: return Party::platform;
    }
    return Party::merchant;  // GCOVR_EXCL_LINE: a value outside the enum
}

Party step_party(const Case& c, ExecutionStep step) {
    return step_actor(step) == Party::buyer ? claimant_of(c.dispute.kind) : respondent_of(c.dispute.kind);
}

ExecutionStep current_step(const Case& c) {
    return c.step < c.plan.size() ? c.plan[c.step] : ExecutionStep::buyer_confirmation;
}

}  // namespace accord
