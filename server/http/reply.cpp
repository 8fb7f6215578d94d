#include "http/reply.hpp"

#include <cctype>

#include "accord/api.hpp"
#include "accord/json_reader.hpp"

namespace accord::http {

Lang request_lang(const httplib::Request& req) {
    if (req.has_param("lang")) return parse_lang(req.get_param_value("lang"));
    return parse_lang(req.get_header_value("Accept-Language"));
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    // error_handler_t::replace: a stray invalid byte never turns a reply into an exception.
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_error(httplib::Response& res, int status, ErrorCode code, Lang lang, const std::string& field) {
    send_json(res, status, api::error_body(code, lang, field));
}

void send_field_errors(httplib::Response& res, int status, const FieldErrors& errors, Lang lang) {
    send_json(res, status, api::error_body(errors, lang));
}

std::optional<nlohmann::json> read_json_body(const httplib::Request& req, httplib::Response& res) {
    const Lang lang = request_lang(req);
    // Requiring JSON also keeps cross-site HTML forms out (they cannot send this type).
    // The media type before any parameters ("; charset=utf-8"), compared case-insensitively.
    std::string type = req.get_header_value("Content-Type");
    type = type.substr(0, type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& ch : type) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (type != "application/json") {
        send_error(res, 415, ErrorCode::unsupported_media_type, lang);
        return std::nullopt;
    }
    if (req.body.size() > api::kMaxBodyBytes) {
        send_error(res, 413, ErrorCode::body_too_large, lang);
        return std::nullopt;
    }
    nlohmann::json body = parse_json(req.body);
    if (body.is_discarded()) {
        send_error(res, 400, ErrorCode::malformed_json, lang);
        return std::nullopt;
    }
    return body;
}

ErrorCode code_for_status(int status) {
    switch (status) {
        case 400: return ErrorCode::malformed_json;
        case 401: return ErrorCode::not_authenticated;
        case 403: return ErrorCode::forbidden;
        case 404: return ErrorCode::not_found;
        case 405: return ErrorCode::method_not_allowed;
        case 411: return ErrorCode::length_required;
        case 413: return ErrorCode::body_too_large;
        case 414: return ErrorCode::uri_too_long;
        case 415: return ErrorCode::unsupported_media_type;
        case 429: return ErrorCode::too_many_attempts;
        case 503: return ErrorCode::server_busy;
        default: return ErrorCode::internal;
    }
}

}  // namespace accord::http
