#include "db/dispute_repository.hpp"

#include <limits>

namespace accord::db {

static const char* kSelectDispute =
    "SELECT d.id, COALESCE(d.order_ref, ''), COALESCE(d.buyer_id, 0), d.buyer_name, d.buyer_phone, d.buyer_address, d.merchant_id, m.name, "
    "d.category, d.requested_remedy, d.amount_minor, d.currency, d.description, d.channel, d.state, d.created_at, "
    "d.updated_at, d.kind FROM disputes d JOIN merchants m ON m.id = d.merchant_id ";

template <typename E>
static E enum_column(const Statement& s, int column) {
    E value{};
    if (!from_key(s.text(column), value)) throw DbError("unknown value '" + s.text(column) + "' in disputes row");
    return value;
}

static Dispute read_dispute(const Statement& s) {
    Dispute d;
    d.id = s.integer(0);
    d.order_ref = s.text(1);
    d.buyer_id = s.integer(2);
    d.buyer = {s.text(3), s.text(4), s.text(5)};
    d.merchant_id = s.integer(6);
    d.merchant_name = s.text(7);
    d.category = enum_column<Category>(s, 8);
    d.requested_remedy = enum_column<Remedy>(s, 9);
    d.amount = {s.integer(10), s.text(11)};
    d.description = s.text(12);
    d.channel = enum_column<Channel>(s, 13);
    d.state = enum_column<DisputeState>(s, 14);
    d.created_at = s.integer(15);
    d.updated_at = s.integer(16);
    d.kind = enum_column<CaseKind>(s, 17);
    return d;
}

std::int64_t insert_dispute(Database& db, const Dispute& d, std::int64_t filed_by) {
    Query s = db.statement(
        "INSERT INTO disputes (order_ref, buyer_id, buyer_name, buyer_phone, buyer_address, merchant_id, category, "
        "requested_remedy, amount_minor, currency, description, channel, state, filed_by, created_at, updated_at, "
        "kind) VALUES (NULLIF(?1, ''), NULLIF(?2, 0),?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
    s.bind(1, d.order_ref)
        .bind(2, d.buyer_id)
        .bind(3, d.buyer.name)
        .bind(4, d.buyer.phone)
        .bind(5, d.buyer.address)
        .bind(6, d.merchant_id)
        .bind(7, std::string(to_key(d.category)))
        .bind(8, std::string(to_key(d.requested_remedy)))
        .bind(9, d.amount.minor)
        .bind(10, d.amount.currency)
        .bind(11, d.description)
        .bind(12, std::string(to_key(d.channel)))
        .bind(13, std::string(to_key(d.state)))
        .bind(14, filed_by)
        .bind(15, d.created_at)
        .bind(16, d.updated_at)
        .bind(17, std::string(to_key(d.kind)));
    s.run();
    return db.last_insert_id();
}

std::optional<Dispute> find_dispute(Database& db, std::int64_t id) {
    Query s = db.statement(std::string(kSelectDispute) + "WHERE d.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_dispute(s);
}

std::string list_disputes_sql(CaseScope::Kind kind) {
    // The cursor is always a plain range, `d.id < ?2` (the first page binds the largest id), and
    // each scope has its own text: SQLite plans a statement once, for every binding, so
    // `(?2 = 0 OR d.id < ?2)` or `(?1 = 0 OR d.buyer_id = ?1)` hide the range from the planner
    // and a page far back walked the index down from the newest case. This way every page is a
    // seek into (buyer_id, id), (merchant_id, id) or the rowid, then `limit` steps.
    // CROSS JOIN keeps disputes the outer loop (SQLite never reorders it): the index then
    // yields rows already in id order, with no sort, whatever the planner thinks of merchants.
    std::string sql =
        "SELECT d.id, COALESCE(d.order_ref, ''), COALESCE(d.buyer_id, 0), d.buyer_name, d.buyer_phone, "
        "d.buyer_address, d.merchant_id, m.name, d.category, d.requested_remedy, d.amount_minor, d.currency, "
        "d.description, d.channel, d.state, d.created_at, d.updated_at, d.kind, COALESCE(c.next_due_at, 0) "
        "FROM disputes d CROSS JOIN merchants m ON m.id = d.merchant_id "
        "LEFT JOIN cases c ON c.dispute_id = d.id ";
    switch (kind) {
        case CaseScope::Kind::all: sql += "WHERE d.id < ?2 "; break;
        case CaseScope::Kind::of_buyer: sql += "WHERE d.buyer_id = ?1 AND d.id < ?2 "; break;
        case CaseScope::Kind::of_merchant: sql += "WHERE d.merchant_id = ?1 AND d.id < ?2 "; break;
    }
    return sql + "ORDER BY d.id DESC LIMIT ?3";
}

std::vector<ListedDispute> list_disputes(Database& db, const CaseScope& scope, int limit, std::int64_t before_id) {
    Query s = db.statement(list_disputes_sql(scope.kind));
    const std::int64_t cursor = before_id > 0 ? before_id : std::numeric_limits<std::int64_t>::max();
    s.bind(2, cursor).bind(3, static_cast<std::int64_t>(limit));
    if (scope.kind != CaseScope::Kind::all) s.bind(1, scope.id);
    std::vector<ListedDispute> out;
    while (s.step()) out.push_back({read_dispute(s), s.integer(18)});
    return out;
}

void update_dispute_summary(Database& db, const Dispute& d) {
    Query s = db.statement("UPDATE disputes SET state = ?, category = ?, updated_at = ? WHERE id = ?");
    s.bind(1, std::string(to_key(d.state))).bind(2, std::string(to_key(d.category))).bind(3, d.updated_at).bind(4, d.id);
    s.run();
    if (db.changes() != 1) throw DbError("no disputes row for case " + std::to_string(d.id));
}

}  // namespace accord::db
