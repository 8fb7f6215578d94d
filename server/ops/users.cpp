#include "ops/users.hpp"

#include <stdexcept>

#include "accord/filing.hpp"
#include "auth/crypto.hpp"
#include "db/user_repository.hpp"

namespace accord::ops {

namespace {

// A value that can never be right: the command line is wrong.
[[noreturn]] void refuse(const std::string& option, const std::string& problem) {
    throw std::invalid_argument(option + ": " + problem);
}

// A value that does not fit this store (a taken name, an unknown shop): the command failed.
[[noreturn]] void conflict(const std::string& option, const std::string& problem) {
    throw std::runtime_error(option + ": " + problem);
}

template <typename E>
std::string choices() {
    std::string out;
    for (const auto& e : EnumTable<E>::entries) out += (out.empty() ? "" : ", ") + std::string(e.key);
    return out;
}

bool merchant_exists(db::Database& db, std::int64_t id) {
    db::Query s = db.statement("SELECT 1 FROM merchants WHERE id = ?");
    s.bind(1, id);
    return s.step();
}

}  // namespace

std::int64_t create_user(db::Database& db, const NewUser& u, Timestamp now) {
    // Sign-in compares user names byte for byte: keep them to what people type alike everywhere.
    if (u.username.empty() || u.username.size() > 64) refuse("username", "must be 1 to 64 characters");
    for (const char c : u.username)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-'))
            refuse("username", "'" + u.username + "' may hold only letters, digits, '.', '_' and '-'");
    if (!is_valid_utf8(u.display_name)) refuse("--display-name", "is not valid UTF-8");
    const std::string display = trim_spaces(u.display_name);
    if (display.empty()) refuse("--display-name", "is required");
    if (utf8_length(display) > 100) refuse("--display-name", "allows at most 100 characters");
    Role role{};
    if (!from_key(u.role, role)) refuse("--role", "'" + u.role + "' is not one of " + choices<Role>());
    if (role == Role::merchant && u.merchant_id <= 0) refuse("--merchant-id", "is required for a merchant account");
    if (role != Role::merchant && u.merchant_id != 0) refuse("--merchant-id", "applies to merchant accounts only");
    ApprovalLevel level = ApprovalLevel::team_lead;
    if (!u.approval_level.empty()) {
        if (role != Role::approver) refuse("--approval-level", "applies to approver accounts only");
        if (!from_key(u.approval_level, level))
            refuse("--approval-level", "'" + u.approval_level + "' is not one of " + choices<ApprovalLevel>());
    }
    if (!is_valid_utf8(u.password)) refuse("password", "is not valid UTF-8");
    if (utf8_length(u.password) < kMinPasswordChars)
        refuse("password", "needs at least " + std::to_string(kMinPasswordChars) + " characters");

    if (role == Role::merchant && !merchant_exists(db, u.merchant_id))
        conflict("--merchant-id", "no shop with id " + std::to_string(u.merchant_id));
    if (db::find_user_by_username(db, u.username)) conflict("username", "'" + u.username + "' is taken");

    db::UserRecord rec;
    rec.info.username = u.username;
    rec.info.display_name = display;
    rec.info.role = role;
    rec.info.merchant_id = u.merchant_id;
    rec.phone = u.phone;
    rec.address = u.address;
    rec.password_hash = auth::hash_password(u.password);
    db::Transaction tx(db);
    const std::int64_t id = db::insert_user(db, rec, now);
    if (role == Role::approver) db::set_approval_level(db, id, level);
    tx.commit();
    return id;
}

}  // namespace accord::ops
