// The server as a browser and an attacker meet it: security headers on every reply, a burst of
// new connections all answered, and slow clients that cannot stop others being served.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

int connect_loopback(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// A test that opens hundreds of sockets needs the descriptors: raise the soft limit (up to the
// hard one). False if even the hard limit is too low to run the test honestly.
bool allow_open_files(rlim_t needed) {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return false;
    if (lim.rlim_cur < needed && lim.rlim_max >= needed) {
        lim.rlim_cur = needed;
        if (setrlimit(RLIMIT_NOFILE, &lim) != 0) return false;
    }
    return lim.rlim_cur >= needed;
}

// Reads until the peer closes or `deadline` passes; returns what arrived.
std::string read_all(int fd, std::chrono::steady_clock::time_point deadline) {
    std::string text;
    char buf[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    return text;
}

}  // namespace

TEST_CASE("every reply carries the security headers the web client needs and no more") {
    const int port = shared.server().port();
    for (const char* target : {"/", "/api/v1/health", "/api/v1/disputes", "/no/such/page"}) {
        CAPTURE(target);
        const RawResponse r = raw_get(port, target);
        REQUIRE(r.status != 0);
        const std::string csp = r.header("Content-Security-Policy");
        CHECK(csp.find("script-src 'self' 'wasm-unsafe-eval'") != std::string::npos);
        CHECK(csp.find("frame-ancestors 'none'") != std::string::npos);
        CHECK(csp.find("default-src 'self'") != std::string::npos);
        CHECK(csp.find("unsafe-inline") == std::string::npos);
        CHECK(r.header("X-Frame-Options") == "DENY");
        CHECK(r.header("Referrer-Policy") == "no-referrer");
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
    }
}

TEST_CASE("API replies are never stored by a browser, pages may be revalidated") {
    const int port = shared.server().port();
    CHECK(raw_get(port, "/api/v1/health").header("Cache-Control") == "no-store");
    CHECK(raw_get(port, "/api/v1/session").header("Cache-Control") == "no-store");  // a 401 too
    CHECK(raw_get(port, "/").header("Cache-Control") != "no-store");
}

TEST_CASE("a burst of 1,000 simultaneous new connections is answered in full") {
    const int port = shared.server().port();
    constexpr int kClients = 1000;
    REQUIRE(allow_open_files(kClients + 64));
    std::vector<int> fds;
    for (int i = 0; i < kClients; ++i) fds.push_back(connect_loopback(port));
    const std::string request = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    int sent = 0;
    for (int fd : fds)
        if (fd >= 0 && send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size()))
            ++sent;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    int answered = 0;
    for (int fd : fds) {
        if (fd < 0) continue;
        if (read_all(fd, deadline).rfind("HTTP/1.1 200", 0) == 0) ++answered;
        close(fd);
    }
    CHECK(sent == kClients);
    CHECK(answered == kClients);
}

TEST_CASE("256 slow clients trickling headers do not stop a normal request being answered within a second") {
    const int port = shared.server().port();
    constexpr int kSlow = 256;  // each would hold a connection thread for as long as it trickles
    REQUIRE(allow_open_files(kSlow + 64));
    std::vector<int> slow;
    for (int i = 0; i < kSlow; ++i) {
        const int fd = connect_loopback(port);
        REQUIRE(fd >= 0);
        const std::string start = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n";
        send(fd, start.data(), start.size(), MSG_NOSIGNAL);
        slow.push_back(fd);
    }
    for (int round = 0; round < 3; ++round) {
        // One more header line each, never the end, every 4 s: inside the server's per-read
        // timeout, so none of them is dropped and each keeps its connection thread.
        const auto line_sent = std::chrono::steady_clock::now();
        for (int fd : slow) send(fd, "X-Slow: 1\r\n", 11, MSG_NOSIGNAL);
        while (std::chrono::steady_clock::now() - line_sent < std::chrono::milliseconds(2500)) {
            const auto t0 = std::chrono::steady_clock::now();
            const RawResponse r = raw_get(port, "/api/v1/health");
            const auto took = std::chrono::steady_clock::now() - t0;
            CHECK(r.status == 200);
            CHECK(took < std::chrono::seconds(1));
            std::this_thread::sleep_for(std::chrono::milliseconds(700));
        }
        std::this_thread::sleep_until(line_sent + std::chrono::seconds(4));
    }
    // They were still being waited on, not dropped: finishing the headers gets each an answer.
    int answered = 0;
    for (int fd : slow) send(fd, "Connection: close\r\n\r\n", 21, MSG_NOSIGNAL);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (int fd : slow) {
        if (read_all(fd, deadline).rfind("HTTP/1.1 200", 0) == 0) ++answered;
        close(fd);
    }
    CHECK(answered == kSlow);
}
