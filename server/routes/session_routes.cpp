// POST /api/v1/session (sign in), GET (who am I), DELETE (sign out).
#include "accord/api.hpp"
#include "auth/crypto.hpp"
#include "db/session_repository.hpp"
#include "db/user_repository.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

static void sign_in(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    const Lang lang = http::request_lang(req);
    auto body = http::read_json_body(req, res);
    if (!body) return;
    api::LoginRequest login;
    if (FieldErrors errors = api::decode(*body, login); !errors.empty())
        return http::send_field_errors(res, 400, errors, lang);

    std::optional<db::UserRecord> user;
    {
        auto lock = app.db.lock();
        user = db::find_user_by_username(app.db, login.username);
    }
    // Hash outside the lock (argon2id is deliberately slow); same reply for both failures.
    if (!user || !auth::verify_password(user->password_hash, login.password))
        return http::send_error(res, 401, ErrorCode::invalid_credentials, lang);

    const std::string token = auth::random_token();
    {
        auto lock = app.db.lock();
        const Timestamp now = app.now();
        db::delete_expired_sessions(app.db, now);
        db::insert_session(app.db, auth::sha256_hex(token), user->info.id, now, now + app.config.session_lifetime);
    }
    res.set_header("Set-Cookie", http::session_cookie(token, app.config.session_lifetime));
    http::send_json(res, 200, {{"user", api::encode(user->info)}, {"rules", rules_json(app)}});
}

void register_session_routes(httplib::Server& server, AppContext& app) {
    server.Post("/api/v1/session",
                [&app](const httplib::Request& req, httplib::Response& res) { sign_in(app, req, res); });

    server.Get("/api/v1/session", [&app](const httplib::Request& req, httplib::Response& res) {
        if (auto user = http::require_user(app, req, res))
            http::send_json(res, 200, {{"user", api::encode(*user)}, {"rules", rules_json(app)}});
    });

    server.Delete("/api/v1/session", [&app](const httplib::Request& req, httplib::Response& res) {
        if (auto token = http::session_token(req)) {
            auto lock = app.db.lock();
            db::delete_session(app.db, auth::sha256_hex(*token));
        }
        res.set_header("Set-Cookie", http::expired_session_cookie());
        res.status = 204;
    });
}

}  // namespace accord::routes
