// Sign-in sessions, stored by the SHA-256 of their cookie token. Each also has a public id, by
// which its owner (or an admin) lists and revokes it; the token never leaves the cookie.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

struct SessionRecord {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    Timestamp created_at = 0;
    Timestamp last_seen_at = 0;
    Timestamp expires_at = 0;
    std::string user_agent;
    std::string address;
};

// When a session stops being live: at expires_at (the absolute limit, set at sign-in), or after
// `idle` seconds without a request.
struct SessionExpiry {
    Timestamp now = 0;
    Timestamp idle = 0;
};

// Returns the new session's id.
std::int64_t insert_session(Database& db, const std::string& token_hash, std::int64_t user_id, Timestamp now,
                            Timestamp expires_at, const std::string& user_agent, const std::string& address);
// The live session of a token, or nothing when unknown or expired.
std::optional<SessionRecord> find_live_session(Database& db, const std::string& token_hash, const SessionExpiry& at);
void touch_session(Database& db, std::int64_t id, Timestamp now);
// A user's live sessions, newest first.
std::vector<SessionRecord> list_live_sessions(Database& db, std::int64_t user_id, const SessionExpiry& at);
void delete_session(Database& db, const std::string& token_hash);
// Deletes session `id` if it is `user_id`'s; whether it did.
bool delete_user_session(Database& db, std::int64_t user_id, std::int64_t id);
// Deletes every session of a user; how many.
int delete_user_sessions(Database& db, std::int64_t user_id);
void delete_expired_sessions(Database& db, const SessionExpiry& at);

}  // namespace accord::db
