#include "db/session_repository.hpp"

namespace accord::db {

namespace {

constexpr const char* kColumns = "id, user_id, created_at, last_seen_at, expires_at, user_agent, address";

SessionRecord read_session(Query& s) {
    return {s.integer(0), s.integer(1), s.integer(2), s.integer(3), s.integer(4), s.text(5), s.text(6)};
}

}  // namespace

std::int64_t insert_session(Database& db, const std::string& token_hash, std::int64_t user_id, Timestamp now,
                            Timestamp expires_at, const std::string& user_agent, const std::string& address) {
    Query s = db.statement(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, address) "
        "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, token_hash).bind(2, user_id).bind(3, now).bind(4, now).bind(5, expires_at).bind(6, user_agent);
    s.bind(7, address);
    s.run();
    return db.last_insert_id();
}

std::optional<SessionRecord> find_live_session(Database& db, const std::string& token_hash, const SessionExpiry& at) {
    Query s = db.statement(std::string("SELECT ") + kColumns +
                           " FROM sessions WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?");
    s.bind(1, token_hash).bind(2, at.now).bind(3, at.now - at.idle);
    if (!s.step()) return std::nullopt;
    return read_session(s);
}

void touch_session(Database& db, std::int64_t id, Timestamp now) {
    Query s = db.statement("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?");
    s.bind(1, now).bind(2, id).bind(3, now);
    s.run();
}

std::vector<SessionRecord> list_live_sessions(Database& db, std::int64_t user_id, const SessionExpiry& at) {
    Query s = db.statement(std::string("SELECT ") + kColumns +
                           " FROM sessions WHERE user_id = ? AND expires_at > ? AND last_seen_at > ? ORDER BY id DESC");
    s.bind(1, user_id).bind(2, at.now).bind(3, at.now - at.idle);
    std::vector<SessionRecord> out;
    while (s.step()) out.push_back(read_session(s));
    return out;
}

void delete_session(Database& db, const std::string& token_hash) {
    Query s = db.statement("DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    s.run();
}

bool delete_user_session(Database& db, std::int64_t user_id, std::int64_t id) {
    Query s = db.statement("DELETE FROM sessions WHERE id = ? AND user_id = ?");
    s.bind(1, id).bind(2, user_id);
    s.run();
    return db.changes() > 0;
}

int delete_user_sessions(Database& db, std::int64_t user_id) {
    Query s = db.statement("DELETE FROM sessions WHERE user_id = ?");
    s.bind(1, user_id);
    s.run();
    return db.changes();
}

void delete_expired_sessions(Database& db, const SessionExpiry& at) {
    Query s = db.statement("DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?");
    s.bind(1, at.now).bind(2, at.now - at.idle);
    s.run();
}

}  // namespace accord::db
