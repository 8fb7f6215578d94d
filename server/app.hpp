// Everything a request handler needs, and the function that wires all routes onto a server.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include <httplib.h>

#include "accord/rule_set.hpp"
#include "accord/time.hpp"
#include "auth/crypto.hpp"
#include "auth/login_guard.hpp"
#include "db/pool.hpp"
#include "http/worker_pool.hpp"

namespace accord {

// Evidence uploads: announced to clients (GET /api/v1/rules), enforced while the bytes arrive.
struct EvidenceLimits {
    std::int64_t max_file_bytes = 10 * 1024 * 1024;
    std::int64_t max_case_bytes = 50 * 1024 * 1024;
};

struct AppConfig {
    std::string web_root;  // the built web client (index.html, app.js, app.wasm, fonts)
    std::string data_dir;  // accord.db, evidence/, accord.key
    // A session ends 7 days after sign-in whatever happens (a stolen cookie does not live for
    // ever), and after 24 hours unused (a browser left signed in on a shared computer). Both on
    // the server's clock, so the test clock moves them too.
    Timestamp session_lifetime = 7 * kSecondsPerDay;
    Timestamp session_idle_timeout = kSecondsPerDay;
    auth::LoginLimits login;  // failed sign-ins per account and address, the password-hashing pool
    RuleSet rules;  // deadlines, thresholds, filing limits (admin-editable later; defaults for now)
    EvidenceLimits evidence;
    // --test-clock: POST /api/v1/test/clock moves the server's clock forward, so tests let
    // deadlines pass without sleeping. Never on in production.
    bool test_clock = false;
    // Where users reach the server (--public-url), e.g. https://odr.example.com behind a TLS
    // proxy; empty when it is reached directly. https:// makes the session cookie Secure and
    // adds Strict-Transport-Security.
    std::string public_url;
    bool secure_cookies() const { return public_url.rfind("https://", 0) == 0; }
    // GET /metrics asks for `Authorization: Bearer <token>` when set (--metrics-token).
    std::string metrics_token;
};

struct AppContext {
    // One writer, a few readers: write() for a unit of work that changes anything (and the
    // reads it depends on), read() for one that only reads.
    db::Pool& db;
    AppConfig config;
    std::function<Timestamp()> now;  // the server's clock; tests may move it (--clock-offset, --test-clock)
    auth::ChainKey chain_key{};       // keys the event chain's MACs; read from outside the database
    // The test clock: moves the clock forward and fires what fell due; returns how many fired.
    std::function<int(std::int64_t)> advance_clock = [](std::int64_t) { return 0; };
    std::function<void()> wake_scheduler = [] {};  // a deadline may have moved earlier
    // Whether the deadline scheduler's thread runs (GET /readyz). Set by whoever starts it;
    // until then the server reports itself not ready: deadlines would not fire.
    std::function<bool()> scheduler_running = [] { return false; };
};

// Registers the API, the static client and the JSON error handlers.
void configure_server(httplib::Server& server, AppContext& app);
// Call after binding: raises the listen backlog of the socket configure_server's server bound.
void widen_listen_backlog();
// The connection threads of the running server's pool (GET /metrics); zeros when none runs.
http::WorkerPool::Counts connection_pool_counts();
// Raises this process's soft limit on open files to the hard limit (connections are files).
void raise_open_file_limit();

}  // namespace accord
