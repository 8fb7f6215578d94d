// Who must approve a compensation the platform pays (seed 000: 部门领导 below 1000 元, 总经理 at or above,
// risk management informed), and the four-eyes rule that the proposer never approves their own.
#pragma once
#include <cstdint>
#include <string>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"
#include "accord/money.hpp"
#include "accord/role.hpp"

namespace accord {

// Ordered: a higher level may approve whatever a lower one may.
enum class ApprovalLevel { team_lead, manager };

template <>
struct EnumTable<ApprovalLevel> {
    static constexpr EnumEntry<ApprovalLevel> entries[] = {
        {ApprovalLevel::team_lead, "team_lead", "部门领导", "Team lead"},
        {ApprovalLevel::manager, "manager", "总经理", "Manager"},
    };
};

struct ApprovalRules {
    std::int64_t manager_threshold_minor = 100000;  // 1000.00, in `currency`
    std::string currency = "CNY";
};

struct ApprovalRequirement {
    ApprovalLevel level = ApprovalLevel::team_lead;
    bool notify_risk = false;
};

// `amount` is what the PLATFORM pays (Terms::platform_amount): the threshold is about the platform's money.
// Nothing (a remedy the merchant pays alone): the ordinary internal review, any approver level, no risk
// notice. Below the threshold: a team lead. At or above it: a manager, and risk management is notified.
// A positive amount in another currency than the rules' cannot be compared with the threshold, so it
// gets the strictest requirement (check_approval refuses it anyway).
ApprovalRequirement approval_required(const Money& amount, const ApprovalRules& rules);

// A staff member acting as an approver, with the level their position gives them.
struct Approver {
    std::int64_t user_id = 0;
    Role role = Role::approver;
    ApprovalLevel level = ApprovalLevel::team_lead;
};

enum class ApprovalDenial { none, not_an_approver, proposer_cannot_approve, level_too_low, currency_mismatch };

template <>
struct EnumTable<ApprovalDenial> {
    static constexpr EnumEntry<ApprovalDenial> entries[] = {
        {ApprovalDenial::none, "none", "可以审批", "May approve"},
        {ApprovalDenial::not_an_approver, "not_an_approver", "仅审批人员可以审批", "Only an approver may approve"},
        {ApprovalDenial::proposer_cannot_approve, "proposer_cannot_approve", "提出人不能审批自己的方案（四眼原则）",
         "The proposer cannot approve their own proposal (four-eyes rule)"},
        {ApprovalDenial::level_too_low, "level_too_low", "该金额需要总经理审批",
         "This amount needs a manager's approval"},
        {ApprovalDenial::currency_mismatch, "currency_mismatch", "币种与审批规则不一致",
         "The currency differs from the approval rules' currency"},
    };
};

// Only Role::approver approves (not even an admin); never the proposer, whatever their level (four-eyes holds
// even when the platform pays nothing); a manager may approve what needs a team lead, not the other way round. Checked in that order,
// so the first reason that applies is the one reported.
ApprovalDenial check_approval(std::int64_t proposer_id, const Approver& approver, const Money& amount,
                              const ApprovalRules& rules);

// manager_threshold_minor > 0; currency three upper-case letters. Fields are the member names.
FieldErrors validate(const ApprovalRules& rules);

}  // namespace accord
