// Dispute cases.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accord/access.hpp"
#include "accord/dispute.hpp"
#include "db/database.hpp"

namespace accord::db {

// Inserts a new case (id is assigned) and returns its id.
std::int64_t insert_dispute(Database& db, const Dispute& d, std::int64_t filed_by);
std::optional<Dispute> find_dispute(Database& db, std::int64_t id);
// Keeps the listing columns (state, category, updated_at) in step with the stored case.
void update_dispute_summary(Database& db, const Dispute& d);
// A case as a list shows it: the dispute, and when its next deadline falls due (0: none), so a
// client can order an inbox by urgency without loading every case.
struct ListedDispute {
    Dispute dispute;
    Timestamp next_due_at = 0;
};
// Cases in a scope, newest first; `before_id` > 0 pages on from there (ids below it).
std::vector<ListedDispute> list_disputes(Database& db, const CaseScope& scope, int limit, std::int64_t before_id = 0);
// The exact SQL list_disputes runs for a scope (?1 the buyer or merchant id, ?2 the cursor, ?3
// the limit): tests ask SQLite's planner about this very text.
std::string list_disputes_sql(CaseScope::Kind kind);

}  // namespace accord::db
