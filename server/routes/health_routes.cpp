// Health for people and for load balancers:
//   GET /api/v1/health  liveness plus the API and schema versions the client checks
//   GET /healthz        the process answers (no database: a slow query must not get it killed)
//   GET /readyz         it can do its work: the database takes writes, every migration is
//                       applied, the deadline scheduler runs; 503 naming what is not ready
#include "accord/api.hpp"
#include "db/migrate.hpp"
#include "http/reply.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

// A readiness probe must answer within a load balancer's timeout (typically 1-2 s), not wait
// SQLite's usual busy timeout out when another process holds the write lock.
constexpr int kProbeBusyMs = 500;

// "ok", or what went wrong. `db`: the writer.
std::string check_database_writable(db::Database& db, Timestamp now) {
    db::BusyTimeout probe_wait(db, kProbeBusyMs);
    std::string result = "ok";
    try {
        db::Transaction tx(db);  // BEGIN IMMEDIATE: takes the write lock; rolled back when it goes
        db::Query insert = db.statement("INSERT INTO health_probe (at) VALUES (?)");
        insert.bind(1, now);
        insert.run();
    } catch (const std::exception& e) {
        result = std::string("not writable: ") + e.what();
    }
    return result;
}

std::string check_migrations(db::Database& db) {
    const int at = db::schema_version(db);
    const int latest = db::kMigrations[db::kMigrationCount - 1].version;
    if (at == latest) return "ok";
    return "schema at v" + std::to_string(at) + ", this server needs v" + std::to_string(latest);
}

}  // namespace

void register_health_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/health", [&app](const httplib::Request&, httplib::Response& res) {
        const int schema = db::schema_version(*app.db.read());
        http::send_json(res, 200,
                        {{"status", "ok"}, {"api_version", api::kVersion}, {"schema_version", schema}, {"now", app.now()}});
    });

    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        http::send_json(res, 200, {{"status", "ok"}});
    });

    server.Get("/readyz", [&app](const httplib::Request& req, httplib::Response& res) {
        nlohmann::json checks;
        {
            auto writer = app.db.write();
            checks["database"] = check_database_writable(*writer, app.now());
            checks["migrations"] = check_migrations(*writer);
        }
        checks["scheduler"] = app.scheduler_running() ? "ok" : "not running";
        nlohmann::json not_ready = nlohmann::json::array();
        for (const auto& [name, state] : checks.items())
            if (state != "ok") not_ready.push_back(name);
        if (not_ready.empty()) return http::send_json(res, 200, {{"status", "ready"}, {"checks", checks}});
        // The error shape too, so it carries a code and a request id like every other refusal.
        nlohmann::json body = api::error_body(ErrorCode::not_ready, http::request_lang(req));
        body["status"] = "not_ready";
        body["checks"] = checks;
        body["not_ready"] = not_ready;
        http::send_json(res, 503, body);
    });
}

}  // namespace accord::routes
