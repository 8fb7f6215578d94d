// accord-ceiling: the most a server on this stack can do, for the benchmark to divide by.
// cpp-httplib and SQLite as Accord uses them (the same connection settings, the server's own
// connection pool class with its sizes, socket options and timeouts), and nothing else: POST /api/v1/disputes parses the filing's JSON with
// nlohmann/json and inserts one row; GET /api/v1/disputes/{id} reads one row back as JSON.
// No sessions, no model, no history, no log line.
//
//   accord-ceiling --db FILE [--rows N] [--port 0]   prints "listening on http://127.0.0.1:PORT/"
#include <sqlite3.h>
#include <sys/socket.h>

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "app.hpp"
#include "http/worker_pool.hpp"

namespace {

std::atomic<int> g_listen_fd{-1};

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

// server/db/database.cpp's settings: WAL, synchronous NORMAL, foreign keys, a 5 s busy wait.
sqlite3* open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db, 5000);
    check(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", nullptr,
                           nullptr, nullptr),
          "pragma");
    return db;
}

// One writer behind a mutex (SQLite takes one writer at a time anyway), prepared once.
struct Writer {
    sqlite3* db = nullptr;
    sqlite3_stmt* insert = nullptr;
    std::mutex mutex;
};

// Reads on a connection of their own per worker thread, so they never wait for the writer.
struct Reader {
    sqlite3* db = nullptr;
    sqlite3_stmt* select = nullptr;
    ~Reader() {
        sqlite3_finalize(select);
        sqlite3_close(db);
    }
};

constexpr const char* kInsert =
    "INSERT INTO filings (kind, order_ref, category, requested_remedy, amount_minor, currency, description, channel, "
    "created_at) VALUES (?,?,?,?,?,?,?,?,?)";

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
    sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::int64_t insert(Writer& w, const nlohmann::json& f) {
    std::lock_guard<std::mutex> lock(w.mutex);
    sqlite3_stmt* s = w.insert;
    bind_text(s, 1, f.value("kind", std::string("buyer_vs_merchant")));
    bind_text(s, 2, f.at("order_ref").get<std::string>());
    bind_text(s, 3, f.at("category").get<std::string>());
    bind_text(s, 4, f.at("requested_remedy").get<std::string>());
    sqlite3_bind_int64(s, 5, f.at("amount_minor").get<std::int64_t>());
    bind_text(s, 6, f.value("currency", std::string("CNY")));
    bind_text(s, 7, f.at("description").get<std::string>());
    bind_text(s, 8, f.value("channel", std::string("web")));
    sqlite3_bind_int64(s, 9, static_cast<std::int64_t>(std::time(nullptr)));
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    check(w.db, rc, "insert");
    return sqlite3_last_insert_rowid(w.db);
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

}  // namespace

int main(int argc, char** argv) {
    std::string path, host = "127.0.0.1";
    long long rows = 0;
    int port = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--db") path = argv[i + 1];
        else if (a == "--rows") rows = std::stoll(argv[i + 1]);
        else if (a == "--port") port = std::stoi(argv[i + 1]);
        else {
            std::fprintf(stderr, "usage: accord-ceiling --db FILE [--rows N] [--port P]\n");
            return 2;
        }
    }
    if (path.empty()) {
        std::fprintf(stderr, "usage: accord-ceiling --db FILE [--rows N] [--port P]\n");
        return 2;
    }
    Writer w;
    w.db = open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    check(w.db,
          sqlite3_exec(w.db,
                       "CREATE TABLE IF NOT EXISTS filings (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, order_ref TEXT, "
                       "category TEXT NOT NULL, requested_remedy TEXT NOT NULL, amount_minor INTEGER NOT NULL, "
                       "currency TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT "
                       "NULL)",
                       nullptr, nullptr, nullptr),
          "schema");
    check(w.db, sqlite3_prepare_v3(w.db, kInsert, -1, SQLITE_PREPARE_PERSISTENT, &w.insert, nullptr), "prepare");
    // As many rows as the Accord store has cases, so a read finds its row in a table of that size.
    {
        const nlohmann::json row = {{"order_ref", "TB20261101-0001"}, {"category", "quality_defect"},
                                    {"requested_remedy", "full_refund"}, {"amount_minor", 89900},
                                    {"description", "耳机左边没有声音，无法正常使用"}};
        sqlite3_exec(w.db, "BEGIN", nullptr, nullptr, nullptr);
        for (long long i = 0; i < rows; ++i) insert(w, row);
        sqlite3_exec(w.db, "COMMIT", nullptr, nullptr, nullptr);
    }

    httplib::Server server;
    // app.cpp's configure_server(): TCP_NODELAY, SO_REUSEADDR only, the listening socket
    // remembered for a wider backlog, the same pool and timeouts.
    server.set_tcp_nodelay(true);
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const char*>(&yes), sizeof yes);
        g_listen_fd = sock;
    });
    // app.cpp's kMinWorkerThreads, kMaxWorkerThreads, kWorkerIdleExit.
    server.new_task_queue = [] { return new accord::http::WorkerPool(8, 1024, std::chrono::seconds(30)); };
    server.set_read_timeout(5, 0);
    server.set_write_timeout(10, 0);
    server.set_keep_alive_timeout(3);
    server.set_payload_max_length(64 * 1024);

    server.Post("/api/v1/disputes", [&w](const httplib::Request& req, httplib::Response& res) {
        const nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
        if (!body.is_object()) return send_json(res, 400, {{"error", {{"code", "malformed_json"}}}});
        try {
            const std::int64_t id = insert(w, body);
            send_json(res, 201, {{"id", id}});
        } catch (const nlohmann::json::exception&) {
            send_json(res, 400, {{"error", {{"code", "wrong_type"}}}});
        }
    });
    server.Get(R"(/api/v1/disputes/(\d+))", [&path](const httplib::Request& req, httplib::Response& res) {
        thread_local Reader r;
        if (r.db == nullptr) {
            r.db = open(path, SQLITE_OPEN_READONLY);
            check(r.db,
                  sqlite3_prepare_v3(r.db,
                                     "SELECT id, kind, order_ref, category, requested_remedy, amount_minor, currency, "
                                     "description, channel, created_at FROM filings WHERE id = ?",
                                     -1, SQLITE_PREPARE_PERSISTENT, &r.select, nullptr),
                  "prepare");
        }
        sqlite3_bind_int64(r.select, 1, std::stoll(req.matches[1]));
        if (sqlite3_step(r.select) != SQLITE_ROW) {
            sqlite3_reset(r.select);
            return send_json(res, 404, {{"error", {{"code", "not_found"}}}});
        }
        auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(r.select, c))); };
        nlohmann::json row = {{"id", sqlite3_column_int64(r.select, 0)},  {"kind", text(1)},
                              {"order_ref", text(2)},                    {"category", text(3)},
                              {"requested_remedy", text(4)},             {"amount_minor", sqlite3_column_int64(r.select, 5)},
                              {"currency", text(6)},                     {"description", text(7)},
                              {"channel", text(8)},                      {"created_at", sqlite3_column_int64(r.select, 9)}};
        sqlite3_reset(r.select);
        send_json(res, 200, {{"dispute", std::move(row)}});
    });

    const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (bound < 0) {
        std::fprintf(stderr, "accord-ceiling: cannot listen on %s:%d\n", host.c_str(), port);
        return 1;
    }
    if (g_listen_fd >= 0) ::listen(g_listen_fd, SOMAXCONN);
    accord::raise_open_file_limit();
    // SIGTERM/SIGINT are taken by sigwait() here, as accord-server does, never on a worker thread.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::thread listener([&server] { server.listen_after_bind(); });
    std::printf("accord-ceiling listening on http://%s:%d/ (%lld rows)\n", host.c_str(), bound, rows);
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.stop();
    listener.join();
    sqlite3_finalize(w.insert);
    sqlite3_close(w.db);
    return 0;
}
