// Sessions expire (unused for a day, or a week after sign-in), and their owners and admins list
// and revoke them, by id: the token never appears in any reply.
#include <string>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

constexpr std::int64_t kHour = 3600;

// Signs in from loopback address `from` with this User-Agent.
Session sign_in_from(const ServerProcess& server, const std::string& username, const std::string& from,
                     const std::string& user_agent) {
    Session s{server.client(), "", "en"};
    s.http.set_interface(from);
    httplib::Headers h = s.headers();
    h.emplace("User-Agent", user_agent);
    auto r = s.http.Post("/api/v1/session", h, json{{"username", username}, {"password", "accord-demo"}}.dump(),
                         "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    return s;
}

int status_of(Session& s, const std::string& path) {
    auto r = s.get(path);
    REQUIRE(r);
    return r->status;
}

httplib::Result del(Session& s, const std::string& path) { return s.http.Delete(path, s.headers()); }

json list_of(Session& s, const std::string& path = "/api/v1/sessions") {
    const json body = get_ok(s, path);
    REQUIRE(body["sessions"].is_array());
    return body["sessions"];
}

}  // namespace

TEST_CASE("a session ends after a day unused, and a week after sign-in however much it is used") {
    SharedServer w({"--test-clock"});
    const ServerProcess& server = w.server();
    Session idle = sign_in(server, "buyer");
    // Used every 23 hours, a session lives on past its first day.
    for (int i = 0; i < 2; ++i) {
        w.advance_clock(23 * kHour);
        CHECK(status_of(idle, "/api/v1/session") == 200);
    }
    w.advance_clock(24 * kHour + 1);
    auto gone = idle.get("/api/v1/session");
    expect_error(gone, 401, "not_authenticated");
    Session busy = sign_in(server, "buyer2");
    const std::int64_t signed_in = server_now(server);
    // Used every 20 hours it lives until 7 days after sign-in, not one second more.
    while (server_now(server) - signed_in + 20 * kHour < 7 * 24 * kHour) {
        w.advance_clock(20 * kHour);
        REQUIRE(status_of(busy, "/api/v1/session") == 200);
    }
    w.advance_clock(signed_in + 7 * 24 * kHour - server_now(server));
    expect_error(busy.get("/api/v1/session"), 401, "not_authenticated");
    expect_error(busy.get("/api/v1/orders"), 401, "not_authenticated");
    // Expired rows are swept at the next sign-in: only the new session is left of the two users'.
    sign_in(server, "merchant");
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM sessions WHERE user_id IN (SELECT id FROM users WHERE "
                                    "username IN ('buyer','buyer2'))") == 0);
}

TEST_CASE("people list their own sessions without tokens and revoke them") {
    ServerProcess server;
    Session laptop = sign_in_from(server, "buyer", "127.0.0.2", "Laptop Browser/1.0");
    Session phone = sign_in_from(server, "buyer", "127.0.0.3", "Phone Browser/2.0");
    Session other = sign_in(server, "buyer2");

    const json mine = list_of(laptop);
    REQUIRE(mine.size() == 2);
    // Newest first.
    CHECK(mine[0]["user_agent"] == "Phone Browser/2.0");
    CHECK(mine[0]["address"] == "127.0.0.3");
    CHECK(mine[0]["current"] == false);
    CHECK(mine[1]["user_agent"] == "Laptop Browser/1.0");
    CHECK(mine[1]["address"] == "127.0.0.2");
    CHECK(mine[1]["current"] == true);
    for (const json& s : mine) {
        for (const char* key : {"id", "created_at", "last_seen_at", "expires_at"}) CHECK(s[key].is_number_integer());
        CHECK(s.size() == 7);  // id, created_at, last_seen_at, expires_at, user_agent, address, current
    }
    // No token in the list: neither cookie's value appears anywhere in it.
    const std::string text = get_ok(laptop, "/api/v1/sessions").dump();
    for (Session* s : {&laptop, &phone}) CHECK(text.find(s->cookie.substr(s->cookie.find('=') + 1)) == std::string::npos);
    CHECK(list_of(phone)[0]["current"] == true);
    CHECK(list_of(other).size() == 1);

    const std::int64_t phone_id = mine[0]["id"];
    const std::int64_t laptop_id = mine[1]["id"];
    // Someone else's session cannot be revoked, nor told apart from one that does not exist.
    expect_error(del(other, "/api/v1/sessions/" + std::to_string(phone_id)), 404, "not_found", "id");
    expect_error(del(other, "/api/v1/sessions/999999"), 404, "not_found", "id");
    expect_error(del(other, "/api/v1/sessions/abc"), 404, "not_found", "id");
    CHECK(status_of(phone, "/api/v1/session") == 200);

    // Revoking the phone from the laptop signs the phone out, and only it.
    auto revoked = del(laptop, "/api/v1/sessions/" + std::to_string(phone_id));
    REQUIRE(revoked);
    CHECK(revoked->status == 204);
    CHECK(revoked->get_header_value("Set-Cookie").empty());  // the laptop's own cookie stays
    expect_error(phone.get("/api/v1/session"), 401, "not_authenticated");
    expect_error(del(laptop, "/api/v1/sessions/" + std::to_string(phone_id)), 404, "not_found", "id");
    REQUIRE(list_of(laptop).size() == 1);

    // Revoking one's own current session is signing out: the cookie is cleared.
    auto out = del(laptop, "/api/v1/sessions/" + std::to_string(laptop_id));
    REQUIRE(out);
    CHECK(out->status == 204);
    CHECK(out->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    expect_error(laptop.get("/api/v1/sessions"), 401, "not_authenticated");
    CHECK(status_of(other, "/api/v1/session") == 200);
}

TEST_CASE("admins list and revoke anyone's sessions, nobody else can") {
    ServerProcess server;
    Session admin = sign_in(server, "admin");
    Session buyer_a = sign_in_from(server, "buyer", "127.0.0.2", "A");
    Session buyer_b = sign_in_from(server, "buyer", "127.0.0.3", "B");
    const std::string buyer_path = "/api/v1/users/" + std::to_string(user_id(server, "buyer")) + "/sessions";

    const json listed = list_of(admin, buyer_path);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0]["user_agent"] == "B");
    CHECK(listed[0]["current"] == false);  // the admin's own session is not among them

    // Not even for one's own account: people see their own through /api/v1/sessions.
    expect_error(buyer_a.get(buyer_path), 403, "forbidden");
    expect_error(del(buyer_a, buyer_path), 403, "forbidden");
    for (const char* role : {"merchant", "support", "mediator", "arbitrator", "approver"}) {
        CAPTURE(role);
        Session s = sign_in(server, role);
        expect_error(s.get(buyer_path), 403, "forbidden");
        expect_error(del(s, buyer_path), 403, "forbidden");
    }
    Session anon{server.client(), "", "en"};
    expect_error(anon.get(buyer_path), 401, "not_authenticated");
    expect_error(admin.get("/api/v1/users/999999/sessions"), 404, "not_found", "user_id");
    expect_error(admin.get("/api/v1/users/abc/sessions"), 404, "not_found", "user_id");

    // One of them.
    auto one = del(admin, buyer_path + "/" + std::to_string(listed[0]["id"].get<std::int64_t>()));
    REQUIRE(one);
    CHECK(one->status == 204);
    expect_error(buyer_b.get("/api/v1/session"), 401, "not_authenticated");
    CHECK(status_of(buyer_a, "/api/v1/session") == 200);
    expect_error(del(admin, buyer_path + "/" + std::to_string(listed[0]["id"].get<std::int64_t>())), 404, "not_found",
                 "id");

    // All of them (a lost phone, a left employee).
    Session buyer_c = sign_in(server, "buyer");
    auto all = del(admin, buyer_path);
    REQUIRE(all);
    CHECK(all->status == 200);
    CHECK(body_of(all)["revoked"] == 2);
    expect_error(buyer_a.get("/api/v1/session"), 401, "not_authenticated");
    expect_error(buyer_c.get("/api/v1/session"), 401, "not_authenticated");
    CHECK(list_of(admin, buyer_path).empty());
    CHECK(status_of(admin, "/api/v1/session") == 200);
}
