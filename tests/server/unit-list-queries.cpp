// The case list: every page is a seek into an index (SQLite's own plan for the exact SQL the
// server runs, on the schema the server migrated), pages fit together without gaps or repeats,
// and the list says when each listed case's next deadline falls due. Every other list (orders,
// messages, evidence, events, sessions, staff, the scheduler's due cases) reads its index in
// the order it shows, so its cost does not grow with the table.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "db/case_store.hpp"
#include "db/dispute_repository.hpp"
#include "db/event_log.hpp"
#include "db/evidence_repository.hpp"
#include "db/message_repository.hpp"
#include "db/order_repository.hpp"
#include "db/session_repository.hpp"
#include "db/user_repository.hpp"
#include "fixtures.hpp"

using namespace accord::test;
using Kind = accord::CaseScope::Kind;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// What makes a page cost the same wherever it is: the disputes table is reached by a SEARCH with
// a range on the id (the cursor), nothing is scanned and nothing is sorted afterwards.
std::string plan_problem(const std::vector<std::string>& plan, const std::string& expected_search) {
    bool searched = false;
    for (const std::string& step : plan) {
        if (contains(step, "SCAN")) return "scans: " + step;
        if (contains(step, "TEMP B-TREE")) return "sorts: " + step;
        if (step.rfind("SEARCH d ", 0) == 0) {
            if (step != expected_search) return "searches otherwise: " + step;
            searched = true;
        }
    }
    return searched ? "" : "no SEARCH on disputes";
}

// The SQL `run` prepared, read back from a fresh connection to the server's database (SQLite
// keeps each statement's text): exactly what the repository function runs, not a copy of it.
std::vector<std::string> statements_of(const std::string& db_path, const std::function<void(accord::db::Database&)>& run) {
    accord::db::Database db(db_path, accord::db::Database::Access::read_only);
    run(db);
    std::vector<std::string> sql;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s != nullptr; s = sqlite3_next_stmt(db.handle(), s))
        sql.emplace_back(sqlite3_sql(s));
    return sql;
}

// What makes a list cost the same however large its table: its table is reached by exactly the
// step `expected` (an index seek, or an ordered walk of an index that the LIMIT stops), nothing
// else is scanned and nothing is sorted afterwards.
std::string index_problem(const std::vector<std::string>& plan, const std::string& expected) {
    bool found = false;
    for (const std::string& step : plan) {
        if (contains(step, "TEMP B-TREE")) return "sorts: " + step;
        if (step == expected) found = true;
        else if (contains(step, "SCAN")) return "scans: " + step;
    }
    return found ? "" : "no step \"" + expected + "\"";
}

// Every page of `path` (?limit=...), following next_before to the end; each item gets the
// page's next_due_at for it as "due" (the test's own key) so pages can be compared whole.
std::vector<json> all_pages(Session& s, const std::string& path, int limit, int& pages) {
    std::vector<json> out;
    std::int64_t before = 0;
    pages = 0;
    do {
        const json page =
            get_ok(s, path + "?limit=" + std::to_string(limit) + (before ? "&before=" + std::to_string(before) : ""));
        ++pages;
        // Exactly one due time per listed case, no more.
        CHECK(page["next_due_at"].size() == page["disputes"].size());
        for (json d : page["disputes"]) {
            const std::string id = std::to_string(d["id"].get<std::int64_t>());
            REQUIRE(page["next_due_at"].contains(id));
            d["due"] = page["next_due_at"][id];
            out.push_back(d);
        }
        before = page["next_before"].get<std::int64_t>();
        REQUIRE(pages < 100);
    } while (before != 0);
    return out;
}

std::vector<std::int64_t> ids_of(const std::vector<json>& list) {
    std::vector<std::int64_t> ids;
    for (const json& d : list) ids.push_back(d["id"].get<std::int64_t>());
    return ids;
}

}  // namespace

TEST_CASE("every case list seeks its index with the cursor as a range, never scans or sorts") {
    ServerProcess server;  // its migrations made the schema the plans are asked on
    const struct {
        Kind kind;
        const char* search;
    } scopes[] = {
        {Kind::all, "SEARCH d USING INTEGER PRIMARY KEY (rowid<?)"},
        {Kind::of_buyer, "SEARCH d USING INDEX disputes_buyer (buyer_id=? AND id<?)"},
        {Kind::of_merchant, "SEARCH d USING INDEX disputes_merchant (merchant_id=? AND id<?)"},
    };
    for (const auto& scope : scopes) {
        const std::string sql = accord::db::list_disputes_sql(scope.kind);
        const std::vector<std::string> plan = query_plan(server.db_path(), sql);
        INFO(sql);
        INFO(joined(plan));
        CHECK(plan_problem(plan, scope.search) == "");
    }

    // The check tells the two apart: the cursor written as "(?2 = 0 OR d.id < ?2)" (what the
    // server ran before) hides the range, and the plan walks the index from the newest case.
    std::string hidden = accord::db::list_disputes_sql(Kind::of_buyer);
    const std::string range = "d.id < ?2";
    REQUIRE(contains(hidden, range));
    hidden.replace(hidden.find(range), range.size(), "(?2 = 0 OR d.id < ?2)");
    CHECK(plan_problem(query_plan(server.db_path(), hidden),
                       "SEARCH d USING INDEX disputes_buyer (buyer_id=? AND id<?)") != "");
}

TEST_CASE("every other list reads its index in the order it shows, never scans the table or sorts") {
    namespace db = accord::db;
    ServerProcess server;  // its migrations made the schema, its demo data fills the tables a little
    const std::int64_t now = server_now(server);
    const struct {
        const char* list;
        std::function<void(db::Database&)> run;
        const char* step;
    } lists[] = {
        {"a buyer's orders", [](db::Database& d) { db::list_orders(d, {accord::OrderScope::Kind::of_buyer, 1}, 200); },
         "SEARCH o USING INDEX orders_buyer (buyer_id=?)"},
        // Support's list has no condition: newest first off the placed_at index, stopped by the limit.
        {"every order", [](db::Database& d) { db::list_orders(d, {accord::OrderScope::Kind::all, 0}, 200); },
         "SCAN o USING INDEX orders_placed"},
        {"a case's messages", [](db::Database& d) { db::list_messages(d, 1); },
         "SEARCH m USING INDEX messages_case (dispute_id=?)"},
        {"a case's evidence", [](db::Database& d) { db::list_evidence(d, 1); },
         "SEARCH evidence USING INDEX evidence_case (dispute_id=?)"},
        {"a case's events", [](db::Database& d) { db::list_events(d, 1); },
         "SEARCH dispute_events USING INDEX sqlite_autoindex_dispute_events_2 (dispute_id=?)"},
        {"a user's sessions", [now](db::Database& d) { db::list_live_sessions(d, 1, {now, 86400}); },
         "SEARCH sessions USING INDEX sessions_user (user_id=?)"},
        {"the staff of a role", [](db::Database& d) { db::list_staff(d, accord::Role::mediator); },
         "SEARCH u USING INDEX users_role (role=?)"},
        {"the scheduler's due cases", [now](db::Database& d) { db::due_case_ids(d, now, 200); },
         "SEARCH cases USING COVERING INDEX cases_due (next_due_at>? AND next_due_at<?)"},
    };
    std::string buyer_orders_sql;
    for (const auto& list : lists) {
        INFO(list.list);
        const std::vector<std::string> sql = statements_of(server.db_path(), list.run);
        REQUIRE(sql.size() == 1);
        if (buyer_orders_sql.empty()) buyer_orders_sql = sql[0];
        const std::vector<std::string> plan = query_plan(server.db_path(), sql[0]);
        INFO(sql[0]);
        INFO(joined(plan));
        CHECK(index_problem(plan, list.step) == "");
    }

    // The check tells the two apart: a buyer's orders written as "(?1 = 0 OR o.buyer_id = ?1)"
    // (what the server ran before) scan every order and sort them.
    const std::string condition = "o.buyer_id = ?1";
    REQUIRE(contains(buyer_orders_sql, condition));
    std::string hidden = buyer_orders_sql;
    hidden.replace(hidden.find(condition), condition.size(), "(?1 = 0 OR o.buyer_id = ?1)");
    CHECK(index_problem(query_plan(server.db_path(), hidden), lists[0].step) != "");
}

TEST_CASE("pages of the case list fit together and give each case its next_due_at") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    Session merchant = sign_in(server, "merchant");
    Session support = sign_in(server, "support");
    const std::vector<std::string> orders = add_orders(server, 7, "buyer", kDigitalShop);
    std::vector<std::int64_t> filed;
    for (const std::string& order : orders) filed.push_back(file_case(buyer, filing_body(order)));
    // Another buyer's case in another shop sits between them in id order and must not show.
    const std::int64_t strangers = file_case(support, filing_body(add_order(server, "buyer2", kHomeShop)));
    filed.push_back(file_case(buyer, filing_body(add_order(server, "buyer", kDigitalShop))));
    // A withdrawn case has nothing left to fall due.
    const std::int64_t withdrawn = filed.front();
    act(buyer, withdrawn, {{"action", "withdraw"}, {"reason", "已与商家自行协商解决"}});

    const std::vector<std::int64_t> newest_first(filed.rbegin(), filed.rend());
    int pages = 0;
    const std::vector<json> buyers = all_pages(buyer, "/api/v1/disputes", 3, pages);
    CHECK(ids_of(buyers) == newest_first);
    CHECK(pages == 3);  // 8 cases by 3: the last page says next_before 0

    const std::vector<json> merchants = all_pages(merchant, "/api/v1/disputes", 2, pages);
    CHECK(ids_of(merchants) == newest_first);
    const std::vector<json> staff = all_pages(support, "/api/v1/disputes", 4, pages);
    std::vector<std::int64_t> everyone = newest_first;
    everyone.insert(everyone.begin() + 1, strangers);  // filed just before the buyer's last one
    CHECK(ids_of(staff) == everyone);

    // A cursor far past the newest case reads from the newest; one below every case reads nothing.
    CHECK(ids_of(get_ok(buyer, "/api/v1/disputes?limit=2&before=9223372036854775807")["disputes"]) ==
          std::vector<std::int64_t>(newest_first.begin(), newest_first.begin() + 2));
    CHECK(get_ok(buyer, "/api/v1/disputes?before=1")["disputes"].empty());

    const std::int64_t now = server_now(server);
    for (const json& d : buyers) {
        const std::int64_t id = d["id"].get<std::int64_t>();
        INFO("case " << id);
        const std::int64_t due = d["due"].get<std::int64_t>();
        // The scheduler's own column, as stored.
        CHECK(due == sql_int(server.db_path(), "SELECT COALESCE(next_due_at, 0) FROM cases WHERE dispute_id = " +
                                                   std::to_string(id)));
        if (id == withdrawn) {
            CHECK(due == 0);
        } else {
            // A case just filed waits on the platform's first answer: due within days, not now.
            CHECK(due > now);
            CHECK(due <= now + 7 * 86400);
        }
    }
    // Merchants and staff see the same due times as the buyer.
    for (std::size_t i = 0; i < buyers.size(); ++i) CHECK(merchants[i]["due"] == buyers[i]["due"]);
}

TEST_CASE("a bad list cursor or limit names the parameter") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    expect_error(buyer.get("/api/v1/disputes?before=-5"), 400, "invalid_format", "before");
    expect_error(buyer.get("/api/v1/disputes?before=9223372036854775808"), 400, "invalid_format", "before");
    expect_error(buyer.get("/api/v1/disputes?limit=0"), 400, "invalid_format", "limit");
    expect_error(buyer.get("/api/v1/disputes?limit=201"), 400, "invalid_format", "limit");
}
