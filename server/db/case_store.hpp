// The stored case: one document per case (every field of shared/ Case), its version, the time
// the scheduler must look at it next, and a keyed MAC tying the row to the head of its history.
#pragma once
#include <optional>
#include <vector>

#include "accord/case.hpp"
#include "auth/crypto.hpp"
#include "db/database.hpp"

namespace accord::db {

struct StoredCase {
    Case c;
    std::int64_t version = 0;  // 1 when filed, +1 per stored change
};

struct CaseRow {
    std::int64_t dispute_id = 0;
    std::int64_t version = 0;
    std::string body;
    std::optional<Timestamp> next_due_at;
    std::int64_t head_seq = 0;
    std::string mac;
};

std::optional<StoredCase> load_case(Database& db, std::int64_t id);
std::optional<CaseRow> load_case_row(Database& db, std::int64_t id);

// The MAC a case row should carry: its id, version, document and the hash of its last event.
std::string case_mac(const auth::ChainKey& key, std::int64_t id, std::int64_t version, const std::string& body,
                     std::int64_t head_seq, const std::string& head_hash);

// Writes version `version` of the case (inserting it when version is 1). The caller holds a
// transaction and has checked that the stored version is version - 1.
void store_case(Database& db, const auth::ChainKey& key, const Case& c, std::int64_t version,
                std::optional<Timestamp> next_due_at, std::int64_t head_seq, const std::string& head_hash);

// Moves the row's head to a new event that did not change the case (same version and body).
void reseal_case(Database& db, const auth::ChainKey& key, const CaseRow& row, std::int64_t head_seq,
                 const std::string& head_hash);

// Cases whose next deadline is at or before `now`, earliest first.
std::vector<std::int64_t> due_case_ids(Database& db, Timestamp now, int limit);
std::optional<Timestamp> earliest_due(Database& db);
// Moves only the scheduler's next look (not part of the case's MAC: it is derived).
void set_next_due(Database& db, std::int64_t id, std::optional<Timestamp> next_due_at);

}  // namespace accord::db
