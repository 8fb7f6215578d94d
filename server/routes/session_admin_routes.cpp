// Sessions as their owners and admins see them:
//   GET    /api/v1/sessions                          the caller's live sessions
//   DELETE /api/v1/sessions/{id}                     revoke one of the caller's own
//   GET    /api/v1/users/{user_id}/sessions          (admin) someone's live sessions
//   DELETE /api/v1/users/{user_id}/sessions          (admin) revoke all of them
//   DELETE /api/v1/users/{user_id}/sessions/{id}     (admin) revoke one
// A session is shown by its id, never its token: the list must not hand out a way in.
#include <algorithm>

#include "accord/api.hpp"
#include "db/session_repository.hpp"
#include "db/user_repository.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

nlohmann::json session_json(const db::SessionRecord& s, std::int64_t current_id, Timestamp idle) {
    return {{"id", s.id},
            {"created_at", s.created_at},
            {"last_seen_at", s.last_seen_at},
            // It ends at whichever comes first: the absolute limit, or idleness from now on.
            {"expires_at", std::min(s.expires_at, s.last_seen_at + idle)},
            {"user_agent", s.user_agent},
            {"address", s.address},
            {"current", s.id == current_id}};
}

nlohmann::json sessions_json(AppContext& app, std::int64_t user_id, std::int64_t current_id) {
    nlohmann::json list = nlohmann::json::array();
    for (const db::SessionRecord& s :
         db::list_live_sessions(*app.db.read(), user_id, {app.now(), app.config.session_idle_timeout}))
        list.push_back(session_json(s, current_id, app.config.session_idle_timeout));
    return {{"sessions", std::move(list)}};
}

// The signed-in admin, or nothing after replying 401 / 403.
std::optional<http::SignedIn> require_admin(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    auto who = http::require_session(app, req, res);
    if (who && who->user.role != Role::admin) {
        http::send_error(res, 403, ErrorCode::forbidden, http::request_lang(req));
        return std::nullopt;
    }
    return who;
}

// The user the path names (req.matches[1]), or nothing after replying 404.
std::optional<std::int64_t> user_in_path(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    std::int64_t id = 0;
    if (http::parse_id(req.matches[1], id) && db::find_user(*app.db.read(), id)) return id;
    http::send_error(res, 404, ErrorCode::not_found, http::request_lang(req), "user_id");
    return std::nullopt;
}

// Revoking the session the request came with also clears its cookie.
void revoked(const AppContext& app, httplib::Response& res, bool was_current) {
    if (was_current) res.set_header("Set-Cookie", http::expired_session_cookie(app.config.secure_cookies()));
}

}  // namespace

void register_session_admin_routes(httplib::Server& server, AppContext& app) {
    server.Get("/api/v1/sessions", [&app](const httplib::Request& req, httplib::Response& res) {
        auto who = http::require_session(app, req, res);
        if (!who) return;
        http::send_json(res, 200, sessions_json(app, who->user.id, who->session_id));
    });

    server.Delete(R"(/api/v1/sessions/([^/]+))", [&app](const httplib::Request& req, httplib::Response& res) {
        auto who = http::require_session(app, req, res);
        if (!who) return;
        std::int64_t id = 0;
        bool deleted = false;
        if (http::parse_id(req.matches[1], id)) deleted = db::delete_user_session(*app.db.write(), who->user.id, id);
        // Someone else's session is "not found" too: ids of other people's sessions cannot be probed.
        if (!deleted) return http::send_error(res, 404, ErrorCode::not_found, http::request_lang(req), "id");
        revoked(app, res, id == who->session_id);
        res.status = 204;
    });

    server.Get(R"(/api/v1/users/([^/]+)/sessions)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto admin = require_admin(app, req, res);
        if (!admin) return;
        auto user_id = user_in_path(app, req, res);
        if (!user_id) return;
        http::send_json(res, 200, sessions_json(app, *user_id, admin->session_id));
    });

    server.Delete(R"(/api/v1/users/([^/]+)/sessions)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto admin = require_admin(app, req, res);
        if (!admin) return;
        auto user_id = user_in_path(app, req, res);
        if (!user_id) return;
        const int count = db::delete_user_sessions(*app.db.write(), *user_id);
        revoked(app, res, *user_id == admin->user.id);
        http::send_json(res, 200, {{"revoked", count}});
    });

    server.Delete(R"(/api/v1/users/([^/]+)/sessions/([^/]+))",
                  [&app](const httplib::Request& req, httplib::Response& res) {
                      auto admin = require_admin(app, req, res);
                      if (!admin) return;
                      auto user_id = user_in_path(app, req, res);
                      if (!user_id) return;
                      std::int64_t id = 0;
                      bool deleted = false;
                      if (http::parse_id(req.matches[2], id))
                          deleted = db::delete_user_session(*app.db.write(), *user_id, id);
                      if (!deleted)
                          return http::send_error(res, 404, ErrorCode::not_found, http::request_lang(req), "id");
                      revoked(app, res, id == admin->session_id);
                      res.status = 204;
                  });
}

}  // namespace accord::routes
