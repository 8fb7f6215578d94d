#include "db/order_repository.hpp"

#include "accord/case.hpp"

namespace accord::db {

// "('rejected','closed',…)": the shared model decides which states are finished.
static std::string terminal_states_sql() {
    std::string list;
    for (const auto& e : EnumTable<DisputeState>::entries)
        if (is_terminal(e.value)) list += (list.empty() ? "'" : ",'") + std::string(e.key) + "'";
    return "(" + list + ")";
}

static const std::string kSelectOrder =
    "SELECT o.order_ref, o.buyer_id, o.merchant_id, m.name, o.item_title, o.total_minor, o.currency, "
    "o.placed_at, o.delivered_at, "
    "COALESCE((SELECT MAX(d.id) FROM disputes d WHERE d.order_ref = o.order_ref AND d.state NOT IN " +
    terminal_states_sql() + "), 0) FROM orders o CROSS JOIN merchants m ON m.id = o.merchant_id ";

static OrderSnapshot read_order(const Statement& s) {
    OrderSnapshot o;
    o.order_ref = s.text(0);
    o.buyer_id = s.integer(1);
    o.merchant_id = s.integer(2);
    o.merchant_name = s.text(3);
    o.item_title = s.text(4);
    o.total = {s.integer(5), s.text(6)};
    o.placed_at = s.integer(7);
    o.delivered_at = s.integer(8);
    o.open_dispute_id = s.integer(9);
    return o;
}

std::optional<OrderSnapshot> find_order(Database& db, const std::string& order_ref) {
    Query s = db.statement(kSelectOrder + "WHERE o.order_ref = ?");
    s.bind(1, order_ref);
    if (!s.step()) return std::nullopt;
    return read_order(s);
}

// Each scope has its own text: SQLite plans a statement once, for every binding, so
// `(?1 = 0 OR o.buyer_id = ?1)` hid the buyer's index and every list scanned all orders and
// sorted them. This way the newest come straight off (buyer_id, placed_at), or off (placed_at)
// for support, and the walk stops at the limit. CROSS JOIN (in kSelectOrder) keeps orders the
// outer loop, so the index order is the list's order, unsorted.
static std::string list_orders_sql(OrderScope::Kind kind) {
    std::string sql = kSelectOrder;
    switch (kind) {
        case OrderScope::Kind::none: sql += "WHERE 0 "; break;  // lists nothing (list_orders never asks)
        case OrderScope::Kind::of_buyer: sql += "WHERE o.buyer_id = ?1 "; break;
        case OrderScope::Kind::all: break;
    }
    return sql + "ORDER BY o.placed_at DESC LIMIT ?2";
}

std::vector<OrderSnapshot> list_orders(Database& db, const OrderScope& scope, int limit) {
    std::vector<OrderSnapshot> out;
    if (scope.kind == OrderScope::Kind::none) return out;
    Query s = db.statement(list_orders_sql(scope.kind));
    if (scope.kind == OrderScope::Kind::of_buyer) s.bind(1, scope.buyer_id);
    s.bind(2, static_cast<std::int64_t>(limit));
    while (s.step()) out.push_back(read_order(s));
    return out;
}

void insert_order(Database& db, const OrderSnapshot& o) {
    Query s = db.statement(
        "INSERT INTO orders (order_ref, buyer_id, merchant_id, item_title, total_minor, currency, placed_at, "
        "delivered_at) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, o.order_ref)
        .bind(2, o.buyer_id)
        .bind(3, o.merchant_id)
        .bind(4, o.item_title)
        .bind(5, o.total.minor)
        .bind(6, o.total.currency)
        .bind(7, o.placed_at)
        .bind(8, o.delivered_at);
    s.run();
}

}  // namespace accord::db
