// Order snapshots pushed by the marketplace (seeded with demo orders for now).
#pragma once
#include <optional>
#include <vector>

#include "accord/access.hpp"
#include "accord/order.hpp"
#include "db/database.hpp"

namespace accord::db {

std::optional<OrderSnapshot> find_order(Database& db, const std::string& order_ref);
// Orders in a scope (access.hpp's order_scope), newest first.
std::vector<OrderSnapshot> list_orders(Database& db, const OrderScope& scope, int limit);
void insert_order(Database& db, const OrderSnapshot& order);

}  // namespace accord::db
