// Filing a dispute (POST /api/v1/disputes) against the real server: who may file, on which
// orders, through which channels, and what the new case looks like afterwards.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>
#include <set>

#include "accord/dispute.hpp"
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
// One case per order at a time: a demo order takes at most one successful filing in this file
// (kHeadphones in the first test, kCable in the second); every other filing that must succeed,
// or must fail for a reason other than the order, is made on a fresh order from add_order().

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

// Files `form`, which must succeed; returns the new case's id.
std::int64_t file_ok(Session& s, const json& form) {
    auto r = s.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["dispute"]["id"].get<std::int64_t>();
}

json list_orders(Session& s) {
    auto r = s.get("/api/v1/orders");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_of(r)["orders"];
}

// The open_dispute_id the order list shows for `order_ref`: -1 when the order is not listed,
// -2 when the field is missing or not an integer.
std::int64_t open_case_of(const json& orders, const std::string& order_ref) {
    for (const json& o : orders) {
        if (o.value("order_ref", "") != order_ref) continue;
        if (!o.contains("open_dispute_id") || !o["open_dispute_id"].is_number_integer()) return -2;
        return o["open_dispute_id"].get<std::int64_t>();
    }
    return -1;
}

// The states in which a case is finished (the product rule, written out independently of the model).
const std::set<std::string> kFinishedStates = {"rejected", "closed", "withdrawn", "referred_external"};

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
    auto a = buyer.post("/api/v1/disputes", filing_body(add_order(shared.server(), "buyer", kDigitalShop)).dump());
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

TEST_CASE("a support agent files on a buyer's behalf from the hotline, buyers may not pick that channel") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    Session support = shared.as("support");
    const std::int64_t buyer_id = user_id(buyer), support_id = user_id(support);

    // Fresh orders of the buyer at 星辰数码: one for the hotline case, one per other channel.
    const std::vector<std::string> orders = add_orders(server, 5, "buyer", kDigitalShop);
    const std::string& order = orders[0];

    // A buyer choosing hotline, email or social gets 422 channel_not_allowed, and nothing is written.
    const std::size_t listed_before = list_cases(buyer).size();
    const auto rows_before = rows(server);
    for (const char* channel : {"hotline", "email", "social"}) {
        const std::string channel_text = channel;
        CAPTURE(channel_text);
        json form = filing_body(order);
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

    // The agent records a hotline complaint on that order; the case belongs to the buyer.
    json form = filing_body(order);
    form["channel"] = "hotline";
    auto r = support.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const json d = body_of(r)["dispute"];
    const std::string id = std::to_string(d["id"].get<std::int64_t>());
    CHECK(d["channel"] == "hotline");
    CHECK(d["order_ref"] == order);
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
    std::size_t next_order = 1;
    for (const char* channel : {"email", "social", "web", "app"}) {
        const std::string channel_text = channel;
        CAPTURE(channel_text);
        json f = filing_body(orders.at(next_order++));
        f["channel"] = channel;
        auto c = support.post("/api/v1/disputes", f.dump());
        REQUIRE(c);
        CHECK(c->status == 201);
        CHECK(body_of(c)["dispute"]["channel"] == channel);
    }

    // The agent may file on any buyer's order; that case is buyer2's, not buyer's.
    Session buyer2 = shared.as("buyer2");
    const std::size_t buyer_listed = list_cases(buyer).size(), buyer2_listed = list_cases(buyer2).size();
    auto k = support.post("/api/v1/disputes", filing_body(add_order(server, "buyer2", kDigitalShop)).dump());
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
    CHECK(body_without_request_id(none) == body_without_request_id(theirs));

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
    // Orders like kCable (39.00, not delivered yet); the refusals use one that has no case yet.
    const std::vector<std::string> cables = add_orders(shared.server(), 3, "buyer", kDigitalShop, 3900, -1);
    const std::string &cable = cables[0], &cable2 = cables[1], &cable3 = cables[2];
    json form = filing_body(cable, "full_refund", 3900);
    form["description"] = "一二三四五六七八九十";  // 10 code points, 30 bytes
    auto ok = buyer.post("/api/v1/disputes", form.dump());
    REQUIRE(ok);
    CHECK(ok->status == 201);

    form["order_ref"] = cable2;
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
    json minimal = filing_body(cable2, "full_refund", 100);
    minimal.erase("currency");
    minimal["channel"] = nullptr;
    auto m = buyer.post("/api/v1/disputes", minimal.dump());
    REQUIRE(m);
    CHECK(m->status == 201);
    CHECK(body_of(m)["dispute"]["amount"]["currency"] == "CNY");
    CHECK(body_of(m)["dispute"]["channel"] == "web");

    // A Content-Type with parameters is still JSON.
    auto charset = buyer.post("/api/v1/disputes", filing_body(cable3, "full_refund", 1000).dump(),
                              "application/json; charset=utf-8");
    REQUIRE(charset);
    CHECK(charset->status == 201);
}

TEST_CASE("an order with a case in progress takes no second one: 422 already_disputed, /orders names the case") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    Session buyer2 = shared.as("buyer2");
    Session support = shared.as("support");
    const std::vector<std::string> orders = add_orders(server, 2, "buyer", kDigitalShop);
    const std::string& order = orders[0];
    const std::string& other = orders[1];  // same buyer and shop

    // Before: no case on either order; every listed order carries the field.
    const json orders_before = list_orders(buyer);
    CHECK(open_case_of(orders_before, order) == 0);
    CHECK(open_case_of(orders_before, other) == 0);
    for (const json& o : orders_before)
        CHECK((o.contains("open_dispute_id") && o["open_dispute_id"].is_number_integer()));

    // The first filing on the order goes through.
    const std::int64_t id = file_ok(buyer, filing_body(order, "full_refund", 89900));

    // The order now names its case, to the buyer and to support; no other order changed.
    const json orders_after = list_orders(buyer);
    REQUIRE(orders_after.size() == orders_before.size());
    for (const json& o : orders_after) {
        const std::string ref = o["order_ref"].get<std::string>();
        CAPTURE(ref);
        CHECK(o["open_dispute_id"] == (ref == order ? id : open_case_of(orders_before, ref)));
    }
    CHECK(open_case_of(orders_after, other) == 0);
    CHECK(open_case_of(list_orders(support), order) == id);
    // The list agrees with the cases: each case in progress is the one its order names.
    for (const json& d : list_cases(buyer)) {
        if (kFinishedStates.count(d["state"].get<std::string>()) == 1) continue;
        const std::int64_t case_id = d["id"].get<std::int64_t>();
        CAPTURE(case_id);
        CHECK(open_case_of(orders_after, d["order_ref"].get<std::string>()) == case_id);
    }

    const auto rows_before = rows(server);
    const std::size_t listed_before = list_cases(buyer).size();

    // The buyer again, asking for something else: 422 on order_ref.
    auto again = buyer.post("/api/v1/disputes", filing_body(order, "exchange").dump());
    REQUIRE(again);
    CHECK(again->status == 422);
    CHECK(body_of(again)["error"]["code"] == "already_disputed");
    CHECK(body_of(again)["error"]["field"] == "order_ref");
    CHECK(body_of(again)["error"]["message"] == "order_ref already has a dispute in progress");
    Session buyer_zh = shared.as("buyer", "zh-CN");
    auto again_zh = buyer_zh.post("/api/v1/disputes", filing_body(order, "exchange").dump());
    REQUIRE(again_zh);
    CHECK(again_zh->status == 422);
    CHECK(body_of(again_zh)["error"]["code"] == "already_disputed");
    CHECK(body_of(again_zh)["error"]["message"] == "订单号：该订单已有处理中的纠纷");

    // A support agent filing on the buyer's behalf is held to the same rule.
    json by_phone = filing_body(order, "compensation");
    by_phone["channel"] = "hotline";
    auto agent = support.post("/api/v1/disputes", by_phone.dump());
    REQUIRE(agent);
    CHECK(agent->status == 422);
    CHECK(body_of(agent)["error"]["code"] == "already_disputed");
    CHECK(body_of(agent)["error"]["field"] == "order_ref");
    CHECK(body_of(agent)["error"]["message"] == "order_ref already has a dispute in progress");

    // Other problems of the same filing are listed too, after this one.
    json several = filing_body(order);
    several["amount_minor"] = 0;
    auto both = buyer.post("/api/v1/disputes", several.dump());
    REQUIRE(both);
    CHECK(both->status == 422);
    CHECK(body_of(both)["error"]["code"] == "already_disputed");
    const json details = body_of(both)["error"]["details"];
    std::vector<std::string> fields, codes;
    for (const json& e : details) {
        fields.push_back(e["field"].get<std::string>());
        codes.push_back(e["code"].get<std::string>());
    }
    CHECK(fields == std::vector<std::string>{"order_ref", "amount_minor"});
    CHECK(codes == std::vector<std::string>{"already_disputed", "must_be_positive"});

    // Another buyer learns nothing about the case: the order still looks like no order at all.
    auto theirs = buyer2.post("/api/v1/disputes", filing_body(order).dump());
    auto none = buyer2.post("/api/v1/disputes", filing_body("TB29991231-9999").dump());
    REQUIRE(theirs);
    REQUIRE(none);
    CHECK(theirs->status == 422);
    CHECK(body_of(theirs)["error"]["code"] == "unknown_order");
    CHECK(body_without_request_id(theirs) == body_without_request_id(none));

    // None of the refusals wrote anything, and the order still names the first case.
    CHECK(rows(server) == rows_before);
    CHECK(list_cases(buyer).size() == listed_before);
    CHECK(open_case_of(list_orders(buyer), order) == id);

    // The rule is per order: the buyer's other order from the same shop still takes a case.
    const std::int64_t sibling = file_ok(buyer, filing_body(other));
    const json orders_end = list_orders(buyer);
    CHECK(open_case_of(orders_end, other) == sibling);
    CHECK(open_case_of(orders_end, order) == id);
}

TEST_CASE("only a finished case (rejected, closed, withdrawn, referred externally) frees its order") {
    // There is no lifecycle API yet, so each case is put into its state in the database: one
    // fresh order and case per state of the model, then a second filing on each order.
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    std::vector<std::string> states;
    for (const auto& entry : accord::EnumTable<accord::DisputeState>::entries) states.emplace_back(entry.key);
    for (const std::string& finished : kFinishedStates)
        REQUIRE(std::count(states.begin(), states.end(), finished) == 1);
    const std::vector<std::string> orders = add_orders(server, states.size(), "buyer", kDigitalShop);
    std::vector<std::int64_t> cases;
    std::string updates;
    for (std::size_t i = 0; i < states.size(); ++i) {
        cases.push_back(file_ok(buyer, filing_body(orders[i])));
        updates += "UPDATE disputes SET state = '" + states[i] + "' WHERE id = " + std::to_string(cases[i]) + ";";
    }
    REQUIRE(sql_exec(server.db_path(), updates) == "");  // the running server sees it at once

    const json listed = list_orders(buyer);
    std::size_t freed = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
        const std::string& state = states[i];
        CAPTURE(state);
        const bool finished = kFinishedStates.count(state) == 1;
        CHECK(open_case_of(listed, orders[i]) == (finished ? 0 : cases[i]));
        const auto rows_before = rows(server);
        auto r = buyer.post("/api/v1/disputes", filing_body(orders[i]).dump());
        REQUIRE(r);
        if (finished) {
            CHECK(r->status == 201);
            ++freed;
            // The new case is the order's open one; the finished one stays on the order.
            CHECK(open_case_of(list_orders(buyer), orders[i]) == body_of(r)["dispute"]["id"]);
            CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM disputes WHERE order_ref = '" + orders[i] + "'") ==
                  2);
        } else {
            CHECK(r->status == 422);
            CHECK(body_of(r)["error"]["code"] == "already_disputed");
            CHECK(body_of(r)["error"]["field"] == "order_ref");
            CHECK(rows(server) == rows_before);
        }
    }
    CHECK(freed == kFinishedStates.size());
}

TEST_CASE("a filed case comes with its running deadlines, computed by the shared rules on the server's clock") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    const std::int64_t id = file_ok(buyer, filing_body(kHeadphones));
    auto r = buyer.get("/api/v1/disputes/" + std::to_string(id));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const json body = body_of(r);
    const std::int64_t filed_at = body["dispute"]["created_at"].get<std::int64_t>();
    CHECK(std::llabs(body["server_time"].get<std::int64_t>() - filed_at) < 60);
    std::map<std::string, json> by_kind;
    for (const json& d : body["deadlines"]) by_kind[d["kind"].get<std::string>()] = d;
    REQUIRE(by_kind.size() == 3);
    // First response and triage: 24 calendar hours; the platform's resolution time: 48 h (normal).
    CHECK(by_kind["first_response"]["due"] == filed_at + 24 * 3600);
    CHECK(by_kind["triage"]["due"] == filed_at + 24 * 3600);
    CHECK(by_kind["resolution"]["due"] == filed_at + 48 * 3600);
    for (const auto& [kind, d] : by_kind) {
        CAPTURE(kind);
        CHECK(d["on"] == "platform");
        CHECK(d["consequence"] == "notify_overdue");
        CHECK(d["paused"] == false);
    }
    // The merchant sees the same clocks.
    Session merchant = sign_in(server, "merchant");
    auto m = merchant.get("/api/v1/disputes/" + std::to_string(id));
    REQUIRE(m);
    CHECK(body_of(m)["deadlines"] == body["deadlines"]);
}
