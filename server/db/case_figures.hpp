// Figures about the whole store, for operators (GET /metrics, GET /readyz): each from an index,
// so a scrape costs the same at 1,000 cases as at 1,000,000.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

std::vector<std::pair<std::string, std::int64_t>> count_cases_by_state(Database& db);

struct PassedDeadlines {
    std::int64_t cases = 0;  // cases whose next deadline is at or before `now`
    Timestamp oldest = 0;    // the earliest of those deadlines (0: none)
};
// Deadlines that have passed and that the scheduler has not yet acted on.
PassedDeadlines passed_deadlines(Database& db, Timestamp now);

}  // namespace accord::db
