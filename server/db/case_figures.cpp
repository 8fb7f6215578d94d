#include "db/case_figures.hpp"

namespace accord::db {

std::vector<std::pair<std::string, std::int64_t>> count_cases_by_state(Database& db) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    Query q = db.statement("SELECT state, COUNT(*) FROM disputes GROUP BY state ORDER BY state");
    while (q.step()) out.emplace_back(q.text(0), q.integer(1));
    return out;
}

PassedDeadlines passed_deadlines(Database& db, Timestamp now) {
    // cases_due is partial (next_due_at IS NOT NULL), which the range implies.
    Query q = db.statement("SELECT COUNT(*), COALESCE(MIN(next_due_at), 0) FROM cases WHERE next_due_at <= ?1");
    q.bind(1, now);
    PassedDeadlines out;
    if (q.step()) {
        out.cases = q.integer(0);
        out.oldest = q.integer(1);
    }
    return out;
}

}  // namespace accord::db
