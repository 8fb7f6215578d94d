// Sign-in sessions, stored by the SHA-256 of their cookie token.
#pragma once
#include <optional>
#include <string>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

void insert_session(Database& db, const std::string& token_hash, std::int64_t user_id, Timestamp now,
                    Timestamp expires_at);
// The user of a live session, or nothing when unknown or expired.
std::optional<std::int64_t> find_session_user(Database& db, const std::string& token_hash, Timestamp now);
void delete_session(Database& db, const std::string& token_hash);
void delete_expired_sessions(Database& db, Timestamp now);

}  // namespace accord::db
