// Who is calling: the session cookie, resolved to a user.
#pragma once
#include <optional>
#include <string>

#include <httplib.h>

#include "accord/api.hpp"
#include "app.hpp"

namespace accord::http {

// The raw session token from the Cookie header, if any.
std::optional<std::string> session_token(const httplib::Request& req);
std::string session_cookie(const std::string& token, Timestamp max_age, bool secure);
std::string expired_session_cookie(bool secure);

struct SignedIn {
    api::UserInfo user;
    std::int64_t session_id = 0;  // the session the request came with
};

// The signed-in user and their session, or nothing (no cookie, an unknown, revoked or expired
// session). Replies nothing.
std::optional<SignedIn> find_session(AppContext& app, const httplib::Request& req);
// The signed-in user and their session, or nothing after replying 401 (no cookie, an unknown,
// revoked or expired session). Read on a reader; notes the session as used (when the writer is free).
std::optional<SignedIn> require_session(AppContext& app, const httplib::Request& req, httplib::Response& res);
// The same, the user alone.
std::optional<api::UserInfo> require_user(AppContext& app, const httplib::Request& req, httplib::Response& res);

}  // namespace accord::http
