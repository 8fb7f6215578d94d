// The order a dispute is filed on, as the marketplace pushed it to us (a snapshot, never edited).
#pragma once
#include <cstdint>
#include <string>

#include "accord/money.hpp"
#include "accord/time.hpp"

namespace accord {

struct OrderSnapshot {
    std::string order_ref;
    std::int64_t buyer_id = 0;
    std::int64_t merchant_id = 0;
    std::string merchant_name;
    std::string item_title;
    Money total;
    Timestamp placed_at = 0;
    Timestamp delivered_at = 0;  // 0 while not delivered
    // Derived by the store, not pushed by the marketplace: the case still open on this order.
    std::int64_t open_dispute_id = 0;
};

}  // namespace accord
