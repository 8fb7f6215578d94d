// Graceful shutdown: on SIGTERM (or SIGINT) the server stops accepting connections, lets the
// requests in flight finish, stops the scheduler, closes the database and exits 0; what those
// requests wrote is there after a restart.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "auth/crypto.hpp"
#include "fixtures.hpp"

using namespace accord::test;

namespace {

// Whether a new TCP connection to the port is accepted now.
bool accepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

// Waits up to `ms` for the process to exit; its wait status, or -1 if it still runs.
int wait_exit(int pid, int ms) {
    int status = 0;
    for (int waited = 0; waited < ms; waited += 5) {
        if (waitpid(pid, &status, WNOHANG) == pid) return status;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
}

// Uploads `bytes` slowly (16 slices, 60 ms apart) and sends `signal` to the server a quarter
// of the way in. Checks, while the upload is still streaming, that the server has stopped
// accepting new connections but is still running.
httplib::Result upload_through_signal(ServerProcess& server, Session& s, std::int64_t id, const std::string& bytes,
                                      int signal, bool& refused_while_streaming, bool& alive_while_streaming) {
    const std::string body = multipart_body({{"file", "slow.jpg", "image/jpeg", bytes}});
    const std::size_t slice = body.size() / 16 + 1;
    bool signalled = false;
    httplib::Client c = server.client();
    c.set_read_timeout(30);
    return c.Post(
        case_path(id, "/evidence"), s.headers(), body.size(),
        [&](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
            if (!signalled && offset >= body.size() / 4) {
                signalled = true;
                CHECK(kill(server.pid(), signal) == 0);
                // The listening socket closes at once; this request's connection stays.
                for (int waited = 0; waited < 3000 && accepts(server.port()); waited += 10)
                    std::this_thread::sleep_for(std::chrono::milliseconds(10));
                refused_while_streaming = !accepts(server.port());
                int status = 0;
                alive_while_streaming = waitpid(server.pid(), &status, WNOHANG) == 0;
            }
            sink.write(body.data() + offset, std::min(slice, length));
            return true;
        },
        kMultipartType);
}

void check_graceful(int signal) {
    accord::auth::init_crypto();
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
    const std::string bytes = jpeg_bytes(512 * 1024);

    bool refused = false, alive = false;
    auto r = upload_through_signal(server, buyer, id, bytes, signal, refused, alive);
    CHECK(refused);  // no new connections once the signal came
    CHECK(alive);    // but the upload in flight was still being served
    const std::string reply = r ? r->body : httplib::to_string(r.error());
    INFO(reply);
    REQUIRE(r);
    CHECK(r->status == 201);  // and it finished
    const int pid = server.pid();
    const int status = wait_exit(pid, 10000);
    REQUIRE_MESSAGE(status != -1, "the server did not exit after the request finished");
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // The database was closed, not abandoned: the last connection's close checkpoints the WAL
    // into the database file and removes it (after a SIGKILL it would still be there).
    CHECK_FALSE(std::filesystem::exists(server.db_path() + "-wal"));

    // What the finished request wrote is there after a restart: the row, the file, its hash.
    server.restart();
    Session again = sign_in(server, "buyer");
    const json list = get_ok(again, case_path(id, "/evidence"));
    REQUIRE(list["evidence"].size() == 1);
    CHECK(list["evidence"][0]["sha256"] == accord::auth::sha256_hex(bytes));
    auto file = again.get(case_path(id, "/evidence/" + std::to_string(list["evidence"][0]["id"].get<std::int64_t>())));
    REQUIRE(file);
    CHECK(file->status == 200);
    CHECK(file->body == bytes);
}

}  // namespace

TEST_CASE("SIGTERM stops accepting, lets a slow upload finish, and exits 0 with the upload kept") {
    check_graceful(SIGTERM);
}

TEST_CASE("SIGINT shuts down the same way") { check_graceful(SIGINT); }

namespace {

// A connection that sent the head of an upload and part of its body, then went quiet: a
// request that will not finish by itself (until the server's read timeout).
struct StuckUpload {
    int fd = -1;
    StuckUpload(int port, const Session& s, std::int64_t id) {
        const std::string body = multipart_body({{"file", "stuck.jpg", "image/jpeg", jpeg_bytes(64 * 1024)}});
        const std::string head = "POST " + case_path(id, "/evidence") + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " +
                                 s.cookie + "\r\nContent-Type: " + kMultipartType +
                                 "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
        fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
        const std::string part = head + body.substr(0, body.size() / 3);
        REQUIRE(send(fd, part.data(), part.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(part.size()));
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the server is reading it now
    }
    ~StuckUpload() { close(fd); }
};

// Seconds from `start` to now.
double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("a request that never finishes holds the stop only for the grace period, or until a second signal") {
    SUBCASE("the grace period") {
        ServerProcess server("", {"--shutdown-grace", "1"});
        Session buyer = sign_in(server, "buyer");
        const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
        StuckUpload stuck(server.port(), buyer, id);
        const auto start = std::chrono::steady_clock::now();
        REQUIRE(kill(server.pid(), SIGTERM) == 0);
        const int status = wait_exit(server.pid(), 4000);  // well inside the 5 s read timeout
        REQUIRE_MESSAGE(status != -1, "still running 4 s after SIGTERM with a 1 s grace period");
        CHECK(since(start) >= 0.9);  // it did wait for the request first
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 1);  // not a clean stop, and it says so
        // Nothing of the unfinished upload is kept: no row, and no file after the next start.
        server.restart();
        Session again = sign_in(server, "buyer");
        CHECK(get_ok(again, case_path(id, "/evidence"))["evidence"].empty());
        CHECK(evidence_files(server).empty());
    }
    SUBCASE("a second signal") {
        ServerProcess server;  // the default grace period: 30 s
        Session buyer = sign_in(server, "buyer");
        const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
        StuckUpload stuck(server.port(), buyer, id);
        REQUIRE(kill(server.pid(), SIGTERM) == 0);
        CHECK(wait_exit(server.pid(), 500) == -1);  // waiting for the upload
        const auto start = std::chrono::steady_clock::now();
        REQUIRE(kill(server.pid(), SIGINT) == 0);
        const int status = wait_exit(server.pid(), 2000);
        REQUIRE(status != -1);
        CHECK(since(start) < 1.0);
        CHECK(WEXITSTATUS(status) == 1);
    }
}
