// GET /api/v1/staff?role=mediator: the platform's staff of one role, for staff choosing whom to assign a case
// to. Parties never see the staff directory (403): they see who works their case on the case itself.
#include "accord/api.hpp"
#include "db/user_repository.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

void register_staff_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/staff", [&app](const httplib::Request& req, httplib::Response& res) {
        const Lang lang = http::request_lang(req);
        auto user = http::require_user(app, req, res);
        if (!user) return;
        if (!is_staff(user->role)) return http::send_error(res, 403, ErrorCode::forbidden, lang);
        Role role{};
        const std::string key = req.get_param_value("role");
        if (key.empty()) return http::send_error(res, 422, ErrorCode::required, lang, "role");
        if (!from_key(key, role) || !is_staff(role)) return http::send_error(res, 422, ErrorCode::invalid_choice, lang, "role");
        nlohmann::json list = nlohmann::json::array();
        for (const api::UserInfo& u : db::list_staff(*app.db.read(), role))
            list.push_back({{"id", u.id}, {"username", u.username}, {"display_name", u.display_name},
                            {"role", to_key(u.role)}});
        http::send_json(res, 200, {{"staff", std::move(list)}});
    });
}

}  // namespace accord::routes
