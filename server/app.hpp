// Everything a request handler needs, and the function that wires all routes onto a server.
#pragma once
#include <functional>
#include <string>

#include <httplib.h>

#include "accord/rule_set.hpp"
#include "accord/time.hpp"
#include "db/database.hpp"

namespace accord {

struct AppConfig {
    std::string web_root;             // the built web client (index.html, app.js, app.wasm, fonts)
    Timestamp session_lifetime = 7 * kSecondsPerDay;
    RuleSet rules;  // deadlines, thresholds, filing limits (admin-editable later; defaults for now)
};

struct AppContext {
    db::Database& db;
    AppConfig config;
    std::function<Timestamp()> now;  // the server's clock; tests may replace it
};

// Registers the API, the static client and the JSON error handlers.
void configure_server(httplib::Server& server, AppContext& app);

}  // namespace accord
