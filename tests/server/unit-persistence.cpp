// What the SQLite file keeps across restarts: cases, their histories, sessions; the demo seed
// running once; the schema version; the append-only history.
#include <doctest/doctest.h>

#include <algorithm>

#include "db/migrate.hpp"
#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;
using nlohmann::json;

namespace {

const std::string kHeadphones = "TB20261101-0001";  // buyer's, 星辰数码
const std::string kKeyboard = "TB20261101-0005";    // buyer2's

json get_json(Session& s, const std::string& path) {
    auto r = s.get(path);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return body_of(r);
}

std::int64_t file(Session& s, const json& form) {
    auto r = s.post("/api/v1/disputes", form.dump());
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["dispute"]["id"].get<std::int64_t>();
}

std::string events_path(std::int64_t id) {
    return "/api/v1/disputes/" + std::to_string(id) + "/events";
}

}  // namespace

TEST_CASE("cases, histories and sessions survive a restart, the demo seed runs only once") {
    TempDir dir;
    json cases_before, events_before;
    std::string buyer_cookie;
    std::int64_t first = 0, second = 0;
    {
        ServerProcess server(dir.path());
        const int latest = accord::db::kMigrations[accord::db::kMigrationCount - 1].version;
        CHECK(server.startup_output().find("database schema migrated from v0 to v" + std::to_string(latest)) !=
              std::string::npos);
        CHECK(server.startup_output().find("seeded demo data") != std::string::npos);
        Session buyer = sign_in(server, "buyer");
        Session support = sign_in(server, "support");
        first = file(buyer, filing_body(kHeadphones));
        json by_phone = filing_body(kKeyboard, "compensation");
        by_phone["channel"] = "hotline";
        second = file(support, by_phone);
        cases_before = get_json(support, "/api/v1/disputes")["disputes"];
        events_before = get_json(buyer, events_path(first));
        buyer_cookie = buyer.cookie;
        REQUIRE(cases_before.size() == 2);
    }  // stopped

    ServerProcess server(dir.path());
    // Nothing to migrate, nothing to seed.
    CHECK(server.startup_output().find("migrated") == std::string::npos);
    CHECK(server.startup_output().find("seeded demo data") == std::string::npos);
    CHECK(server.startup_output().find("listening on") != std::string::npos);

    // The buyer's cookie from before the restart still signs them in.
    Session old_buyer{server.client(), buyer_cookie, "en"};
    auto me = old_buyer.get("/api/v1/session");
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(body_of(me)["user"]["username"] == "buyer");

    // The demo password still works (the accounts were not re-created with a new hash).
    Session support = sign_in(server, "support");
    Session buyer = sign_in(server, "buyer");

    // The cases and their histories are exactly as they were.
    CHECK(get_json(support, "/api/v1/disputes")["disputes"] == cases_before);
    const json events_after = get_json(buyer, events_path(first));
    CHECK(events_after == events_before);
    CHECK(events_after["chain_valid"] == true);
    CHECK(get_json(support, events_path(second))["chain_valid"] == true);

    // No duplicate demo data: 9 accounts, 2 shops, 5 orders; the buyer still has 4 orders.
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM users") == 12);
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM merchants") == 2);
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM orders") == 5);
    CHECK(get_json(buyer, "/api/v1/orders")["orders"].size() == 4);
    CHECK(get_json(support, "/api/v1/orders")["orders"].size() == 5);
    Session buyer2 = sign_in(server, "buyer2");
    CHECK(get_json(buyer2, "/api/v1/orders")["orders"].size() == 1);

    // The case still in progress on the buyer's order still holds it: no second case on it.
    auto again = buyer.post("/api/v1/disputes", filing_body(kHeadphones).dump());
    REQUIRE(again);
    CHECK(again->status == 422);
    CHECK(body_of(again)["error"]["code"] == "already_disputed");

    // Numbering carries on after the last case (a new order of the buyer from the same shop).
    const std::int64_t third = file(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
    CHECK(third == second + 1);
}

TEST_CASE("the schema version is the latest migration's, in PRAGMA user_version and in /api/v1/health") {
    const int latest = accord::db::kMigrations[accord::db::kMigrationCount - 1].version;
    CHECK(latest >= 2);
    ServerProcess server;
    CHECK(sql_int(server.db_path(), "PRAGMA user_version") == latest);
    auto r = server.client().Get("/api/v1/health");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["schema_version"] == latest);
    CHECK(body_of(r)["api_version"] == 1);
    CHECK(body_of(r)["status"] == "ok");
}

TEST_CASE("a database from a newer server is refused, not downgraded") {
    TempDir dir;
    { ServerProcess first(dir.path()); }
    const int newer = accord::db::kMigrations[accord::db::kMigrationCount - 1].version + 1;
    REQUIRE(sql_exec(dir.path() + "/accord.db", "PRAGMA user_version = " + std::to_string(newer)) == "");
    CHECK_THROWS_AS(ServerProcess(dir.path()), std::runtime_error);
    CHECK(sql_int(dir.path() + "/accord.db", "PRAGMA user_version") == newer);
}

TEST_CASE("the case history is append-only: UPDATE and DELETE on dispute_events fail") {
    TempDir dir;
    std::int64_t tampered = 0, untouched = 0;
    {
        ServerProcess server(dir.path());
        Session buyer = sign_in(server, "buyer");
        tampered = file(buyer, filing_body(kHeadphones));
        untouched = file(buyer, filing_body(add_order(server, "buyer", kDigitalShop), "exchange"));
    }
    const std::string db = dir.path() + "/accord.db";
    REQUIRE(sql_int(db, "SELECT COUNT(*) FROM dispute_events") == 2);
    CHECK(sql_int(db, "SELECT COUNT(*) FROM dispute_events WHERE length(hash) = 64 AND seq = 1") == 2);

    for (const char* sql :
         {"UPDATE dispute_events SET reason = 'edited'", "UPDATE dispute_events SET actor_id = 9 WHERE seq = 1",
          "UPDATE dispute_events SET hash = '00' WHERE dispute_id = 1", "DELETE FROM dispute_events",
          "DELETE FROM dispute_events WHERE dispute_id = 1"}) {
        const std::string sql_text = sql;
        CAPTURE(sql_text);
        const std::string error = sql_exec(db, sql);
        CHECK(error.find("dispute_events is append-only") != std::string::npos);
    }
    CHECK(sql_int(db, "SELECT COUNT(*) FROM dispute_events") == 2);
    CHECK(sql_int(db, "SELECT COUNT(*) FROM dispute_events WHERE reason <> ''") == 0);
    // Appending is what the table is for.
    CHECK(sql_exec(db,
                   "INSERT INTO dispute_events (dispute_id, seq, action, actor_id, at, payload, prev_hash, hash) "
                   "SELECT dispute_id, 2, 'note', actor_id, at, '{}', hash, 'x' FROM dispute_events "
                   "WHERE dispute_id = " +
                       std::to_string(untouched)) == "");

    // Whoever gets around the trigger is still caught by the hash chain.
    REQUIRE(sql_exec(db,
                     "DROP TRIGGER dispute_events_no_update; UPDATE dispute_events SET reason = 'edited' "
                     "WHERE dispute_id = " +
                         std::to_string(tampered)) == "");
    ServerProcess server(dir.path());
    Session buyer = sign_in(server, "buyer");
    const json edited = get_json(buyer, events_path(tampered));
    CHECK(edited["chain_valid"] == false);
    CHECK(edited["events"][0]["reason"] == "edited");
    // The appended row above carries a made-up hash: that chain is broken too.
    CHECK(get_json(buyer, events_path(untouched))["chain_valid"] == false);
    CHECK(get_json(buyer, events_path(untouched))["events"].size() == 2);
}

// Cached prepared statements must not keep a read transaction (an old WAL snapshot) open:
// rows another connection writes (an order push, an admin tool) must be seen at once, and the
// server's own writes must keep working after them (they failed with "database is locked").
TEST_CASE("an order written by another connection while the server runs is seen, and filing still works") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    CHECK(get_json(buyer, "/api/v1/orders")["orders"].size() == 4);
    const std::string order = insert_orders(server.db_path(), 1, "buyer", kDigitalShop).front();
    const json orders = get_json(buyer, "/api/v1/orders")["orders"];
    CHECK(std::any_of(orders.begin(), orders.end(), [&](const json& o) { return o["order_ref"] == order; }));
    auto r = buyer.post("/api/v1/disputes", filing_body(order).dump());
    REQUIRE(r);
    CHECK(r->status == 201);
    auto demo = buyer.post("/api/v1/disputes", filing_body(kHeadphones).dump());
    REQUIRE(demo);
    CHECK(demo->status == 201);
}
