// Signing in and out against the real server.
#include <doctest/doctest.h>

#include "cli.hpp"
#include "fixtures.hpp"
#include "server_process.hpp"

using namespace accord::test;

TEST_CASE("a demo account signs in, is remembered by its cookie, and signs out") {
    ServerProcess server;
    Session buyer = sign_in(server, "buyer");
    CHECK(buyer.cookie.rfind("accord_session=", 0) == 0);

    auto me = buyer.get("/api/v1/session");
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(body_of(me)["user"]["role"] == "buyer");
    CHECK(body_of(me)["user"]["display_name"] == "张伟");

    auto out = buyer.http.Delete("/api/v1/session", buyer.headers());
    REQUIRE(out);
    CHECK(out->status == 204);
    auto again = buyer.get("/api/v1/session");
    REQUIRE(again);
    CHECK(again->status == 401);
    CHECK(body_of(again)["error"]["code"] == "not_authenticated");
}

TEST_CASE("the session cookie is HttpOnly and SameSite") {
    ServerProcess server;
    auto c = server.client();
    auto r = c.Post("/api/v1/session", R"({"username":"merchant","password":"accord-demo"})", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const std::string cookie = r->get_header_value("Set-Cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("Path=/") != std::string::npos);
}

TEST_CASE("a wrong password gets 401 invalid_credentials and no cookie") {
    ServerProcess server;
    auto c = server.client();
    for (const char* body : {R"({"username":"buyer","password":"wrong"})", R"({"username":"nobody","password":"x"})"}) {
        auto r = c.Post("/api/v1/session", body, "application/json");
        REQUIRE(r);
        CHECK(r->status == 401);
        CHECK(r->get_header_value("Set-Cookie").empty());
        CHECK(body_of(r)["error"]["code"] == "invalid_credentials");
    }
}

TEST_CASE("the page's check at load: signed out is an answer, not an error, and a dead cookie is cleared") {
    SharedServer w;
    httplib::Client c = w.server().client();
    auto out = c.Get("/api/v1/session?optional=1");
    REQUIRE(out);
    CHECK(out->status == 200);
    CHECK(body_of(out)["user"].is_null());
    CHECK(!out->has_header("Set-Cookie"));  // nothing to clear

    auto stale = c.Get("/api/v1/session?optional=1", {{"Cookie", "accord_session=not-a-live-session"}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(body_of(stale)["user"].is_null());
    CHECK(stale->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);

    Session buyer = w.as("buyer");
    const auto in = buyer.get("/api/v1/session?optional=1");
    REQUIRE(in);
    CHECK(in->status == 200);
    CHECK(body_of(in)["user"]["username"] == "buyer");
    // Without the flag, every other caller still gets the 401 that says "sign in".
    expect_error(c.Get("/api/v1/session"), 401, "not_authenticated");
}

TEST_CASE("behind TLS (--public-url https://...) the session cookie is Secure and HSTS is sent; not otherwise") {
    for (const bool tls : {false, true}) {
        CAPTURE(tls);
        ServerProcess server("", tls ? std::vector<std::string>{"--public-url", "https://odr.example.com"}
                                     : std::vector<std::string>{});
        auto r = server.client().Post("/api/v1/session", R"({"username":"buyer","password":"accord-demo"})",
                                      "application/json");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        const std::string cookie = r->get_header_value("Set-Cookie");
        CHECK(cookie.find("HttpOnly") != std::string::npos);
        CHECK((cookie.find("; Secure") != std::string::npos) == tls);
        CHECK(r->has_header("Strict-Transport-Security") == tls);
    }
}

TEST_CASE("--public-url must be an http(s) address: the server refuses to start otherwise") {
    const CliRun run = run_cli({"serve", "--port", "0", "--public-url", "odr.example.com", "--data-dir", "/nonexistent/x"});
    CHECK(run.status != 0);
    CHECK(run.err.find("--public-url") != std::string::npos);
    CHECK(run.err.find("https://") != std::string::npos);
}
