// Users and shops.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accord/api.hpp"
#include "accord/approvals.hpp"
#include "db/database.hpp"

namespace accord::db {

struct UserRecord {
    api::UserInfo info;
    std::string phone;
    std::string address;
    std::string password_hash;
};

std::optional<UserRecord> find_user_by_username(Database& db, const std::string& username);
std::optional<UserRecord> find_user(Database& db, std::int64_t id);
std::int64_t insert_user(Database& db, const UserRecord& user, Timestamp now);
std::int64_t count_users(Database& db);
// The level an approver approves at (team_lead for everyone else).
ApprovalLevel approval_level(Database& db, std::int64_t user_id);
void set_approval_level(Database& db, std::int64_t user_id, ApprovalLevel level);
std::int64_t insert_merchant(Database& db, const std::string& name);
// The platform's staff of one role, by display name (who a case can be assigned to).
std::vector<api::UserInfo> list_staff(Database& db, Role role);

}  // namespace accord::db
