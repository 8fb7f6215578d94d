// Sign-in under attack: failures limited per account and per client address before any hashing,
// unknown names cost what wrong passwords cost, and a flood of sign-ins leaves other requests
// answered. Clients connect from different loopback addresses (127.0.0.0/8 is all local) so one
// test can be several addresses.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

using Clock = std::chrono::steady_clock;

struct Attempt {
    int status = 0;
    std::string retry_after;  // the header
    json body;
    double ms = 0;
};

// POST /api/v1/session from the loopback address `from` (e.g. "127.0.0.2").
Attempt login_from(const ServerProcess& server, const std::string& from, const std::string& username,
                   const std::string& password) {
    httplib::Client c = server.client();
    c.set_interface(from);
    const auto start = Clock::now();
    auto r = c.Post("/api/v1/session", json{{"username", username}, {"password", password}}.dump(), "application/json");
    Attempt a;
    a.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    INFO("login as ", username, " from ", from, ": ", (r ? std::to_string(r->status) : httplib::to_string(r.error())));
    REQUIRE(r);
    a.status = r->status;
    a.retry_after = r->get_header_value("Retry-After");
    a.body = json::parse(r->body, nullptr, false);
    return a;
}

// A 429 telling the caller to wait at most `wait` seconds, and not much less: the server's clock
// runs on while the test goes (moved ahead by the test clock too), so a few seconds may be gone.
// Returns the wait it named.
std::int64_t check_limited(const Attempt& a, std::int64_t wait) {
    CHECK(a.status == 429);
    REQUIRE(a.body.is_object());
    CHECK(a.body["error"]["code"] == "too_many_attempts");
    CHECK(!a.body["error"]["message"].get<std::string>().empty());
    REQUIRE(a.body["error"]["retry_after"].is_number_integer());
    const std::int64_t named = a.body["error"]["retry_after"].get<std::int64_t>();
    CHECK(a.retry_after == std::to_string(named));
    CHECK(named <= wait);
    CHECK(named > wait - 5);
    return named;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

TEST_CASE("five wrong passwords lock the account with a growing delay, checked before hashing") {
    SharedServer w({"--test-clock"});
    const ServerProcess& server = w.server();
    std::vector<double> judged_ms;
    for (int i = 0; i < 5; ++i) {
        const Attempt a = login_from(server, "127.0.0.2", "buyer", "wrong-" + std::to_string(i));
        CHECK(a.status == 401);
        CHECK(a.body["error"]["code"] == "invalid_credentials");
        judged_ms.push_back(a.ms);
    }
    // The sixth is refused even with the right password, from anywhere: the limit is the account's.
    const Attempt locked = login_from(server, "127.0.0.2", "buyer", "accord-demo");
    check_limited(locked, 30);
    check_limited(login_from(server, "127.0.0.3", "buyer", "accord-demo"), 30);
    // Refused before any hashing: far quicker than a judged attempt (argon2id takes ~0.1 s).
    std::vector<double> refused_ms;
    for (int i = 0; i < 5; ++i) refused_ms.push_back(login_from(server, "127.0.0.2", "buyer", "x").ms);
    CHECK(median(refused_ms) * 4 < median(judged_ms));
    // Other accounts from the same address are not affected (5 failures are far from its limit).
    CHECK(login_from(server, "127.0.0.2", "buyer2", "accord-demo").status == 200);

    // The wait over, one more wrong guess doubles the next wait, which holds until it is over.
    w.advance_clock(30);
    CHECK(login_from(server, "127.0.0.2", "buyer", "wrong-again").status == 401);
    const std::int64_t wait = check_limited(login_from(server, "127.0.0.2", "buyer", "accord-demo"), 60);
    w.advance_clock(wait - 5);
    check_limited(login_from(server, "127.0.0.2", "buyer", "accord-demo"), 5);

    // The right password after the wait signs in and starts the account from zero: five more
    // failures are answered again, and the sixth waits the first delay, not a longer one.
    w.advance_clock(5);
    CHECK(login_from(server, "127.0.0.2", "buyer", "accord-demo").status == 200);
    for (int i = 0; i < 5; ++i) CHECK(login_from(server, "127.0.0.2", "buyer", "wrong").status == 401);
    check_limited(login_from(server, "127.0.0.2", "buyer", "accord-demo"), 30);
}

TEST_CASE("twenty failures from one address lock that address for every name, not other addresses") {
    SharedServer w({"--test-clock"});
    const ServerProcess& server = w.server();
    // Different names each time, so no account reaches its own limit. Two at a time: quicker.
    std::atomic<int> unauthorised{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t)
        threads.emplace_back([&, t] {
            for (int i = t; i < 20; i += 2)
                if (login_from(server, "127.0.0.4", "guess-" + std::to_string(i), "pw").status == 401) ++unauthorised;
        });
    for (std::thread& t : threads) t.join();
    CHECK(unauthorised == 20);
    const Attempt fresh_name = login_from(server, "127.0.0.4", "guess-new", "pw");
    check_limited(fresh_name, 30);
    check_limited(login_from(server, "127.0.0.4", "merchant", "accord-demo"), 30);
    // Another address is not limited, and the names tried are not locked by one failure each.
    CHECK(login_from(server, "127.0.0.5", "guess-new", "pw").status == 401);
    CHECK(login_from(server, "127.0.0.5", "merchant", "accord-demo").status == 200);
    w.advance_clock(30);
    CHECK(login_from(server, "127.0.0.4", "merchant", "accord-demo").status == 200);
}

TEST_CASE("an unknown user name takes as long as a wrong password") {
    ServerProcess server;
    // One attempt per name and per address, so no limit is reached; interleaved, so load on the
    // machine falls on both alike.
    const std::vector<std::string> known = {"buyer", "buyer2", "merchant", "merchant2", "support", "mediator", "admin"};
    std::vector<double> known_ms, unknown_ms;
    login_from(server, "127.0.1.100", "warm-up", "x");  // the first dummy hash is made on first use
    for (std::size_t i = 0; i < known.size(); ++i) {
        const Attempt wrong = login_from(server, "127.0.1." + std::to_string(i + 1), known[i], "wrong");
        const Attempt unknown = login_from(server, "127.0.2." + std::to_string(i + 1), "nobody-" + std::to_string(i), "wrong");
        CHECK(wrong.status == 401);
        CHECK(unknown.status == 401);
        for (const char* key : {"code", "message", "field"}) CHECK(wrong.body["error"][key] == unknown.body["error"][key]);
        known_ms.push_back(wrong.ms);
        unknown_ms.push_back(unknown.ms);
    }
    const double k = median(known_ms), u = median(unknown_ms);
    INFO("median wrong password ", k, " ms, unknown user ", u, " ms");
    CHECK(u > k * 0.6);
    CHECK(u < k * 1.6);
}

TEST_CASE("a flood of sign-ins is hashed a few at a time and other requests keep answering") {
    ServerProcess server;
    constexpr int kFlood = 40;  // more than the 2 hashing + 16 waiting the server allows
    std::vector<Attempt> attempts(kFlood);
    std::atomic<bool> flooding{true};
    std::vector<double> health_ms;
    std::thread prober([&] {
        httplib::Client c = server.client();
        while (flooding) {
            const auto start = Clock::now();
            auto r = c.Get("/api/v1/health");
            health_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            if (!r || r->status != 200) health_ms.back() = 1e9;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
    std::vector<std::thread> threads;
    for (int i = 0; i < kFlood; ++i)
        threads.emplace_back([&, i] {
            // Each from its own address and name: the per-address and per-account limits do not
            // apply, only the hashing pool does.
            attempts[i] = login_from(server, "127.0.3." + std::to_string(i + 1), "flood-" + std::to_string(i), "pw");
        });
    for (std::thread& t : threads) t.join();
    flooding = false;
    prober.join();

    int unauthorised = 0, busy = 0;
    for (const Attempt& a : attempts) {
        if (a.status == 401) ++unauthorised;
        if (a.status == 503) {
            ++busy;
            CHECK(a.body["error"]["code"] == "server_busy");
            CHECK(a.retry_after == "1");
        }
    }
    CHECK(unauthorised + busy == kFlood);
    CHECK(busy >= 1);  // the queue is bounded: the excess is told to come back, not held
    REQUIRE(!health_ms.empty());
    CHECK(*std::max_element(health_ms.begin(), health_ms.end()) < 1000);
    // The flood over, sign-ins are judged again at once.
    CHECK(login_from(server, "127.0.3.1", "buyer", "accord-demo").status == 200);
}
