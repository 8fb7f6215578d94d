// Who sees which cases, who files, and what a merchant sees of the buyer.
#include <doctest/doctest.h>

#include <string>

#include "accord/access.hpp"
#include "accord/filing.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

constexpr std::int64_t kOtherBuyerId = 8;
constexpr std::int64_t kOtherShopId = 4;

Dispute sample_dispute() {
    Dispute d;
    d.id = 42;
    d.order_ref = "TB-1";
    d.buyer_id = kOrderBuyer;
    d.buyer = {"张伟", "13812345678", "上海市浦东新区世纪大道100号"};
    d.merchant_id = kOrderShop;
    d.merchant_name = "声学旗舰店";
    d.category = Category::quality_defect;
    d.requested_remedy = Remedy::full_refund;
    d.amount = {89900, "CNY"};
    d.description = "耳机左边没有声音，要求退货退款";
    d.channel = Channel::web;
    d.state = DisputeState::filed;
    d.created_at = 1'790'000'000;
    d.updated_at = 1'790'000'100;
    return d;
}

// Everything but the buyer's contact, account id and the redaction flag.
void check_same_case(const Dispute& a, const Dispute& b) {
    CHECK(a.id == b.id);
    CHECK(a.order_ref == b.order_ref);
    CHECK(a.merchant_id == b.merchant_id);
    CHECK(a.merchant_name == b.merchant_name);
    CHECK(a.category == b.category);
    CHECK(a.requested_remedy == b.requested_remedy);
    CHECK(a.amount == b.amount);
    CHECK(a.description == b.description);
    CHECK(a.channel == b.channel);
    CHECK(a.state == b.state);
    CHECK(a.created_at == b.created_at);
    CHECK(a.updated_at == b.updated_at);
}

}  // namespace

TEST_CASE("case_scope: buyers their own, merchants their shop's, staff everything") {
    SUBCASE("buyer") {
        const CaseScope s = case_scope({kOrderBuyer, Role::buyer, 0});
        CHECK(s.kind == CaseScope::Kind::of_buyer);
        CHECK(s.id == kOrderBuyer);
    }
    SUBCASE("merchant: the shop, not the user") {
        const CaseScope s = case_scope({55, Role::merchant, kOrderShop});
        CHECK(s.kind == CaseScope::Kind::of_merchant);
        CHECK(s.id == kOrderShop);
    }
    SUBCASE("staff") {
        for (const Role role : kStaffRoles) {
            CAPTURE(to_key(role));
            const CaseScope s = case_scope({99, role, 0});
            CHECK(s.kind == CaseScope::Kind::all);
            CHECK(s.id == 0);
        }
    }
}

TEST_CASE("can_view for buyers: their own cases only") {
    const Dispute d = sample_dispute();
    CHECK(can_view(d, {kOrderBuyer, Role::buyer, 0}));
    CHECK_FALSE(can_view(d, {kOtherBuyerId, Role::buyer, 0}));
    // A buyer's merchant_id (should it be set) does not open the shop's cases.
    CHECK_FALSE(can_view(d, {kOtherBuyerId, Role::buyer, kOrderShop}));
}

TEST_CASE("can_view for merchants: their shop's cases only") {
    const Dispute d = sample_dispute();
    CHECK(can_view(d, {55, Role::merchant, kOrderShop}));
    CHECK_FALSE(can_view(d, {55, Role::merchant, kOtherShopId}));
    // The user id of a merchant never matters, even when it equals the buyer's id.
    CHECK_FALSE(can_view(d, {kOrderBuyer, Role::merchant, kOtherShopId}));

    SUBCASE("a merchant user with no shop sees nothing, even a case without a shop") {
        Dispute no_shop = d;
        no_shop.merchant_id = 0;
        CHECK_FALSE(can_view(no_shop, {55, Role::merchant, 0}));
        CHECK_FALSE(can_view(d, {55, Role::merchant, 0}));
    }
}

TEST_CASE("can_view for staff: every case") {
    Dispute other = sample_dispute();
    other.buyer_id = 1234;
    other.merchant_id = 5678;
    for (const Role role : kStaffRoles) {
        CAPTURE(to_key(role));
        CHECK(can_view(sample_dispute(), {99, role, 0}));
        CHECK(can_view(other, {99, role, 0}));
    }
}

TEST_CASE("may_file: buyers and support agents only") {
    for (const auto& entry : EnumTable<Role>::entries) {
        CAPTURE(entry.key);
        const bool expected = entry.value == Role::buyer || entry.value == Role::support;
        CHECK(may_file({1, entry.value, entry.value == Role::merchant ? kOrderShop : 0}) == expected);
    }
}

TEST_CASE("may_file by kind: buyers against merchants, merchants against buyers or the platform, support any") {
    for (const auto& entry : EnumTable<Role>::entries) {
        CAPTURE(entry.key);
        const Viewer v{1, entry.value, entry.value == Role::merchant ? kOrderShop : 0};
        const bool support = entry.value == Role::support;
        CHECK(may_file(v, CaseKind::buyer_vs_merchant) == (support || entry.value == Role::buyer));
        CHECK(may_file(v, CaseKind::merchant_vs_buyer) == (support || entry.value == Role::merchant));
        CHECK(may_file(v, CaseKind::merchant_vs_platform) == (support || entry.value == Role::merchant));
    }
    // A merchant user of no shop files nothing.
    CHECK_FALSE(may_file({1, Role::merchant, 0}, CaseKind::merchant_vs_buyer));
}

TEST_CASE("can_file_on by kind: a merchant on its own shop's orders against the buyer, no order against the platform") {
    const OrderSnapshot o = sample_order();
    CHECK(can_file_on(o, {kOrderBuyer, Role::buyer, 0}, CaseKind::buyer_vs_merchant));
    CHECK_FALSE(can_file_on(o, {kOrderBuyer, Role::merchant, kOrderShop}, CaseKind::buyer_vs_merchant));
    CHECK(can_file_on(o, {50, Role::merchant, kOrderShop}, CaseKind::merchant_vs_buyer));
    CHECK_FALSE(can_file_on(o, {51, Role::merchant, kOtherShopId}, CaseKind::merchant_vs_buyer));
    CHECK_FALSE(can_file_on(o, {kOrderBuyer, Role::buyer, 0}, CaseKind::merchant_vs_buyer));
    CHECK(can_file_on(o, {99, Role::support, 0}, CaseKind::merchant_vs_buyer));
    CHECK_FALSE(can_file_on(o, {50, Role::merchant, kOrderShop}, CaseKind::merchant_vs_platform));
    CHECK_FALSE(can_file_on(o, {99, Role::support, 0}, CaseKind::merchant_vs_platform));
}

TEST_CASE("can_file_on: a buyer their own orders, a support agent any, nobody else") {
    const OrderSnapshot o = sample_order();
    CHECK(can_file_on(o, {kOrderBuyer, Role::buyer, 0}));
    CHECK_FALSE(can_file_on(o, {kOtherBuyerId, Role::buyer, 0}));
    CHECK(can_file_on(o, {99, Role::support, 0}));
    // The shop's own merchant may not file against itself.
    CHECK_FALSE(can_file_on(o, {kOrderBuyer, Role::merchant, kOrderShop}));
    for (const Role role : {Role::mediator, Role::arbitrator, Role::approver, Role::admin}) {
        CAPTURE(to_key(role));
        CHECK_FALSE(can_file_on(o, {kOrderBuyer, role, 0}));
    }
}

TEST_CASE("merchant_needs_contact only for remedies that ship something to the buyer") {
    for (const auto& entry : EnumTable<Remedy>::entries) {
        CAPTURE(entry.key);
        const bool ships =
            entry.value == Remedy::reissue || entry.value == Remedy::exchange || entry.value == Remedy::repair;
        CHECK(merchant_needs_contact(entry.value) == ships);
    }
}

TEST_CASE("redacted_for a merchant: name always masked, phone and address unless shipping") {
    const Viewer merchant{55, Role::merchant, kOrderShop};
    for (const auto& entry : EnumTable<Remedy>::entries) {
        CAPTURE(entry.key);
        Dispute d = sample_dispute();
        d.requested_remedy = entry.value;
        const Dispute r = redacted_for(d, merchant);

        check_same_case(r, d);
        CHECK(r.contact_redacted);
        CHECK(r.buyer_id == 0);  // the buyer's account id is none of the merchant's business
        CHECK(r.buyer.name == "张*");
        const bool ships =
            entry.value == Remedy::reissue || entry.value == Remedy::exchange || entry.value == Remedy::repair;
        if (ships) {
            CHECK(r.buyer.phone == "13812345678");
            CHECK(r.buyer.address == "上海市浦东新区世纪大道100号");
        } else {
            CHECK(r.buyer.phone == "138****5678");
            CHECK(r.buyer.address == "上海市****");
        }
    }
}

TEST_CASE("redacted_for buyers and staff: everything, unmasked") {
    const Dispute d = sample_dispute();
    Viewer viewers[] = {{kOrderBuyer, Role::buyer, 0}, {0, Role::buyer, 0}};
    for (const Viewer& v : viewers) {
        const Dispute r = redacted_for(d, v);
        check_same_case(r, d);
        CHECK(r.buyer_id == d.buyer_id);
        CHECK(r.buyer.name == d.buyer.name);
        CHECK(r.buyer.phone == d.buyer.phone);
        CHECK(r.buyer.address == d.buyer.address);
        CHECK_FALSE(r.contact_redacted);
    }
    for (const Role role : kStaffRoles) {
        CAPTURE(to_key(role));
        const Dispute r = redacted_for(d, {99, role, 0});
        check_same_case(r, d);
        CHECK(r.buyer_id == d.buyer_id);
        CHECK(r.buyer.name == d.buyer.name);
        CHECK(r.buyer.phone == d.buyer.phone);
        CHECK(r.buyer.address == d.buyer.address);
        CHECK_FALSE(r.contact_redacted);
    }
}

TEST_CASE("redacted_for says what it did, whatever the input claimed") {
    Dispute d = sample_dispute();
    d.contact_redacted = true;  // e.g. a case decoded from a merchant's reply
    CHECK_FALSE(redacted_for(d, {kOrderBuyer, Role::buyer, 0}).contact_redacted);
    CHECK_FALSE(redacted_for(d, {99, Role::mediator, 0}).contact_redacted);
    d.contact_redacted = false;
    CHECK(redacted_for(d, {5, Role::merchant, d.merchant_id}).contact_redacted);
}

TEST_CASE("mask_phone keeps the first 3 and last 4 characters of a full number") {
    struct Row {
        const char* phone;
        const char* masked;
    };
    const Row rows[] = {
        {"13812345678", "138****5678"},
        {"+8613812345678", "+86****5678"},
        {"021-62345678", "021****5678"},
        {"138 1234 5678", "138****5678"},
        // Full-width digits are 3 bytes each: never cut one in half.
        {"１３８１２３４５６７８", "１３８****５６７８"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.phone);
        const std::string masked = mask_phone(row.phone);
        CHECK(masked == row.masked);
        CHECK(is_valid_utf8(masked));
    }
}

TEST_CASE("mask_phone hides a short number whole: no digit may leak from a 7- or 8-digit number") {
    struct Row {
        const char* phone;
        const char* masked;
    };
    const Row rows[] = {
        {"", ""},
        {"1", "*"},
        {"123456", "******"},
        {"6234567", "*******"},
        {"62345678", "********"},
        {"1381234567", "**********"},
        {"６２３４５６７８", "********"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.phone);
        CHECK(mask_phone(row.phone) == row.masked);
    }
}

TEST_CASE("mask_address keeps the first three characters") {
    struct Row {
        const char* address;
        const char* masked;
    };
    const Row rows[] = {
        {"上海市浦东新区世纪大道100号", "上海市****"},
        {"北京市朝阳区", "北京市****"},
        {"北京市", "北京市****"},
        {"北京", "北京****"},
        {"100 Century Avenue", "100****"},
        {"a", "a****"},
        {"", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.address);
        const std::string masked = mask_address(row.address);
        CHECK(masked == row.masked);
        CHECK(is_valid_utf8(masked));
    }
}

TEST_CASE("mask_name keeps the first character (the surname)") {
    struct Row {
        const char* name;
        const char* masked;
    };
    const Row rows[] = {
        {"张伟", "张*"},
        {"欧阳娜娜", "欧*"},
        {"李", "李*"},
        {"Alice Smith", "A*"},
        {"A", "A*"},
        {"\xF0\xA0\x80\x80" "明", "\xF0\xA0\x80\x80*"},  // a 4-byte CJK surname (U+20000)
        {"", ""},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        const std::string masked = mask_name(row.name);
        CHECK(masked == row.masked);
        CHECK(is_valid_utf8(masked));
    }
}

TEST_CASE("order_scope lists what can_file_on allows") {
    CHECK(order_scope({7, Role::buyer, 0}).kind == OrderScope::Kind::of_buyer);
    CHECK(order_scope({7, Role::buyer, 0}).buyer_id == 7);
    CHECK(order_scope({8, Role::support, 0}).kind == OrderScope::Kind::all);
    for (Role r : {Role::merchant, Role::mediator, Role::arbitrator, Role::approver, Role::admin}) {
        CAPTURE(to_key(r));
        CHECK(order_scope({9, r, 3}).kind == OrderScope::Kind::none);
        CHECK_FALSE(may_file({9, r, 3}));
    }
}
