// The right status and code for requests no route takes: 405 with Allow for a path that exists
// with other methods (TRACE included), 404 for a path that does not, 414 for a very long URI.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "fixtures.hpp"
#include "http/route_table.hpp"

using namespace accord::test;

namespace {

// `method target` with an empty body, as a client library would not send some of these.
RawResponse call(const ServerProcess& server, const std::string& method, const std::string& target) {
    const bool body = method == "POST" || method == "PUT" || method == "PATCH";
    return raw_http(server.port(), method + " " + target + " HTTP/1.1\r\nHost: x\r\n" +
                                       (body ? "Content-Type: application/json\r\nContent-Length: 2\r\n" : "") +
                                       "Connection: close\r\n\r\n" + (body ? "{}" : ""));
}

void expect_405(const RawResponse& r, const std::string& allow) {
    expect_error(r, 405, "method_not_allowed");
    CHECK(r.header("Allow") == allow);
    CHECK(json::parse(r.body)["error"]["request_id"] == r.header("X-Request-Id"));
}

}  // namespace

TEST_CASE("a wrong method on a path that exists gets 405 with Allow, and changes nothing") {
    SharedServer w;
    ServerProcess& server = w.server();
    Session buyer = w.as("buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
    const Footprint before = footprint(server);
    const std::string c = "/api/v1/disputes/" + std::to_string(id);
    struct Case {
        std::string method, target, allow;
    };
    for (const Case& k : std::vector<Case>{
             {"PUT", "/api/v1/disputes", "GET, HEAD, POST"},
             {"DELETE", "/api/v1/disputes", "GET, HEAD, POST"},
             {"POST", c, "GET, HEAD"},
             {"DELETE", c, "GET, HEAD"},
             {"PATCH", c, "GET, HEAD"},
             {"GET", c + "/actions", "POST"},
             {"PUT", c + "/messages", "GET, HEAD, POST"},
             {"DELETE", c + "/evidence/1", "GET, HEAD"},
             {"PATCH", "/api/v1/session", "GET, HEAD, POST, DELETE"},
             {"POST", "/api/v1/sessions", "GET, HEAD"},
             {"GET", "/api/v1/sessions/1", "DELETE"},
             {"POST", "/api/v1/users/1/sessions", "GET, HEAD, DELETE"},
             {"OPTIONS", "/api/v1/health", "GET, HEAD"},
             {"POST", "/healthz", "GET, HEAD"},
             {"DELETE", "/readyz", "GET, HEAD"},
             {"DELETE", "/index.html", "GET, HEAD"},
             {"POST", "/", "GET, HEAD"},
         }) {
        CAPTURE(k.method);
        CAPTURE(k.target);
        expect_405(call(server, k.method, k.target), k.allow);
    }
    CHECK(footprint(server) == before);
    CHECK(state_of(buyer, id) == "filed");
    // Paths that do not exist stay 404 whatever the method; the test clock's route exists only
    // with --test-clock.
    for (const char* method : {"GET", "POST", "DELETE", "OPTIONS"}) {
        CAPTURE(method);
        expect_error(call(server, method, "/api/v1/nope"), 404, "not_found");
        expect_error(call(server, method, c + "/x/y"), 404, "not_found");
        expect_error(call(server, method, "/api/v1/test/clock"), 404, "not_found");
    }
    // A missing file is still "not found", not "method not allowed".
    expect_error(call(server, "GET", "/missing.js"), 404, "not_found");
}

TEST_CASE("TRACE and CONNECT get 405 with Allow, never malformed_json") {
    ServerProcess server;
    for (const char* method : {"TRACE", "CONNECT"}) {
        CAPTURE(method);
        expect_405(call(server, method, "/api/v1/health"), "GET, HEAD");
        expect_405(call(server, method, "/api/v1/disputes"), "GET, HEAD, POST");
        expect_405(call(server, method, "/"), "GET, HEAD");
        expect_error(call(server, method, "/api/v1/nope"), 404, "not_found");
    }
}

TEST_CASE("a 9,000-character path gets 414 uri_too_long") {
    ServerProcess server;
    for (const std::string& target : {"/" + std::string(9000, 'a'), "/api/v1/disputes/" + std::string(9000, '1'),
                                      "/api/v1/health?q=" + std::string(9000, 'x')}) {
        const RawResponse r = raw_get(server.port(), target);
        expect_error(r, 414, "uri_too_long");
        CHECK(r.header("X-Request-Id") == json::parse(r.body)["error"]["request_id"]);
    }
    // Just below the limit is served as usual.
    CHECK(raw_get(server.port(), "/api/v1/health?q=" + std::string(7000, 'x')).status == 200);
}

TEST_CASE("every route the server registers is in the route table that Allow is built from") {
    // The server's sources, next to this test's.
    const std::filesystem::path server_dir = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "server";
    REQUIRE(std::filesystem::is_directory(server_dir));
    const std::regex registration(R"re(server\.(Get|Post|Put|Patch|Delete|Options)\(\s*(?:R"\((.*?)\)"|"([^"]*)"))re");
    std::set<std::string> registered;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(server_dir)) {
        if (entry.path().extension() != ".cpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        const std::string source = text.str();
        for (std::sregex_iterator it(source.begin(), source.end(), registration), end; it != end; ++it) {
            std::string method = (*it)[1];
            for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            registered.insert(method + " " + ((*it)[2].matched ? (*it)[2].str() : (*it)[3].str()));
        }
    }
    std::set<std::string> listed;
    for (const accord::http::RouteEntry& e : accord::http::route_table())
        listed.insert(std::string(e.method) + " " + e.pattern);
    CHECK(registered.size() > 20);
    CHECK(registered == listed);
}
