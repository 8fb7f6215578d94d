// The lifecycle engine: permission, guard, reason, payload and effect of every action come from its
// ActionSpec (actions.cpp); this file only runs them in order.
#include "accord/lifecycle.hpp"

#include "accord/filing.hpp"
#include "action_spec.hpp"

namespace accord {

namespace {

using R = Relation;
using namespace detail;

constexpr Mask kStaffRelations =
    bits(R::support, R::assigned_mediator, R::mediator, R::assigned_arbitrator, R::arbitrator, R::approver, R::admin);

bool is_staff_relation(Relation r) { return (kStaffRelations & bit(r)) != 0; }

constexpr std::size_t kMaxReason = 2000;

// The reason is free text on every action: valid UTF-8, at most 2000 characters, and present where required.
void check_reason(const ActionSpec& spec, const std::string& reason, FieldErrors& errors) {
    const std::size_t n = utf8_length(reason);
    if (!is_valid_utf8(reason)) errors.push_back({"reason", ErrorCode::invalid_format, 0});
    // A reason of spaces is no reason: trimmed like descriptions and messages.
    else if (spec.reason == ReasonRule::required && trim_spaces(reason).empty())
        errors.push_back({"reason", ErrorCode::required, 0});
    else if (n > kMaxReason) errors.push_back({"reason", ErrorCode::too_long, static_cast<std::int64_t>(kMaxReason)});
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

bool may_upload_evidence(const Case& c, const Actor& actor) {
    if (is_terminal(c.dispute.state)) return false;
    constexpr Mask kUploaders =
        bits(R::case_buyer, R::case_merchant, R::support, R::assigned_mediator, R::assigned_arbitrator, R::admin);
    return (kUploaders & bit(relation_to(c, actor))) != 0;
}

// The order of the checks is part of the contract: someone unrelated to the case learns nothing about it
// (forbidden); then the state (a finished case says so); then who may act (an unassigned mediator or
// arbitrator is told they are not assigned); then the action's guard.
bool may(const Case& c, Action action, const Actor& actor, Timestamp now, const LifecycleContext& ctx,
         ErrorCode* why) {
    auto deny = [&](ErrorCode code) {
        if (why) *why = code;
        return false;
    };
    const ActionSpec* spec = action_spec(action);
    const Relation rel = relation_to(c, actor);
    if (spec == nullptr || rel == R::outsider) return deny(ErrorCode::forbidden);
    const Permission* row = permission_for(*spec, c.dispute.state);
    if (row == nullptr)
        return deny(is_terminal(c.dispute.state) ? ErrorCode::case_finished : ErrorCode::action_not_allowed_in_state);
    if ((row->who & who_bits(c, rel)) == 0) {
        const bool unassigned = (rel == R::mediator && (row->who & bit(R::assigned_mediator))) ||
                                (rel == R::arbitrator && (row->who & bit(R::assigned_arbitrator)));
        return deny(unassigned ? ErrorCode::not_assigned : ErrorCode::forbidden);
    }
    if (spec->guard != nullptr) {
        if (const std::optional<ErrorCode> refused = spec->guard(GuardArgs{c, actor, rel, now, ctx}))
            return deny(*refused);
    }
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
    const ActionSpec& spec = *action_spec(req.action);  // may() refused anything outside the enum
    const Relation rel = relation_to(c, req.actor);

    result.field_errors = check_payload(c, req);
    if (!result.field_errors.empty()) {
        result.error = ErrorCode::invalid_format;
        return result;
    }

    Case& n = result.next;
    if (is_staff_relation(rel) && n.first_response_at == 0) n.first_response_at = req.at;
    n.dispute.updated_at = req.at;
    std::string detail;
    EffectArgs effect{c, n, req, rel, ctx, detail};
    spec.effect(effect);

    result.ok = true;
    result.error = ErrorCode::internal;
    result.event = {req.action, req.actor.system ? 0 : req.actor.viewer.user_id, rel, req.at, req.reason,
                    c.dispute.state, detail, n.dispute.state};
    return result;
}

FieldErrors check_payload(const Case& c, const ActionRequest& req) {
    FieldErrors errors;
    const ActionSpec* spec = action_spec(req.action);
    if (spec == nullptr) {
        errors.push_back({"action", ErrorCode::invalid_choice, 0});
        return errors;
    }
    check_reason(*spec, req.reason, errors);
    if (spec->check != nullptr) spec->check(CheckArgs{c, req, relation_to(c, req.actor), errors});
    return errors;
}

ActionShape action_shape(Action action) {
    ActionShape shape;
    const ActionSpec* spec = action_spec(action);
    if (spec == nullptr) return shape;
    shape.reason_required = spec->reason == ReasonRule::required;
    for (const char* k : spec->keys)
        if (k != nullptr) shape.keys.emplace_back(k);
    return shape;
}

}  // namespace accord
