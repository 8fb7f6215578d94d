#include "http/session_auth.hpp"

#include "auth/crypto.hpp"
#include "db/session_repository.hpp"
#include "db/user_repository.hpp"
#include "http/reply.hpp"

namespace accord::http {

namespace {
constexpr Timestamp kSessionTouchSeconds = 60;
}  // namespace

std::optional<std::string> session_token(const httplib::Request& req) {
    const std::string cookies = req.get_header_value("Cookie");
    const std::string name = std::string(api::kSessionCookie) + "=";
    std::size_t pos = 0;
    while (pos < cookies.size()) {
        while (pos < cookies.size() && (cookies[pos] == ' ' || cookies[pos] == ';')) ++pos;
        const std::size_t end = std::min(cookies.find(';', pos), cookies.size());
        if (cookies.compare(pos, name.size(), name) == 0) return cookies.substr(pos + name.size(), end - pos - name.size());
        pos = end;
    }
    return std::nullopt;
}

// HttpOnly: page scripts never see the token. SameSite=Strict: no cross-site request carries it.
std::string session_cookie(const std::string& token, Timestamp max_age) {
    return std::string(api::kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age);
}

std::string expired_session_cookie() {
    return std::string(api::kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

std::optional<SignedIn> require_session(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    if (auto token = session_token(req)) {
        auto lock = app.db.lock();
        const Timestamp now = app.now();
        if (auto session = db::find_live_session(app.db, auth::sha256_hex(*token), {now, app.config.session_idle_timeout}))
            if (auto user = db::find_user(app.db, session->user_id)) {
                // Last use is noted at most once a minute: idleness is counted in hours, and a
                // write on every request would queue every read behind the one writer.
                if (now - session->last_seen_at >= kSessionTouchSeconds) db::touch_session(app.db, session->id, now);
                return SignedIn{user->info, session->id};
            }
    }
    send_error(res, 401, ErrorCode::not_authenticated, request_lang(req));
    return std::nullopt;
}

std::optional<api::UserInfo> require_user(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    auto who = require_session(app, req, res);
    if (!who) return std::nullopt;
    return who->user;
}

}  // namespace accord::http
