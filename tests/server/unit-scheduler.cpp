// Deadlines on the server's own clock: the scheduler fires every passed deadline's consequence
// once, in order, also one that fell due while the server was down, and never again after a
// restart. Each test moves the clock, so each runs its own server (the test clock, or a start
// with --clock-offset); nothing sleeps, and every wait is bounded.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

constexpr std::int64_t kHour = 3600;

std::string details(const json& events) {
    std::string out;
    for (const json& e : events_of(events, "timeout")) out += e["detail"].get<std::string>() + " ";
    return out;
}

// The cases' ids in the order the scheduler fired their timeouts (the global event order).
std::vector<std::int64_t> timeout_order(const ServerProcess& server) {
    std::vector<std::int64_t> out;
    const std::int64_t n = sql_int(server.db_path(), "SELECT COUNT(*) FROM dispute_events WHERE action = 'timeout'");
    for (std::int64_t i = 0; i < n; ++i)
        out.push_back(sql_int(server.db_path(), "SELECT dispute_id FROM dispute_events WHERE action = 'timeout' "
                                                "ORDER BY gseq LIMIT 1 OFFSET " +
                                                    std::to_string(i)));
    return out;
}

}  // namespace

TEST_CASE("several deadlines due at once fire in order, each exactly once") {
    SharedServer w({"--test-clock"});
    Session buyer = w.as("buyer");
    // Three cases left untouched, filed an hour apart: each has the platform's first response and
    // triage due after 24 h and its resolution after 48 h, all notify_overdue.
    std::vector<std::int64_t> ids;
    for (int i = 0; i < 3; ++i) {
        if (i > 0) CHECK(advance(w, kHour) == 0);
        ids.push_back(file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop), "full_refund", 5000)));
    }
    const json before = view(buyer, ids[0]);
    REQUIRE(before["deadlines"].size() == 3);
    CHECK(before["deadlines"][0]["kind"] == "first_response");
    CHECK(before["deadlines"][1]["kind"] == "triage");
    CHECK(before["deadlines"][2]["kind"] == "resolution");
    for (const json& d : before["deadlines"]) CHECK(d["consequence"] == "notify_overdue");

    // All nine pass in one move of the clock.
    CHECK(advance(w, 49 * kHour) == 9);
    buyer.cookie = w.as("buyer").cookie;  // two days unused: a new session
    for (std::int64_t id : ids) {
        CAPTURE(id);
        const json ev = events(buyer, id);
        CHECK(details(ev) == "first_response:notify_overdue triage:notify_overdue resolution:notify_overdue ");
        for (const json& e : events_of(ev, "timeout")) {
            CHECK(e["relation"] == "system");
            CHECK(e["from"] == "filed");
            CHECK(e["to"] == "filed");  // a note moves nothing
        }
        CHECK(state_of(buyer, id) == "filed");
    }
    // The case whose deadlines fell due first fired first.
    CHECK(timeout_order(w.server()) ==
          std::vector<std::int64_t>{ids[0], ids[0], ids[0], ids[1], ids[1], ids[1], ids[2], ids[2], ids[2]});
    // Noted once: more time passing notes nothing again.
    CHECK(advance(w, 24 * kHour) == 0);
    for (std::int64_t id : ids) CHECK(timeout_count(w.server(), id) == 3);
}

TEST_CASE("an overdue note is recorded once per deadline, and the resolution time once per case") {
    SharedServer w({"--test-clock"});
    Session buyer = w.as("buyer"), support = w.as("support");
    const std::int64_t id = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop), "full_refund", 5000));
    CHECK(advance(w, 24 * kHour + 1) == 2);  // first response, triage
    CHECK(advance(w, kHour) == 0);
    CHECK(advance(w, 24 * kHour) == 1);  // resolution
    CHECK(advance(w, 3 * 24 * kHour) == 0);
    buyer.cookie = w.as("buyer").cookie;  // days unused: new sessions
    support.cookie = w.as("support").cookie;
    CHECK(details(events(buyer, id)) ==
          "first_response:notify_overdue triage:notify_overdue resolution:notify_overdue ");
    // Overdue, still shown: the case is late, and everybody sees it.
    const json v = view(buyer, id);
    CHECK(v["deadlines"][0]["due"].get<std::int64_t>() < v["server_time"].get<std::int64_t>());

    // Triage at last; back with the platform in mediation, the resolution time is still overdue
    // but was reported already: no second note.
    act(support, id, accept_case());
    CHECK(act(buyer, id, {{"action", "request_mediation"}})["dispute"]["state"] == "mediation");
    CHECK(advance(w, kHour) == 0);
    CHECK(timeout_count(w.server(), id) == 3);
}

TEST_CASE("a deadline that falls due while the server is stopped fires once after the start, never again") {
    SharedServer w({"--test-clock"});
    ServerProcess& server = w.server();
    Session buyer = w.as("buyer"), support = w.as("support");
    const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop), "full_refund", 20000));
    act(support, id, accept_case());
    const json before = view(buyer, id);
    REQUIRE(before["deadlines"][0]["kind"] == "merchant_response");
    CHECK(before["deadlines"][0]["consequence"] == "auto_grant");
    const std::int64_t due = before["deadlines"][0]["due"].get<std::int64_t>();
    CHECK(timeout_count(server, id) == 0);

    // Down while it falls due; back an hour after it, without the test clock: the scheduler's
    // own thread fires it on start.
    server.stop();
    const std::int64_t offset = due - before["server_time"].get<std::int64_t>() + kHour;
    server.restart({"--clock-offset", std::to_string(offset)});
    buyer.cookie = sign_in(server, "buyer").cookie;  // two days unused: a new session
    std::string state;
    for (int waited_ms = 0; waited_ms < 5000; waited_ms += 20) {
        state = state_of(buyer, id);
        if (state != "awaiting_merchant") break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(state == "execution");
    json ev = events(buyer, id);
    REQUIRE(events_of(ev, "timeout").size() == 1);
    const json fired = events_of(ev, "timeout")[0];
    CHECK(fired["detail"] == "merchant_response:auto_grant");
    CHECK(fired["at"].get<std::int64_t>() >= due);
    CHECK(view(buyer, id)["progress"]["settlement"]["basis"] == "auto_granted");

    // Restarts later on, each a little further ahead (still before the refund is due): when a
    // run of the scheduler has certainly happened (the test clock runs it before answering),
    // the deadline has still fired once.
    for (int restart = 1; restart <= 2; ++restart) {
        CAPTURE(restart);
        server.restart({"--test-clock", "--clock-offset", std::to_string(offset + restart * kHour)});
        CHECK(advance(w, 0) == 0);
        CHECK(timeout_count(server, id) == 1);
        CHECK(state_of(buyer, id) == "execution");
    }
    ev = events(buyer, id);
    CHECK(ev.back()["action"] == "timeout");  // nothing after it either
}

TEST_CASE("the test clock exists only with --test-clock and takes only a forward move of up to 400 days") {
    SharedServer plain;
    auto r = plain.server().client().Post("/api/v1/test/clock", R"({"advance_seconds":60})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);

    SharedServer w({"--test-clock"});
    httplib::Client c = w.server().client();
    const std::int64_t before = server_now(w.server());
    for (const auto& [body, code] : std::vector<std::pair<std::string, std::string>>{
             {R"({"advance_seconds":-1})", "out_of_range"},
             {R"({"advance_seconds":34560001})", "out_of_range"},
             {R"({"advance_seconds":"60"})", "wrong_type"},
             {R"({"advance_seconds":1.5})", "wrong_type"},
             {R"({})", "required"},
             {R"({"advance_seconds":60,"also":1})", "unknown_field"}}) {
        CAPTURE(body);
        const std::string field = code == "unknown_field" ? "also" : "advance_seconds";
        expect_error(c.Post("/api/v1/test/clock", body, "application/json"), 400, code, field);
    }
    expect_error(c.Post("/api/v1/test/clock", "{", "application/json"), 400, "malformed_json");
    // Nothing moved (a second of real time may have passed).
    CHECK(server_now(w.server()) - before <= 1);
    const json moved = w.advance_clock(400 * 24 * kHour);
    CHECK(moved["server_time"].get<std::int64_t>() - before >= 400 * 24 * kHour);
}
