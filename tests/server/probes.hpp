// Helpers for the integration tests beyond plain HTTP calls: raw requests over a socket (so
// no client library normalises the path or adds headers), direct reads of the server's SQLite
// file, fresh orders written into it, and a valid filing body to start from.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_process.hpp"

struct sqlite3;

namespace accord::test {

struct RawResponse {
    int status = 0;  // 0: no parsable reply
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // The first header of that name (case-insensitive), or "".
    std::string header(const std::string& name) const;
    bool has_header(const std::string& name) const;
};

// Sends `request` verbatim to 127.0.0.1:port and reads the reply until the server closes
// the connection (send "Connection: close"). Bodies are read by Content-Length.
RawResponse raw_http(int port, const std::string& request);
// A GET of `target` exactly as written, with optional extra header lines ("Name: value\r\n").
RawResponse raw_get(int port, const std::string& target, const std::string& extra_headers = "");

// Runs a one-value query against a SQLite file (e.g. "PRAGMA user_version").
std::int64_t sql_int(const std::string& db_path, const std::string& sql);
// The same for a text value (NULL reads as "").
std::string sql_text(const std::string& db_path, const std::string& sql);
// SQLite's plan for `sql` (EXPLAIN QUERY PLAN), one "detail" line per step, e.g.
// "SEARCH d USING INDEX disputes_buyer (buyer_id=? AND id<?)"; and those lines as one string.
std::vector<std::string> query_plan(const std::string& db_path, const std::string& sql);
std::string joined(const std::vector<std::string>& plan);
// Runs a statement; returns "" on success, otherwise SQLite's error message.
std::string sql_exec(const std::string& db_path, const std::string& sql);

// Another process's hold on the database's write lock (a stuck backup, an operator's open
// shell): BEGIN IMMEDIATE on its own connection, rolled back when this goes. The server's writes
// wait for it (then fail "database is locked"); reads need no lock in WAL mode.
class WriteLockHolder {
public:
    explicit WriteLockHolder(const std::string& db_path);
    ~WriteLockHolder() { release(); }
    WriteLockHolder(const WriteLockHolder&) = delete;
    WriteLockHolder& operator=(const WriteLockHolder&) = delete;
    void release();  // lets the waiting writes through now

private:
    sqlite3* db_ = nullptr;
};

// The demo shops (server/demo/demo_data.cpp): "merchant" runs the first, "merchant2" the second.
inline const std::string kDigitalShop = "星辰数码旗舰店";
inline const std::string kHomeShop = "优品家居专营店";

// Inserts a fresh order snapshot straight into the server's SQLite file (the marketplace's
// order push does not exist yet) and returns its unique order_ref ("T-<pid>-<n>"). The order
// is `buyer_username`'s (a demo buyer) from `shop_name` (one of the shops above), costs
// total_minor CNY and was delivered `delivered_days_ago` days ago on the server's clock (which
// --clock-offset and the test clock move ahead of the system's), placed 2 days before that;
// a negative value means not delivered yet (placed 2 days ago). Throws when the insert fails,
// e.g. on an unknown buyer or shop. One case per order at a time: a test that files several
// cases needs one order per case. The running server sees the rows at once (as it will see
// the marketplace's order pushes); unit-persistence.cpp tests exactly that.
std::string add_order(ServerProcess& server, const std::string& buyer_username, const std::string& shop_name,
                      std::int64_t total_minor = 89900, int delivered_days_ago = 3);
// `count` such orders, alike but for their order_ref, in one insert.
std::vector<std::string> add_orders(ServerProcess& server, std::size_t count, const std::string& buyer_username,
                                    const std::string& shop_name, std::int64_t total_minor = 89900,
                                    int delivered_days_ago = 3);
// The same, given only the database file; days count back from `now` (0: the system's clock).
std::vector<std::string> insert_orders(const std::string& db_path, std::size_t count, const std::string& buyer_username,
                                       const std::string& shop_name, std::int64_t total_minor = 89900,
                                       int delivered_days_ago = 3, std::int64_t now = 0);
// The server's clock (GET /api/v1/health "now"); the system's clock if the server does not answer.
std::int64_t server_now(const ServerProcess& server);

// A filing body that passes validation for a demo order of the buyer (CNY, web channel).
nlohmann::json filing_body(const std::string& order_ref, const std::string& remedy = "full_refund",
                           std::int64_t amount_minor = 5000);

// One server shared by the test cases of a file (started on first use, stopped at exit), with
// each demo user signed in once: argon2id makes every start and sign-in cost ~0.1 s. Tests on
// a shared server compare counts before and after instead of assuming an empty database.
// Also usable as one test's own server (a local), e.g. with {"--test-clock"} for a test that
// moves the clock and so would fire the deadlines of every other test's cases.
class SharedServer {
public:
    explicit SharedServer(std::vector<std::string> extra_args = {}) : extra_args_(std::move(extra_args)) {}
    ServerProcess& server();
    // A new client for `username` carrying its session cookie (signing in on first use, and
    // again once the session would have expired on the server's moved clock).
    Session as(const std::string& username, const std::string& lang = "en");
    // POST /api/v1/test/clock (needs --test-clock): moves the server's clock forward by `seconds`
    // and fires what fell due; returns the reply ({"server_time", "fired"}). Throws unless 200.
    // Sessions end after 24 hours unused and 7 days after sign-in, on the server's clock: after
    // a move of most of a day, take clients from as() again (ones taken before carry expired
    // cookies), as a person coming back days later signs in again.
    nlohmann::json advance_clock(std::int64_t seconds);

private:
    struct Cookie {
        std::string value;
        std::int64_t signed_in_after = 0;  // seconds the clock had been advanced at sign-in
        std::int64_t handed_out_after = 0;  // ... when as() last handed it out (about its last use)
    };
    std::vector<std::string> extra_args_;
    std::unique_ptr<ServerProcess> server_;
    std::map<std::string, Cookie> cookies_;
    std::int64_t advanced_ = 0;
};

// A fresh empty directory under /tmp, removed when this object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

}  // namespace accord::test
