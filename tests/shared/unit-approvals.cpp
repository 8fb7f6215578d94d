// Compensation approval: the level an amount needs, the four-eyes rule, and the rules' validation.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "accord/approvals.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

constexpr std::int64_t kProposer = 11;
constexpr std::int64_t kApproverId = 22;

const Role kRoles[] = {Role::buyer,      Role::merchant, Role::support, Role::mediator,
                       Role::arbitrator, Role::approver, Role::admin};
const ApprovalLevel kLevels[] = {ApprovalLevel::team_lead, ApprovalLevel::manager};

}  // namespace

TEST_CASE("the approval enums' tables: keys and both labels") {
    CHECK(enum_count<ApprovalLevel>() == std::size(kLevels));
    CHECK(std::string(to_key(ApprovalLevel::team_lead)) == "team_lead");
    CHECK(std::string(to_key(ApprovalLevel::manager)) == "manager");
    CHECK(std::string(label(ApprovalLevel::team_lead, Lang::zh_CN)) == "部门领导");
    CHECK(std::string(label(ApprovalLevel::manager, Lang::zh_CN)) == "总经理");
    for (const ApprovalLevel l : kLevels) {
        CHECK(std::string(label(l, Lang::en)).size() > 0);
        ApprovalLevel back = l == ApprovalLevel::manager ? ApprovalLevel::team_lead : ApprovalLevel::manager;
        REQUIRE(from_key(to_key(l), back));
        CHECK(back == l);
    }
    const ApprovalDenial denials[] = {ApprovalDenial::none, ApprovalDenial::not_an_approver,
                                      ApprovalDenial::proposer_cannot_approve, ApprovalDenial::level_too_low,
                                      ApprovalDenial::currency_mismatch};
    CHECK(enum_count<ApprovalDenial>() == std::size(denials));
    std::set<std::string> keys;
    for (const ApprovalDenial d : denials) {
        CAPTURE(static_cast<int>(d));
        CHECK(keys.insert(to_key(d)).second);
        CHECK(std::string(label(d, Lang::zh_CN)).size() > 0);
        CHECK(std::string(label(d, Lang::en)).size() > 0);
    }
}

TEST_CASE("approval_required: below the threshold a team lead, at or above it a manager and risk management") {
    struct Row {
        std::int64_t minor;
        ApprovalLevel level;
        bool notify_risk;
    };
    const Row rows[] = {
        {0, ApprovalLevel::team_lead, false},
        {1, ApprovalLevel::team_lead, false},
        {50000, ApprovalLevel::team_lead, false},
        {99999, ApprovalLevel::team_lead, false},  // 999.99
        {100000, ApprovalLevel::manager, true},    // 1000.00
        {100001, ApprovalLevel::manager, true},    // 1000.01
        {10000000, ApprovalLevel::manager, true},
        {std::numeric_limits<std::int64_t>::max(), ApprovalLevel::manager, true},
    };
    for (const Row& row : rows) {
        CAPTURE(row.minor);
        const ApprovalRequirement r = approval_required(cny(row.minor), ApprovalRules{});
        CHECK(r.level == row.level);
        CHECK(r.notify_risk == row.notify_risk);
    }
}

TEST_CASE("approval_required follows a custom threshold and currency") {
    const ApprovalRules rules{5000, "USD"};
    CHECK(approval_required(Money{4999, "USD"}, rules).level == ApprovalLevel::team_lead);
    CHECK_FALSE(approval_required(Money{4999, "USD"}, rules).notify_risk);
    CHECK(approval_required(Money{5000, "USD"}, rules).level == ApprovalLevel::manager);
    CHECK(approval_required(Money{5000, "USD"}, rules).notify_risk);
}

TEST_CASE("approval_required: nothing paid by the platform is the ordinary review, in any currency") {
    // A remedy the merchant pays alone: the platform's share is 0.
    for (const Money& m : {Money{0, "CNY"}, Money{0, "USD"}, Money{0, ""}}) {
        CAPTURE(m.currency);
        const ApprovalRequirement r = approval_required(m, ApprovalRules{});
        CHECK(r.level == ApprovalLevel::team_lead);
        CHECK_FALSE(r.notify_risk);
        // Any approver level approves it, but never the proposer.
        CHECK(check_approval(kProposer, Approver{9, Role::approver, ApprovalLevel::team_lead}, m, ApprovalRules{}) ==
              ApprovalDenial::none);
        CHECK(check_approval(kProposer, Approver{9, Role::approver, ApprovalLevel::manager}, m, ApprovalRules{}) ==
              ApprovalDenial::none);
        CHECK(check_approval(kProposer, Approver{kProposer, Role::approver, ApprovalLevel::manager}, m,
                             ApprovalRules{}) == ApprovalDenial::proposer_cannot_approve);
        CHECK(check_approval(kProposer, Approver{9, Role::admin, ApprovalLevel::manager}, m, ApprovalRules{}) ==
              ApprovalDenial::not_an_approver);
    }
}

TEST_CASE("approval_required: an amount in another currency gets the strictest requirement") {
    const ApprovalRequirement r = approval_required(Money{1, "USD"}, ApprovalRules{});
    CHECK(r.level == ApprovalLevel::manager);
    CHECK(r.notify_risk);
}

TEST_CASE("check_approval: every approver level × every requirement") {
    struct Row {
        ApprovalLevel approver;
        std::int64_t minor;
        ApprovalDenial expected;
    };
    const Row rows[] = {
        {ApprovalLevel::team_lead, 99999, ApprovalDenial::none},
        {ApprovalLevel::team_lead, 100000, ApprovalDenial::level_too_low},
        {ApprovalLevel::team_lead, 100001, ApprovalDenial::level_too_low},
        {ApprovalLevel::manager, 99999, ApprovalDenial::none},
        {ApprovalLevel::manager, 100000, ApprovalDenial::none},
        {ApprovalLevel::manager, 100001, ApprovalDenial::none},
    };
    for (const Row& row : rows) {
        CAPTURE(to_key(row.approver));
        CAPTURE(row.minor);
        const Approver a{kApproverId, Role::approver, row.approver};
        CHECK(check_approval(kProposer, a, cny(row.minor), ApprovalRules{}) == row.expected);
    }
}

TEST_CASE("check_approval: four-eyes, the proposer never approves, even as a manager") {
    for (const ApprovalLevel level : kLevels) {
        for (const std::int64_t minor : {std::int64_t{1}, std::int64_t{99999}, std::int64_t{100000}}) {
            CAPTURE(to_key(level));
            CAPTURE(minor);
            const Approver self{kProposer, Role::approver, level};
            CHECK(check_approval(kProposer, self, cny(minor), ApprovalRules{}) ==
                  ApprovalDenial::proposer_cannot_approve);
        }
    }
}

TEST_CASE("check_approval: only the approver role approves, at any level and amount") {
    for (const Role role : kRoles) {
        for (const ApprovalLevel level : kLevels) {
            for (const std::int64_t minor : {std::int64_t{99999}, std::int64_t{100000}}) {
                CAPTURE(to_key(role));
                CAPTURE(to_key(level));
                CAPTURE(minor);
                const Approver a{kApproverId, role, level};
                const ApprovalDenial d = check_approval(kProposer, a, cny(minor), ApprovalRules{});
                if (role != Role::approver) {
                    CHECK(d == ApprovalDenial::not_an_approver);
                } else {
                    const bool enough = level == ApprovalLevel::manager || minor < 100000;
                    CHECK(d == (enough ? ApprovalDenial::none : ApprovalDenial::level_too_low));
                }
            }
        }
    }
}

TEST_CASE("check_approval: an amount in another currency than the rules' is refused") {
    for (const ApprovalLevel level : kLevels) {
        CAPTURE(to_key(level));
        const Approver a{kApproverId, Role::approver, level};
        CHECK(check_approval(kProposer, a, Money{100, "USD"}, ApprovalRules{}) == ApprovalDenial::currency_mismatch);
        CHECK(check_approval(kProposer, a, Money{100, "cny"}, ApprovalRules{}) == ApprovalDenial::currency_mismatch);
        CHECK(check_approval(kProposer, a, Money{100, ""}, ApprovalRules{}) == ApprovalDenial::currency_mismatch);
    }
    // Same currency under custom rules is fine.
    const Approver manager{kApproverId, Role::approver, ApprovalLevel::manager};
    CHECK(check_approval(kProposer, manager, Money{100, "USD"}, ApprovalRules{5000, "USD"}) == ApprovalDenial::none);
}

TEST_CASE("check_approval: the first reason that applies is reported") {
    const ApprovalRules rules;
    // Not an approver outranks four-eyes, currency and level.
    CHECK(check_approval(kProposer, Approver{kProposer, Role::admin, ApprovalLevel::team_lead}, Money{200000, "USD"},
                         rules) == ApprovalDenial::not_an_approver);
    // Four-eyes outranks currency and level.
    CHECK(check_approval(kProposer, Approver{kProposer, Role::approver, ApprovalLevel::team_lead}, Money{200000, "USD"},
                         rules) == ApprovalDenial::proposer_cannot_approve);
    // Currency outranks level: the threshold cannot be compared across currencies.
    CHECK(check_approval(kProposer, Approver{kApproverId, Role::approver, ApprovalLevel::team_lead},
                         Money{200000, "USD"}, rules) == ApprovalDenial::currency_mismatch);
}

TEST_CASE("check_approval: a level value outside the enum approves nothing that needs a manager") {
    const Approver odd{kApproverId, Role::approver, static_cast<ApprovalLevel>(7)};
    CHECK(check_approval(kProposer, odd, cny(100000), ApprovalRules{}) == ApprovalDenial::level_too_low);
    CHECK(check_approval(kProposer, odd, cny(1), ApprovalRules{}) == ApprovalDenial::level_too_low);
}

TEST_CASE("validate(ApprovalRules)") {
    struct Row {
        std::int64_t threshold;
        const char* currency;
        const char* field;  // nullptr when valid
        ErrorCode code;
    };
    const Row rows[] = {
        {100000, "CNY", nullptr, ErrorCode::required},
        {1, "USD", nullptr, ErrorCode::required},
        {0, "CNY", "manager_threshold_minor", ErrorCode::must_be_positive},
        {-1, "CNY", "manager_threshold_minor", ErrorCode::must_be_positive},
        {std::numeric_limits<std::int64_t>::min(), "CNY", "manager_threshold_minor", ErrorCode::must_be_positive},
        {100000, "", "currency", ErrorCode::invalid_format},
        {100000, "cny", "currency", ErrorCode::invalid_format},
        {100000, "CN", "currency", ErrorCode::invalid_format},
        {100000, "CNYY", "currency", ErrorCode::invalid_format},
        {100000, "人民币", "currency", ErrorCode::invalid_format},
    };
    for (const Row& row : rows) {
        CAPTURE(row.threshold);
        CAPTURE(row.currency);
        const FieldErrors errors = validate(ApprovalRules{row.threshold, row.currency});
        if (row.field == nullptr) {
            CHECK(errors.empty());
        } else {
            REQUIRE(errors.size() == 1);
            CHECK(errors[0].field == row.field);
            CHECK(errors[0].code == row.code);
        }
    }
    const FieldErrors both = validate(ApprovalRules{0, "x"});
    REQUIRE(both.size() == 2);
    CHECK(both[0].field == "manager_threshold_minor");
    CHECK(both[1].field == "currency");
}
