// The case lifecycle as one state machine: which actor may take which action in which state,
// and what the action does. The server enforces it; the client calls the same functions to
// offer only the actions a user may take. Pure: time and rules are passed in.
#pragma once
#include <string>
#include <vector>

#include "accord/calendar.hpp"
#include "accord/case.hpp"
#include "accord/role.hpp"
#include "accord/rule_set.hpp"

namespace accord {

enum class Action {
    // triage
    accept_case, request_info, provide_info, reject_case,
    // merchant response
    merchant_accept, merchant_offer, merchant_contest,
    // negotiation
    make_offer, accept_offer, request_mediation,
    // mediation
    assign_mediator, assess_evidence, order_inspection, propose_settlement, approve_proposal, return_proposal,
    consent, decline_proposal, refer_to_arbitration,
    // arbitration
    assign_arbitrator, rule, appeal,
    // execution and closing
    complete_step, close_case,
    // after the end: the satisfaction survey
    rate,
    // any time
    withdraw, refer_external, flag_litigation_risk,
    // the scheduler, when a deadline passes
    timeout,
};

template <>
struct EnumTable<Action> {
    static constexpr EnumEntry<Action> entries[] = {
        {Action::accept_case, "accept_case", "受理并分派", "Accept and route"},
        {Action::request_info, "request_info", "一次性告知补充材料", "Request missing information"},
        {Action::provide_info, "provide_info", "补充材料", "Provide information"},
        {Action::reject_case, "reject_case", "不予受理", "Reject"},
        {Action::merchant_accept, "merchant_accept", "同意买家诉求", "Accept the claim"},
        {Action::merchant_offer, "merchant_offer", "提出其他方案", "Offer another remedy"},
        {Action::merchant_contest, "merchant_contest", "举证申辩", "Contest with evidence"},
        {Action::make_offer, "make_offer", "提出方案", "Make an offer"},
        {Action::accept_offer, "accept_offer", "接受方案", "Accept the offer"},
        {Action::request_mediation, "request_mediation", "申请平台介入", "Ask the platform to step in"},
        {Action::assign_mediator, "assign_mediator", "指派调解员", "Assign a mediator"},
        {Action::assess_evidence, "assess_evidence", "认定证据", "Assess evidence"},
        {Action::order_inspection, "order_inspection", "委托检测", "Order an inspection"},
        {Action::propose_settlement, "propose_settlement", "提出调解方案", "Propose a settlement"},
        {Action::approve_proposal, "approve_proposal", "审批通过调解方案", "Approve the proposal"},
        {Action::return_proposal, "return_proposal", "退回调解方案", "Return the proposal"},
        {Action::consent, "consent", "同意调解方案", "Consent to the proposal"},
        {Action::decline_proposal, "decline_proposal", "不同意调解方案", "Decline the proposal"},
        {Action::refer_to_arbitration, "refer_to_arbitration", "转仲裁", "Refer to arbitration"},
        {Action::assign_arbitrator, "assign_arbitrator", "指派仲裁员", "Assign an arbitrator"},
        {Action::rule, "rule", "作出裁决", "Rule"},
        {Action::appeal, "appeal", "申诉", "Appeal"},
        {Action::complete_step, "complete_step", "完成执行步骤", "Complete the step"},
        {Action::close_case, "close_case", "结案", "Close the case"},
        {Action::rate, "rate", "满意度评价", "Rate the handling"},
        {Action::withdraw, "withdraw", "撤回纠纷", "Withdraw"},
        {Action::refer_external, "refer_external", "移交外部机构", "Refer to a court or institution"},
        {Action::flag_litigation_risk, "flag_litigation_risk", "标记诉讼风险", "Flag litigation risk"},
        {Action::timeout, "timeout", "超时处理", "Deadline passed"},
    };
};

// The actor's relation to this one case.
enum class Relation {
    case_buyer, case_merchant, support, assigned_mediator, mediator, assigned_arbitrator, arbitrator,
    approver, admin, system, outsider
};

template <>
struct EnumTable<Relation> {
    static constexpr EnumEntry<Relation> entries[] = {
        {Relation::case_buyer, "case_buyer", "本案买家", "The case's buyer"},
        {Relation::case_merchant, "case_merchant", "本案商家", "The case's merchant"},
        {Relation::support, "support", "客服", "Support agent"},
        {Relation::assigned_mediator, "assigned_mediator", "承办调解员", "Assigned mediator"},
        {Relation::mediator, "mediator", "其他调解员", "Another mediator"},
        {Relation::assigned_arbitrator, "assigned_arbitrator", "承办仲裁员", "Assigned arbitrator"},
        {Relation::arbitrator, "arbitrator", "其他仲裁员", "Another arbitrator"},
        {Relation::approver, "approver", "审批人", "Approver"},
        {Relation::admin, "admin", "管理员", "Admin"},
        {Relation::system, "system", "系统", "System"},
        {Relation::outsider, "outsider", "无关用户", "Unrelated user"},
    };
};

// Who acts: a signed-in user, or the platform's scheduler (system = true, user_id 0).
struct Actor {
    Viewer viewer;
    bool system = false;
    ApprovalLevel approval_level = ApprovalLevel::team_lead;  // for approvers
};

Relation relation_to(const Case& c, const Actor& actor);

// Who may add evidence files to a case: its buyer and merchant, support, admins and the assigned mediator or
// arbitrator (not a mediator or arbitrator of other cases, not approvers, not the scheduler), while the case is
// not finished. The server stores the file, then calls attach_evidence() (case.hpp).
bool may_upload_evidence(const Case& c, const Actor& actor);

// One action with everything it may carry. Each action reads only the fields it needs.
struct ActionRequest {
    Action action = Action::withdraw;
    Actor actor;
    Timestamp at = 0;
    std::string reason;  // why: required for rejecting, contesting, withdrawing, returning, appealing, ...

    TriageDecision triage;                  // accept_case
    std::vector<std::string> items;         // request_info
    std::vector<std::int64_t> evidence_ids; // merchant_contest: evidence on file that backs the contest
    Terms terms;                            // merchant_offer, make_offer, propose_settlement
    std::int64_t target = 0;                // accept_offer: offer seq; assign_*: user id
    EvidenceAssessment assessment;          // assess_evidence
    InspectionOrder inspection;             // order_inspection
    Ruling ruling;                          // rule
    std::string tracking_number;            // complete_step: return_shipment, reship
    bool inspection_passed = true;          // complete_step: merchant_inspection
    ExternalBody external = ExternalBody::court;  // refer_external
    Rating rating;                          // rate (score and comment; `at` is the request's)
};

// The record every transition leaves: who, when, why, from which state to which.
struct TransitionEvent {
    Action action = Action::withdraw;
    std::int64_t actor_id = 0;
    Relation relation = Relation::outsider;
    Timestamp at = 0;
    std::string reason;
    DisputeState from = DisputeState::filed;
    std::string detail;  // what the timeout did, which step completed, ...
    DisputeState to = DisputeState::filed;
};

struct ActionResult {
    ErrorCode error = ErrorCode::internal;  // meaningful when !ok
    FieldErrors field_errors;               // payload problems (error == invalid_format)
    Case next;
    TransitionEvent event;
    bool ok = false;
};

// Context a decision needs besides the case: the rules and the calendar they count in.
struct LifecycleContext {
    const RuleSet& rules;
    const BusinessCalendar& calendar;
};

// May this actor take this action on this case now (the payload aside)? When not, `why` says why.
bool may(const Case& c, Action action, const Actor& actor, Timestamp now, const LifecycleContext& ctx,
         ErrorCode* why = nullptr);
// The actions this actor could take now (what the UI offers).
std::vector<Action> available_actions(const Case& c, const Actor& actor, Timestamp now, const LifecycleContext& ctx);
// Checks permission and payload, then applies the action. Never partially applies.
ActionResult apply(const Case& c, const ActionRequest& request, const LifecycleContext& ctx);

// The payload's own rules, without permission: the reason (required or not, length), amounts within the order,
// which offer, lengths of texts, a step's tracking number, ... apply() runs exactly these; a client form runs
// them on the case it was shown, before sending. Field names are the wire's ("terms.amount_minor").
FieldErrors check_payload(const Case& c, const ActionRequest& request);

// What an action's form asks for: whether a reason is required, and the payload keys it takes besides
// "action" and "reason" (the wire's names: "terms", "offer_seq", "assignee_id", ...).
struct ActionShape {
    bool reason_required = false;
    std::vector<std::string> keys;
};
ActionShape action_shape(Action action);

}  // namespace accord
