// Who may do what, route by route: every case route × every role × a case of their own and one
// of someone else's, with the exact status. The expectations are written out by hand from
// PRODUCT.md ("each sees only what their role allows"), not derived from the server's code:
//   - buyers see their own cases, merchants their shop's, staff every case; a case the caller
//     may not see does not exist for them (404), and without a session nothing does (401);
//   - the parties and the staff working a case write messages and add evidence; a mediator or
//     arbitrator not assigned to the case does not (403 not_assigned); approvers write but add
//     no evidence (they review proposals);
//   - only the assigned mediator assesses evidence in mediation; a stale If-Match is a conflict
//     (409) for anyone who sees the case; the scheduler's timeout is nobody's to take;
//   - buyers file against merchants, merchants against buyers on their own shop's orders,
//     support files any kind on someone's behalf; other staff file nothing.
#include <doctest/doctest.h>

#include <functional>
#include <map>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

// One expected outcome: a status and, for errors, the code (nullptr: any code).
struct Expect {
    int status;
    const char* code = nullptr;
};
const Expect ok200{200}, created{201}, unauthenticated{401, "not_authenticated"}, hidden{404, "not_found"},
    forbidden{403, "forbidden"}, not_assigned{403, "not_assigned"}, refused403{403, nullptr},
    stale{409, "version_conflict"}, unknown_order{422, "unknown_order"};

// "" is a client without a session.
const std::vector<std::string> kRoles = {"buyer",    "buyer2",     "merchant",   "merchant2", "support", "mediator",
                                         "mediator2", "arbitrator", "approver", "admin",     ""};

// Expected outcome of each role on case A (buyer v. 星辰数码, mediator assigned) and on case B
// (buyer2 v. 优品家居, mediator2 assigned).
struct Row {
    std::string role;
    Expect on_a, on_b;
};
using Table = std::vector<Row>;

const Table kSee = {
    {"buyer", ok200, hidden},      {"buyer2", hidden, ok200},     {"merchant", ok200, hidden},
    {"merchant2", hidden, ok200},  {"support", ok200, ok200},     {"mediator", ok200, ok200},
    {"mediator2", ok200, ok200},   {"arbitrator", ok200, ok200},  {"approver", ok200, ok200},
    {"admin", ok200, ok200},       {"", unauthenticated, unauthenticated},
};
const Table kWriteMessage = {
    {"buyer", created, hidden},          {"buyer2", hidden, created},
    {"merchant", created, hidden},       {"merchant2", hidden, created},
    {"support", created, created},       {"mediator", created, not_assigned},
    {"mediator2", not_assigned, created}, {"arbitrator", not_assigned, not_assigned},
    {"approver", created, created},      {"admin", created, created},
    {"", unauthenticated, unauthenticated},
};
const Table kAddEvidence = {
    {"buyer", created, hidden},          {"buyer2", hidden, created},
    {"merchant", created, hidden},       {"merchant2", hidden, created},
    {"support", created, created},       {"mediator", created, not_assigned},
    {"mediator2", not_assigned, created}, {"arbitrator", not_assigned, not_assigned},
    {"approver", refused403, refused403}, {"admin", created, created},
    {"", unauthenticated, unauthenticated},
};
const Table kAssessEvidence = {
    {"buyer", forbidden, hidden},         {"buyer2", hidden, forbidden},
    {"merchant", forbidden, hidden},      {"merchant2", hidden, forbidden},
    {"support", forbidden, forbidden},    {"mediator", ok200, not_assigned},
    {"mediator2", not_assigned, ok200},   {"arbitrator", forbidden, forbidden},
    {"approver", forbidden, forbidden},   {"admin", forbidden, forbidden},
    {"", unauthenticated, unauthenticated},
};
const Table kStaleIfMatch = {
    {"buyer", stale, hidden},      {"buyer2", hidden, stale},     {"merchant", stale, hidden},
    {"merchant2", hidden, stale},  {"support", stale, stale},     {"mediator", stale, stale},
    {"mediator2", stale, stale},   {"arbitrator", stale, stale},  {"approver", stale, stale},
    {"admin", stale, stale},       {"", unauthenticated, unauthenticated},
};
const Table kTimeout = {
    {"buyer", forbidden, forbidden},      {"buyer2", forbidden, forbidden},    {"merchant", forbidden, forbidden},
    {"merchant2", forbidden, forbidden},  {"support", forbidden, forbidden},   {"mediator", forbidden, forbidden},
    {"mediator2", forbidden, forbidden},  {"arbitrator", forbidden, forbidden}, {"approver", forbidden, forbidden},
    {"admin", forbidden, forbidden},      {"", unauthenticated, unauthenticated},
};

// Filing (no case yet): the outcome per role of a buyer's claim and of a merchant's claim, each
// on a fresh order of "buyer" at 星辰数码 (the "merchant" shop).
struct FilingRow {
    std::string role;
    Expect buyer_vs_merchant, merchant_vs_buyer;
};
const std::vector<FilingRow> kFile = {
    {"buyer", created, forbidden},         {"buyer2", unknown_order, forbidden},
    {"merchant", forbidden, created},      {"merchant2", forbidden, unknown_order},
    {"support", created, created},         {"mediator", forbidden, forbidden},
    {"mediator2", forbidden, forbidden},   {"arbitrator", forbidden, forbidden},
    {"approver", forbidden, forbidden},    {"admin", forbidden, forbidden},
    {"", unauthenticated, unauthenticated},
};

struct World {
    SharedServer shared;
    std::int64_t a = 0, b = 0;                  // the two cases
    std::int64_t a_evidence = 0, b_evidence = 0;  // one file on each

    World() {
        Session support = shared.as("support");
        auto open = [&](const std::string& buyer, const std::string& shop, const std::string& mediator,
                        std::int64_t& id, std::int64_t& evidence) {
            Session claimant = shared.as(buyer), m = shared.as(mediator);
            id = file_case(claimant, filing_body(add_order(shared.server(), buyer, shop), "full_refund", 5000));
            act(support, id, accept_case());
            act(claimant, id, {{"action", "request_mediation"}});
            act(m, id, {{"action", "assign_mediator"}});
            evidence = upload_ok(claimant, id);
        };
        open("buyer", kDigitalShop, "mediator", a, a_evidence);
        open("buyer2", kHomeShop, "mediator2", b, b_evidence);
    }

    Session as(const std::string& role) {
        if (role.empty()) return Session{shared.server().client(), "", "en"};
        return shared.as(role);
    }
    std::int64_t evidence_of(std::int64_t id) const { return id == a ? a_evidence : b_evidence; }
};

World& world() {
    static World w;
    return w;
}

void expect(const httplib::Result& r, const Expect& e) {
    REQUIRE(r);
    INFO("reply: ", r->status, " ", r->body.substr(0, 300));
    CHECK(r->status == e.status);
    if (e.status >= 400) {
        const json body = body_of(r);
        REQUIRE(body.is_object());
        REQUIRE(body.contains("error"));
        if (e.code != nullptr) CHECK(body["error"]["code"] == e.code);
    }
}

using Request = std::function<httplib::Result(World&, Session&, std::int64_t id)>;

// Runs `request` as every role on both cases against `table`, which must name every role.
void check_table(const std::string& route, const Table& table, const Request& request) {
    World& w = world();
    REQUIRE(table.size() == kRoles.size());
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
        const Row& row = table[i];
        REQUIRE(row.role == kRoles[i]);
        for (const auto& [label, id, expected] : {std::tuple{"A", w.a, row.on_a}, std::tuple{"B", w.b, row.on_b}}) {
            const std::string who = row.role.empty() ? "(no session)" : row.role;
            const std::string case_label = label;
            CAPTURE(route);
            CAPTURE(who);
            CAPTURE(case_label);
            Session s = w.as(row.role);
            expect(request(w, s, id), expected);
        }
    }
}

json assess(std::int64_t evidence_id) {
    return {{"action", "assess_evidence"},
            {"assessment",
             {{"evidence_id", evidence_id}, {"authenticity", "accepted"}, {"relevance", "accepted"}, {"legality", "accepted"}}}};
}

}  // namespace

TEST_CASE("who sees a case: GET of the case, its history, messages, evidence list and files") {
    check_table("GET /disputes/{id}", kSee, [](World&, Session& s, std::int64_t id) { return s.get(case_path(id)); });
    check_table("GET /events", kSee, [](World&, Session& s, std::int64_t id) { return s.get(case_path(id, "/events")); });
    check_table("GET /messages", kSee,
                [](World&, Session& s, std::int64_t id) { return s.get(case_path(id, "/messages")); });
    check_table("GET /evidence", kSee,
                [](World&, Session& s, std::int64_t id) { return s.get(case_path(id, "/evidence")); });
    check_table("GET /evidence/{eid}", kSee, [](World& w, Session& s, std::int64_t id) {
        return s.get(case_path(id, "/evidence/" + std::to_string(w.evidence_of(id))));
    });
}

TEST_CASE("a file is reached only through its own case, even by staff") {
    World& w = world();
    for (const std::string role : {"buyer", "support", "admin"}) {
        CAPTURE(role);
        Session s = w.as(role);
        expect(s.get(case_path(w.a, "/evidence/" + std::to_string(w.b_evidence))), hidden);
        expect(s.get(case_path(w.a, "/evidence/999999")), hidden);
        expect(s.get(case_path(999999, "/evidence/" + std::to_string(w.a_evidence))), hidden);
    }
}

TEST_CASE("who writes on a case: messages and evidence") {
    check_table("POST /messages", kWriteMessage, [](World&, Session& s, std::int64_t id) {
        return s.post(case_path(id, "/messages"), json{{"body", "请尽快处理"}}.dump());
    });
    check_table("POST /evidence", kAddEvidence,
                [](World&, Session& s, std::int64_t id) { return upload(s, id, "photo.png", png_bytes()); });
}

TEST_CASE("who acts on a case: the assigned mediator assesses, a stale version conflicts, nobody takes a timeout") {
    check_table("POST /actions assess_evidence", kAssessEvidence, [](World& w, Session& s, std::int64_t id) {
        return post_action(s, id, assess(w.evidence_of(id)));
    });
    check_table("POST /actions with If-Match 1", kStaleIfMatch, [](World& w, Session& s, std::int64_t id) {
        return post_action(s, id, assess(w.evidence_of(id)), 1);
    });
    check_table("POST /actions timeout", kTimeout,
                [](World&, Session& s, std::int64_t id) { return post_action(s, id, {{"action", "timeout"}}); });
    // Refusals moved nothing: both cases are still in mediation with their mediator.
    Session admin = world().as("admin");
    CHECK(state_of(admin, world().a) == "mediation");
    CHECK(state_of(admin, world().b) == "mediation");
}

TEST_CASE("who files: buyers against merchants, merchants against buyers on their own orders, support for anyone") {
    World& w = world();
    REQUIRE(kFile.size() == kRoles.size());
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
        const FilingRow& row = kFile[i];
        REQUIRE(row.role == kRoles[i]);
        const std::string who = row.role.empty() ? "(no session)" : row.role;
        CAPTURE(who);
        Session s = w.as(row.role);
        json form = filing_body(add_order(w.shared.server(), "buyer", kDigitalShop), "full_refund", 5000);
        auto r = s.post("/api/v1/disputes", form.dump());
        expect(r, row.buyer_vs_merchant);
        if (row.buyer_vs_merchant.status == 422) CHECK(body_of(r)["error"]["field"] == "order_ref");

        form = filing_body(add_order(w.shared.server(), "buyer", kDigitalShop), "compensation", 5000);
        form["kind"] = "merchant_vs_buyer";
        r = s.post("/api/v1/disputes", form.dump());
        expect(r, row.merchant_vs_buyer);
        if (row.merchant_vs_buyer.status == 422) CHECK(body_of(r)["error"]["field"] == "order_ref");
        if (r && r->status == 201) CHECK(body_of(r)["dispute"]["kind"] == "merchant_vs_buyer");
    }
}

TEST_CASE("lists and rules: every signed-in role, each list holding exactly the cases the role may see") {
    World& w = world();
    // Which of A and B each role's list holds.
    const std::map<std::string, std::pair<bool, bool>> lists = {
        {"buyer", {true, false}},     {"buyer2", {false, true}},    {"merchant", {true, false}},
        {"merchant2", {false, true}}, {"support", {true, true}},    {"mediator", {true, true}},
        {"mediator2", {true, true}},  {"arbitrator", {true, true}}, {"approver", {true, true}},
        {"admin", {true, true}},
    };
    for (const std::string& role : kRoles) {
        const std::string who = role.empty() ? "(no session)" : role;
        CAPTURE(who);
        Session s = w.as(role);
        auto rules = s.get("/api/v1/rules");
        auto list = s.get("/api/v1/disputes?limit=200");
        if (role.empty()) {
            expect(rules, unauthenticated);
            expect(list, unauthenticated);
            continue;
        }
        expect(rules, ok200);
        expect(list, ok200);
        bool has_a = false, has_b = false;
        const json listed = body_of(list)["disputes"];
        for (const json& d : listed) {
            has_a = has_a || d["id"] == w.a;
            has_b = has_b || d["id"] == w.b;
        }
        CHECK(has_a == lists.at(role).first);
        CHECK(has_b == lists.at(role).second);
    }
}
