// Dispute cases.
#pragma once
#include <optional>
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
// Cases in a scope, newest first; `before_id` > 0 pages on from there.
std::vector<Dispute> list_disputes(Database& db, const CaseScope& scope, int limit, std::int64_t before_id = 0);

}  // namespace accord::db
