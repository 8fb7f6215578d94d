#include "accord/lifecycle.hpp"

#include <algorithm>
#include <cstdint>

#include "accord/deadlines.hpp"
#include "accord/filing.hpp"

namespace accord {

namespace {

using S = DisputeState;
using R = Relation;

constexpr std::uint32_t bit(S s) { return 1u << static_cast<unsigned>(s); }
constexpr std::uint32_t bit(R r) { return 1u << static_cast<unsigned>(r); }
template <typename... T>
constexpr std::uint32_t bits(T... v) { return (bit(v) | ...); }

constexpr std::uint32_t kBeforeRuling =
    bits(S::filed, S::info_requested, S::awaiting_merchant, S::negotiation, S::mediation, S::mediation_review,
         S::awaiting_consent, S::arbitration);
constexpr std::uint32_t kOpen = kBeforeRuling | bits(S::ruled, S::appealed, S::execution);
constexpr std::uint32_t kParties = bits(R::case_buyer, R::case_merchant);
constexpr std::uint32_t kTriageStaff = bits(R::support, R::admin);
constexpr std::uint32_t kCaseworkers = bits(R::support, R::assigned_mediator, R::mediator, R::assigned_arbitrator,
                                            R::arbitrator, R::approver, R::admin);

// The table: in which states, by whom. An action may have several rows when who may act depends on the
// state; the row whose states hold the case's state applies. Guards that depend on more than state and relation
// (whose offer, four-eyes, windows, assignment) are in guard() below.
struct Rule {
    Action action;
    std::uint32_t states;
    std::uint32_t who;
};

constexpr Rule kRules[] = {
    {Action::accept_case, bits(S::filed), kTriageStaff},
    {Action::request_info, bits(S::filed), kTriageStaff},
    {Action::provide_info, bits(S::info_requested), bits(R::case_buyer)},
    {Action::reject_case, bits(S::filed, S::info_requested), kTriageStaff},
    {Action::merchant_accept, bits(S::awaiting_merchant), bits(R::case_merchant)},
    {Action::merchant_offer, bits(S::awaiting_merchant), bits(R::case_merchant)},
    {Action::merchant_contest, bits(S::awaiting_merchant), bits(R::case_merchant)},
    {Action::make_offer, bits(S::negotiation), kParties},
    {Action::accept_offer, bits(S::negotiation), kParties},
    // While the merchant has the move, only the buyer can ask the platform to step in early.
    {Action::request_mediation, bits(S::awaiting_merchant, S::negotiation), kParties},
    {Action::assign_mediator, bits(S::mediation), bits(R::support, R::admin, R::mediator, R::assigned_mediator)},
    // The mediator assesses the evidence in mediation, the arbitrator in arbitration and on appeal.
    {Action::assess_evidence, bits(S::mediation), bits(R::assigned_mediator)},
    {Action::assess_evidence, bits(S::arbitration, S::appealed), bits(R::assigned_arbitrator)},
    {Action::order_inspection, bits(S::mediation), bits(R::assigned_mediator)},
    {Action::propose_settlement, bits(S::mediation), bits(R::assigned_mediator)},
    {Action::approve_proposal, bits(S::mediation_review), bits(R::approver)},
    {Action::return_proposal, bits(S::mediation_review), bits(R::approver)},
    {Action::consent, bits(S::awaiting_consent), kParties},
    {Action::decline_proposal, bits(S::awaiting_consent), kParties},
    {Action::refer_to_arbitration, bits(S::mediation), bits(R::assigned_mediator)},
    {Action::assign_arbitrator, bits(S::arbitration, S::appealed),
     bits(R::admin, R::arbitrator, R::assigned_arbitrator)},
    {Action::rule, bits(S::arbitration, S::appealed), bits(R::assigned_arbitrator)},
    {Action::appeal, bits(S::ruled), kParties},
    {Action::complete_step, bits(S::execution), kParties},
    {Action::close_case, bits(S::execution), bits(R::support, R::admin, R::assigned_mediator)},
    {Action::withdraw, kBeforeRuling, bits(R::case_buyer)},
    {Action::refer_external, bits(S::ruled, S::appealed, S::closed), bits(R::case_buyer, R::case_merchant, R::admin)},
    {Action::flag_litigation_risk, kOpen | bits(S::closed), kCaseworkers},
    {Action::timeout, kOpen, bits(R::system)},
};

// The row for this action in this state; nullptr when the action is not possible in the state
// (`known` says whether the action has a row at all).
const Rule* rule_for(Action a, S state, bool& known) {
    known = false;
    for (const Rule& r : kRules) {
        if (r.action != a) continue;
        known = true;
        if (r.states & bit(state)) return &r;
    }
    return nullptr;
}

Party party_of(Relation r) { return r == R::case_buyer ? Party::buyer : r == R::case_merchant ? Party::merchant : Party::platform; }

bool is_staff_relation(Relation r) { return (kCaseworkers & bit(r)) != 0; }

// Checks beyond the table. Returns ErrorCode::internal for "no objection".
ErrorCode guard(const Case& c, Action action, const Actor& actor, Relation rel, Timestamp now,
                const LifecycleContext& ctx) {
    switch (action) {
        case Action::accept_offer:
            if (c.offers.empty()) return ErrorCode::action_not_allowed_in_state;
            if (c.offers.back().from == party_of(rel)) return ErrorCode::cannot_accept_own_offer;
            break;
        case Action::request_mediation:
            if (c.dispute.state == S::awaiting_merchant && rel != R::case_buyer) return ErrorCode::forbidden;
            break;
        case Action::assign_mediator:
            if (c.mediator_id != 0 && rel != R::support && rel != R::admin) return ErrorCode::already_done;
            break;
        case Action::assign_arbitrator:
            if (c.arbitrator_id != 0 && rel != R::admin) return ErrorCode::already_done;
            // A fresh arbitrator hears the appeal: the one who ruled cannot take it.
            if (c.dispute.state == S::appealed && rel == R::arbitrator && c.ruling &&
                actor.viewer.user_id == c.ruling->arbitrator_id)
                return ErrorCode::forbidden;
            break;
        case Action::approve_proposal: {
            if (!c.proposal) return ErrorCode::action_not_allowed_in_state;
            // The approver's level is part of who may act, so the UI never offers what would be refused.
            const Approver approver{actor.viewer.user_id, actor.viewer.role, actor.approval_level};
            switch (check_approval(c.proposer_id, approver, c.proposal->amount, ctx.rules.approvals)) {
                case ApprovalDenial::none: break;
                case ApprovalDenial::proposer_cannot_approve: return ErrorCode::four_eyes;
                case ApprovalDenial::level_too_low: return ErrorCode::approval_level_too_low;
                case ApprovalDenial::currency_mismatch: return ErrorCode::currency_mismatch;
                case ApprovalDenial::not_an_approver: return ErrorCode::forbidden;
            }
            break;
        }
        case Action::return_proposal:
            if (actor.viewer.user_id == c.proposer_id) return ErrorCode::four_eyes;
            break;
        case Action::consent:
        case Action::decline_proposal:  // consent given is not taken back
            if ((rel == R::case_buyer && c.buyer_consented) || (rel == R::case_merchant && c.merchant_consented))
                return ErrorCode::already_done;
            break;
        case Action::request_info:
            // 一次性告知: everything missing is asked for in one request, never piecemeal.
            if (!c.info_items.empty()) return ErrorCode::already_done;
            break;
        case Action::appeal:
            if (c.appeal_used) return ErrorCode::already_done;
            // The window ends at its deadline: the moment the timeout may start execution.
            if (now >= deadline_after(c.state_entered_at, ctx.rules.deadlines.appeal_window, ctx.calendar))
                return ErrorCode::window_closed;
            break;
        case Action::complete_step:
            if (step_actor(current_step(c)) != party_of(rel)) return ErrorCode::forbidden;
            break;
        case Action::flag_litigation_risk:
            if (c.litigation_risk) return ErrorCode::already_done;
            break;
        case Action::timeout:
            if (!due_deadline(c, now, ctx.rules, ctx.calendar)) return ErrorCode::deadline_not_reached;
            break;
        default:
            break;
    }
    return ErrorCode::internal;
}

// Moves the case to a new state and keeps the platform's clock: it runs only while the case waits on the platform.
void enter_state(Case& c, S to, Timestamp at) {
    const bool was_platform = waits_on_platform(c.dispute.state);
    const bool now_platform = waits_on_platform(to) && !is_terminal(to);
    if (was_platform && !now_platform && c.platform_paused_since == 0) c.platform_paused_since = at;
    if (now_platform && c.platform_paused_since != 0) {
        c.platform_paused_seconds += at - c.platform_paused_since;
        c.platform_paused_since = 0;
    }
    if (is_terminal(to) && c.resolved_at == 0) c.resolved_at = at;  // an external referral after closing keeps it
    c.dispute.state = to;
    c.state_entered_at = at;
    // Overdue notes belong to the state's deadlines; the resolution SLA is reported once per case.
    std::erase_if(c.overdue_noted, [](const std::string& k) { return k != "resolution"; });
}

void start_execution(Case& c, const Terms& terms, SettlementBasis basis, std::int64_t offer_seq, Timestamp at) {
    c.settlement = Settlement{terms, basis, offer_seq, at};
    c.plan = execution_plan(terms.remedy);
    c.step = 0;
    c.step_entered_at = at;
    enter_state(c, S::execution, at);
}

void close(Case& c, const std::string& summary, Timestamp at) {
    c.closing_summary = summary;
    enter_state(c, S::closed, at);
}

bool needs_reason(Action a) {
    switch (a) {
        case Action::reject_case:
        case Action::merchant_contest:
        case Action::return_proposal:
        case Action::decline_proposal:
        case Action::refer_to_arbitration:
        case Action::appeal:
        case Action::close_case:
        case Action::withdraw:
        case Action::refer_external:
        case Action::flag_litigation_risk: return true;
        default: return false;
    }
}

FieldErrors with_prefix(FieldErrors errors, const std::string& prefix) {
    for (FieldError& e : errors) e.field = prefix + e.field;
    return errors;
}

// Validates the payload the action carries.
FieldErrors check_payload(const Case& c, const ActionRequest& req) {
    FieldErrors errors;
    if (needs_reason(req.action)) {
        const std::size_t n = utf8_length(req.reason);
        if (!is_valid_utf8(req.reason)) errors.push_back({"reason", ErrorCode::invalid_format, 0});
        else if (n == 0) errors.push_back({"reason", ErrorCode::required, 0});
        else if (n > 2000) errors.push_back({"reason", ErrorCode::too_long, 2000});
    } else if (!is_valid_utf8(req.reason)) {
        errors.push_back({"reason", ErrorCode::invalid_format, 0});
    } else if (utf8_length(req.reason) > 2000) {
        errors.push_back({"reason", ErrorCode::too_long, 2000});
    }
    switch (req.action) {
        case Action::accept_case:
            for (const FieldError& e : with_prefix(validate_triage(req.triage), "triage.")) errors.push_back(e);
            // Deciding that a case does not involve personal safety after all must be explained.
            if (c.triage.personal_safety && !req.triage.personal_safety && req.reason.empty())
                errors.push_back({"reason", ErrorCode::required, 0});
            break;
        case Action::request_info:
            for (const FieldError& e : validate_info_request(req.items)) errors.push_back(e);
            break;
        case Action::merchant_offer:
        case Action::make_offer:
        case Action::propose_settlement:
            for (const FieldError& e : with_prefix(validate_terms(req.terms, c.order_total), "terms."))
                errors.push_back(e);
            break;
        case Action::accept_offer:
            if (c.offers.empty() || req.target != c.offers.back().seq)
                errors.push_back({"target", ErrorCode::not_found, 0});  // only the latest offer is open
            break;
        case Action::assign_mediator:
        case Action::assign_arbitrator: {
            // An unassigned mediator or arbitrator takes the case themselves: no one else.
            const Relation rel = relation_to(c, req.actor);
            const bool self = rel == R::mediator || rel == R::arbitrator;
            if (self && req.target != 0 && req.target != req.actor.viewer.user_id)
                errors.push_back({"target", ErrorCode::invalid_choice, 0});
            else if (!self && req.target <= 0)
                errors.push_back({"target", ErrorCode::required, 0});
            else if (req.action == Action::assign_arbitrator && c.dispute.state == S::appealed && c.ruling &&
                     req.target == c.ruling->arbitrator_id)
                errors.push_back({"target", ErrorCode::invalid_choice, 0});  // a fresh arbitrator hears the appeal
            break;
        }
        case Action::assess_evidence:
            for (const FieldError& e : with_prefix(validate_assessment(req.assessment), "assessment."))
                errors.push_back(e);
            break;
        case Action::order_inspection:
            for (const FieldError& e : with_prefix(validate_inspection(req.inspection), "inspection."))
                errors.push_back(e);
            break;
        case Action::rule:
            for (const FieldError& e : with_prefix(validate_ruling(req.ruling, c.order_total), "ruling."))
                errors.push_back(e);
            break;
        case Action::complete_step: {
            const ExecutionStep step = current_step(c);
            if (step_needs_tracking(step) && !is_tracking_number(req.tracking_number))
                errors.push_back({"tracking_number", req.tracking_number.empty() ? ErrorCode::required
                                                                                 : ErrorCode::invalid_format, 0});
            if (step == ExecutionStep::merchant_inspection && !req.inspection_passed && req.reason.empty())
                errors.push_back({"reason", ErrorCode::required, 0});
            break;
        }
        default:
            break;
    }
    return errors;
}

}  // namespace

Relation relation_to(const Case& c, const Actor& actor) {
    if (actor.system) return R::system;
    const Viewer& v = actor.viewer;
    switch (v.role) {
        case Role::buyer: return v.user_id == c.dispute.buyer_id ? R::case_buyer : R::outsider;
        case Role::merchant:
            return v.merchant_id != 0 && v.merchant_id == c.dispute.merchant_id ? R::case_merchant : R::outsider;
        case Role::support: return R::support;
        case Role::mediator: return v.user_id == c.mediator_id ? R::assigned_mediator : R::mediator;
        case Role::arbitrator: return v.user_id == c.arbitrator_id ? R::assigned_arbitrator : R::arbitrator;
        case Role::approver: return R::approver;
        case Role::admin: return R::admin;
    }
    return R::outsider;
}

bool may(const Case& c, Action action, const Actor& actor, Timestamp now, const LifecycleContext& ctx,
         ErrorCode* why) {
    auto deny = [&](ErrorCode code) {
        if (why) *why = code;
        return false;
    };
    bool known = false;
    const Rule* rule = rule_for(action, c.dispute.state, known);
    const Relation rel = relation_to(c, actor);
    if (!known || rel == R::outsider) return deny(ErrorCode::forbidden);
    if (rule == nullptr)
        return deny(is_terminal(c.dispute.state) ? ErrorCode::case_finished : ErrorCode::action_not_allowed_in_state);
    if ((rule->who & bit(rel)) == 0) {
        // A mediator or arbitrator who is not on this case is told so, not just "forbidden".
        const bool unassigned = (rel == R::mediator && (rule->who & bit(R::assigned_mediator))) ||
                                (rel == R::arbitrator && (rule->who & bit(R::assigned_arbitrator)));
        return deny(unassigned ? ErrorCode::not_assigned : ErrorCode::forbidden);
    }
    const ErrorCode g = guard(c, action, actor, rel, now, ctx);
    if (g != ErrorCode::internal) return deny(g);
    return true;
}

std::vector<Action> available_actions(const Case& c, const Actor& actor, Timestamp now, const LifecycleContext& ctx) {
    std::vector<Action> out;
    for (const auto& e : EnumTable<Action>::entries)
        if (may(c, e.value, actor, now, ctx)) out.push_back(e.value);
    return out;
}

ActionResult apply(const Case& c, const ActionRequest& req, const LifecycleContext& ctx) {
    ActionResult result;
    result.next = c;
    ErrorCode why = ErrorCode::internal;
    if (!may(c, req.action, req.actor, req.at, ctx, &why)) {
        result.error = why;
        return result;
    }
    result.field_errors = check_payload(c, req);
    if (!result.field_errors.empty()) {
        result.error = ErrorCode::invalid_format;
        return result;
    }

    Case& n = result.next;
    const Relation rel = relation_to(c, req.actor);
    const Timestamp at = req.at;
    std::string detail;
    if (is_staff_relation(rel) && n.first_response_at == 0) n.first_response_at = at;
    n.dispute.updated_at = at;

    switch (req.action) {
        case Action::accept_case:
            n.triage = req.triage;
            n.dispute.category = req.triage.category;
            enter_state(n, S::awaiting_merchant, at);
            break;
        case Action::request_info:
            n.info_items = req.items;
            enter_state(n, S::info_requested, at);
            break;
        case Action::provide_info:
            enter_state(n, S::filed, at);  // back to triage with the material
            break;
        case Action::reject_case:
            enter_state(n, S::rejected, at);
            break;
        case Action::merchant_accept:
            start_execution(n, {c.dispute.requested_remedy, c.dispute.amount, ""}, SettlementBasis::merchant_accepted, 0, at);
            break;
        case Action::merchant_offer:
        case Action::make_offer:
            n.offers.push_back({static_cast<std::int64_t>(c.offers.size()) + 1, party_of(rel),
                                req.actor.viewer.user_id, req.terms, at});
            if (req.action == Action::merchant_offer) enter_state(n, S::negotiation, at);
            detail = "offer " + std::to_string(n.offers.back().seq);
            break;
        case Action::merchant_contest:
            enter_state(n, S::negotiation, at);
            break;
        case Action::accept_offer:
            start_execution(n, c.offers.back().terms, SettlementBasis::offer_accepted, c.offers.back().seq, at);
            detail = "offer " + std::to_string(c.offers.back().seq);
            break;
        case Action::request_mediation:
            enter_state(n, S::mediation, at);
            break;
        case Action::assign_mediator:
            n.mediator_id = rel == R::mediator ? req.actor.viewer.user_id : req.target;
            detail = "mediator " + std::to_string(n.mediator_id);
            break;
        case Action::assess_evidence: {
            EvidenceAssessment a = req.assessment;
            a.assessor_id = req.actor.viewer.user_id;
            a.at = at;
            std::erase_if(n.assessments, [&](const EvidenceAssessment& x) { return x.evidence_id == a.evidence_id; });
            n.assessments.push_back(a);
            detail = "evidence " + std::to_string(a.evidence_id);
            break;
        }
        case Action::order_inspection: {
            InspectionOrder o = req.inspection;
            o.at = at;
            n.inspections.push_back(o);
            break;
        }
        case Action::propose_settlement:
            n.proposal = req.terms;
            n.proposer_id = req.actor.viewer.user_id;
            n.proposal_approver_id = 0;
            n.notify_risk = approval_required(req.terms.amount, ctx.rules.approvals).notify_risk;
            n.buyer_consented = n.merchant_consented = false;
            enter_state(n, S::mediation_review, at);
            break;
        case Action::approve_proposal:  // four-eyes and the approval level are checked by may()
            n.proposal_approver_id = req.actor.viewer.user_id;
            enter_state(n, S::awaiting_consent, at);
            break;
        case Action::return_proposal:
            n.proposal.reset();
            enter_state(n, S::mediation, at);
            break;
        case Action::consent:
            (rel == R::case_buyer ? n.buyer_consented : n.merchant_consented) = true;
            if (n.buyer_consented && n.merchant_consented)
                start_execution(n, *c.proposal, SettlementBasis::mediation, 0, at);
            break;
        case Action::decline_proposal:
        case Action::refer_to_arbitration:
            enter_state(n, S::arbitration, at);
            break;
        case Action::assign_arbitrator:
            n.arbitrator_id = rel == R::arbitrator ? req.actor.viewer.user_id : req.target;
            detail = "arbitrator " + std::to_string(n.arbitrator_id);
            break;
        case Action::rule: {
            Ruling r = req.ruling;
            r.arbitrator_id = req.actor.viewer.user_id;
            r.at = at;
            n.ruling = r;
            n.penalty.reset();
            if (r.violation)
                n.penalty = charge(c.dispute.id, *r.violation, r.force_majeure, at, ctx.rules.penalties);
            enter_state(n, S::ruled, at);
            break;
        }
        case Action::appeal:
            n.appeal_used = true;
            n.arbitrator_id = 0;  // a fresh arbitrator hears the appeal
            enter_state(n, S::appealed, at);
            break;
        case Action::complete_step: {
            const ExecutionStep step = current_step(c);
            detail = to_key(step);
            if (step == ExecutionStep::return_shipment) n.return_tracking = req.tracking_number;
            if (step == ExecutionStep::reship) n.reship_tracking = req.tracking_number;
            if (step == ExecutionStep::merchant_inspection && !req.inspection_passed) {
                enter_state(n, S::mediation, at);  // the merchant disputes the return: the platform looks
                detail += " failed";
                break;
            }
            n.step = c.step + 1;
            n.step_entered_at = at;
            if (n.step >= n.plan.size()) close(n, req.reason.empty() ? "executed" : req.reason, at);
            break;
        }
        case Action::close_case:
            close(n, req.reason, at);
            break;
        case Action::withdraw:
            enter_state(n, S::withdrawn, at);
            break;
        case Action::refer_external:
            n.referred_to = req.external;
            enter_state(n, S::referred_external, at);
            break;
        case Action::flag_litigation_risk:
            n.litigation_risk = true;
            break;
        case Action::timeout: {
            const Deadline d = *due_deadline(c, at, ctx.rules, ctx.calendar);
            detail = std::string(to_key(d.kind)) + ":" + to_key(d.consequence);
            switch (d.consequence) {
                case Consequence::notify_overdue:
                    n.overdue_noted.push_back(to_key(d.kind));
                    break;
                case Consequence::escalate_to_mediation:
                    enter_state(n, S::mediation, at);
                    break;
                case Consequence::auto_grant:
                    start_execution(n, {c.dispute.requested_remedy, c.dispute.amount, ""}, SettlementBasis::auto_granted,
                                    0, at);
                    break;
                case Consequence::auto_close:
                    close(n, detail, at);
                    break;
                case Consequence::deemed_consent:
                    start_execution(n, *c.proposal, SettlementBasis::mediation, 0, at);
                    break;
                case Consequence::start_execution:
                    // A dismissed claim orders nothing to execute.
                    if (c.ruling->liability == Liability::merchant || c.ruling->liability == Liability::shared)
                        start_execution(n, c.ruling->remedy, SettlementBasis::ruling, 0, at);
                    else
                        close(n, "ruling:" + std::string(to_key(c.ruling->liability)), at);
                    break;
                case Consequence::deemed_passed:
                    n.step = c.step + 1;
                    n.step_entered_at = at;
                    break;
            }
            break;
        }
    }

    result.ok = true;
    result.error = ErrorCode::internal;
    result.event = {req.action, req.actor.system ? 0 : req.actor.viewer.user_id, rel, at, req.reason,
                    c.dispute.state, detail, n.dispute.state};
    return result;
}

}  // namespace accord
