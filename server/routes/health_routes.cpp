// GET /api/v1/health: liveness plus the API version the client checks against its own.
#include "accord/api.hpp"
#include "db/migrate.hpp"
#include "http/reply.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

void register_health_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/health", [&app](const httplib::Request&, httplib::Response& res) {
        auto lock = app.db.lock();
        http::send_json(res, 200,
                        {{"status", "ok"}, {"api_version", api::kVersion}, {"schema_version", db::schema_version(app.db)},
                         {"now", app.now()}});
    });
}

}  // namespace accord::routes
