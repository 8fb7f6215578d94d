// Filing a dispute (POST /api/v1/disputes) against the real server: who may file, on which
// orders, through which channels, and what the new case looks like afterwards.
#include <doctest/doctest.h>

#include <regex>

#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;
using nlohmann::json;

namespace {

// Demo orders (server/demo/demo_data.cpp).
const std::string kHeadphones = "TB20261101-0001";  // buyer, 星辰数码 (merchant), 899.00, delivered 5 days ago
const std::string kCable = "TB20261101-0003";       // buyer, 星辰数码, 39.00, not delivered yet
const std::string kDishes = "TB20261001-0004";      // buyer, 优品家居 (merchant2), delivered 45 days ago
const std::string kKeyboard = "TB20261101-0005";    // buyer2, 星辰数码

SharedServer shared;

std::int64_t user_id(Session& s) {
    auto r = s.get("/api/v1/session");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_of(r)["user"]["id"].get<std::int64_t>();
}

json list_cases(Session& s) {
    auto r = s.get("/api/v1/disputes?limit=200");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_of(r)["disputes"];
}

// Rows in disputes and dispute_events, to show that a refused request wrote nothing.
std::pair<std::int64_t, std::int64_t> rows(const ServerProcess& server) {
    return {sql_int(server.db_path(), "SELECT COUNT(*) FROM disputes"),
            sql_int(server.db_path(), "SELECT COUNT(*) FROM dispute_events")};
}

}  // namespace

TEST_CASE("a buyer files on their own order and the case shows up everywhere") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t buyer_id = user_id(buyer);
    auto health = server.client().Get("/api/v1/health");
    REQUIRE(health);
    const std::int64_t now = body_of(health)["now"].get<std::int64_t>();
    const std::size_t listed_before = list_cases(buyer).size();
    const auto rows_before = rows(server);

    const json form = filing_body(kHeadphones, "full_refund", 89900);
    auto r = buyer.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    CHECK(r->get_header_value("Content-Type").rfind("application/json", 0) == 0);

    const json d = body_of(r)["dispute"];
    REQUIRE(d.is_object());
    const std::int64_t id = d["id"].get<std::int64_t>();
    CHECK(id > 0);
    CHECK(r->get_header_value("Location") == "/api/v1/disputes/" + std::to_string(id));
    CHECK(std::regex_match(d["case_number"].get<std::string>(), std::regex("AC-[0-9]{6}")));
    CHECK(d["case_number"] == "AC-" + std::string(6 - std::to_string(id).size(), '0') + std::to_string(id));
    CHECK(d["state"] == "filed");
    CHECK(d["order_ref"] == kHeadphones);
    CHECK(d["buyer_id"] == buyer_id);
    CHECK(d["merchant_name"] == "星辰数码旗舰店");
    CHECK(d["category"] == "quality_defect");
    CHECK(d["requested_remedy"] == "full_refund");
    CHECK(d["amount"] == json({{"minor", 89900}, {"currency", "CNY"}}));  // the whole order total is allowed
    CHECK(d["description"] == form["description"]);
    CHECK(d["channel"] == "web");
    CHECK(d["created_at"].get<std::int64_t>() >= now);
    CHECK(d["created_at"].get<std::int64_t>() <= now + 60);
    CHECK(d["updated_at"] == d["created_at"]);
    // The buyer sees their own contact details in full.
    CHECK(d["contact_redacted"] == false);
    CHECK(d["buyer"]["name"] == "张伟");
    CHECK(d["buyer"]["phone"] == "13812345678");
    CHECK(d["buyer"]["address"] == "上海市浦东新区世纪大道100号8楼");

    // It heads the buyer's case list, exactly as the filing reply showed it.
    const json list = list_cases(buyer);
    REQUIRE(list.size() == listed_before + 1);
    CHECK(list[0] == d);

    // It can be read at its Location.
    auto got = buyer.get(r->get_header_value("Location"));
    REQUIRE(got);
    CHECK(got->status == 200);
    CHECK(body_of(got)["dispute"] == d);

    // Its history holds one valid 'file' event by the buyer.
    auto ev = buyer.get("/api/v1/disputes/" + std::to_string(id) + "/events");
    REQUIRE(ev);
    REQUIRE(ev->status == 200);
    const json history = body_of(ev);
    CHECK(history["chain_valid"] == true);
    REQUIRE(history["events"].size() == 1);
    const json e = history["events"][0];
    CHECK(e["seq"] == 1);
    CHECK(e["action"] == "file");
    CHECK(e["actor_id"] == buyer_id);
    CHECK(e["at"] == d["created_at"]);
    CHECK(e["reason"] == "");
    CHECK(std::regex_match(e["hash"].get<std::string>(), std::regex("[0-9a-f]{64}")));

    // The database gained exactly one case and one event, filed by the buyer.
    CHECK(rows(server) == std::make_pair(rows_before.first + 1, rows_before.second + 1));
    CHECK(sql_int(server.db_path(), "SELECT filed_by FROM disputes WHERE id = " + std::to_string(id)) == buyer_id);
}

TEST_CASE("successive filings get successive case numbers and list newest first") {
    Session buyer = shared.as("buyer");
    auto a = buyer.post("/api/v1/disputes", filing_body(kHeadphones).dump());
    json b_form = filing_body(kCable, "reissue", 3900);
    b_form["category"] = "not_received";
    b_form["channel"] = "app";  // buyers may file from the app as well as the web
    auto b = buyer.post("/api/v1/disputes", b_form.dump());
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->status == 201);
    REQUIRE(b->status == 201);
    const json da = body_of(a)["dispute"], db = body_of(b)["dispute"];
    CHECK(db["id"].get<std::int64_t>() == da["id"].get<std::int64_t>() + 1);
    CHECK(db["channel"] == "app");
    CHECK(db["category"] == "not_received");  // an order not delivered yet can be filed as not received
    CHECK(db["merchant_name"] == "星辰数码旗舰店");
    const json list = list_cases(buyer);
    REQUIRE(list.size() >= 2);
    CHECK(list[0]["id"] == db["id"]);
    CHECK(list[1]["id"] == da["id"]);
    // Every case has its own history, starting at seq 1.
    for (const json& d : {da, db}) {
        auto ev = buyer.get("/api/v1/disputes/" + std::to_string(d["id"].get<std::int64_t>()) + "/events");
        REQUIRE(ev);
        REQUIRE(body_of(ev)["events"].size() == 1);
        CHECK(body_of(ev)["events"][0]["seq"] == 1);
        CHECK(body_of(ev)["chain_valid"] == true);
    }
}

TEST_CASE("a support agent files on a buyer's behalf from the hotline; buyers may not pick that channel") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    Session support = shared.as("support");
    const std::int64_t buyer_id = user_id(buyer), support_id = user_id(support);

    // A buyer choosing hotline, email or social gets 422 channel_not_allowed, and nothing is written.
    const std::size_t listed_before = list_cases(buyer).size();
    const auto rows_before = rows(server);
    for (const char* channel : {"hotline", "email", "social"}) {
        const std::string channel_text = channel;
        CAPTURE(channel_text);
        json form = filing_body(kHeadphones);
        form["channel"] = channel;
        auto r = buyer.post("/api/v1/disputes", form.dump());
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(body_of(r)["error"]["code"] == "channel_not_allowed");
        CHECK(body_of(r)["error"]["field"] == "channel");
        CHECK(body_of(r)["error"]["message"] == "channel may only be set by a support agent");
    }
    CHECK(list_cases(buyer).size() == listed_before);
    CHECK(rows(server) == rows_before);

    // The agent records a hotline complaint; the case belongs to the buyer.
    json form = filing_body(kHeadphones);
    form["channel"] = "hotline";
    auto r = support.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const json d = body_of(r)["dispute"];
    const std::string id = std::to_string(d["id"].get<std::int64_t>());
    CHECK(d["channel"] == "hotline");
    CHECK(d["buyer_id"] == buyer_id);
    CHECK(d["buyer"]["name"] == "张伟");
    CHECK(d["buyer"]["phone"] == "13812345678");
    CHECK(d["contact_redacted"] == false);
    // The buyer finds it at the head of their own list; the history names the agent as the actor.
    const json list = list_cases(buyer);
    REQUIRE(list.size() == listed_before + 1);
    CHECK(list[0]["id"] == d["id"]);
    auto ev = buyer.get("/api/v1/disputes/" + id + "/events");
    REQUIRE(ev);
    REQUIRE(body_of(ev)["events"].size() == 1);
    CHECK(body_of(ev)["events"][0]["actor_id"] == support_id);
    CHECK(body_of(ev)["chain_valid"] == true);
    CHECK(sql_int(server.db_path(), "SELECT filed_by FROM disputes WHERE id = " + id) == support_id);

    // Every channel is open to the agent.
    for (const char* channel : {"email", "social", "web", "app"}) {
        const std::string channel_text = channel;
        CAPTURE(channel_text);
        json f = filing_body(kHeadphones);
        f["channel"] = channel;
        auto c = support.post("/api/v1/disputes", f.dump());
        REQUIRE(c);
        CHECK(c->status == 201);
        CHECK(body_of(c)["dispute"]["channel"] == channel);
    }

    // The agent may file on any buyer's order; that case is buyer2's, not buyer's.
    Session buyer2 = shared.as("buyer2");
    const std::size_t buyer_listed = list_cases(buyer).size(), buyer2_listed = list_cases(buyer2).size();
    auto k = support.post("/api/v1/disputes", filing_body(kKeyboard).dump());
    REQUIRE(k);
    REQUIRE(k->status == 201);
    CHECK(body_of(k)["dispute"]["buyer"]["name"] == "李娜");
    CHECK(list_cases(buyer).size() == buyer_listed);
    REQUIRE(list_cases(buyer2).size() == buyer2_listed + 1);
    CHECK(list_cases(buyer2)[0]["id"] == body_of(k)["dispute"]["id"]);
}

TEST_CASE("merchants and staff other than support may not file (403 forbidden)") {
    const ServerProcess& server = shared.server();
    const auto rows_before = rows(server);
    for (const char* who : {"merchant", "merchant2", "mediator", "arbitrator", "approver", "admin"}) {
        const std::string who_text = who;
        CAPTURE(who_text);
        Session s = shared.as(who);
        auto r = s.post("/api/v1/disputes", filing_body(kHeadphones).dump());
        REQUIRE(r);
        CHECK(r->status == 403);
        const json e = body_of(r)["error"];
        CHECK(e["code"] == "forbidden");
        CHECK(e["message"] == "You are not allowed to do this");
        CHECK(e["field"] == "");
    }
    CHECK(rows(server) == rows_before);
}

TEST_CASE("filing on someone else's order looks exactly like filing on no order") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    Session buyer2 = shared.as("buyer2");
    const std::size_t buyer_listed = list_cases(buyer).size(), buyer2_listed = list_cases(buyer2).size();
    const auto rows_before = rows(server);

    auto theirs = buyer.post("/api/v1/disputes", filing_body(kKeyboard).dump());
    auto none = buyer.post("/api/v1/disputes", filing_body("TB29991231-9999").dump());
    REQUIRE(theirs);
    REQUIRE(none);
    CHECK(theirs->status == 422);
    const json e = body_of(theirs)["error"];
    CHECK(e["code"] == "unknown_order");
    CHECK(e["field"] == "order_ref");
    CHECK(e["message"] == "order_ref is not one of your orders");
    // Same status and body: the reply does not reveal that the order exists.
    CHECK(none->status == theirs->status);
    CHECK(body_of(none) == body_of(theirs));

    // Nothing was written.
    CHECK(list_cases(buyer).size() == buyer_listed);
    CHECK(list_cases(buyer2).size() == buyer2_listed);
    CHECK(rows(server) == rows_before);
}

TEST_CASE("the filing window closes 15 days after delivery (30 after the order when not received)") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const auto rows_before = rows(server);

    auto r = buyer.post("/api/v1/disputes", filing_body(kDishes).dump());
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["code"] == "filing_window_closed");
    CHECK(body_of(r)["error"]["field"] == "order_ref");
    CHECK(body_of(r)["error"]["message"] == "order_ref is past the 15-day filing window");

    // Not received counts from the order date (50 days ago): closed too, under the 30-day rule.
    json form = filing_body(kDishes);
    form["category"] = "not_received";
    Session buyer_zh = shared.as("buyer", "zh-CN");
    auto nr = buyer_zh.post("/api/v1/disputes", form.dump());
    REQUIRE(nr);
    CHECK(nr->status == 422);
    CHECK(body_of(nr)["error"]["code"] == "filing_window_closed");
    CHECK(body_of(nr)["error"]["message"] == "订单号：已超过 30 天的申请期限");

    // A support agent is bound by the same window.
    Session support = shared.as("support");
    json agent_form = filing_body(kDishes);
    agent_form["channel"] = "hotline";
    auto ag = support.post("/api/v1/disputes", agent_form.dump());
    REQUIRE(ag);
    CHECK(ag->status == 422);
    CHECK(body_of(ag)["error"]["code"] == "filing_window_closed");

    CHECK(rows(server) == rows_before);
}

TEST_CASE("validation limits are inclusive: 10 Chinese characters and the full order total pass") {
    Session buyer = shared.as("buyer");
    json form = filing_body(kCable, "full_refund", 3900);
    form["description"] = "一二三四五六七八九十";  // 10 code points, 30 bytes
    auto ok = buyer.post("/api/v1/disputes", form.dump());
    REQUIRE(ok);
    CHECK(ok->status == 201);

    form["description"] = "一二三四五六七八九";  // 9
    auto short_desc = buyer.post("/api/v1/disputes", form.dump());
    REQUIRE(short_desc);
    CHECK(short_desc->status == 422);
    CHECK(body_of(short_desc)["error"]["code"] == "too_short");

    form["description"] = "一二三四五六七八九十";
    form["amount_minor"] = 3901;
    auto over = buyer.post("/api/v1/disputes", form.dump());
    REQUIRE(over);
    CHECK(over->status == 422);
    CHECK(body_of(over)["error"]["code"] == "exceeds_order_total");

    // Currency may be left out (CNY is the default) and channel too (web); nulls count as absent.
    json minimal = filing_body(kCable, "full_refund", 100);
    minimal.erase("currency");
    minimal["channel"] = nullptr;
    auto m = buyer.post("/api/v1/disputes", minimal.dump());
    REQUIRE(m);
    CHECK(m->status == 201);
    CHECK(body_of(m)["dispute"]["amount"]["currency"] == "CNY");
    CHECK(body_of(m)["dispute"]["channel"] == "web");

    // A Content-Type with parameters is still JSON.
    auto charset = buyer.post("/api/v1/disputes", filing_body(kCable, "full_refund", 1000).dump(),
                              "application/json; charset=utf-8");
    REQUIRE(charset);
    CHECK(charset->status == 201);
}
