#include "accord/approvals.hpp"

namespace accord {

ApprovalRequirement approval_required(const Money& amount, const ApprovalRules& rules) {
    if (amount.minor <= 0 || (amount.currency == rules.currency && amount.minor < rules.manager_threshold_minor))
        return {ApprovalLevel::team_lead, false};
    return {ApprovalLevel::manager, true};
}

ApprovalDenial check_approval(std::int64_t proposer_id, const Approver& approver, const Money& amount,
                              const ApprovalRules& rules) {
    if (approver.role != Role::approver) return ApprovalDenial::not_an_approver;
    if (approver.user_id == proposer_id) return ApprovalDenial::proposer_cannot_approve;
    if (amount.minor > 0 && amount.currency != rules.currency) return ApprovalDenial::currency_mismatch;
    const ApprovalLevel needed = approval_required(amount, rules).level;
    // Spelled out rather than compared as numbers: a corrupt level value must not outrank a manager.
    const bool enough = approver.level == ApprovalLevel::manager ||
                        (approver.level == ApprovalLevel::team_lead && needed == ApprovalLevel::team_lead);
    return enough ? ApprovalDenial::none : ApprovalDenial::level_too_low;
}

FieldErrors validate(const ApprovalRules& rules) {
    FieldErrors errors;
    if (rules.manager_threshold_minor <= 0)
        errors.push_back({"manager_threshold_minor", ErrorCode::must_be_positive, 0});
    if (!is_currency_code(rules.currency)) errors.push_back({"currency", ErrorCode::invalid_format, 0});
    return errors;
}

}  // namespace accord
