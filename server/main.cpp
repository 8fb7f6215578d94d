// accord-server: the HTTP API, the web client's files and the SQLite store in one process.
#include <pthread.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>

#include "app.hpp"
#include "audit/export_case.hpp"
#include "audit/verify.hpp"
#include "auth/crypto.hpp"
#include "cases/case_service.hpp"
#include "db/event_log.hpp"
#include "db/migrate.hpp"
#include "demo/demo_data.hpp"
#include "evidence/evidence_files.hpp"
#include "jobs/deadline_scheduler.hpp"

#ifndef ACCORD_DEFAULT_WEB_ROOT
#define ACCORD_DEFAULT_WEB_ROOT "web-root"
#endif

namespace {

void usage(FILE* out) {
    std::fprintf(out,
                 "Usage: accord-server [options]                 serve the API and the web client\n"
                 "       accord-server verify [--data-dir DIR] [--key-file PATH]\n"
                 "                        check every case's record; names the first broken entry\n"
                 "       accord-server export-case ID [--data-dir DIR] [--key-file PATH] [--out FILE]\n"
                 "                        write one case's self-contained archive (default AC-ID.tar)\n"
                 "Options:\n"
                 "  --host ADDR       address to listen on (default 127.0.0.1)\n"
                 "  --port N          port to listen on; 0 picks a free one (default 8080)\n"
                 "  --data-dir DIR    where accord.db lives; created if missing (default ./data)\n"
                 "  --web-root DIR    the built web client to serve (default %s)\n"
                 "  --demo-data       seed demo shops, accounts and orders into an empty database\n"
                 "  --key-file PATH   the secret that keys the event chain (default DATA_DIR/accord.key;\n"
                 "                    created on first start; keep a copy outside the data dir)\n"
                 "  --clock-offset S  run the server's clock S seconds ahead (or behind, if negative)\n"
                 "  --test-clock      enable POST /api/v1/test/clock (moves the clock forward; tests only)\n"
                 "  --help            show this help\n",
                 ACCORD_DEFAULT_WEB_ROOT);
}

// verify / export-case: read the store as it is on disk (the server may be running: WAL
// readers see a consistent snapshot).
int audit_command(int argc, char** argv) {
    const std::string command = argv[1];
    std::string data_dir = "data", key_file, out;
    std::int64_t id = 0;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "accord-server: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--data-dir") data_dir = value();
        else if (arg == "--key-file") key_file = value();
        else if (arg == "--out" && command == "export-case") out = value();
        else if (command == "export-case" && id == 0 && !arg.empty() && arg[0] != '-') {
            char* end = nullptr;
            id = std::strtoll(arg.c_str(), &end, 10);
            if (*end != '\0' || id <= 0) {
                std::fprintf(stderr, "accord-server: export-case needs a case id (a number), got '%s'\n", arg.c_str());
                return 2;
            }
        } else {
            std::fprintf(stderr, "accord-server: unknown argument '%s' for %s\n\n", arg.c_str(), command.c_str());
            usage(stderr);
            return 2;
        }
    }
    if (command == "export-case" && id == 0) {
        std::fprintf(stderr, "accord-server: export-case needs a case id\n");
        return 2;
    }
    try {
        accord::auth::init_crypto();
        if (!std::filesystem::exists(data_dir + "/accord.db")) {
            std::fprintf(stderr, "accord-server: no database at %s/accord.db\n", data_dir.c_str());
            return 2;
        }
        accord::db::Database db(data_dir + "/accord.db");
        const accord::auth::ChainKey key =
            accord::auth::load_chain_key(key_file.empty() ? data_dir + "/accord.key" : key_file, false);
        auto lock = db.lock();
        if (command == "verify") {
            const accord::audit::Report report = accord::audit::verify_all(db, key, data_dir);
            std::printf("%s", accord::audit::format_report(report).c_str());
            return report.ok() ? 0 : 1;
        }
        if (out.empty()) out = "AC-" + std::to_string(id) + ".tar";
        const std::string report = accord::audit::export_case(db, key, data_dir, id, out);
        std::printf("wrote %s\n%s", out.c_str(), report.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "accord-server: %s\n", e.what());
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && (std::string(argv[1]) == "verify" || std::string(argv[1]) == "export-case"))
        return audit_command(argc, argv);
    if (argc >= 2 && std::string(argv[1]) == "serve") {  // the default command, also by name
        --argc;
        ++argv;
    }
    std::string host = "127.0.0.1", data_dir = "data", web_root = ACCORD_DEFAULT_WEB_ROOT;
    std::string key_file;
    int port = 8080;
    long long clock_offset = 0;
    bool demo_data = false, test_clock = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "accord-server: %s needs a value\n", name);
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") {
            usage(stdout);
            return 0;
        } else if (arg == "--host") {
            host = value("--host");
        } else if (arg == "--port") {
            const std::string v = value("--port");
            char* end = nullptr;
            const long p = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || p < 0 || p > 65535) {
                std::fprintf(stderr, "accord-server: --port must be a number from 0 to 65535, got '%s'\n", v.c_str());
                return 2;
            }
            port = static_cast<int>(p);
        } else if (arg == "--data-dir") {
            data_dir = value("--data-dir");
        } else if (arg == "--web-root") {
            web_root = value("--web-root");
        } else if (arg == "--demo-data") {
            demo_data = true;
        } else if (arg == "--key-file") {
            key_file = value("--key-file");
        } else if (arg == "--clock-offset") {
            const std::string v = value("--clock-offset");
            char* end = nullptr;
            clock_offset = std::strtoll(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0') {
                std::fprintf(stderr, "accord-server: --clock-offset must be a whole number of seconds, got '%s'\n",
                             v.c_str());
                return 2;
            }
        } else if (arg == "--test-clock") {
            test_clock = true;
        } else {
            std::fprintf(stderr, "accord-server: unknown option '%s'\n\n", arg.c_str());
            usage(stderr);
            return 2;
        }
    }

    // SIGINT/SIGTERM are taken by sigwait() below, never by a handler: blocked here, before any
    // thread starts, so a signal that comes early (even before listening) is kept, not lost.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    try {
        accord::auth::init_crypto();
        std::filesystem::create_directories(data_dir);
        accord::db::Database db(data_dir + "/accord.db");
        const int from = accord::db::migrate(db);
        const int to = accord::db::schema_version(db);
        if (from != to) std::printf("accord-server: database schema migrated from v%d to v%d\n", from, to);
        // The server's clock: the system's, plus an offset that --clock-offset sets and the test
        // clock moves forward. Every deadline is counted on it.
        static std::atomic<long long> offset{0};
        offset = clock_offset;
        const auto now = [] { return static_cast<accord::Timestamp>(std::time(nullptr)) + offset.load(); };
        if (demo_data && accord::demo::seed_if_empty(db, now()))
            std::printf("accord-server: seeded demo data into %s/accord.db\n", data_dir.c_str());
        if (!std::filesystem::exists(web_root + "/index.html"))
            std::fprintf(stderr, "accord-server: warning: no index.html in web root '%s' (build the wasm preset)\n",
                         web_root.c_str());

        accord::AppContext app{db, {}, now};
        app.config.web_root = web_root;
        app.config.data_dir = data_dir;
        app.config.test_clock = test_clock;
        app.chain_key = accord::auth::load_chain_key(key_file.empty() ? data_dir + "/accord.key" : key_file,
                                                     /*create=*/!accord::db::has_events(db));
        if (const int sealed = accord::db::seal_legacy_events(db, app.chain_key))
            std::printf("accord-server: sealed %d events written before the keyed chain\n", sealed);
        // A crash between an upload's move into place and its commit, or mid-upload, left files
        // no row points at: they go before anyone can be served.
        if (const int orphans = accord::evidence::remove_orphans(db, data_dir))
            std::printf("accord-server: removed %d evidence files left by an interrupted upload\n", orphans);
        if (const int adopted = accord::cases::adopt_legacy_cases(app))
            std::printf("accord-server: stored %d cases filed before the case store\n", adopted);

        accord::jobs::DeadlineScheduler scheduler(app);
        app.wake_scheduler = [&scheduler] { scheduler.wake(); };
        // The test clock moves time and fires what fell due in one step, so its reply counts
        // exactly what that move fired (the scheduler thread cannot take some in between).
        app.advance_clock = [&scheduler](std::int64_t seconds) {
            return scheduler.run_due_after([seconds] { offset += seconds; });
        };
        httplib::Server server;
        accord::configure_server(server, app);

        const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
        if (bound < 0) {
            std::fprintf(stderr, "accord-server: cannot listen on %s:%d (in use?)\n", host.c_str(), port);
            return 1;
        }
        accord::widen_listen_backlog();
        scheduler.start();
        std::thread listener([&server] { server.listen_after_bind(); });
        for (int waited = 0; !server.is_running() && waited < 5000; ++waited)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (demo_data) std::printf("%s", accord::demo::accounts_banner().c_str());
        // Tests read this line to learn the port; keep its shape.
        std::printf("accord-server listening on http://%s:%d/\n", host.c_str(), bound);
        std::fflush(stdout);
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server.stop();
        listener.join();
        scheduler.stop();
        std::printf("accord-server: stopped (%s)\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "accord-server: %s\n", e.what());
        return 1;
    }
    return 0;
}
