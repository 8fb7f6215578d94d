#include "db/evidence_repository.hpp"

namespace accord::db {

static const char* kSelect =
    "SELECT id, dispute_id, uploader_id, file_name, media_type, size_bytes, sha256, at FROM evidence ";

static EvidenceRecord read(Query& s) {
    return {s.integer(0), s.integer(1), s.integer(2), s.text(3), s.text(4), s.integer(5), s.text(6), s.integer(7)};
}

std::int64_t insert_evidence(Database& db, const EvidenceRecord& e) {
    Query s = db.statement(
        "INSERT INTO evidence (dispute_id, uploader_id, file_name, media_type, size_bytes, sha256, at) "
        "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, e.dispute_id)
        .bind(2, e.uploader_id)
        .bind(3, e.file_name)
        .bind(4, e.media_type)
        .bind(5, e.size_bytes)
        .bind(6, e.sha256)
        .bind(7, e.at);
    s.run();
    return db.last_insert_id();
}

std::vector<EvidenceRecord> list_evidence(Database& db, std::int64_t dispute_id) {
    Query s = db.statement(std::string(kSelect) + "WHERE dispute_id = ? ORDER BY id");
    s.bind(1, dispute_id);
    std::vector<EvidenceRecord> out;
    while (s.step()) out.push_back(read(s));
    return out;
}

std::optional<EvidenceRecord> find_evidence(Database& db, std::int64_t dispute_id, std::int64_t id) {
    Query s = db.statement(std::string(kSelect) + "WHERE dispute_id = ? AND id = ?");
    s.bind(1, dispute_id).bind(2, id);
    if (!s.step()) return std::nullopt;
    return read(s);
}

std::int64_t evidence_bytes(Database& db, std::int64_t dispute_id) {
    Query s = db.statement("SELECT COALESCE(SUM(size_bytes), 0) FROM evidence WHERE dispute_id = ?");
    s.bind(1, dispute_id);
    s.step();
    return s.integer(0);
}

}  // namespace accord::db
