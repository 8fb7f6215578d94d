#include "db/session_repository.hpp"

namespace accord::db {

void insert_session(Database& db, const std::string& token_hash, std::int64_t user_id, Timestamp now,
                    Timestamp expires_at) {
    Query s = db.statement("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)");
    s.bind(1, token_hash).bind(2, user_id).bind(3, now).bind(4, expires_at);
    s.run();
}

std::optional<std::int64_t> find_session_user(Database& db, const std::string& token_hash, Timestamp now) {
    Query s = db.statement("SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?");
    s.bind(1, token_hash).bind(2, now);
    if (!s.step()) return std::nullopt;
    return s.integer(0);
}

void delete_session(Database& db, const std::string& token_hash) {
    Query s = db.statement("DELETE FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    s.run();
}

void delete_expired_sessions(Database& db, Timestamp now) {
    Query s = db.statement("DELETE FROM sessions WHERE expires_at <= ?");
    s.bind(1, now);
    s.run();
}

}  // namespace accord::db
