// `accord-server verify`: checks that the stored record of every case is whole and untampered.
// It recomputes each case's SHA-256 event chain and the global MAC chain (keyed by the secret
// outside the database), checks that the stored case row is the one its last event recorded and
// that the listing row agrees with it, and that every evidence file and message is the one
// the chain recorded. Each problem names the case, the event (seq) and what differs.
#pragma once
#include <string>
#include <vector>

#include "auth/crypto.hpp"
#include "db/database.hpp"

namespace accord::audit {

struct Finding {
    std::int64_t dispute_id = 0;  // 0: not tied to one case (the global chain)
    std::int64_t seq = 0;         // the event, when one is at fault
    std::string what;
};

struct Report {
    std::int64_t cases = 0;
    std::int64_t events = 0;
    std::int64_t evidence_files = 0;
    std::vector<Finding> problems;
    bool ok() const { return problems.empty(); }
};

// Every case, the global chain and every evidence file. `data_dir` holds evidence/.
Report verify_all(db::Database& db, const auth::ChainKey& key, const std::string& data_dir);
// One case only (what an export carries), without the global chain.
Report verify_case(db::Database& db, const auth::ChainKey& key, const std::string& data_dir, std::int64_t id);

std::string describe(const Finding& f);
std::string format_report(const Report& r);

}  // namespace accord::audit
