// `accord-server create-user`: an account made the way the server makes them (the users
// repository, argon2id like every sign-in checks), for a first admin or a new staff member.
#pragma once
#include <cstdint>
#include <string>

#include "accord/approvals.hpp"
#include "accord/role.hpp"
#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::ops {

struct NewUser {
    std::string username;
    std::string display_name;
    std::string role;  // a Role key: buyer, merchant, support, ...
    std::int64_t merchant_id = 0;  // the shop a merchant account acts for; 0 for every other role
    std::string password;
    std::string phone, address;
    std::string approval_level;  // approvers: team_lead (default) or manager
};

// Minimum password length for accounts made here.
constexpr std::size_t kMinPasswordChars = 10;

// Checks everything first and throws naming the option at fault: std::invalid_argument for a
// value that is never right ("--role: 'boss' is not one of buyer, merchant, ..."),
// std::runtime_error for one this store refuses (a taken user name, an unknown shop id). Then
// hashes the password and inserts the account. Returns its id.
std::int64_t create_user(db::Database& db, const NewUser& user, Timestamp now);

}  // namespace accord::ops
