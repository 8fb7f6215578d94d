// Who sees which case, and how much of the buyer's contact they see: buyers their own cases,
// merchants their shop's cases with the buyer masked, staff everything; plus paging.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;
using nlohmann::json;

namespace {

const std::string kHeadphones = "TB20261101-0001";  // buyer, 星辰数码 (merchant)
const std::string kDesk = "TB20261101-0002";        // buyer, 优品家居 (merchant2)
const std::string kCable = "TB20261101-0003";       // buyer, 星辰数码
const std::string kKeyboard = "TB20261101-0005";    // buyer2, 星辰数码

const char* const kStaff[] = {"support", "mediator", "arbitrator", "approver", "admin"};

std::int64_t file(Session& s, json form) {
    auto r = s.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["dispute"]["id"].get<std::int64_t>();
}

// Cases against 星辰数码 (the "merchant" shop) only; 优品家居 (merchant2) has none at first.
// One case per order at a time: cases beyond the first on a demo order go on fresh orders
// of the same buyer and shop (add_order).
struct World {
    SharedServer shared;
    std::int64_t refund = 0;    // buyer, full_refund: merchant sees phone and address masked
    std::int64_t reissue = 0;   // buyer, reissue: merchant sees phone and address
    std::int64_t exchange = 0;  // buyer, exchange (a fresh order)
    std::int64_t repair = 0;    // buyer, repair (a fresh order)
    std::int64_t partial = 0;   // buyer2, partial_refund
    std::int64_t hotline = 0;   // buyer2, compensation, filed by support from the hotline (a fresh order)
    std::vector<std::int64_t> all() const { return {refund, reissue, exchange, repair, partial, hotline}; }
    std::vector<std::int64_t> buyers() const { return {refund, reissue, exchange, repair}; }
    std::vector<std::int64_t> buyer2s() const { return {partial, hotline}; }

    World() {
        Session buyer = shared.as("buyer"), buyer2 = shared.as("buyer2"), support = shared.as("support");
        refund = file(buyer, filing_body(kHeadphones, "full_refund"));
        json not_received = filing_body(kCable, "reissue", 3900);
        not_received["category"] = "not_received";
        reissue = file(buyer, not_received);
        const std::vector<std::string> more = add_orders(shared.server(), 2, "buyer", kDigitalShop);
        exchange = file(buyer, filing_body(more[0], "exchange"));
        repair = file(buyer, filing_body(more[1], "repair"));
        partial = file(buyer2, filing_body(kKeyboard, "partial_refund"));
        json by_phone = filing_body(add_order(shared.server(), "buyer2", kDigitalShop, 45900), "compensation");
        by_phone["channel"] = "hotline";
        hotline = file(support, by_phone);
    }
};

World& world() {
    static World w;
    return w;
}

json list_all(Session& s) {
    auto r = s.get("/api/v1/disputes?limit=200");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json body = body_of(r);
    CHECK(body["next_before"] == 0);
    return body["disputes"];
}

std::set<std::int64_t> ids_of(const json& list) {
    std::set<std::int64_t> out;
    for (const json& d : list) out.insert(d["id"].get<std::int64_t>());
    return out;
}

json find_case(const json& list, std::int64_t id) {
    for (const json& d : list)
        if (d["id"] == id) return d;
    return nullptr;
}

json get_case(Session& s, std::int64_t id, int expect_status = 200) {
    auto r = s.get("/api/v1/disputes/" + std::to_string(id));
    REQUIRE(r);
    CHECK(r->status == expect_status);
    return body_without_request_id(r);
}

int events_status(Session& s, std::int64_t id) {
    auto r = s.get("/api/v1/disputes/" + std::to_string(id) + "/events");
    REQUIRE(r);
    return r->status;
}

std::int64_t merchant_id_of(Session& s) {
    auto r = s.get("/api/v1/session");
    REQUIRE(r);
    return body_of(r)["user"]["merchant_id"].get<std::int64_t>();
}

}  // namespace

TEST_CASE("a buyer sees only their own cases, in full") {
    World& w = world();
    for (const char* who : {"buyer", "buyer2"}) {
        const std::string who_text = who;
        CAPTURE(who_text);
        Session s = w.shared.as(who);
        auto me = s.get("/api/v1/session");
        REQUIRE(me);
        const std::int64_t my_id = body_of(me)["user"]["id"].get<std::int64_t>();
        const json list = list_all(s);
        const auto mine = who_text == "buyer" ? w.buyers() : w.buyer2s();
        const auto theirs = who_text == "buyer" ? w.buyer2s() : w.buyers();
        const auto seen = ids_of(list);
        for (std::int64_t id : mine) CHECK(seen.count(id) == 1);
        for (std::int64_t id : theirs) CHECK(seen.count(id) == 0);
        for (const json& d : list) {
            CHECK(d["buyer_id"] == my_id);
            CHECK(d["contact_redacted"] == false);
        }
        // Their own contact, unmasked, in the list and in the detail.
        const json first = find_case(list, mine.front());
        CHECK(first["buyer"]["phone"] == (who_text == "buyer" ? "13812345678" : "13987654321"));
        CHECK(get_case(s, mine.front())["dispute"] == first);
        CHECK(events_status(s, mine.front()) == 200);
    }
}

TEST_CASE("another buyer's case is 404, exactly like a case that does not exist") {
    World& w = world();
    Session buyer2 = w.shared.as("buyer2");
    Session buyer = w.shared.as("buyer");
    const json missing = get_case(buyer2, 99999, 404);
    CHECK(missing["error"]["code"] == "not_found");
    for (std::int64_t id : w.buyers()) {
        CAPTURE(id);
        CHECK(get_case(buyer2, id, 404) == missing);
        CHECK(events_status(buyer2, id) == 404);
    }
    for (std::int64_t id : w.buyer2s()) {
        CAPTURE(id);
        CHECK(get_case(buyer, id, 404) == missing);
        CHECK(events_status(buyer, id) == 404);
    }
}

TEST_CASE("a merchant sees its shop's cases with the buyer's contact masked unless it must ship") {
    World& w = world();
    Session merchant = w.shared.as("merchant");
    const std::int64_t shop = merchant_id_of(merchant);
    REQUIRE(shop > 0);
    const json list = list_all(merchant);
    const auto seen = ids_of(list);
    for (std::int64_t id : w.all()) CHECK(seen.count(id) == 1);  // both buyers' cases against this shop
    for (const json& d : list) {
        CHECK(d["merchant_id"] == shop);
        CHECK(d["merchant_name"] == "星辰数码旗舰店");
        CHECK(d["contact_redacted"] == true);
    }

    SUBCASE("refunds: name, phone and address all masked") {
        const json refund = find_case(list, w.refund);
        CHECK(refund["buyer"]["name"] == "张*");
        CHECK(refund["buyer"]["phone"] == "138****5678");
        CHECK(refund["buyer"]["address"] == "上海市****");
        const json partial = find_case(list, w.partial);
        CHECK(partial["buyer"]["name"] == "李*");
        CHECK(partial["buyer"]["phone"] == "139****4321");
        CHECK(partial["buyer"]["address"] == "杭州市****");
        const json hotline = find_case(list, w.hotline);
        CHECK(hotline["buyer"]["phone"] == "139****4321");
        CHECK(hotline["channel"] == "hotline");
        // The rest of the case is not masked.
        CHECK(refund["description"] == filing_body(kHeadphones)["description"]);
        CHECK(refund["order_ref"] == kHeadphones);
    }
    SUBCASE("reissue, exchange and repair: phone and address visible, the name still masked") {
        for (std::int64_t id : {w.reissue, w.exchange, w.repair}) {
            CAPTURE(id);
            const json d = find_case(list, id);
            CHECK(d["buyer"]["name"] == "张*");
            CHECK(d["buyer"]["phone"] == "13812345678");
            CHECK(d["buyer"]["address"] == "上海市浦东新区世纪大道100号8楼");
            CHECK(d["contact_redacted"] == true);
        }
    }
    SUBCASE("the detail is masked the same way, and the history is readable") {
        for (std::int64_t id : w.all()) {
            CAPTURE(id);
            CHECK(get_case(merchant, id)["dispute"] == find_case(list, id));
            CHECK(events_status(merchant, id) == 200);
        }
    }
    SUBCASE("the filing reply never reached the merchant unmasked through the list") {
        for (const json& d : list) {
            CHECK(d["buyer"]["name"] != "张伟");
            CHECK(d["buyer"]["name"] != "李娜");
        }
    }
}

TEST_CASE("a merchant never sees another shop's cases") {
    World& w = world();
    Session merchant = w.shared.as("merchant");
    Session merchant2 = w.shared.as("merchant2");
    const json missing = get_case(merchant2, 99999, 404);

    // 优品家居 has no cases yet: an empty list, and 404 on every case of 星辰数码.
    CHECK(list_all(merchant2).empty());
    for (std::int64_t id : w.all()) {
        CAPTURE(id);
        CHECK(get_case(merchant2, id, 404) == missing);
        CHECK(events_status(merchant2, id) == 404);
    }

    // A case against 优品家居 is merchant2's alone.
    Session buyer = w.shared.as("buyer");
    const std::int64_t desk = file(buyer, filing_body(kDesk, "return_and_refund"));
    const json list2 = list_all(merchant2);
    REQUIRE(list2.size() == 1);
    CHECK(list2[0]["id"] == desk);
    CHECK(list2[0]["merchant_name"] == "优品家居专营店");
    CHECK(list2[0]["buyer"]["name"] == "张*");
    CHECK(list2[0]["buyer"]["phone"] == "138****5678");
    CHECK(list2[0]["contact_redacted"] == true);
    CHECK(ids_of(list_all(merchant)).count(desk) == 0);
    CHECK(get_case(merchant, desk, 404) == missing);
    CHECK(events_status(merchant, desk) == 404);
}

TEST_CASE("every staff role sees every case, unmasked") {
    World& w = world();
    Session buyer = w.shared.as("buyer");
    // The buyer's own view is the reference for what unmasked looks like.
    const json reference = list_all(buyer);
    for (const char* who : kStaff) {
        const std::string who_text = who;
        CAPTURE(who_text);
        Session s = w.shared.as(who);
        const json list = list_all(s);
        const auto seen = ids_of(list);
        for (std::int64_t id : w.all()) CHECK(seen.count(id) == 1);
        for (const json& d : list) {
            CHECK(d["contact_redacted"] == false);
            CHECK(d["buyer"]["phone"].get<std::string>().find('*') == std::string::npos);
            CHECK(d["buyer"]["name"].get<std::string>().find('*') == std::string::npos);
        }
        for (std::int64_t id : w.buyers()) CHECK(find_case(list, id) == find_case(reference, id));
        CHECK(find_case(list, w.partial)["buyer"]["address"] == "杭州市西湖区文三路90号");
        CHECK(get_case(s, w.hotline)["dispute"] == find_case(list, w.hotline));
        CHECK(events_status(s, w.refund) == 200);
    }
}

TEST_CASE("paging walks the list newest first with limit, before and next_before") {
    World& w = world();
    Session admin = w.shared.as("admin");
    Session support = w.shared.as("support");
    // Enough cases for more than the default page of 50, each on a fresh order of the buyer.
    const std::size_t have = list_all(admin).size();
    const std::vector<std::string> orders =
        add_orders(w.shared.server(), have < 53 ? 53 - have : 0, "buyer", kDigitalShop);
    for (std::size_t i = have; i < 53; ++i) {
        json form = filing_body(orders.at(i - have), "full_refund", 100 + static_cast<std::int64_t>(i));
        form["channel"] = "email";
        file(support, form);
    }
    const json all = list_all(admin);
    REQUIRE(all.size() >= 53);
    std::vector<std::int64_t> ids;
    for (const json& d : all) ids.push_back(d["id"].get<std::int64_t>());
    CHECK(std::is_sorted(ids.rbegin(), ids.rend()));  // newest (highest id) first
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());

    SUBCASE("the default page is 50, with next_before set") {
        auto r = admin.get("/api/v1/disputes");
        REQUIRE(r);
        const json body = body_of(r);
        REQUIRE(body["disputes"].size() == 50);
        CHECK(body["disputes"][0]["id"] == ids[0]);
        CHECK(body["next_before"] == ids[49]);
    }
    SUBCASE("walking pages of 7 visits every case once, in order") {
        std::vector<std::int64_t> walked;
        std::int64_t before = 0;
        int pages = 0;
        do {
            std::string path = "/api/v1/disputes?limit=7";
            if (before != 0) path += "&before=" + std::to_string(before);
            auto r = admin.get(path);
            REQUIRE(r);
            REQUIRE(r->status == 200);
            const json body = body_of(r);
            const json page = body["disputes"];
            CHECK(page.size() <= 7);
            for (const json& d : page) walked.push_back(d["id"].get<std::int64_t>());
            before = body["next_before"].get<std::int64_t>();
            if (page.size() == 7) CHECK(before == page.back()["id"]);
            if (page.size() < 7) CHECK(before == 0);
            REQUIRE(++pages < 100);
        } while (before != 0);
        CHECK(walked == ids);
    }
    SUBCASE("before is exclusive; past the oldest case the page is empty") {
        auto r = admin.get("/api/v1/disputes?limit=2&before=" + std::to_string(ids[3]));
        REQUIRE(r);
        const json page = body_of(r)["disputes"];
        REQUIRE(page.size() == 2);
        CHECK(page[0]["id"] == ids[4]);
        CHECK(page[1]["id"] == ids[5]);
        auto end = admin.get("/api/v1/disputes?before=" + std::to_string(ids.back()));
        REQUIRE(end);
        CHECK(body_of(end)["disputes"].empty());
        CHECK(body_of(end)["next_before"] == 0);
    }
    SUBCASE("a buyer's pages hold only their own cases") {
        Session buyer2 = w.shared.as("buyer2");
        auto r = buyer2.get("/api/v1/disputes?limit=1");
        REQUIRE(r);
        const json body = body_of(r);
        REQUIRE(body["disputes"].size() == 1);
        const std::int64_t newest = body["disputes"][0]["id"].get<std::int64_t>();
        CHECK(newest == w.hotline);
        CHECK(body["next_before"] == newest);
        auto next = buyer2.get("/api/v1/disputes?limit=1&before=" + std::to_string(newest));
        REQUIRE(next);
        REQUIRE(body_of(next)["disputes"].size() == 1);
        CHECK(body_of(next)["disputes"][0]["id"] == w.partial);
        CHECK(body_of(next)["next_before"] == 0);  // an exactly full last page says so: no empty extra page
        auto last = buyer2.get("/api/v1/disputes?limit=1&before=" + std::to_string(w.partial));
        REQUIRE(last);
        CHECK(body_of(last)["disputes"].empty());
        CHECK(body_of(last)["next_before"] == 0);
        auto from_start = buyer2.get("/api/v1/disputes?limit=1&before=0");  // 0 = from the newest
        REQUIRE(from_start);
        CHECK(body_of(from_start)["disputes"][0]["id"] == newest);
    }
}
