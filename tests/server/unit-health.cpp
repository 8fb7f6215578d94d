// /healthz (the process answers), /readyz (the database takes writes, the schema is current, the
// scheduler runs), and the older /api/v1/health.
#include <chrono>
#include <string>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

RawResponse get(const ServerProcess& server, const std::string& path) { return raw_get(server.port(), path); }

json body(const RawResponse& r) { return json::parse(r.body, nullptr, false); }

}  // namespace

TEST_CASE("a running server is alive and ready, and says so on all three paths") {
    ServerProcess server;
    const RawResponse alive = get(server, "/healthz");
    CHECK(alive.status == 200);
    CHECK(body(alive) == json{{"status", "ok"}});

    const RawResponse ready = get(server, "/readyz");
    INFO(ready.body);
    INFO("scheduler \"not running\": main.cpp sets AppContext::scheduler_running once it starts the scheduler");
    CHECK(ready.status == 200);
    CHECK(body(ready)["status"] == "ready");
    CHECK(body(ready)["checks"] == json{{"database", "ok"}, {"migrations", "ok"}, {"scheduler", "ok"}});
    // The write that proved the database writable was rolled back.
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM health_probe") == 0);

    const RawResponse legacy = get(server, "/api/v1/health");
    CHECK(legacy.status == 200);
    CHECK(body(legacy)["status"] == "ok");
    CHECK(body(legacy)["schema_version"] == sql_int(server.db_path(), "PRAGMA user_version"));
}

TEST_CASE("readyz answers 503 naming the database while another process holds its write lock") {
    ServerProcess server;
    {
        WriteLockHolder holder(server.db_path());
        const auto start = std::chrono::steady_clock::now();
        const RawResponse r = get(server, "/readyz");
        const auto took = std::chrono::steady_clock::now() - start;
        INFO(r.body);
        CHECK(r.status == 503);
        const json b = body(r);
        CHECK(b["status"] == "not_ready");
        CHECK(b["not_ready"][0] == "database");
        CHECK(b["checks"]["database"].get<std::string>().rfind("not writable", 0) == 0);
        CHECK(b["checks"]["migrations"] == "ok");
        CHECK(b["error"]["code"] == "not_ready");
        // Within a load balancer's probe timeout, not after SQLite's 5 s busy wait.
        CHECK(took < std::chrono::seconds(2));
        // Alive all the same: /healthz does not touch the database, reads still work.
        CHECK(get(server, "/healthz").status == 200);
        CHECK(get(server, "/api/v1/health").status == 200);
    }
    CHECK(body(get(server, "/readyz"))["checks"]["database"] == "ok");
}

TEST_CASE("readyz answers 503 naming the migrations when the schema is behind the server") {
    ServerProcess server;
    const std::int64_t version = sql_int(server.db_path(), "PRAGMA user_version");
    REQUIRE(sql_exec(server.db_path(), "PRAGMA user_version = " + std::to_string(version - 1)).empty());
    const RawResponse r = get(server, "/readyz");
    INFO(r.body);
    CHECK(r.status == 503);
    CHECK(body(r)["not_ready"][0] == "migrations");
    CHECK(body(r)["checks"]["migrations"] == "schema at v" + std::to_string(version - 1) + ", this server needs v" +
                                                 std::to_string(version));
    REQUIRE(sql_exec(server.db_path(), "PRAGMA user_version = " + std::to_string(version)).empty());
    CHECK(body(get(server, "/readyz"))["checks"]["migrations"] == "ok");
}

TEST_CASE("a start reads no whole table: unsealed events from their partial index, adoption marked done") {
    ServerProcess server;
    // The one-off upgrades at start cost nothing once done (they took 38 s at 1M cases).
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM settings WHERE key = 'legacy_cases_adopted'") == 1);
    // The partial index exists (INDEXED BY would not prepare otherwise) and is read, not the table.
    const std::string plan = joined(query_plan(
        server.db_path(),
        "SELECT dispute_id, seq FROM dispute_events INDEXED BY dispute_events_unsealed WHERE mac = '' ORDER BY rowid"));
    CHECK(plan.find("USING INDEX dispute_events_unsealed") != std::string::npos);
}
