// Evidence rows (the files themselves: evidence/evidence_files.hpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord::db {

struct EvidenceRecord {
    std::int64_t id = 0;
    std::int64_t dispute_id = 0;
    std::int64_t uploader_id = 0;
    std::string file_name;
    std::string media_type;
    std::int64_t size_bytes = 0;
    std::string sha256;
    Timestamp at = 0;
};

std::int64_t insert_evidence(Database& db, const EvidenceRecord& e);
std::vector<EvidenceRecord> list_evidence(Database& db, std::int64_t dispute_id);
std::optional<EvidenceRecord> find_evidence(Database& db, std::int64_t dispute_id, std::int64_t id);
std::int64_t evidence_bytes(Database& db, std::int64_t dispute_id);

}  // namespace accord::db
