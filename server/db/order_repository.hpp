// Order snapshots pushed by the marketplace (seeded with demo orders for now).
#pragma once
#include <optional>
#include <vector>

#include "accord/access.hpp"
#include "accord/order.hpp"
#include "db/database.hpp"

namespace accord::db {

std::optional<OrderSnapshot> find_order(Database& db, const std::string& order_ref);
// Orders a viewer may file on, newest first (a buyer's own; all for support).
std::vector<OrderSnapshot> list_orders_for(Database& db, const Viewer& viewer, int limit);
void insert_order(Database& db, const OrderSnapshot& order);

}  // namespace accord::db
