#include "db/user_repository.hpp"

namespace accord::db {

static const char* kSelectUser =
    "SELECT u.id, u.username, u.display_name, u.role, COALESCE(u.merchant_id, 0), COALESCE(m.name, ''), "
    "u.phone, u.address, u.password_hash FROM users u LEFT JOIN merchants m ON m.id = u.merchant_id ";

static std::optional<UserRecord> read_user(Statement& s) {
    if (!s.step()) return std::nullopt;
    UserRecord u;
    u.info.id = s.integer(0);
    u.info.username = s.text(1);
    u.info.display_name = s.text(2);
    if (!from_key(s.text(3), u.info.role)) throw DbError("unknown role in users row " + std::to_string(u.info.id));
    u.info.merchant_id = s.integer(4);
    u.info.merchant_name = s.text(5);
    u.phone = s.text(6);
    u.address = s.text(7);
    u.password_hash = s.text(8);
    return u;
}

std::optional<UserRecord> find_user_by_username(Database& db, const std::string& username) {
    Query s = db.statement(std::string(kSelectUser) + "WHERE u.username = ?");
    s.bind(1, username);
    return read_user(s);
}

std::optional<UserRecord> find_user(Database& db, std::int64_t id) {
    Query s = db.statement(std::string(kSelectUser) + "WHERE u.id = ?");
    s.bind(1, id);
    return read_user(s);
}

std::int64_t insert_user(Database& db, const UserRecord& user, Timestamp now) {
    Query s = db.statement(
        "INSERT INTO users (username, display_name, role, merchant_id, phone, address, password_hash, created_at) "
        "VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?)");
    s.bind(1, user.info.username)
        .bind(2, user.info.display_name)
        .bind(3, std::string(to_key(user.info.role)))
        .bind(4, user.info.merchant_id)
        .bind(5, user.phone)
        .bind(6, user.address)
        .bind(7, user.password_hash)
        .bind(8, now);
    s.run();
    return db.last_insert_id();
}

std::int64_t count_users(Database& db) {
    Query s = db.statement("SELECT COUNT(*) FROM users");
    s.step();
    return s.integer(0);
}

std::int64_t insert_merchant(Database& db, const std::string& name) {
    Query s = db.statement("INSERT INTO merchants (name) VALUES (?)");
    s.bind(1, name);
    s.run();
    return db.last_insert_id();
}

ApprovalLevel approval_level(Database& db, std::int64_t user_id) {
    Query s = db.statement("SELECT approval_level FROM users WHERE id = ?");
    s.bind(1, user_id);
    ApprovalLevel level = ApprovalLevel::team_lead;
    if (s.step() && !from_key(s.text(0), level))
        throw DbError("unknown approval level in users row " + std::to_string(user_id));
    return level;
}

void set_approval_level(Database& db, std::int64_t user_id, ApprovalLevel level) {
    Query s = db.statement("UPDATE users SET approval_level = ? WHERE id = ?");
    s.bind(1, std::string(to_key(level))).bind(2, user_id);
    s.run();
}

std::vector<api::UserInfo> list_staff(Database& db, Role role) {
    std::vector<api::UserInfo> out;
    if (!is_staff(role)) return out;
    Query s = db.statement(std::string(kSelectUser) + "WHERE u.role = ? ORDER BY u.display_name, u.id");
    s.bind(1, std::string(to_key(role)));
    while (auto u = read_user(s)) out.push_back(u->info);
    return out;
}

}  // namespace accord::db
