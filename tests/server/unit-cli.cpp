// accord-server's command line: help that lists every command, wrong command lines refused
// with the option named (exit 2), and the operator's commands against a real data dir, most of
// them while the server is serving it: backup, create-user, rules show / rules set.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "cli.hpp"
#include "fixtures.hpp"

using namespace accord::test;
namespace fs = std::filesystem;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("help lists every command and option, a wrong command line names what is wrong") {
    const CliRun help = run_cli({"--help"});
    CHECK(help.status == 0);
    for (const char* word : {"serve", "verify", "export-case", "backup", "create-user", "rules", "--port", "--host",
                             "--data-dir", "--web-root", "--demo-data", "--key-file", "--clock-offset", "--test-clock"})
        CHECK_MESSAGE(has(help.out, word), word);
    const CliRun backup_help = run_cli({"backup", "--help"});
    CHECK(backup_help.status == 0);
    CHECK(has(backup_help.out, "--to"));
    const CliRun user_help = run_cli({"create-user", "--help"});
    CHECK(has(user_help.out, "--password-stdin"));
    CHECK(has(user_help.out, "--merchant-id"));

    const struct {
        std::vector<std::string> args;
        const char* names;
    } wrong[] = {
        {{"--port", "70000"}, "--port"},
        {{"--port", "eighty"}, "--port"},
        {{"--clock-offset", "soon"}, "--clock-offset"},
        {{"--no-such-option"}, "--no-such-option"},
        {{"frobnicate"}, "frobnicate"},
        {{"--port", "8080", "verify"}, "--port is an option of serve"},
        {{"export-case"}, "ID"},
        {{"export-case", "0"}, "ID"},
        {{"export-case", "abc"}, "ID"},
        {{"backup"}, "--to"},
        {{"rules"}, "subcommand is required"},
        {{"rules", "set"}, "FILE"},
        {{"create-user", "bob", "--role", "admin"}, "--display-name"},
    };
    for (const auto& w : wrong) {
        const CliRun r = run_cli(w.args);
        INFO(w.args.front() << " -> " << r.both());
        CHECK(r.status == 2);
        CHECK(has(r.err, w.names));
    }
    // A command never creates a data dir by mistake.
    TempDir dir;
    const CliRun missing = run_cli({"verify", "--data-dir", dir.path() + "/typo"});
    CHECK(missing.status == 2);
    CHECK(has(missing.err, "no database at " + dir.path() + "/typo/accord.db"));
    CHECK_FALSE(fs::exists(dir.path() + "/typo"));
}

TEST_CASE("backup while the server writes is one consistent instant that verify accepts") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    const std::vector<std::string> orders = add_orders(server, 40, "buyer", kDigitalShop);
    file_case(buyer, filing_body(orders[0]));
    // Cases keep being filed (each a dispute row, a case row and an event, in one transaction)
    // while the backup runs.
    std::atomic<bool> stop{false};
    std::atomic<int> filed{1};
    std::thread writer([&] {
        Session b = sign_in(server, "buyer");
        for (std::size_t i = 1; i < orders.size() && !stop; ++i) {
            auto r = b.post("/api/v1/disputes", filing_body(orders[i]).dump());
            if (r && r->status == 201) ++filed;
        }
    });
    while (filed < 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    TempDir out;
    const std::string copy = out.path() + "/accord.db";
    const CliRun r = run_cli({"backup", "--data-dir", server.data_dir(), "--to", copy});
    const int filed_after_backup = filed;
    stop = true;
    writer.join();
    INFO(r.both());
    REQUIRE(r.status == 0);
    CHECK(has(r.out, "wrote " + copy));
    CHECK(has(r.out, "evidence"));  // says what a database copy does not hold

    // One file, nothing beside it; not the live file still being written.
    CHECK(fs::exists(copy));
    CHECK_FALSE(fs::exists(copy + "-wal"));
    CHECK(sql_text(copy, "PRAGMA journal_mode") == "delete");
    CHECK(sql_text(copy, "PRAGMA integrity_check") == "ok");
    const std::int64_t disputes = sql_int(copy, "SELECT COUNT(*) FROM disputes");
    CHECK(disputes >= 5);
    CHECK(disputes <= filed_after_backup);
    // Each filing's three rows are all in it or none: no half transaction.
    CHECK(sql_int(copy, "SELECT COUNT(*) FROM cases") == disputes);
    CHECK(sql_int(copy, "SELECT COUNT(DISTINCT dispute_id) FROM dispute_events") == disputes);
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM disputes") > 0);

    // The copy with the chain key is a store that verify vouches for.
    fs::copy_file(server.data_dir() + "/accord.key", out.path() + "/accord.key");
    const CliRun verified = run_cli({"verify", "--data-dir", out.path()});
    INFO(verified.both());
    CHECK(verified.status == 0);

    // A second backup over the first replaces it whole.
    const CliRun again = run_cli({"backup", "--data-dir", server.data_dir(), "--to", copy});
    CHECK(again.status == 0);
    CHECK(sql_int(copy, "SELECT COUNT(*) FROM disputes") >= disputes);
    CHECK(fs::directory_iterator(out.path()) != fs::directory_iterator());
    for (const auto& entry : fs::directory_iterator(out.path()))
        CHECK_MESSAGE(!has(entry.path().filename().string(), ".tmp-"), entry.path().string());

    // Nowhere to write: refused, nothing left behind.
    const CliRun nowhere = run_cli({"backup", "--data-dir", server.data_dir(), "--to", out.path() + "/no/such/dir.db"});
    CHECK(nowhere.status == 1);
    CHECK(has(nowhere.err, "no directory"));
    const CliRun onto_itself = run_cli({"backup", "--data-dir", server.data_dir(), "--to", server.db_path()});
    CHECK(onto_itself.status == 1);
    CHECK(has(onto_itself.err, "live database"));
}

TEST_CASE("create-user makes an account that signs in, bad input names the option and writes nothing") {
    ServerProcess server;
    const std::string d = server.data_dir();
    const std::int64_t users_before = sql_int(server.db_path(), "SELECT COUNT(*) FROM users");

    const CliRun admin = run_cli({"create-user", "ops.admin", "--display-name", "运营管理员", "--role", "admin",
                                  "--password-stdin", "--data-dir", d},
                                 "correct horse battery\n");
    INFO(admin.both());
    REQUIRE(admin.status == 0);
    CHECK(has(admin.out, "created admin 'ops.admin'"));
    // Signs in on the running server with the same hashing the server checks.
    Session s = sign_in(server, "ops.admin", "correct horse battery");
    const json me = get_ok(s, "/api/v1/session");
    CHECK(me["user"]["role"] == "admin");
    CHECK(me["user"]["display_name"] == "运营管理员");

    const std::int64_t shop = sql_int(server.db_path(), "SELECT id FROM merchants WHERE name = '" + kHomeShop + "'");
    const CliRun merchant = run_cli({"create-user", "home.agent", "--display-name", "家居客服", "--role", "merchant",
                                     "--merchant-id", std::to_string(shop), "--password", "another-secret-1",
                                     "--data-dir", d});
    INFO(merchant.both());
    REQUIRE(merchant.status == 0);
    Session m = sign_in(server, "home.agent", "another-secret-1");
    CHECK(get_ok(m, "/api/v1/session")["user"]["merchant_id"] == shop);
    const std::int64_t users_after = sql_int(server.db_path(), "SELECT COUNT(*) FROM users");
    CHECK(users_after == users_before + 2);

    const struct {
        std::vector<std::string> args;
        std::string input;
        int status;
        const char* names;
    } bad[] = {
        {{"x", "--display-name", "X", "--role", "boss", "--password-stdin"}, "long enough pw", 2, "--role: 'boss'"},
        {{"x", "--display-name", "X", "--role", "merchant", "--password-stdin"}, "long enough pw", 2, "--merchant-id"},
        {{"x", "--display-name", "X", "--role", "merchant", "--merchant-id", "999", "--password-stdin"},
         "long enough pw", 1, "no shop with id 999"},
        {{"x", "--display-name", "X", "--role", "support", "--merchant-id", std::to_string(shop), "--password-stdin"},
         "long enough pw", 2, "--merchant-id"},
        {{"x", "--display-name", "X", "--role", "support", "--password-stdin"}, "short", 2, "password"},
        {{"x", "--display-name", "X", "--role", "support"}, "", 2, "--password-stdin"},
        {{"x", "--display-name", "   ", "--role", "support", "--password-stdin"}, "long enough pw", 2,
         "--display-name"},
        {{"has space", "--display-name", "X", "--role", "support", "--password-stdin"}, "long enough pw", 2,
         "username"},
        {{"x", "--display-name", "X", "--role", "support", "--approval-level", "manager", "--password-stdin"},
         "long enough pw", 2, "--approval-level"},
        {{"ops.admin", "--display-name", "X", "--role", "support", "--password-stdin"}, "long enough pw", 1,
         "'ops.admin' is taken"},
    };
    for (const auto& b : bad) {
        std::vector<std::string> args = {"create-user"};
        args.insert(args.end(), b.args.begin(), b.args.end());
        args.insert(args.end(), {"--data-dir", d});
        const CliRun r = run_cli(args, b.input);
        INFO(b.names << " -> " << r.both());
        CHECK(r.status == b.status);
        CHECK(has(r.err, b.names));
    }
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM users") == users_after);

    // An approver at the manager's level approves what a team lead may not.
    const CliRun manager = run_cli({"create-user", "risk.manager", "--display-name", "风控经理", "--role", "approver",
                                    "--approval-level", "manager", "--password-stdin", "--data-dir", d},
                                   "manager-secret-1");
    REQUIRE(manager.status == 0);
    CHECK(sql_text(server.db_path(), "SELECT approval_level FROM users WHERE username = 'risk.manager'") == "manager");
}

TEST_CASE("rules set stores a validated rule set that the server uses from its next start") {
    ServerProcess server;
    const std::string d = server.data_dir();
    const CliRun shown = run_cli({"rules", "show", "--data-dir", d});
    INFO(shown.both());
    REQUIRE(shown.status == 0);
    CHECK(has(shown.err, "built-in defaults"));
    json rules = json::parse(shown.out);
    CHECK(rules["deadlines"]["triage"] == json{{"amount", 24}, {"unit", "hours"}});

    // A bad file is refused whole, naming each field; nothing is stored.
    TempDir dir;
    const std::string bad = dir.path() + "/bad.json";
    json broken = rules;
    broken["deadlines"]["consent"]["amount"] = 0;
    broken["deadlines"]["consnt"] = broken["deadlines"]["triage"];
    broken["penalties"]["points"]["counterfeit"] = 500;
    write_file(bad, broken.dump());
    const CliRun refused = run_cli({"rules", "set", bad, "--data-dir", d});
    CHECK(refused.status == 1);
    CHECK(has(refused.err, "deadlines.consnt"));
    json only_bad = rules;
    only_bad["deadlines"]["consent"]["amount"] = 0;
    only_bad["penalties"]["points"]["counterfeit"] = 500;
    write_file(bad, only_bad.dump());
    const CliRun refused2 = run_cli({"rules", "set", bad, "--data-dir", d});
    INFO(refused2.both());
    CHECK(refused2.status == 1);
    CHECK(has(refused2.err, "deadlines.consent.amount"));
    CHECK(has(refused2.err, "penalties.points.counterfeit"));
    write_file(bad, "{\"deadlines\": {");
    const CliRun malformed = run_cli({"rules", "set", bad, "--data-dir", d});
    CHECK(malformed.status == 1);
    CHECK(has(malformed.err, "not valid JSON"));
    const CliRun unreadable = run_cli({"rules", "set", dir.path() + "/none.json", "--data-dir", d});
    CHECK(unreadable.status == 2);
    CHECK(has(unreadable.err, "cannot read"));
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM settings WHERE key = 'rules'") == 0);  // nothing stored

    // A good one (from standard input): triage in 5 hours, and every case filed after the next
    // start is due by then.
    rules["deadlines"]["triage"] = {{"amount", 5}, {"unit", "hours"}};
    rules["deadlines"]["first_response"] = {{"amount", 5}, {"unit", "hours"}};
    const CliRun stored = run_cli({"rules", "set", "-", "--data-dir", d}, rules.dump());
    INFO(stored.both());
    REQUIRE(stored.status == 0);
    const CliRun shown_again = run_cli({"rules", "show", "--data-dir", d});
    CHECK(has(shown_again.err, "stored in the database"));
    CHECK(json::parse(shown_again.out) == rules);

    server.restart();
    CHECK(has(server.startup_output(), "using the rules stored in the database"));
    Session buyer = sign_in(server, "buyer");
    CHECK(get_ok(buyer, "/api/v1/rules")["rules"]["deadlines"]["triage"] == json{{"amount", 5}, {"unit", "hours"}});
    const std::int64_t id = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
    const json listed = get_ok(buyer, "/api/v1/disputes");
    REQUIRE(listed["disputes"][0]["id"] == id);
    CHECK(listed["next_due_at"][std::to_string(id)].get<std::int64_t>() ==
          listed["disputes"][0]["created_at"].get<std::int64_t>() + 5 * 3600);

    // A stored set edited by hand into nonsense stops the start with the field named, rather
    // than serve other rules than the operator set.
    server.stop();
    REQUIRE(sql_exec(server.db_path(),
                     "UPDATE settings SET value = json_set(value, '$.sanctions.window_days', 0) WHERE key = 'rules'") ==
            "");
    const CliRun start = run_cli({"--port", "0", "--data-dir", d, "--web-root", d});
    CHECK(start.status == 1);
    CHECK(has(start.err, "sanctions.window_days"));
}
