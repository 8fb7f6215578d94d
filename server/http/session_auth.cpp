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
// Secure (served behind TLS, --public-url https://…): the browser never sends it over plain HTTP.
std::string session_cookie(const std::string& token, Timestamp max_age, bool secure) {
    return std::string(api::kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
           std::to_string(max_age) + (secure ? "; Secure" : "");
}

std::string expired_session_cookie(bool secure) {
    return std::string(api::kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
           (secure ? "; Secure" : "");
}

namespace {

// Notes the session's last use, if the writer is free right now: a read must not wait for a
// write. Skipped, the next request within the minute tries again; idleness is counted in hours.
void touch(AppContext& app, std::int64_t session_id, Timestamp now) {
    auto writer = app.db.try_write();
    if (!writer) return;
    // Nor for another process's write lock (a backup, an operator's shell).
    db::BusyTimeout no_wait(**writer, 0);
    try {
        db::touch_session(**writer, session_id, now);
    } catch (const db::DbError&) {
        // Busy: as above, a later request notes it.
    }
}

}  // namespace

std::optional<SignedIn> find_session(AppContext& app, const httplib::Request& req) {
    if (auto token = session_token(req)) {
        const Timestamp now = app.now();
        std::optional<db::SessionRecord> session;
        std::optional<db::UserRecord> user;
        {
            auto reader = app.db.read();
            session = db::find_live_session(*reader, auth::sha256_hex(*token), {now, app.config.session_idle_timeout});
            if (session) user = db::find_user(*reader, session->user_id);
        }
        if (session && user) {
            // Last use is noted at most once a minute: a write on every request would queue
            // them all behind the one writer.
            if (now - session->last_seen_at >= kSessionTouchSeconds) touch(app, session->id, now);
            return SignedIn{user->info, session->id};
        }
    }
    return std::nullopt;
}

std::optional<SignedIn> require_session(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    auto who = find_session(app, req);
    if (!who) send_error(res, 401, ErrorCode::not_authenticated, request_lang(req));
    return who;
}

std::optional<api::UserInfo> require_user(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    auto who = require_session(app, req, res);
    if (!who) return std::nullopt;
    return who->user;
}

}  // namespace accord::http
