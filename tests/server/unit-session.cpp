// Signing in and out against the real server.
#include <doctest/doctest.h>

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
