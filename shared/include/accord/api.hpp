// The HTTP API's wire format, shared by server and client: version, paths, and the
// JSON codec of every request and reply body.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/dispute.hpp"
#include "accord/error_code.hpp"
#include "accord/filing.hpp"
#include "accord/order.hpp"
#include "accord/role.hpp"

namespace accord::api {

// Both sides check it: the client shows "please reload" when the server moved on.
constexpr int kVersion = 1;
constexpr const char* kPrefix = "/api/v1";
constexpr const char* kSessionCookie = "accord_session";
constexpr std::size_t kMaxBodyBytes = 64 * 1024;

// --- session --------------------------------------------------------------
struct LoginRequest {
    std::string username;
    std::string password;
};
FieldErrors decode(const nlohmann::json& j, LoginRequest& out);
nlohmann::json encode(const LoginRequest& r);

struct UserInfo {
    std::int64_t id = 0;
    std::string username;
    std::string display_name;
    Role role = Role::buyer;
    std::int64_t merchant_id = 0;
    std::string merchant_name;
    Viewer viewer() const { return {id, role, merchant_id}; }
};
nlohmann::json encode(const UserInfo& u);
FieldErrors decode(const nlohmann::json& j, UserInfo& out);

// --- orders ---------------------------------------------------------------
nlohmann::json encode(const OrderSnapshot& o);
FieldErrors decode(const nlohmann::json& j, OrderSnapshot& out);

// --- disputes -------------------------------------------------------------
// The filing body, strict: unknown keys, wrong types, missing keys and unknown enum values are
// errors here; what a well-formed form may contain is validate_filing()'s job.
nlohmann::json encode(const FilingForm& f);
FieldErrors decode(const nlohmann::json& j, FilingForm& out);

nlohmann::json encode(const Dispute& d);
FieldErrors decode(const nlohmann::json& j, Dispute& out);

// Decodes `{"<key>": [ ... ]}` into a vector, stopping at the first bad element.
template <typename T>
FieldErrors decode_list(const nlohmann::json& j, const char* key, std::vector<T>& out) {
    FieldErrors errors;
    const auto it = j.is_object() ? j.find(key) : j.end();
    if (!j.is_object() || it == j.end() || !it->is_array()) {
        errors.push_back({key, ErrorCode::wrong_type, 0});
        return errors;
    }
    out.clear();
    for (const auto& item : *it) {
        T value;
        errors = decode(item, value);
        if (!errors.empty()) return errors;
        out.push_back(std::move(value));
    }
    return errors;
}

// --- rules in force --------------------------------------------------------
// The filing limits the server enforces, sent with the session so the client checks the same
// numbers (never compiled-in defaults).
nlohmann::json encode(const FilingRules& r);
FieldErrors decode(const nlohmann::json& j, FilingRules& out);

// --- errors ---------------------------------------------------------------
// {"error":{"code","message","field","details":[{field,code,message,limit}...]}}
nlohmann::json error_body(ErrorCode code, Lang lang, const std::string& field = "");
nlohmann::json error_body(const FieldErrors& errors, Lang lang);

struct ApiError {
    std::string code;
    std::string message;
    std::string field;
    FieldErrors details;  // per-field problems, when the server listed them
};
// Reads an error reply; falls back to `fallback` when the body is not our error shape.
ApiError decode_error(const std::string& body, const std::string& fallback);

}  // namespace accord::api
