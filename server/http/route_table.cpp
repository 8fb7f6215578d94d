#include "http/route_table.hpp"

#include <regex>
#include <set>

namespace accord::http {

const std::vector<RouteEntry>& route_table() {
    static const std::vector<RouteEntry> table = {
        {"GET", "/healthz"},
        {"GET", "/readyz"},
        {"GET", "/api/v1/health"},
        {"GET", "/api/v1/session"},
        {"POST", "/api/v1/session"},
        {"DELETE", "/api/v1/session"},
        {"GET", "/api/v1/sessions"},
        {"DELETE", "/api/v1/sessions/([^/]+)"},
        {"GET", "/api/v1/users/([^/]+)/sessions"},
        {"DELETE", "/api/v1/users/([^/]+)/sessions"},
        {"DELETE", "/api/v1/users/([^/]+)/sessions/([^/]+)"},
        {"GET", "/api/v1/rules"},
        {"POST", "/api/v1/test/clock"},
        {"GET", "/api/v1/staff"},
        {"GET", "/api/v1/orders"},
        {"GET", "/api/v1/disputes"},
        {"POST", "/api/v1/disputes"},
        {"GET", "/api/v1/disputes/([^/]+)"},
        {"GET", "/api/v1/disputes/([^/]+)/events"},
        {"POST", "/api/v1/disputes/([^/]+)/actions"},
        {"GET", "/api/v1/disputes/([^/]+)/messages"},
        {"POST", "/api/v1/disputes/([^/]+)/messages"},
        {"GET", "/api/v1/disputes/([^/]+)/evidence"},
        {"POST", "/api/v1/disputes/([^/]+)/evidence"},
        {"GET", "/api/v1/disputes/([^/]+)/evidence/([^/]+)"},
        {"GET", "/(?!api/)(.*)"},  // the web client's files
    };
    return table;
}

std::string allowed_methods(const std::string& path, bool with_test_clock) {
    static const std::vector<std::regex> patterns = [] {
        std::vector<std::regex> out;
        for (const RouteEntry& e : route_table()) out.emplace_back(e.pattern);
        return out;
    }();
    std::set<std::string> found;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        const RouteEntry& e = route_table()[i];
        if (!with_test_clock && std::string(e.pattern) == "/api/v1/test/clock") continue;
        if (!std::regex_match(path, patterns[i])) continue;
        found.insert(e.method);
        if (std::string(e.method) == "GET") found.insert("HEAD");
    }
    std::string allow;
    for (const char* m : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"})  // a fixed order
        if (found.count(m)) allow += (allow.empty() ? "" : ", ") + std::string(m);
    return allow;
}

}  // namespace accord::http
