#include "http/route_table.hpp"

#include <regex>
#include <set>

namespace accord::http {

const std::vector<RouteEntry>& route_table() {
    static const std::vector<RouteEntry> table = {
        {"GET", "/healthz"},
        {"GET", "/readyz"},
        {"GET", "/metrics"},
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

std::string route_label(const std::string& method, const std::string& path) {
    static const std::vector<std::pair<std::regex, std::string>> routes = [] {
        std::vector<std::pair<std::regex, std::string>> out;
        for (const RouteEntry& e : route_table()) {
            std::string label = e.pattern;
            if (label == "/(?!api/)(.*)") label = "/{file}";
            for (std::size_t at; (at = label.find("([^/]+)")) != std::string::npos;) label.replace(at, 7, "{id}");
            out.emplace_back(std::regex(e.pattern), label);
        }
        return out;
    }();
    const std::string m = method == "HEAD" ? "GET" : method;
    for (std::size_t i = 0; i < routes.size(); ++i)
        if (route_table()[i].method == m && std::regex_match(path, routes[i].first))
            return routes[i].second;
    return "unmatched";
}

}  // namespace accord::http
