// `accord-server verify` and `accord-server export-case` against a real data dir the server wrote,
// then edited by hand the way an attacker with the database file would: each edit is named.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "db/event_log.hpp"
#include "fixtures.hpp"

using namespace accord::test;
namespace fs = std::filesystem;

namespace {

struct Cli {
    int status = -1;
    std::string out;
};

Cli run(const std::string& command) {
    Cli r;
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    const int raw = pclose(p);
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return r;
}

Cli verify(const std::string& dir) { return run(std::string(ACCORD_SERVER_BIN) + " verify --data-dir '" + dir + "'"); }

// A data dir with two cases the server wrote (filing, triage, a message, a photo), then stopped.
struct Store {
    ServerProcess server{"", {"--test-clock"}};
    std::int64_t first = 0, second = 0, photo = 0;
    Store() {
        Session buyer = sign_in(server, "buyer");
        Session support = sign_in(server, "support");
        first = file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop)));
        second = file_case(buyer, filing_body(add_order(server, "buyer", kHomeShop)));
        act(support, first, accept_case());
        photo = upload_ok(buyer, first, "照片.jpg");
        REQUIRE(buyer.post(case_path(first, "/messages"), R"({"body":"请尽快处理"})")->status == 201);
        server.stop();
    }
    // A copy to tamper with, so every test starts from the same untouched store.
    std::string copy(const TempDir& into) const {
        fs::copy(server.data_dir(), into.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        return into.path();
    }
};

const Store& store() {
    static Store s;
    return s;
}

// Runs SQL on a copied store with the append-only triggers out of the way (the attacker drops them).
void tamper(const std::string& dir, const std::string& sql) {
    const std::string db = dir + "/accord.db";
    REQUIRE(sql_exec(db, "DROP TRIGGER IF EXISTS dispute_events_no_update; DROP TRIGGER IF EXISTS "
                         "dispute_events_no_delete; DROP TRIGGER IF EXISTS messages_no_update;") == "");
    REQUIRE(sql_exec(db, sql) == "");
}

bool says(const Cli& r, const std::string& text) { return r.out.find(text) != std::string::npos; }

}  // namespace

TEST_CASE("verify passes a store the server wrote and names what it checked") {
    TempDir dir;
    const Cli r = verify(store().copy(dir));
    CAPTURE(r.out);
    CHECK(r.status == 0);
    CHECK(says(r, "checked 2 cases"));
    CHECK(says(r, "1 evidence files"));
    CHECK(says(r, "OK"));
}

TEST_CASE("verify names the event whose content was edited in place") {
    TempDir dir;
    const std::string d = store().copy(dir);
    tamper(d, "UPDATE dispute_events SET reason = 'edited' WHERE dispute_id = " + std::to_string(store().first) +
                  " AND seq = 2");
    const Cli r = verify(d);
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(says(r, "BROKEN case " + std::to_string(store().first) + ", event 2: event content differs from its hash"));
}

TEST_CASE("verify catches an edit whose SHA-256 was recomputed: the keyed MAC does not follow") {
    TempDir dir;
    const std::string d = store().copy(dir);
    const std::string db = d + "/accord.db";
    const std::int64_t id = store().first;
    // The attacker edits the last event of the case and recomputes its SHA-256 like the server does.
    const std::int64_t last = sql_int(db, "SELECT MAX(seq) FROM dispute_events WHERE dispute_id = " + std::to_string(id));
    accord::db::CaseEvent e;
    e.dispute_id = id;
    e.seq = last;
    e.action = sql_text(db, "SELECT action FROM dispute_events WHERE dispute_id = " + std::to_string(id) +
                                " AND seq = " + std::to_string(last));
    e.actor_id = sql_int(db, "SELECT COALESCE(actor_id, 0) FROM dispute_events WHERE dispute_id = " +
                                 std::to_string(id) + " AND seq = " + std::to_string(last));
    e.at = sql_int(db, "SELECT at FROM dispute_events WHERE dispute_id = " + std::to_string(id) + " AND seq = " +
                           std::to_string(last));
    e.reason = "nothing happened";
    e.payload = sql_text(db, "SELECT payload FROM dispute_events WHERE dispute_id = " + std::to_string(id) +
                                 " AND seq = " + std::to_string(last));
    e.prev_hash = sql_text(db, "SELECT prev_hash FROM dispute_events WHERE dispute_id = " + std::to_string(id) +
                                   " AND seq = " + std::to_string(last));
    e.visibility = sql_text(db, "SELECT visibility FROM dispute_events WHERE dispute_id = " + std::to_string(id) +
                                    " AND seq = " + std::to_string(last));
    const std::string hash = accord::db::event_hash(e);
    tamper(d, "UPDATE dispute_events SET reason = 'nothing happened', hash = '" + hash + "' WHERE dispute_id = " +
                  std::to_string(id) + " AND seq = " + std::to_string(last));
    const Cli r = verify(d);
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK_FALSE(says(r, "event content differs"));  // the plain chain is intact: only the MACs see it
    CHECK(says(r, "the case row's MAC does not match"));
    CHECK(says(r, "MAC does not match (event edited"));
}

TEST_CASE("verify finds a case whose whole history was deleted") {
    TempDir dir;
    const std::string d = store().copy(dir);
    tamper(d, "DELETE FROM dispute_events WHERE dispute_id = " + std::to_string(store().first));
    const Cli r = verify(d);
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(says(r, "BROKEN case " + std::to_string(store().first) + ": the case has no history at all"));
    CHECK(says(r, "global chain broken"));
}

TEST_CASE("verify finds a case deleted from every table through the global chain") {
    TempDir dir;
    const std::string d = store().copy(dir);
    const std::string id = std::to_string(store().first);
    tamper(d, "DELETE FROM messages WHERE dispute_id = " + id + "; DELETE FROM evidence WHERE dispute_id = " + id +
                  "; DELETE FROM dispute_events WHERE dispute_id = " + id + "; DELETE FROM cases WHERE dispute_id = " +
                  id + "; DELETE FROM disputes WHERE id = " + id);
    const Cli r = verify(d);
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(says(r, "global chain broken"));
}

TEST_CASE("verify names an edited case row and an edited listing row") {
    TempDir dir;
    const std::string d = store().copy(dir);
    const std::string id = std::to_string(store().first);
    SUBCASE("the stored case document") {
        tamper(d, "UPDATE cases SET body = replace(body, '\"awaiting_merchant\"', '\"closed\"') WHERE dispute_id = " + id);
        const Cli r = verify(d);
        CAPTURE(r.out);
        CHECK(r.status == 1);
        CHECK(says(r, "BROKEN case " + id + ": the case row's MAC does not match"));
        CHECK(says(r, "the stored case differs from the one event"));
    }
    SUBCASE("the listing row") {
        tamper(d, "UPDATE disputes SET amount_minor = 1 WHERE id = " + id);
        const Cli r = verify(d);
        CAPTURE(r.out);
        CHECK(r.status == 1);
        CHECK(says(r, "BROKEN case " + id + ": the disputes row differs from the stored case in amount"));
    }
}

TEST_CASE("verify finds an evidence file or a message changed behind the server's back") {
    TempDir dir;
    const std::string d = store().copy(dir);
    const std::string id = std::to_string(store().first);
    SUBCASE("evidence bytes") {
        std::ofstream(d + "/evidence/" + id + "/" + std::to_string(store().photo), std::ios::binary | std::ios::app)
            << "extra";
        const Cli r = verify(d);
        CAPTURE(r.out);
        CHECK(r.status == 1);
        CHECK(says(r, "evidence file " + std::to_string(store().photo) + " differs from its recorded SHA-256"));
    }
    SUBCASE("a message body") {
        tamper(d, "UPDATE messages SET body = '算了' WHERE dispute_id = " + id);
        const Cli r = verify(d);
        CAPTURE(r.out);
        CHECK(r.status == 1);
        CHECK(says(r, "differs from the history"));
    }
}

TEST_CASE("verify refuses to vouch for a store with another key") {
    TempDir dir;
    const std::string d = store().copy(dir);
    std::ofstream(d + "/other.key", std::ios::binary) << std::string(32, 'k');
    const Cli r = run(std::string(ACCORD_SERVER_BIN) + " verify --data-dir '" + d + "' --key-file '" + d + "/other.key'");
    CAPTURE(r.out);
    CHECK(r.status == 1);
    CHECK(says(r, "MAC does not match"));
}

TEST_CASE("export-case writes an archive a court can check with Python and sha256sum alone") {
    TempDir dir;
    const std::string d = store().copy(dir);
    const std::string tar = d + "/case.tar";
    const Cli exported = run(std::string(ACCORD_SERVER_BIN) + " export-case " + std::to_string(store().first) +
                             " --data-dir '" + d + "' --out '" + tar + "'");
    CAPTURE(exported.out);
    REQUIRE(exported.status == 0);
    CHECK(says(exported, "OK"));
    TempDir out;
    REQUIRE(run("tar -xf '" + tar + "' -C '" + out.path() + "'").status == 0);
    const std::string folder = out.path() + "/AC-" + std::to_string(store().first);
    for (const char* f : {"case.json", "timeline.json", "messages.json", "evidence.json", "verification.txt",
                          "SHA256SUMS", "verify_case.py"})
        CHECK(fs::exists(folder + "/" + f));
    CHECK(fs::exists(folder + "/evidence/" + std::to_string(store().photo) + ".jpg"));
    const Cli sums = run("cd '" + folder + "' && sha256sum -c SHA256SUMS");
    CAPTURE(sums.out);
    CHECK(sums.status == 0);
    const Cli py = run("cd '" + folder + "' && python3 verify_case.py");
    CAPTURE(py.out);
    CHECK(py.status == 0);
    CHECK(says(py, "OK"));

    // The same script notices an edited case file.
    std::ofstream(folder + "/case.json", std::ios::app) << " ";
    const Cli broken = run("cd '" + folder + "' && python3 verify_case.py");
    CHECK(broken.status == 1);

    const Cli missing = run(std::string(ACCORD_SERVER_BIN) + " export-case 999999 --data-dir '" + d + "' --out '" +
                            d + "/x.tar'");
    CHECK(missing.status == 1);
    CHECK(says(missing, "no case 999999"));
}
