// Writing replies: JSON bodies and the one error shape {"error":{"code","message","field"}}.
#pragma once
#include <optional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "accord/error_code.hpp"
#include "accord/lang.hpp"

namespace accord::http {

// The caller's language, from ?lang= or Accept-Language (zh-CN by default).
Lang request_lang(const httplib::Request& req);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, ErrorCode code, Lang lang, const std::string& field = "");
void send_field_errors(httplib::Response& res, int status, const FieldErrors& errors, Lang lang);

// The request's JSON body, or nothing after replying 415 / 400 (not JSON / malformed).
std::optional<nlohmann::json> read_json_body(const httplib::Request& req, httplib::Response& res);

// Maps a status cpp-httplib produced by itself (404, 413, ...) to our error code.
ErrorCode code_for_status(int status);

}  // namespace accord::http
