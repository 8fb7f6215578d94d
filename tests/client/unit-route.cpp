// The web client's addresses: what a link, a reload or Back hands the app, and what it writes back.
#include <doctest/doctest.h>

#include "nav/route.hpp"

using namespace accord;
using namespace accord::client;

TEST_CASE("route: the case list is the default address") {
    for (const char* text : {"", "#", "#/", "#/cases"}) {
        const auto r = parse_route(text);
        REQUIRE(r);
        CHECK(r->page == Page::cases);
        CHECK(format_route(*r) == "#/cases");
    }
}

TEST_CASE("route: one case, with the list's filters beside it") {
    const auto r = parse_route("#/cases/123?state=filed&overdue=1&q=%E8%80%B3%E6%9C%BA%20AC");
    REQUIRE(r);
    CHECK(r->page == Page::case_view);
    CHECK(r->case_id == 123);
    CHECK(r->list.state == DisputeState::filed);
    CHECK(r->list.overdue);
    CHECK(r->list.search == "耳机 AC");
    CHECK(format_route(*r) == "#/cases/123?state=filed&overdue=1&q=%E8%80%B3%E6%9C%BA%20AC");
}

TEST_CASE("route: filing on an order, encoded as the browser keeps it") {
    Route r;
    r.page = Page::filing;
    r.order_ref = "TB20261101-0001";
    CHECK(format_route(r) == "#/file?order=TB20261101-0001");
    r.order_ref = "订单 #7";
    const std::string text = format_route(r);
    CHECK(text == "#/file?order=%E8%AE%A2%E5%8D%95%20%237");
    REQUIRE(parse_route(text));
    CHECK(*parse_route(text) == r);
}

TEST_CASE("route: sign-in remembers where to land, never itself") {
    Route target;
    target.page = Page::case_view;
    target.case_id = 7;
    Route sign_in;
    sign_in.page = Page::sign_in;
    sign_in.next = format_route(target);
    const std::string text = format_route(sign_in);
    CHECK(text == "#/sign-in?next=%23%2Fcases%2F7");
    const auto back = parse_route(text);
    REQUIRE(back);
    CHECK(back->next == "#/cases/7");
    CHECK(*parse_route(back->next) == target);
    CHECK(parse_route("#/sign-in?next=%23%2Fsign-in")->next.empty());
    CHECK(parse_route("#/sign-in?next=%23%2Fnowhere")->next.empty());
}

TEST_CASE("route: addresses the client has no screen for") {
    CHECK_FALSE(parse_route("#/nowhere"));
    CHECK_FALSE(parse_route("#/cases/abc"));
    CHECK_FALSE(parse_route("#/cases/0"));
    CHECK_FALSE(parse_route("#/cases/1/2"));
    CHECK_FALSE(parse_route("#/cases/1234567890123456789"));
}

TEST_CASE("route: unknown or malformed parameters are ignored") {
    const auto r = parse_route("#/cases?state=nope&x=1&q=%zz%4&flag");
    REQUIRE(r);
    CHECK_FALSE(r->list.state);
    CHECK(r->list.search == "%zz%4");
    CHECK(parse_route("#/file?state=filed")->list == ListQuery{});
}

TEST_CASE("route: another page is a history entry, the same page changing is not") {
    Route list, one, two, filing, sign_in;
    one.page = two.page = Page::case_view;
    one.case_id = 1;
    two.case_id = 2;
    filing.page = Page::filing;
    sign_in.page = Page::sign_in;
    CHECK(is_new_page(list, one));
    CHECK(is_new_page(one, two));
    CHECK(is_new_page(one, filing));
    Route filtered = list;
    filtered.list.overdue = true;
    CHECK_FALSE(is_new_page(list, filtered));
    Route other_order = filing;
    other_order.order_ref = "TB1";
    CHECK_FALSE(is_new_page(filing, other_order));
    CHECK_FALSE(is_new_page(sign_in, one));
    CHECK_FALSE(is_new_page(one, sign_in));
}
