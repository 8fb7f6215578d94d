// Who a user is on the platform. A user's relation to one case (its buyer, its merchant,
// staff) is derived from the role plus ids; see access.hpp.
#pragma once
#include <cstdint>

#include "accord/enum_table.hpp"

namespace accord {

enum class Role { buyer, merchant, support, mediator, arbitrator, approver, admin };

template <>
struct EnumTable<Role> {
    static constexpr EnumEntry<Role> entries[] = {
        {Role::buyer, "buyer", "买家", "Buyer"},
        {Role::merchant, "merchant", "商家", "Merchant"},
        {Role::support, "support", "客服", "Support agent"},
        {Role::mediator, "mediator", "调解员", "Mediator"},
        {Role::arbitrator, "arbitrator", "仲裁员", "Arbitrator"},
        {Role::approver, "approver", "审批/风险", "Approver / risk"},
        {Role::admin, "admin", "管理员", "Admin"},
    };
};

inline bool is_staff(Role r) { return r != Role::buyer && r != Role::merchant; }

// The signed-in user as the model sees them.
struct Viewer {
    std::int64_t user_id = 0;
    Role role = Role::buyer;
    std::int64_t merchant_id = 0;  // the shop a merchant user acts for; 0 otherwise
};

}  // namespace accord
