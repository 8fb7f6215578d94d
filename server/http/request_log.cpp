#include "http/request_log.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <nlohmann/json.hpp>

#include "auth/crypto.hpp"

namespace accord::http {

namespace {

constexpr const char* kHeader = "X-Request-Id";
constexpr std::size_t kMaxIdChars = 64;
constexpr std::size_t kMaxLoggedPathChars = 256;  // a 9,000-character path is logged cut

// cpp-httplib serves a connection's requests one after another on one thread, from pre-routing
// to the logger, so the start of the request in progress can live in a thread-local.
thread_local std::chrono::steady_clock::time_point t_started;
thread_local bool t_begun = false;

// Letters, digits and - _ . : only, so an id is safe in a header, a log line and a body.
bool sane_id(const std::string& id) {
    if (id.empty() || id.size() > kMaxIdChars) return false;
    for (const char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && c != ':') return false;
    return true;
}

std::string new_id() { return auth::random_token().substr(0, 32); }

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96];  // room for any int the compiler imagines in each field
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

// The path, cut if very long, and the names of the query parameters without their values.
std::string loggable_target(const httplib::Request& req) {
    std::string out = req.path.size() > kMaxLoggedPathChars ? req.path.substr(0, kMaxLoggedPathChars) + "..." : req.path;
    char sep = '?';
    std::string last;
    for (const auto& [name, value] : req.params) {  // a multimap: sorted, repeated names once
        if (name == last) continue;
        out += sep + name.substr(0, 64) + "=";
        sep = '&';
        last = name;
    }
    return out;
}

}  // namespace

void begin_request(const httplib::Request& req, httplib::Response& res) {
    t_started = std::chrono::steady_clock::now();
    t_begun = true;
    const std::string given = req.get_header_value(kHeader);
    res.set_header(kHeader, sane_id(given) ? given : new_id());
}

std::string request_id(httplib::Response& res) {
    if (!res.has_header(kHeader)) res.set_header(kHeader, new_id());
    return res.get_header_value(kHeader);
}

void add_request_id(httplib::Response& res) {
    if (res.get_header_value("Content-Type").rfind("application/json", 0) != 0) return;
    nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return;
    body["error"]["request_id"] = request_id(res);
    res.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

double request_seconds() {
    if (!t_begun) return 0;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t_started).count();
}

std::string log_line(const httplib::Request& req, const httplib::Response& res) {
    const double ms = request_seconds() * 1000;
    std::int64_t bytes = static_cast<std::int64_t>(res.body.size());
    if (res.body.empty() && res.has_header("Content-Length"))
        bytes = std::strtoll(res.get_header_value("Content-Length").c_str(), nullptr, 10);
    const nlohmann::json line = {{"time", utc_now()},
                                 {"request_id", res.get_header_value(kHeader)},
                                 {"method", req.method},
                                 {"path", loggable_target(req)},
                                 {"status", res.status},
                                 {"duration_ms", static_cast<double>(static_cast<std::int64_t>(ms * 10)) / 10},
                                 {"bytes", bytes}};
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
    const std::string line = log_line(req, res) + "\n";
    t_begun = false;
    // One write per line: lines from concurrent requests never interleave.
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace accord::http
