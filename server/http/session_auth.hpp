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
std::string session_cookie(const std::string& token, Timestamp max_age);
std::string expired_session_cookie();

// The signed-in user, or nothing after replying 401. Takes the database lock itself.
std::optional<api::UserInfo> require_user(AppContext& app, const httplib::Request& req, httplib::Response& res);

}  // namespace accord::http
