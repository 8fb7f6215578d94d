// Request ids and the access log: every reply carries X-Request-Id, every JSON error body names
// it, and each request leaves one JSON line on the server's stderr without personal data.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

const std::regex kGeneratedId("[0-9a-f]{32}");

// A server whose stderr goes to a file: the child inherits fd 2 as it is while it starts.
struct LoggedServer {
    TempDir dir;
    std::string log_path = dir.path() + "/stderr.log";
    std::unique_ptr<ServerProcess> server;

    LoggedServer() {
        const int saved = dup(STDERR_FILENO);
        const int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        dup2(fd, STDERR_FILENO);
        try {
            server = std::make_unique<ServerProcess>();
        } catch (...) {
            dup2(saved, STDERR_FILENO);
            throw;
        }
        dup2(saved, STDERR_FILENO);
        close(saved);
        close(fd);
    }

    std::vector<json> lines() const {
        std::ifstream in(log_path);
        std::vector<json> out;
        for (std::string line; std::getline(in, line);) {
            const json j = json::parse(line, nullptr, false);
            if (j.is_object() && j.contains("request_id")) out.push_back(j);
        }
        return out;
    }
    std::string text() const {
        std::ifstream in(log_path);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    // The line of one request (the logger writes after the reply is sent: wait a little for it).
    json line_of(const std::string& request_id) const {
        for (int waited_ms = 0; waited_ms < 3000; waited_ms += 10) {
            for (const json& j : lines())
                if (j["request_id"] == request_id) return j;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return nullptr;
    }
};

std::string error_request_id(const RawResponse& r) {
    const json b = json::parse(r.body, nullptr, false);
    if (!b.is_object() || !b.contains("error") || !b["error"].contains("request_id")) return "";
    return b["error"]["request_id"].get<std::string>();
}

}  // namespace

TEST_CASE("every reply carries a request id: the caller's when sane, a new one otherwise") {
    ServerProcess server;
    const RawResponse a = raw_get(server.port(), "/api/v1/health");
    const RawResponse b = raw_get(server.port(), "/api/v1/health");
    CHECK(std::regex_match(a.header("X-Request-Id"), kGeneratedId));
    CHECK(std::regex_match(b.header("X-Request-Id"), kGeneratedId));
    CHECK(a.header("X-Request-Id") != b.header("X-Request-Id"));
    // A proxy's id is kept, so one request can be followed through both logs.
    CHECK(raw_get(server.port(), "/healthz", "X-Request-Id: lb-7f3a.2_x:1\r\n").header("X-Request-Id") ==
          "lb-7f3a.2_x:1");
    // Anything that could break a header, a log line or a page is replaced.
    for (const std::string& bad : {std::string("<script>"), std::string("a b"), std::string(65, 'a'), std::string("\"q\"")}) {
        CAPTURE(bad);
        CHECK(std::regex_match(raw_get(server.port(), "/healthz", "X-Request-Id: " + bad + "\r\n").header("X-Request-Id"),
                               kGeneratedId));
    }
    // Static files and errors too.
    CHECK(std::regex_match(raw_get(server.port(), "/").header("X-Request-Id"), kGeneratedId));
}

TEST_CASE("every JSON error body names the request id of its reply") {
    ServerProcess server;
    const int port = server.port();
    const std::string json_post = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
    const std::string wrong = R"({"username":"buyer","password":"no"})";
    const std::vector<std::pair<std::string, RawResponse>> replies = {
        {"unknown path", raw_get(port, "/api/v1/nope")},
        {"not signed in", raw_get(port, "/api/v1/orders")},
        {"malformed JSON", raw_http(port, json_post + "Content-Length: 1\r\nConnection: close\r\n\r\n{")},
        {"wrong password", raw_http(port, json_post + "Content-Length: " + std::to_string(wrong.size()) +
                                              "\r\nConnection: close\r\n\r\n" + wrong)},
        {"no length", raw_http(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                                     "Connection: close\r\n\r\n0\r\n\r\n")},
        {"wrong type", raw_http(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                      "Content-Length: 2\r\nConnection: close\r\n\r\nhi")},
        {"unparsable request", raw_http(port, "GARBAGE\r\n\r\n")},
        {"URI too long", raw_get(port, "/" + std::string(9000, 'a'))},
        {"with the caller's id", raw_get(port, "/api/v1/nope", "X-Request-Id: mine-1\r\n")},
    };
    for (const auto& [what, r] : replies) {
        CAPTURE(what);
        INFO(r.status, " ", r.body.substr(0, 300));
        CHECK(r.status >= 400);
        CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
        CHECK(!r.header("X-Request-Id").empty());
        CHECK(error_request_id(r) == r.header("X-Request-Id"));
    }
    CHECK(error_request_id(replies.back().second) == "mine-1");
}

TEST_CASE("each request is one JSON line on stderr, without query values or passwords") {
    LoggedServer logged;
    const int port = logged.server->port();
    const RawResponse list =
        raw_get(port, "/api/v1/disputes?limit=5&before=4242&limit=6", "X-Request-Id: log-list\r\n");
    const std::string login = R"({"username":"buyer","password":"secret-guess-123"})";
    raw_http(port, "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Request-Id: log-login\r\n"
                   "Content-Length: " + std::to_string(login.size()) + "\r\nConnection: close\r\n\r\n" + login);
    const RawResponse health = raw_get(port, "/api/v1/health", "X-Request-Id: log-health\r\n");

    const json l = logged.line_of("log-list");
    REQUIRE(l.is_object());
    CHECK(std::regex_match(l["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
    CHECK(l["method"] == "GET");
    CHECK(l["path"] == "/api/v1/disputes?before=&limit=");  // names once each, never values
    CHECK(l["status"] == 401);
    CHECK(l["status"] == list.status);
    CHECK(l["bytes"] == static_cast<std::int64_t>(list.body.size()));
    CHECK(l["duration_ms"].is_number());
    CHECK(l["duration_ms"].get<double>() >= 0);
    CHECK(l.size() == 7);  // time, request_id, method, path, status, duration_ms, bytes

    const json in = logged.line_of("log-login");
    REQUIRE(in.is_object());
    CHECK(in["method"] == "POST");
    CHECK(in["path"] == "/api/v1/session");
    CHECK(in["status"] == 401);
    // Hashing took time, and the line says so.
    CHECK(in["duration_ms"].get<double>() > 1);

    const json h = logged.line_of("log-health");
    REQUIRE(h.is_object());
    CHECK(h["status"] == 200);
    CHECK(h["bytes"] == static_cast<std::int64_t>(health.body.size()));

    const std::string text = logged.text();
    CHECK(text.find("4242") == std::string::npos);
    CHECK(text.find("secret-guess-123") == std::string::npos);
    // One line per request, each of them JSON.
    int log_list = 0;
    for (const json& j : logged.lines()) log_list += j["request_id"] == "log-list" ? 1 : 0;
    CHECK(log_list == 1);
}
