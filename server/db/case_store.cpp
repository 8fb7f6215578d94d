#include "db/case_store.hpp"

#include "accord/case_codec.hpp"
#include "accord/json_reader.hpp"

namespace accord::db {

std::optional<CaseRow> load_case_row(Database& db, std::int64_t id) {
    Query s = db.statement("SELECT dispute_id, version, body, next_due_at, head_seq, mac FROM cases WHERE dispute_id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    CaseRow row{s.integer(0), s.integer(1), s.text(2), std::nullopt, s.integer(4), s.text(5)};
    if (!static_cast<Statement&>(s).is_null(3)) row.next_due_at = s.integer(3);
    return row;
}

std::optional<StoredCase> load_case(Database& db, std::int64_t id) {
    const auto row = load_case_row(db, id);
    if (!row) return std::nullopt;
    StoredCase out;
    out.version = row->version;
    const nlohmann::json j = parse_json(row->body);
    const FieldErrors errors = api::decode_case(j, out.c);
    if (j.is_discarded() || !errors.empty())
        throw DbError("case " + std::to_string(id) + " is stored in a form this server cannot read" +
                      (errors.empty() ? std::string() : " (" + errors.front().field + ")"));
    return out;
}

std::string case_mac(const auth::ChainKey& key, std::int64_t id, std::int64_t version, const std::string& body,
                     std::int64_t head_seq, const std::string& head_hash) {
    return auth::hmac_sha256_hex(key, "case:" + std::to_string(id) + ":" + std::to_string(version) + ":" +
                                          auth::sha256_hex(body) + ":" + std::to_string(head_seq) + ":" + head_hash);
}

void store_case(Database& db, const auth::ChainKey& key, const Case& c, std::int64_t version,
                std::optional<Timestamp> next_due_at, std::int64_t head_seq, const std::string& head_hash) {
    const std::string body = api::encode_case(c).dump();
    const std::string mac = case_mac(key, c.dispute.id, version, body, head_seq, head_hash);
    Query s = db.statement(
        "INSERT INTO cases (dispute_id, version, body, next_due_at, head_seq, mac) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
        "ON CONFLICT (dispute_id) DO UPDATE SET version = ?2, body = ?3, next_due_at = ?4, head_seq = ?5, mac = ?6 "
        "WHERE version = ?2 - 1");
    s.bind(1, c.dispute.id).bind(2, version).bind(3, body);
    if (next_due_at) s.bind(4, *next_due_at);
    s.bind(5, head_seq).bind(6, mac);
    s.run();
    if (db.changes() != 1)
        throw DbError("case " + std::to_string(c.dispute.id) + " changed underneath version " + std::to_string(version));
}

void reseal_case(Database& db, const auth::ChainKey& key, const CaseRow& row, std::int64_t head_seq,
                 const std::string& head_hash) {
    Query s = db.statement("UPDATE cases SET head_seq = ?, mac = ? WHERE dispute_id = ? AND version = ?");
    s.bind(1, head_seq)
        .bind(2, case_mac(key, row.dispute_id, row.version, row.body, head_seq, head_hash))
        .bind(3, row.dispute_id)
        .bind(4, row.version);
    s.run();
    if (db.changes() != 1) throw DbError("case " + std::to_string(row.dispute_id) + " changed while resealing");
}

std::vector<std::int64_t> due_case_ids(Database& db, Timestamp now, int limit) {
    Query s = db.statement(
        "SELECT dispute_id FROM cases WHERE next_due_at IS NOT NULL AND next_due_at <= ? ORDER BY next_due_at LIMIT ?");
    s.bind(1, now).bind(2, static_cast<std::int64_t>(limit));
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

std::optional<Timestamp> earliest_due(Database& db) {
    Query s = db.statement("SELECT MIN(next_due_at) FROM cases WHERE next_due_at IS NOT NULL");
    if (!s.step() || static_cast<Statement&>(s).is_null(0)) return std::nullopt;
    return s.integer(0);
}

void set_next_due(Database& db, std::int64_t id, std::optional<Timestamp> next_due_at) {
    Query s = db.statement("UPDATE cases SET next_due_at = ? WHERE dispute_id = ?");
    if (next_due_at) s.bind(1, *next_due_at);
    s.bind(2, id);
    s.run();
}

}  // namespace accord::db
