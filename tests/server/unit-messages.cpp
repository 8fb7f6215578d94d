// Messages on a case: the parties and the staff working it write; staff keep internal notes the
// parties never see (neither in /messages nor in /events); merchants see the buyer masked; a
// mediator who is not on the case does not write; bad bodies are refused without a trace.
#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

// A buyer's case in mediation with "mediator" assigned.
std::int64_t mediated_case() {
    Session buyer = shared.as("buyer"), support = shared.as("support"), mediator = shared.as("mediator");
    const std::int64_t id =
        file_case(buyer, filing_body(add_order(shared.server(), "buyer", kDigitalShop), "full_refund", 5000));
    act(support, id, accept_case());
    act(buyer, id, {{"action", "request_mediation"}});
    act(mediator, id, {{"action", "assign_mediator"}});
    return id;
}

json post_message(Session& s, std::int64_t id, const std::string& body, const std::string& visibility = "all") {
    auto r = s.post(case_path(id, "/messages"), json{{"body", body}, {"visibility", visibility}}.dump());
    INFO("reply: ", (r ? std::to_string(r->status) + " " + r->body : std::string("none")));
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["message"];
}

std::vector<std::string> bodies(Session& s, std::int64_t id) {
    std::vector<std::string> out;
    const json messages = get_ok(s, case_path(id, "/messages"))["messages"];
    for (const json& m : messages) out.push_back(m["body"].get<std::string>());
    return out;
}

}  // namespace

TEST_CASE("staff notes stay with the staff: parties see neither the note nor its event") {
    Session buyer = shared.as("buyer"), merchant = shared.as("merchant"), support = shared.as("support"),
            mediator = shared.as("mediator"), approver = shared.as("approver");
    const std::int64_t id = mediated_case();
    post_message(buyer, id, "耳机左耳没声音，请尽快处理");
    post_message(merchant, id, "我们已安排售后检测");
    const json note = post_message(mediator, id, "商家历史投诉较多，注意核实", "staff");
    CHECK(note["visibility"] == "staff");
    post_message(support, id, "已通知双方补充证据");
    post_message(approver, id, "审批意见：请补充检测报告", "staff");

    const std::vector<std::string> everyone = {"耳机左耳没声音，请尽快处理", "我们已安排售后检测", "已通知双方补充证据"};
    const std::vector<std::string> staff = {"耳机左耳没声音，请尽快处理", "我们已安排售后检测", "商家历史投诉较多，注意核实",
                                            "已通知双方补充证据", "审批意见：请补充检测报告"};
    CHECK(bodies(buyer, id) == everyone);
    CHECK(bodies(merchant, id) == everyone);
    for (const std::string role : {"support", "mediator", "mediator2", "arbitrator", "approver", "admin"}) {
        CAPTURE(role);
        Session s = shared.as(role);
        CHECK(bodies(s, id) == staff);
    }

    // The history: each message is an event; the notes' events only for staff.
    const auto message_events = [&](Session& s) { return events_of(events(s, id), "message").size(); };
    CHECK(message_events(buyer) == 3);
    CHECK(message_events(merchant) == 3);
    CHECK(message_events(support) == 5);
    std::vector<std::string> writers;
    for (const json& e : events_of(events(support, id), "message")) writers.push_back(e["relation"].is_string() ? e["relation"].get<std::string>() : "-");
    CHECK(writers == std::vector<std::string>{"case_buyer", "case_merchant", "assigned_mediator", "support", "approver"});

    // Parties cannot write notes.
    for (Session* party : {&buyer, &merchant}) {
        const Footprint before = footprint(shared.server());
        expect_error(party->post(case_path(id, "/messages"), json{{"body", "悄悄话"}, {"visibility", "staff"}}.dump()),
                     422, "invalid_choice", "visibility");
        CHECK(footprint(shared.server()) == before);
    }
}

TEST_CASE("merchants see the buyer's messages under the masked name, staff see who wrote") {
    Session buyer = shared.as("buyer"), merchant = shared.as("merchant"), support = shared.as("support"),
            mediator = shared.as("mediator");
    const std::int64_t id = mediated_case();
    post_message(buyer, id, "我的电话是多少你们都知道吧");
    post_message(mediator, id, "请双方冷静");
    const json for_merchant = get_ok(merchant, case_path(id, "/messages"))["messages"];
    REQUIRE(for_merchant.size() == 2);
    CHECK(for_merchant[0]["author_name"] == "张*");
    CHECK(for_merchant[0]["author_id"] == 0);
    CHECK(for_merchant[0]["author_role"] == "buyer");
    CHECK(for_merchant[1]["author_name"] == "调解员陈静");
    CHECK(for_merchant[1]["author_id"] == user_id(shared.server(), "mediator"));
    for (Session* s : {&support, &buyer}) {
        const json list = get_ok(*s, case_path(id, "/messages"))["messages"];
        CHECK(list[0]["author_name"] == "张伟");
        CHECK(list[0]["author_id"] == user_id(shared.server(), "buyer"));
    }
    // Nor does the merchant's copy of the case name the buyer.
    CHECK(view(merchant, id)["dispute"]["buyer"]["name"] == "张*");
}

TEST_CASE("a mediator not assigned to the case cannot post, the assigned one can") {
    Session buyer = shared.as("buyer"), support = shared.as("support"), mediator = shared.as("mediator"),
            mediator2 = shared.as("mediator2"), arbitrator = shared.as("arbitrator");
    // Before anyone is assigned, no mediator writes.
    const std::int64_t id = file_case(buyer, filing_body(add_order(shared.server(), "buyer", kDigitalShop), "full_refund", 5000));
    act(support, id, accept_case());
    act(buyer, id, {{"action", "request_mediation"}});
    const Footprint before = footprint(shared.server());
    for (Session* s : {&mediator, &mediator2, &arbitrator})
        expect_error(s->post(case_path(id, "/messages"), json{{"body", "我来看看"}}.dump()), 403, "not_assigned");
    CHECK(footprint(shared.server()) == before);

    act(mediator, id, {{"action", "assign_mediator"}});
    post_message(mediator, id, "本案由我负责调解");
    expect_error(mediator2.post(case_path(id, "/messages"), json{{"body", "我也来"}}.dump()), 403, "not_assigned");
    expect_error(mediator2.post(case_path(id, "/messages"), json{{"body", "内部"}, {"visibility", "staff"}}.dump()), 403,
                 "not_assigned");
    CHECK(bodies(support, id) == std::vector<std::string>{"本案由我负责调解"});
}

TEST_CASE("bad message bodies are refused, naming the field, and write nothing") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t id = mediated_case();
    const std::string path = case_path(id, "/messages");
    const Footprint before = footprint(server);

    struct Bad {
        std::string body;
        int status;
        std::string code, field;
    };
    const std::vector<Bad> bad = {
        {R"({"body":"x")", 400, "malformed_json", ""},
        {R"(["body"])", 400, "wrong_type", ""},
        {R"("hello")", 400, "wrong_type", ""},
        {R"({})", 400, "required", "body"},
        {R"({"body":42})", 400, "wrong_type", "body"},
        {R"({"body":"hi","visibility":"public"})", 400, "invalid_choice", "visibility"},
        {R"({"body":"hi","visibility":true})", 400, "wrong_type", "visibility"},
        {R"({"body":"hi","to":"merchant"})", 400, "unknown_field", "to"},
        {R"({"body":""})", 422, "required", "body"},
        {R"({"body":"  \n\t "})", 422, "required", "body"},
        {json{{"body", std::string(2001, 'a')}}.dump(), 422, "too_long", "body"},
        {json{{"body", std::string(64 * 1024, 'a')}}.dump(), 413, "body_too_large", ""},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.body.substr(0, 60));
        expect_error(buyer.post(path, b.body), b.status, b.code, b.field);
    }
    expect_error(buyer.post(path, R"({"body":"hi"})", "text/plain"), 415, "unsupported_media_type");
    Session nobody{server.client(), "", "en"};
    expect_error(nobody.post(path, R"({"body":"hi"})"), 401, "not_authenticated");
    expect_error(shared.as("buyer2").post(path, R"({"body":"hi"})"), 404, "not_found");
    expect_error(buyer.post(case_path(999999, "/messages"), R"({"body":"hi"})"), 404, "not_found");
    CHECK(footprint(server) == before);

    // The limits are inclusive: 2000 characters (Chinese ones count one each) are taken.
    std::string longest;
    for (int i = 0; i < 2000; ++i) longest += "字";
    CHECK(post_message(buyer, id, longest)["body"] == longest);
}
