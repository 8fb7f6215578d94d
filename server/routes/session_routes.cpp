// POST /api/v1/session (sign in), GET (who am I), DELETE (sign out).
#include <memory>

#include "accord/api.hpp"
#include "auth/login_guard.hpp"
#include "auth/crypto.hpp"
#include "db/session_repository.hpp"
#include "db/user_repository.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"
#include "ops/metrics.hpp"

namespace accord::routes {

namespace {

// Enough to tell one browser from another in the session list; the rest is not kept.
constexpr std::size_t kMaxUserAgentBytes = 256;

// At most `max` bytes of `text`, never cutting a UTF-8 character in two.
std::string utf8_prefix(const std::string& text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

struct LoginGuard {
    explicit LoginGuard(const auth::LoginLimits& limits) : throttle(limits), hashing(limits) {}
    auth::LoginThrottle throttle;
    auth::HashGate hashing;
};

void refuse(httplib::Response& res, int status, ErrorCode code, Timestamp retry_after, Lang lang) {
    nlohmann::json body = api::error_body(code, lang);
    body["error"]["retry_after"] = retry_after;
    res.set_header("Retry-After", std::to_string(retry_after));
    http::send_json(res, status, body);
}

void sign_in(AppContext& app, LoginGuard& guard, const httplib::Request& req, httplib::Response& res) {
    const Lang lang = http::request_lang(req);
    auto body = http::read_json_body(req, res);
    if (!body) return;
    api::LoginRequest login;
    if (FieldErrors errors = api::decode(*body, login); !errors.empty())
        return http::send_field_errors(res, 400, errors, lang);

    // Limits first: a refused attempt costs no hashing and no database read.
    if (const Timestamp wait = guard.throttle.admit(login.username, req.remote_addr, app.now())) {
        ops::metrics().count_login_refused();
        return refuse(res, 429, ErrorCode::too_many_attempts, wait, lang);
    }

    const std::optional<db::UserRecord> user = db::find_user_by_username(*app.db.read(), login.username);
    // Hash holding no database connection (argon2id is deliberately slow), on the bounded gate. An
    // unknown name is checked against a dummy hash: the same work, the same time, the same reply.
    bool valid = false;
    const bool judged = guard.hashing.run([&] {
        const std::string& hash = user ? user->password_hash : auth::dummy_password_hash();
        valid = auth::verify_password(hash, login.password) && user.has_value();
    });
    if (!judged) {
        guard.throttle.abandoned(login.username, req.remote_addr);
        return refuse(res, 503, ErrorCode::server_busy, 1, lang);
    }
    if (!valid) {
        ops::metrics().count_login_failure();
        return http::send_error(res, 401, ErrorCode::invalid_credentials, lang);
    }
    guard.throttle.succeeded(login.username, req.remote_addr, app.now());

    const std::string token = auth::random_token();
    {
        auto writer = app.db.write();
        const Timestamp now = app.now();
        db::delete_expired_sessions(*writer, {now, app.config.session_idle_timeout});
        db::insert_session(*writer, auth::sha256_hex(token), user->info.id, now, now + app.config.session_lifetime,
                           utf8_prefix(req.get_header_value("User-Agent"), kMaxUserAgentBytes), req.remote_addr);
    }
    res.set_header("Set-Cookie", http::session_cookie(token, app.config.session_lifetime, app.config.secure_cookies()));
    http::send_json(res, 200, {{"user", api::encode(user->info)}, {"rules", rules_json(app)}});
}

}  // namespace

void register_session_routes(httplib::Server& server, AppContext& app) {
    auto guard = std::make_shared<LoginGuard>(app.config.login);
    server.Post("/api/v1/session", [&app, guard](const httplib::Request& req, httplib::Response& res) {
        sign_in(app, *guard, req, res);
    });

    // Who is signed in. With ?optional=1 (the page's check at load) a visitor who is not signed in
    // is an answer, not an error: 200 {"user": null}, so the browser logs no failed request; a
    // cookie that no longer works is cleared. Without it, 401 as on every other route.
    server.Get("/api/v1/session", [&app](const httplib::Request& req, httplib::Response& res) {
        if (req.get_param_value("optional") == "1") {
            if (auto who = http::find_session(app, req))
                return http::send_json(res, 200, {{"user", api::encode(who->user)}, {"rules", rules_json(app)}});
            if (http::session_token(req))
                res.set_header("Set-Cookie", http::expired_session_cookie(app.config.secure_cookies()));
            return http::send_json(res, 200, {{"user", nullptr}});
        }
        if (auto user = http::require_user(app, req, res))
            http::send_json(res, 200, {{"user", api::encode(*user)}, {"rules", rules_json(app)}});
    });

    server.Delete("/api/v1/session", [&app](const httplib::Request& req, httplib::Response& res) {
        if (auto token = http::session_token(req)) {
            db::delete_session(*app.db.write(), auth::sha256_hex(*token));
        }
        res.set_header("Set-Cookie", http::expired_session_cookie(app.config.secure_cookies()));
        res.status = 204;
    });
}

}  // namespace accord::routes
