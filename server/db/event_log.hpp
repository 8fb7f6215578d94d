// The append-only, hash-chained history of each case (who did what, when, why).
#pragma once
#include <string>
#include <vector>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

struct CaseEvent {
    std::int64_t dispute_id = 0;
    std::int64_t seq = 0;
    std::string action;
    std::int64_t actor_id = 0;
    Timestamp at = 0;
    std::string reason;
    std::string payload;  // JSON
    std::string prev_hash;
    std::string hash;
};

// Appends an event, chaining it to the case's previous one. Call inside a Transaction.
CaseEvent append_event(Database& db, std::int64_t dispute_id, const std::string& action, std::int64_t actor_id,
                       Timestamp at, const std::string& reason, const std::string& payload);
std::vector<CaseEvent> list_events(Database& db, std::int64_t dispute_id);
// Recomputes the chain; false if any row was altered, removed or reordered.
bool verify_chain(const std::vector<CaseEvent>& events);

}  // namespace accord::db
