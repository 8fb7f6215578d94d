// Which methods each path answers, for 405 + Allow. cpp-httplib keeps its handlers per method and
// cannot say whether another method would have matched a path, so every route is listed here as
// well, with its pattern written exactly as registered. unit-http-codes.cpp reads server/ and
// fails when a route is registered without its line here (or the other way round).
#pragma once
#include <string>
#include <vector>

namespace accord::http {

struct RouteEntry {
    const char* method;   // GET also answers HEAD
    const char* pattern;  // the regex given to server.Get() / Post() / ...
};

const std::vector<RouteEntry>& route_table();
// The Allow value for `path` ("GET, HEAD, POST"), or "" when no route has this path.
// `with_test_clock`: POST /api/v1/test/clock exists only then.
std::string allowed_methods(const std::string& path, bool with_test_clock);
// The route a request matched, as a metrics label: its pattern with "{id}" for each parameter
// ("/api/v1/disputes/{id}/events"), "/{file}" for the web client, "unmatched" for none.
std::string route_label(const std::string& method, const std::string& path);

}  // namespace accord::http
