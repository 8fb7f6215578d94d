// Validation of the filing form (shared by client and server).
#include <doctest/doctest.h>

#include "accord/filing.hpp"

using namespace accord;

static OrderSnapshot order_delivered(Timestamp delivered) {
    OrderSnapshot o;
    o.order_ref = "TB-1";
    o.buyer_id = 7;
    o.merchant_id = 3;
    o.total = {89900, "CNY"};
    o.placed_at = delivered - 3 * kSecondsPerDay;
    o.delivered_at = delivered;
    return o;
}

static FilingForm good_form() {
    FilingForm f;
    f.order_ref = "TB-1";
    f.category = Category::quality_defect;
    f.requested_remedy = Remedy::return_and_refund;
    f.amount_minor = 89900;
    f.currency = "CNY";
    f.description = "耳机左边没有声音，要求退货退款";
    return f;
}

TEST_CASE("a complete filing within the window has no errors") {
    const Timestamp now = 1'790'000'000;
    const OrderSnapshot o = order_delivered(now - 2 * kSecondsPerDay);
    CHECK(validate_filing(good_form(), &o, Viewer{7, Role::buyer, 0}, now).empty());
}
