// The staff directory (GET /api/v1/staff?role=…): staff choose whom to assign a case to from it; the
// parties never see it; a missing or party role is refused by name.
#include <algorithm>

#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

std::vector<std::string> usernames(Session& s, const std::string& role) {
    std::vector<std::string> out;
    const json reply = get_ok(s, "/api/v1/staff?role=" + role);  // kept alive while iterating
    for (const json& u : reply["staff"]) {
        CHECK(u["role"] == role);
        CHECK(u["id"].get<std::int64_t>() == user_id(shared.server(), u["username"].get<std::string>()));
        out.push_back(u["username"].get<std::string>());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("staff list the mediators and arbitrators a case can be assigned to") {
    Session support = shared.as("support");
    CHECK(usernames(support, "mediator") == std::vector<std::string>{"mediator", "mediator2"});
    CHECK(usernames(support, "arbitrator") == std::vector<std::string>{"arbitrator", "arbitrator2"});
    Session mediator = shared.as("mediator");
    CHECK(usernames(mediator, "approver") == std::vector<std::string>{"approver", "manager"});
}

TEST_CASE("the parties never see the staff directory") {
    for (const char* who : {"buyer", "merchant"}) {
        Session s = shared.as(who);
        expect_error(s.get("/api/v1/staff?role=mediator"), 403, "forbidden");
    }
    Session nobody{shared.server().client(), "", "en"};
    expect_error(nobody.get("/api/v1/staff?role=mediator"), 401, "not_authenticated");
}

TEST_CASE("the staff directory names a missing or wrong role") {
    Session support = shared.as("support");
    expect_error(support.get("/api/v1/staff"), 422, "required", "role");
    expect_error(support.get("/api/v1/staff?role=buyer"), 422, "invalid_choice", "role");
    expect_error(support.get("/api/v1/staff?role=wizard"), 422, "invalid_choice", "role");
}
