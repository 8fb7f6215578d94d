// GET /metrics as Prometheus scrapes it: requests by route (never by raw path) and status, a
// latency histogram, cases by state, passed deadlines and the scheduler's lag, upload bytes and
// failed sign-ins; and the bearer token an operator may put in front of it.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "db/case_figures.hpp"
#include "fixtures.hpp"

using namespace accord::test;

namespace {

std::string scrape(const ServerProcess& server, const httplib::Headers& headers = {}) {
    auto r = server.client().Get("/metrics", headers);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    CHECK(r->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0) == 0);
    return r->body;
}

// The value of the one sample line that starts with `series` ("name{labels}"), or -1.
double sample(const std::string& text, const std::string& series) {
    std::size_t at = 0;
    while ((at = text.find(series + " ", at)) != std::string::npos) {
        if (at == 0 || text[at - 1] == '\n') return std::stod(text.substr(at + series.size() + 1));
        at += series.size();
    }
    return -1;
}

}  // namespace

TEST_CASE("metrics count requests by route pattern and status, with a latency histogram") {
    SharedServer w;
    Session buyer = w.as("buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop)));
    for (int i = 0; i < 3; ++i) view(buyer, id);
    CHECK(buyer.get("/api/v1/disputes/999999")->status == 404);

    // A request is counted once its reply has gone out (the access logger runs then), so the
    // last one may land a moment after this client has its reply: scrape until it shows.
    std::string text;
    const std::string last = R"(accord_http_requests_total{route="/api/v1/disputes/{id}",method="GET",status="404"})";
    for (int i = 0; i < 50 && sample(text, last) < 1; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        text = scrape(w.server());
    }
    // One series for every case's page, however many cases: the pattern, not the path.
    CHECK(sample(text, R"(accord_http_requests_total{route="/api/v1/disputes/{id}",method="GET",status="200"})") >= 3);
    CHECK(sample(text, R"(accord_http_requests_total{route="/api/v1/disputes/{id}",method="GET",status="404"})") == 1);
    CHECK(sample(text, R"(accord_http_requests_total{route="/api/v1/disputes",method="POST",status="201"})") == 1);
    CHECK(text.find("/api/v1/disputes/" + std::to_string(id)) == std::string::npos);
    // The histogram is cumulative and ends in +Inf == count.
    const double inf = sample(text, R"(accord_http_request_duration_seconds_bucket{route="/api/v1/disputes/{id}",le="+Inf"})");
    CHECK(inf >= 4);
    CHECK(sample(text, R"(accord_http_request_duration_seconds_count{route="/api/v1/disputes/{id}"})") == inf);
    CHECK(sample(text, R"(accord_http_request_duration_seconds_bucket{route="/api/v1/disputes/{id}",le="0.001"})") <= inf);
    CHECK(sample(text, R"(accord_cases{state="filed"})") == 1);
    CHECK(sample(text, "accord_connection_threads{state=\"busy\"}") >= 1);  // this scrape's own
}

TEST_CASE("metrics show failed and refused sign-ins and uploaded evidence bytes") {
    SharedServer w;
    httplib::Client c = w.server().client();
    for (int i = 0; i < 2; ++i)
        CHECK(c.Post("/api/v1/session", R"({"username":"buyer","password":"wrong-one"})", "application/json")->status ==
              401);
    Session buyer = w.as("buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop)));
    upload_ok(buyer, id, "photo.jpg", jpeg_bytes(5000));

    const std::string text = scrape(w.server());
    CHECK(sample(text, "accord_login_failures_total") == 2);
    CHECK(sample(text, "accord_login_limited_total") == 0);
    CHECK(sample(text, "accord_evidence_upload_bytes_total") == 5000);
}

TEST_CASE("passed deadlines and cases by state are counted from indexes, oldest deadline first") {
    // The scheduler of a running server fires a passed deadline within a second, so the figures
    // a stalled scheduler would leave are made on the stopped server's database.
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    const std::string order = add_order(server, "buyer", kDigitalShop);
    const std::int64_t first = file_case(buyer, filing_body(order));
    server.stop();
    accord::db::Database db(server.db_path());
    CHECK(accord::db::passed_deadlines(db, 1000).cases == 0);
    sql_exec(server.db_path(), "UPDATE cases SET next_due_at = 900 WHERE dispute_id = " + std::to_string(first));
    const accord::db::PassedDeadlines passed = accord::db::passed_deadlines(db, 1000);
    CHECK(passed.cases == 1);
    CHECK(passed.oldest == 900);
    CHECK(accord::db::passed_deadlines(db, 899).cases == 0);
    const auto states = accord::db::count_cases_by_state(db);
    REQUIRE(states.size() == 1);
    CHECK(states[0].first == "filed");
    CHECK(states[0].second == 1);
    // A scrape must cost the same at a million cases: both read an index, neither the table.
    CHECK(joined(query_plan(server.db_path(), "SELECT state, COUNT(*) FROM disputes GROUP BY state"))
              .find("COVERING INDEX disputes_state") != std::string::npos);
    CHECK(joined(query_plan(server.db_path(),
                            "SELECT COUNT(*), COALESCE(MIN(next_due_at), 0) FROM cases WHERE next_due_at <= 5"))
              .find("INDEX cases_due") != std::string::npos);
}

TEST_CASE("with --metrics-token, /metrics asks for the bearer token and tells nothing without it") {
    ServerProcess server("", {"--metrics-token", "s3cret-scrape"});
    auto anonymous = server.client().Get("/metrics");
    REQUIRE(anonymous);
    CHECK(anonymous->status == 401);
    CHECK(anonymous->get_header_value("WWW-Authenticate") == "Bearer");
    CHECK(anonymous->body.find("accord_") == std::string::npos);
    CHECK(server.client().Get("/metrics", {{"Authorization", "Bearer wrong"}})->status == 401);
    CHECK(scrape(server, {{"Authorization", "Bearer s3cret-scrape"}}).find("accord_http_requests_total") !=
          std::string::npos);
}
