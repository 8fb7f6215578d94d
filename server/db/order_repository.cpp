#include "db/order_repository.hpp"

namespace accord::db {

static const char* kSelectOrder =
    "SELECT o.order_ref, o.buyer_id, o.merchant_id, m.name, o.item_title, o.total_minor, o.currency, "
    "o.placed_at, o.delivered_at FROM orders o JOIN merchants m ON m.id = o.merchant_id ";

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
    return o;
}

std::optional<OrderSnapshot> find_order(Database& db, const std::string& order_ref) {
    Statement& s = db.statement(std::string(kSelectOrder) + "WHERE o.order_ref = ?");
    s.bind(1, order_ref);
    if (!s.step()) return std::nullopt;
    return read_order(s);
}

std::vector<OrderSnapshot> list_orders_for(Database& db, const Viewer& viewer, int limit) {
    std::vector<OrderSnapshot> out;
    if (viewer.role != Role::buyer && viewer.role != Role::support) return out;
    Statement& s = db.statement(std::string(kSelectOrder) +
                                "WHERE (? = 0 OR o.buyer_id = ?) ORDER BY o.placed_at DESC LIMIT ?");
    const std::int64_t only_buyer = viewer.role == Role::buyer ? viewer.user_id : 0;
    s.bind(1, only_buyer).bind(2, only_buyer).bind(3, static_cast<std::int64_t>(limit));
    while (s.step()) out.push_back(read_order(s));
    return out;
}

void insert_order(Database& db, const OrderSnapshot& o) {
    Statement& s = db.statement(
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
