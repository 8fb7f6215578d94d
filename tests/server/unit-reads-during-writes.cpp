// Reads do not wait for writes: the server writes on one connection and reads on a pool of
// read-only ones (WAL mode lets them read the last commit while a write is under way). Shown with
// a write the server cannot finish yet: another process holds the database's write lock, so the
// server's writer waits on it (SQLite's 5 s busy timeout) while reads must still answer at once.
// With one connection behind one mutex every read queued behind that write.
#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;
using namespace std::chrono_literals;

namespace {

using Clock = std::chrono::steady_clock;
// Generous for a read of a few rows on a loaded machine, and far below the 5 s a read waited
// behind the stuck write before.
constexpr auto kQuick = 2s;
// Long enough for the write to reach the server and its writer to wait for the lock.
constexpr auto kSettle = 500ms;

// The same signed-in account on a connection of its own (a Session's client serves one thread).
Session same_user(const ServerProcess& server, const Session& s) { return Session{server.client(), s.cookie, s.lang}; }

bool still_running(std::future<httplib::Result>& f) { return f.wait_for(0s) == std::future_status::timeout; }

}  // namespace

TEST_CASE("reads answer at once, many at a time, while a write waits for the database") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
    const std::size_t messages_before = get_ok(buyer, case_path(id, "/messages"))["messages"].size();

    WriteLockHolder holder(server.db_path());
    // A write in flight: the server's writer takes it and waits for the lock.
    std::future<httplib::Result> writing = std::async(std::launch::async, [&] {
        Session writer = same_user(server, buyer);
        return writer.post(case_path(id, "/messages"), json{{"body", "快递单号已补充"}, {"visibility", "all"}}.dump());
    });
    std::this_thread::sleep_for(kSettle);
    REQUIRE(still_running(writing));

    const std::vector<std::string> reads = {"/api/v1/disputes",           case_path(id),
                                            case_path(id, "/events"),     case_path(id, "/messages"),
                                            case_path(id, "/evidence"),   "/api/v1/session",
                                            "/api/v1/orders",             "/api/v1/health"};
    for (const std::string& path : reads) {
        CAPTURE(path);
        const auto start = Clock::now();
        const httplib::Result r = buyer.get(path);
        const auto took = Clock::now() - start;
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(took < kQuick);
    }

    // More at once than the server has readers: each waits for a free reader, none for the write.
    constexpr int kThreads = 12, kRounds = 5;
    std::atomic<int> answered{0}, failed{0}, slow{0};
    {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&] {
                Session s = same_user(server, buyer);
                for (int i = 0; i < kRounds; ++i)
                    for (const std::string& path : {std::string("/api/v1/disputes"), case_path(id)}) {
                        const auto start = Clock::now();
                        const httplib::Result r = s.get(path);
                        (r && r->status == 200 ? answered : failed)++;
                        if (Clock::now() - start >= kQuick) slow++;
                    }
            });
    }
    CHECK(answered == kThreads * kRounds * 2);
    CHECK(failed == 0);
    CHECK(slow == 0);

    // The write waited all along (the reads did not simply run after it) and goes through once
    // the lock is free; a read right after sees it (no reader keeps an older snapshot).
    CHECK(still_running(writing));
    holder.release();
    const httplib::Result posted = writing.get();
    REQUIRE(posted);
    CHECK(posted->status == 201);
    CHECK(get_ok(buyer, case_path(id, "/messages"))["messages"].size() == messages_before + 1);
}
