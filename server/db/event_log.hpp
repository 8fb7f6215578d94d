// The append-only, hash-chained history of each case (who did what, when, why).
//
// Two chains hold it together. Per case: each event carries the SHA-256 of the case's previous
// event (prev_hash) and of itself (hash), which anyone can recompute from an exported case file.
// Globally: every event gets the next gseq and a MAC keyed with a secret kept outside the
// database, over its hash and the previous event's MAC, so an edit recomputed with plain SHA-256,
// or a deleted history, breaks the MAC chain (`accord-server verify`).
#pragma once
#include <string>
#include <vector>

#include "accord/time.hpp"
#include "auth/crypto.hpp"
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
    std::int64_t gseq = 0;
    std::string mac;
    std::string visibility = "all";  // or "staff"
};

// Appends an event, chaining it to the case's previous one and to the global chain. Call inside
// a Transaction.
CaseEvent append_event(Database& db, const auth::ChainKey& key, std::int64_t dispute_id, const std::string& action,
                       std::int64_t actor_id, Timestamp at, const std::string& reason, const std::string& payload,
                       const std::string& visibility = "all");
std::vector<CaseEvent> list_events(Database& db, std::int64_t dispute_id);
// The SHA-256 an event should carry, recomputed from its fields.
std::string event_hash(const CaseEvent& e);
// The MAC an event should carry given the previous event's MAC in the global chain.
std::string event_mac(const auth::ChainKey& key, const CaseEvent& e, const std::string& prev_mac);
// Recomputes the per-case chain; false if any row was altered, removed or reordered.
bool verify_chain(const std::vector<CaseEvent>& events);
// Gives events written before MACs existed their gseq and MAC (once, at start). Returns how many.
int seal_legacy_events(Database& db, const auth::ChainKey& key);
// Whether any event was ever written (a missing key file is then an error, not a fresh start).
bool has_events(Database& db);

}  // namespace accord::db
