// accord-server: the HTTP API, the web client's files and the SQLite store in one process, and
// the operator's commands on the same data dir (verify, export-case, backup, create-user, rules).
#include <pthread.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "accord/calendar_extension.hpp"
#include "accord/rule_set_codec.hpp"
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
#include "ops/backup.hpp"
#include "ops/calendar.hpp"
#include "ops/rules_store.hpp"
#include "ops/users.hpp"

#ifndef ACCORD_DEFAULT_WEB_ROOT
#define ACCORD_DEFAULT_WEB_ROOT "web-root"
#endif

namespace {

// Exit codes: 0 done, 1 the command failed (a broken record, a bad rules file, a taken user
// name), 2 the command line itself was wrong.
constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct StoreOptions {
    std::string data_dir = "data";
    std::string key_file;  // default DATA_DIR/accord.key
    std::string db_path() const { return data_dir + "/accord.db"; }
    std::string key_path() const { return key_file.empty() ? data_dir + "/accord.key" : key_file; }
};

struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string web_root = ACCORD_DEFAULT_WEB_ROOT;
    bool demo_data = false;
    long long clock_offset = 0;
    bool test_clock = false;
    std::string metrics_token;
    std::string public_url;
    int shutdown_grace = 30;  // seconds requests in flight may take to finish after SIGTERM
};

// --key-file only where the chain key is read: serve, verify, export-case.
void add_store_options(CLI::App* cmd, StoreOptions& o, bool key = true) {
    cmd->add_option("--data-dir", o.data_dir, "where accord.db, evidence/ and accord.key live")
        ->type_name("DIR")
        ->capture_default_str();
    if (key)
        cmd->add_option("--key-file", o.key_file,
                        "the secret that keys the event chain (default DATA_DIR/accord.key; created on first\n"
                        "start; keep a copy outside the data dir)")
            ->type_name("PATH");
}

// The serving options, on the top level (so `accord-server --port 8080` serves, as scripts
// and tests have always started it) and on `serve`; both write the same variables.
std::vector<CLI::Option*> add_serve_options(CLI::App* cmd, ServeOptions& o) {
    return {
        cmd->add_option("--host", o.host, "address to listen on")->type_name("ADDR")->capture_default_str(),
        cmd->add_option("--port", o.port, "port to listen on; 0 picks a free one")
            ->type_name("N")
            ->check(CLI::Range(0, 65535))
            ->capture_default_str(),
        cmd->add_option("--web-root", o.web_root, "the built web client to serve")
            ->type_name("DIR")
            ->capture_default_str(),
        cmd->add_flag("--demo-data", o.demo_data, "seed demo shops, accounts and orders into an empty database"),
        cmd->add_option("--clock-offset", o.clock_offset,
                        "run the server's clock this many seconds ahead (or behind, if negative)")
            ->type_name("SECONDS"),
        cmd->add_flag("--test-clock", o.test_clock,
                      "enable POST /api/v1/test/clock (moves the clock forward; tests only)"),
        cmd->add_option("--public-url", o.public_url,
                        "the address users reach the server at, e.g. https://odr.example.com behind a TLS\n"
                        "proxy; https:// makes the session cookie Secure and adds Strict-Transport-Security")
            ->type_name("URL")
            ->check([](const std::string& url) -> std::string {
                const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
                if (!scheme || url.find_first_of(" \t\r\n") != std::string::npos)
                    return "must start with https:// or http:// and hold no spaces";
                return "";
            }),
        cmd->add_option("--metrics-token", o.metrics_token,
                        "GET /metrics then asks for Authorization: Bearer TOKEN (without it, /metrics is open:\n"
                        "it holds counts only, no personal data)")
            ->type_name("TOKEN"),
        cmd->add_option("--shutdown-grace", o.shutdown_grace,
                        "on SIGTERM/SIGINT, how long requests in flight may take to finish before the\n"
                        "server exits without them (status 1); a second signal exits at once")
            ->type_name("SECONDS")
            ->check(CLI::Range(0, 3600))
            ->capture_default_str(),
    };
}

// An existing database at the current schema, for the commands that read or write one: they
// never create a data dir by mistake (a typo in --data-dir would otherwise make an empty store).
std::unique_ptr<accord::db::Database> open_store(const StoreOptions& o, bool migrate) {
    if (!std::filesystem::exists(o.db_path()))
        throw std::invalid_argument("no database at " + o.db_path() +
                                    " (--data-dir names the server's data dir; start the server once to create it)");
    auto db = std::make_unique<accord::db::Database>(o.db_path());
    if (migrate) {
        // The same migrations the server runs at start: a command may be the first to touch a
        // store after an upgrade. Each is one transaction; a running server of this version
        // has applied them all already.
        const int from = accord::db::migrate(*db);
        const int to = accord::db::schema_version(*db);
        if (from != to) std::fprintf(stderr, "accord-server: database schema migrated from v%d to v%d\n", from, to);
    }
    return db;
}

accord::Timestamp system_now() { return static_cast<accord::Timestamp>(std::time(nullptr)); }

// --- serve ------------------------------------------------------------------------------------

int serve(const ServeOptions& opt, const StoreOptions& store) {
    // SIGINT/SIGTERM are taken by sigwait() below, never by a handler: blocked here, before any
    // thread starts (every thread inherits the mask), so a signal that comes early (even before
    // listening) is kept, not lost, and none lands on a worker thread.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    accord::auth::init_crypto();
    std::filesystem::create_directories(store.data_dir);
    accord::db::Pool pool(store.db_path());
    // Starting up (migrations, demo data, sealing, adopting) is one unit of work on the writer,
    // done before anything is served.
    std::optional<accord::db::WriteLease> startup(pool.write());
    accord::db::Database& db = **startup;
    const int from = accord::db::migrate(db);
    const int to = accord::db::schema_version(db);
    if (from != to) std::printf("accord-server: database schema migrated from v%d to v%d\n", from, to);
    // The server's clock: the system's, plus an offset that --clock-offset sets and the test
    // clock moves forward. Every deadline is counted on it.
    static std::atomic<long long> offset{0};
    offset = opt.clock_offset;
    const auto now = [] { return system_now() + offset.load(); };
    if (opt.demo_data && accord::demo::seed_if_empty(db, now()))
        std::printf("accord-server: seeded demo data into %s\n", store.db_path().c_str());
    if (!std::filesystem::exists(opt.web_root + "/index.html"))
        std::fprintf(stderr, "accord-server: warning: no index.html in web root '%s' (build the wasm preset)\n",
                     opt.web_root.c_str());

    accord::AppContext app{pool, {}, now};
    app.config.web_root = opt.web_root;
    app.config.data_dir = store.data_dir;
    app.config.test_clock = opt.test_clock;
    app.config.metrics_token = opt.metrics_token;
    app.config.public_url = opt.public_url;
    // Rules stored with `accord-server rules set`, else the built-in defaults. A stored set that
    // no longer decodes stops the start (naming the field) rather than serve other rules.
    if (auto stored = accord::ops::stored_rules(db)) {
        app.config.rules = *stored;
        std::printf("accord-server: using the rules stored in the database\n");
    }
    // The holiday calendar: the built-in years plus DATA_DIR/holidays.tsv (a malformed file stops
    // the start, naming its line).
    accord::ops::set_calendar_in_force(accord::ops::load_calendar(store.data_dir));
    if (std::filesystem::exists(store.data_dir + "/holidays.tsv")) {
        const std::string end = accord::format_date(accord::calendar_end(accord::ops::calendar_in_force()));
        std::printf("accord-server: holiday calendar extended by %s/holidays.tsv, through %s\n",
                    store.data_dir.c_str(), end.c_str());
    }
    app.chain_key = accord::auth::load_chain_key(store.key_path(), /*create=*/!accord::db::has_events(db));
    if (const int sealed = accord::db::seal_legacy_events(db, app.chain_key))
        std::printf("accord-server: sealed %d events written before the keyed chain\n", sealed);
    // A crash between an upload's move into place and its commit, or mid-upload, left files
    // no row points at: they go before anyone can be served.
    if (const int orphans = accord::evidence::remove_orphans(db, store.data_dir))
        std::printf("accord-server: removed %d evidence files left by an interrupted upload\n", orphans);
    if (const int adopted = accord::cases::adopt_legacy_cases(app, db))
        std::printf("accord-server: stored %d cases filed before the case store\n", adopted);
    startup.reset();

    accord::jobs::DeadlineScheduler scheduler(app);
    app.wake_scheduler = [&scheduler] { scheduler.wake(); };
    app.scheduler_running = [&scheduler] { return scheduler.running(); };  // for /readyz
    // The test clock moves time and fires what fell due in one step, so its reply counts
    // exactly what that move fired (the scheduler thread cannot take some in between).
    app.advance_clock = [&scheduler](std::int64_t seconds) {
        return scheduler.run_due_after([seconds] { offset += seconds; });
    };
    httplib::Server server;
    accord::configure_server(server, app);

    const int bound = opt.port == 0 ? server.bind_to_any_port(opt.host)
                                    : (server.bind_to_port(opt.host, opt.port) ? opt.port : -1);
    if (bound < 0) {
        std::fprintf(stderr, "accord-server: cannot listen on %s:%d (in use?)\n", opt.host.c_str(), opt.port);
        return kFailed;
    }
    accord::widen_listen_backlog();
    accord::raise_open_file_limit();
    scheduler.start();
    std::atomic<bool> drained{false};
    std::thread listener([&server, &drained] {
        server.listen_after_bind();  // returns once stopped and every connection's thread is done
        drained = true;
    });
    for (int waited = 0; !server.is_running() && waited < 5000; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (opt.demo_data) std::printf("%s", accord::demo::accounts_banner().c_str());
    // Tests read this line to learn the port; keep its shape.
    std::printf("accord-server listening on http://%s:%d/\n", opt.host.c_str(), bound);
    std::fflush(stdout);
    int signal = 0;
    sigwait(&stop_signals, &signal);
    // Graceful: stop() (called here, on an ordinary thread, never from a signal handler) closes
    // the listening socket at once, so new connections are refused; cpp-httplib's pool then
    // lets every accepted connection finish the request it is on (an upload still streaming
    // included) before listen_after_bind() returns. Idle keep-alive connections close within
    // their keep-alive timeout. Then the scheduler stops and the database closes (its WAL is
    // checkpointed and removed), and the exit status is 0.
    server.stop();
    const char* const name = signal == SIGINT ? "SIGINT" : "SIGTERM";
    // Bounded: a client trickling a body could hold the stop forever. After the grace period,
    // or at a second signal, exit without the requests still running: nothing they did is
    // acknowledged, and SQLite rolls back their unfinished transactions at the next open.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(opt.shutdown_grace);
    while (!drained) {
        const timespec tick{0, 50'000'000};
        if (sigtimedwait(&stop_signals, nullptr, &tick) > 0 || std::chrono::steady_clock::now() >= give_up) {
            std::fprintf(stderr,
                         "accord-server: %s: requests still running after the grace period (or a second signal); "
                         "exiting without them\n",
                         name);
            std::fflush(stdout);
            std::_Exit(kFailed);
        }
    }
    listener.join();
    scheduler.stop();
    std::printf("accord-server: stopped (%s)\n", name);
    return 0;
}

// --- the operator's commands ---------------------------------------------------------------

// verify / export-case: read the store as it is on disk (the server may be running: WAL
// readers see a consistent snapshot).
int verify(const StoreOptions& store) {
    accord::auth::init_crypto();
    auto db = open_store(store, /*migrate=*/false);
    const accord::auth::ChainKey key = accord::auth::load_chain_key(store.key_path(), false);
    const accord::audit::Report report = accord::audit::verify_all(*db, key, store.data_dir);
    std::printf("%s", accord::audit::format_report(report).c_str());
    return report.ok() ? 0 : kFailed;
}

int export_case(const StoreOptions& store, std::int64_t id, std::string out) {
    accord::auth::init_crypto();
    auto db = open_store(store, /*migrate=*/false);
    const accord::auth::ChainKey key = accord::auth::load_chain_key(store.key_path(), false);
    if (out.empty()) out = "AC-" + std::to_string(id) + ".tar";
    const std::string report = accord::audit::export_case(*db, key, store.data_dir, id, out);
    std::printf("wrote %s\n%s", out.c_str(), report.c_str());
    return 0;
}

int backup(const StoreOptions& store, const std::string& to) {
    open_store(store, /*migrate=*/false);  // the same "no database" message as every command
    const std::int64_t bytes = accord::ops::backup_database(store.db_path(), to);
    std::printf("wrote %s (%lld bytes): the database as of one instant\n", to.c_str(), static_cast<long long>(bytes));
    std::printf("not in it: evidence files (%s/evidence/) and the chain key (%s); copy them too\n",
                store.data_dir.c_str(), store.key_path().c_str());
    return 0;
}

int create_user(const StoreOptions& store, accord::ops::NewUser user, bool password_stdin) {
    if (password_stdin == !user.password.empty())
        throw std::invalid_argument("password: give exactly one of --password-stdin (recommended) and --password");
    if (password_stdin) {
        // One line: `printf '%s\n' "$PW" | accord-server create-user ...` or a file redirected in.
        std::getline(std::cin, user.password);
        if (!user.password.empty() && user.password.back() == '\r') user.password.pop_back();
    }
    accord::auth::init_crypto();
    auto db = open_store(store, /*migrate=*/true);
    const std::int64_t id = accord::ops::create_user(*db, user, system_now());
    std::printf("created %s '%s' (user id %lld)\n", user.role.c_str(), user.username.c_str(),
                static_cast<long long>(id));
    return 0;
}

int rules_show(const StoreOptions& store) {
    auto db = open_store(store, /*migrate=*/true);
    const auto stored = accord::ops::stored_rules(*db);
    std::fprintf(stderr, "accord-server: %s\n",
                 stored ? "the rules stored in the database" : "the built-in defaults (none stored)");
    std::printf("%s\n", accord::encode_rule_set(stored.value_or(accord::RuleSet{})).dump(2).c_str());
    return 0;
}

int rules_set(const StoreOptions& store, const std::string& file) {
    std::string text;
    if (file == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw std::invalid_argument("cannot read " + file);
        std::ostringstream buf;
        buf << in.rdbuf();
        text = buf.str();
    }
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann's message says where: "parse error at line 3, column 5: ...".
        std::fprintf(stderr, "accord-server: %s is not valid JSON: %s\n", file.c_str(), e.what());
        return kFailed;
    }
    accord::RuleSet rules;
    if (const accord::FieldErrors errors = accord::decode_rule_set(doc, rules); !errors.empty()) {
        std::fprintf(stderr, "accord-server: %s: nothing stored, the rules are invalid:\n%s", file.c_str(),
                     accord::ops::describe(errors).c_str());
        return kFailed;
    }
    auto db = open_store(store, /*migrate=*/true);
    accord::ops::store_rules(*db, rules, system_now());
    std::printf("stored the rules from %s; the server uses them from its next start\n", file.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{
        "accord-server: online dispute resolution. Without a command it serves the API and the web client\n"
        "(the same as `accord-server serve`).",
        "accord-server"};
    cli.require_subcommand(0, 1);
    StoreOptions store;
    ServeOptions serve_opt;
    add_store_options(&cli, store);
    const std::vector<CLI::Option*> top_serve_options = add_serve_options(&cli, serve_opt);

    CLI::App* serve_cmd = cli.add_subcommand("serve", "serve the API and the web client (the default command)");
    add_store_options(serve_cmd, store);
    add_serve_options(serve_cmd, serve_opt);

    CLI::App* verify_cmd =
        cli.add_subcommand("verify", "check every case's record; names the first broken entry (exit 1)");
    add_store_options(verify_cmd, store);

    std::int64_t export_id = 0;
    std::string export_out;
    CLI::App* export_cmd = cli.add_subcommand("export-case", "write one case's self-contained archive for a court");
    add_store_options(export_cmd, store);
    export_cmd->add_option("ID", export_id, "the case id")
        ->required()
        ->check(CLI::Validator(
            [](const std::string& text) -> std::string {
                std::int64_t v = 0;
                const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
                return ec == std::errc() && end == text.data() + text.size() && v > 0
                           ? ""
                           : "must be a case id (a whole number from 1), got '" + text + "'";
            },
            "CASE-ID"));
    export_cmd->add_option("--out", export_out, "the archive to write (default AC-ID.tar)")->type_name("FILE");

    std::string backup_to;
    CLI::App* backup_cmd = cli.add_subcommand(
        "backup", "copy the database, consistent while the server serves (SQLite's online backup)");
    add_store_options(backup_cmd, store, /*key=*/false);
    backup_cmd->add_option("--to", backup_to, "the copy to write (replaced atomically when it exists)")
        ->type_name("FILE")
        ->required();

    accord::ops::NewUser new_user;
    bool password_stdin = false;
    CLI::App* user_cmd = cli.add_subcommand("create-user", "add an account (for instance the first admin)");
    add_store_options(user_cmd, store, /*key=*/false);
    user_cmd->add_option("USERNAME", new_user.username, "the sign-in name: letters, digits, '.', '_', '-'")
        ->required();
    user_cmd->add_option("--display-name", new_user.display_name, "the name others see")->required();
    user_cmd->add_option("--role", new_user.role, "buyer, merchant, support, mediator, arbitrator, approver or admin")
        ->required();
    user_cmd->add_option("--merchant-id", new_user.merchant_id, "the shop a merchant account acts for (merchants only)")
        ->type_name("ID");
    user_cmd->add_flag("--password-stdin", password_stdin, "read the password from the first line of standard input");
    user_cmd->add_option("--password", new_user.password,
                         "the password (visible to other users of this machine in the process list: prefer\n"
                         "--password-stdin); at least " +
                             std::to_string(accord::ops::kMinPasswordChars) + " characters");
    user_cmd->add_option("--phone", new_user.phone, "contact phone");
    user_cmd->add_option("--address", new_user.address, "contact address");
    user_cmd->add_option("--approval-level", new_user.approval_level, "approvers: team_lead (default) or manager");

    CLI::App* rules_cmd = cli.add_subcommand("rules", "the rule set in force: deadlines, thresholds, penalties");
    rules_cmd->require_subcommand(1);
    add_store_options(rules_cmd, store, /*key=*/false);
    CLI::App* rules_show_cmd = rules_cmd->add_subcommand("show", "print the rules in force as JSON");
    add_store_options(rules_show_cmd, store, /*key=*/false);
    std::string rules_file;
    CLI::App* rules_set_cmd = rules_cmd->add_subcommand(
        "set", "validate a rules file (as `rules show` prints it; keys left out keep their defaults) and store it");
    add_store_options(rules_set_cmd, store, /*key=*/false);
    rules_set_cmd->add_option("FILE", rules_file, "the JSON file, or - for standard input")->required();

    // Set last: subcommands made earlier do not inherit it, so their --help stays short.
    cli.footer(
        "Exit status: 0 done, 1 the command failed, 2 a wrong command line.\n"
        "Examples:\n"
        "  accord-server --data-dir data --port 8080                serve\n"
        "  accord-server verify --data-dir data                     check every case's record\n"
        "  accord-server backup --data-dir data --to accord-backup.db\n"
        "  printf '%s\\n' \"$PW\" | accord-server create-user alice --display-name 'Alice' --role admin --password-stdin\n"
        "  accord-server rules show > rules.json; (edit) accord-server rules set rules.json\n"
        "Run `accord-server COMMAND --help` for a command's options.");


    try {
        cli.parse(argc, argv);
        // The top-level serving options belong to serving: `accord-server --port 1 verify` is a mistake.
        const bool serving = cli.get_subcommands().empty() || serve_cmd->parsed();
        if (!serving)
            for (const CLI::Option* o : top_serve_options)
                if (o->count() > 0)
                    throw CLI::ValidationError(o->get_name() + " is an option of serve, not of " +
                                               cli.get_subcommands().front()->get_name());
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? 0 : kUsage;
    }

    try {
        if (verify_cmd->parsed()) return verify(store);
        if (export_cmd->parsed()) return export_case(store, export_id, export_out);
        if (backup_cmd->parsed()) return backup(store, backup_to);
        if (user_cmd->parsed()) return create_user(store, new_user, password_stdin);
        if (rules_show_cmd->parsed()) return rules_show(store);
        if (rules_set_cmd->parsed()) return rules_set(store, rules_file);
        return serve(serve_opt, store);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "accord-server: %s\n", e.what());
        return kUsage;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "accord-server: %s\n", e.what());
        return kFailed;
    }
}
