// GET /api/v1/orders: the orders the caller may file a dispute on.
#include "accord/api.hpp"
#include "db/order_repository.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

void register_order_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/orders", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        nlohmann::json list = nlohmann::json::array();
        for (const OrderSnapshot& o : db::list_orders(*app.db.read(), order_scope(user->viewer()), 200))
            list.push_back(api::encode(o));
        http::send_json(res, 200, {{"orders", std::move(list)}});
    });
}

}  // namespace accord::routes
