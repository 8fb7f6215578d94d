// db::Pool on its own: one writer, read-only readers. A read lease is one snapshot that ends with
// the lease; readers never write; a thread holds one lease at a time; read() waits for a free
// reader; try_write() never waits.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <thread>

#include "db/pool.hpp"
#include "probes.hpp"

using namespace accord;
using namespace std::chrono_literals;

namespace {

std::int64_t count_rows(db::Database& db) {
    db::Query q = db.statement("SELECT COUNT(*) FROM t");
    q.step();
    return q.integer(0);
}

void insert_row(db::Pool& pool) {
    auto writer = pool.write();
    (*writer).exec("INSERT INTO t DEFAULT VALUES");
}

}  // namespace

TEST_CASE("a read lease sees one snapshot, taken after every earlier commit, and lets it go at its end") {
    test::TempDir dir;
    db::Pool pool(dir.path() + "/pool.db", 2);
    pool.write()->exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    insert_row(pool);
    {
        auto reader = pool.read();
        CHECK(count_rows(*reader) == 1);
        // A commit while the lease is held: WAL lets the writer through, the lease keeps its view.
        std::thread([&] { insert_row(pool); }).join();
        CHECK(count_rows(*reader) == 1);
    }
    // Every reader (whichever comes next) sees both rows: no snapshot outlived its lease.
    for (int i = 0; i < 2 * pool.reader_count(); ++i) CHECK(count_rows(*pool.read()) == 2);
}

TEST_CASE("readers refuse to write") {
    test::TempDir dir;
    db::Pool pool(dir.path() + "/pool.db", 1);
    pool.write()->exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    CHECK_THROWS_AS(pool.read()->exec("INSERT INTO t DEFAULT VALUES"), db::DbError);
    CHECK(count_rows(*pool.read()) == 0);
}

TEST_CASE("a thread holds one lease at a time: a second would risk a deadlock and is refused") {
    test::TempDir dir;
    db::Pool pool(dir.path() + "/pool.db", 2);
    {
        auto writer = pool.write();
        CHECK_THROWS_AS(pool.read(), std::logic_error);
        CHECK_THROWS_AS(pool.try_write(), std::logic_error);
    }
    {
        auto reader = pool.read();
        CHECK_THROWS_AS(pool.write(), std::logic_error);
        CHECK_THROWS_AS(pool.read(), std::logic_error);
    }
    // The refusals took nothing: both kinds are free again.
    CHECK_NOTHROW(pool.write());
    CHECK_NOTHROW(pool.read());
}

TEST_CASE("read() waits for a free reader; try_write() does not wait for the writer") {
    test::TempDir dir;
    db::Pool pool(dir.path() + "/pool.db", 1);
    std::atomic<bool> got{false};
    std::optional<db::ReadLease> only_reader(pool.read());
    std::thread waiter([&] {
        auto reader = pool.read();
        got = true;
    });
    std::this_thread::sleep_for(200ms);
    CHECK_FALSE(got);  // waiting: the one reader is out
    std::thread([&] { CHECK(pool.try_write().has_value()); }).join();  // the writer is free
    only_reader.reset();
    waiter.join();
    CHECK(got);

    auto writer = pool.write();
    std::thread([&] { CHECK_FALSE(pool.try_write().has_value()); }).join();
}
