// Bad input on POST /api/v1/disputes/{id}/actions: every refusal is a 4xx JSON error naming the
// field by its path on the wire, and leaves nothing behind (no case version, no event, no row).
#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

// A buyer's case in negotiation (offer 1 from the merchant), order total 899.00.
std::int64_t negotiating_case() {
    Session buyer = shared.as("buyer"), merchant = shared.as("merchant"), support = shared.as("support");
    const std::int64_t id =
        file_case(buyer, filing_body(add_order(shared.server(), "buyer", kDigitalShop, 89900), "full_refund", 50000));
    act(support, id, accept_case());
    act(merchant, id, {{"action", "merchant_offer"}, {"terms", terms("partial_refund", 10000)}});
    return id;
}

struct Bad {
    std::string body;
    int status;
    std::string code, field;
};

}  // namespace

TEST_CASE("action bodies that do not decode: 400 with the field, nothing written") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t id = negotiating_case();
    const std::int64_t version = view(buyer, id)["version"].get<std::int64_t>();
    const Footprint before = footprint(server);
    const std::vector<Bad> bad = {
        // Not JSON, not an object.
        {R"({"action":"withdraw")", 400, "malformed_json", ""},
        {"", 400, "malformed_json", ""},
        {R"(["withdraw"])", 400, "wrong_type", ""},
        {R"(null)", 400, "wrong_type", ""},
        // The action itself.
        {R"({})", 400, "required", "action"},
        {R"({"reason":"x"})", 400, "required", "action"},
        {R"({"action":7})", 400, "wrong_type", "action"},
        {R"({"action":"escalate"})", 400, "invalid_choice", "action"},
        {R"({"action":"WITHDRAW","reason":"x"})", 400, "invalid_choice", "action"},
        // Keys of another action, or of none.
        {R"({"action":"withdraw","reason":"不想要了","terms":{"remedy":"full_refund","amount_minor":100}})", 400,
         "unknown_field", "terms"},
        {R"({"action":"make_offer","terms":{"remedy":"full_refund","amount_minor":100},"offer_seq":1})", 400,
         "unknown_field", "offer_seq"},
        {R"({"action":"accept_offer","offer_seq":1,"actor_id":3})", 400, "unknown_field", "actor_id"},
        {R"({"action":"make_offer","terms":{"remedy":"full_refund","amount_minor":100,"discount":5}})", 400,
         "unknown_field", "terms.discount"},
        // Wrong types and values.
        {R"({"action":"withdraw","reason":42})", 400, "wrong_type", "reason"},
        {R"({"action":"make_offer","terms":"full refund"})", 400, "wrong_type", "terms"},
        {R"({"action":"make_offer","terms":{"remedy":"full_refund","amount_minor":"100"}})", 400, "wrong_type",
         "terms.amount_minor"},
        {R"({"action":"make_offer","terms":{"remedy":"free_money","amount_minor":100}})", 400, "invalid_choice",
         "terms.remedy"},
        {R"({"action":"make_offer","terms":{"remedy":"full_refund"}})", 400, "required", "terms.amount_minor"},
        {R"({"action":"make_offer"})", 400, "required", "terms"},
        {R"({"action":"make_offer","terms":{"remedy":"full_refund","amount_minor":100,"payer":"bank"}})", 400,
         "invalid_choice", "terms.payer"},
        {R"({"action":"accept_offer","offer_seq":"1"})", 400, "wrong_type", "offer_seq"},
        {R"({"action":"accept_offer","offer_seq":1.0})", 400, "wrong_type", "offer_seq"},
        {R"({"action":"accept_offer","offer_seq":9223372036854775808})", 400, "invalid_format", "offer_seq"},
        {R"({"action":"merchant_contest","reason":"x","evidence_ids":"1"})", 400, "wrong_type", "evidence_ids"},
        {R"({"action":"merchant_contest","reason":"x","evidence_ids":[1,"2"]})", 400, "wrong_type", "evidence_ids[1]"},
        {R"({"action":"complete_step","inspection_passed":"yes"})", 400, "wrong_type", "inspection_passed"},
        {R"({"action":"refer_external","reason":"x","external":"newspaper"})", 400, "invalid_choice", "external"},
        {R"({"action":"rate","rating":{"score":5,"stars":5}})", 400, "unknown_field", "rating.stars"},
        {R"({"action":"request_info","items":"照片"})", 400, "wrong_type", "items"},
        {R"({"action":"accept_case","triage":{"category":"quality_defect","priority":"asap","queue":"frontline","root_cause":"other"}})",
         400, "invalid_choice", "triage.priority"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.body);
        expect_error(buyer.post(case_path(id, "/actions"), b.body), b.status, b.code, b.field);
    }
    CHECK(footprint(server) == before);
    CHECK(view(buyer, id)["version"] == version);
}

TEST_CASE("action bodies that decode but break a rule: 422 naming the wire field, nothing written") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer"), merchant = shared.as("merchant");
    const std::int64_t id = negotiating_case();
    const Footprint before = footprint(server);
    const std::vector<Bad> bad = {
        {json{{"action", "make_offer"}, {"terms", terms("partial_refund", 89901)}}.dump(), 422, "exceeds_order_total",
         "terms.amount_minor"},
        {json{{"action", "make_offer"}, {"terms", terms("partial_refund", 0)}}.dump(), 422, "must_be_positive",
         "terms.amount_minor"},
        {json{{"action", "make_offer"}, {"terms", terms("partial_refund", 100, "merchant", 50)}}.dump(), 422,
         "not_applicable", "terms.platform_amount_minor"},
        {json{{"action", "make_offer"}, {"terms", terms("partial_refund", 100, "shared", 100)}}.dump(), 422,
         "share_out_of_range", "terms.platform_amount_minor"},
        {json{{"action", "make_offer"}, {"terms", {{"remedy", "partial_refund"}, {"amount_minor", 100}, {"currency", "USD"}}}}.dump(),
         422, "currency_mismatch", "terms.currency"},
        {json{{"action", "make_offer"}, {"terms", terms("partial_refund", 100)}, {"reason", std::string(2001, 'r')}}.dump(),
         422, "too_long", "reason"},
        {json{{"action", "accept_offer"}, {"offer_seq", 7}}.dump(), 422, "not_found", "offer_seq"},
        {json{{"action", "withdraw"}}.dump(), 422, "required", "reason"},
        {json{{"action", "withdraw"}, {"reason", "   "}}.dump(), 422, "required", "reason"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.body.substr(0, 120));
        expect_error(buyer.post(case_path(id, "/actions"), b.body), b.status, b.code, b.field);
    }
    CHECK(footprint(server) == before);
    CHECK(state_of(merchant, id) == "negotiation");
}

TEST_CASE("action requests that are refused before the body is read, or that name no case") {
    ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const std::int64_t id = negotiating_case();
    const Footprint before = footprint(server);
    const std::string path = case_path(id, "/actions");
    const std::string withdraw = json{{"action", "withdraw"}, {"reason", "不想要了"}}.dump();

    json big = {{"action", "withdraw"}, {"reason", std::string(64 * 1024, 'x')}};
    expect_error(buyer.post(path, big.dump()), 413, "body_too_large");
    expect_error(buyer.post(path, withdraw, "text/plain"), 415, "unsupported_media_type");
    expect_error(buyer.post(path, multipart_body({{"action", "", "text/plain", "withdraw"}}), kMultipartType), 415,
                 "unsupported_media_type");
    const RawResponse chunked =
        raw_http(server.port(), "POST " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + buyer.cookie +
                                    "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                    "Connection: close\r\n\r\n" +
                                    [&] {
                                        char size[16];
                                        std::snprintf(size, sizeof size, "%zx", withdraw.size());
                                        return std::string(size) + "\r\n" + withdraw + "\r\n0\r\n\r\n";
                                    }());
    expect_error(chunked, 411, "length_required");
    for (const char* tag : {"abc", "\"\"", "\"-1\"", "\"0\"", "1.5"}) {
        CAPTURE(tag);
        httplib::Headers h = buyer.headers();
        h.emplace("If-Match", tag);
        expect_error(buyer.http.Post(path, h, withdraw, "application/json"), 400, "invalid_format", "If-Match");
    }
    Session nobody{server.client(), "", "en"};
    expect_error(nobody.post(path, withdraw), 401, "not_authenticated");
    for (const std::string bad_id : {"0", "-3", "abc", "1e3", "999999", "+1"}) {
        CAPTURE(bad_id);
        expect_error(buyer.post("/api/v1/disputes/" + bad_id + "/actions", withdraw), 404, "not_found");
    }
    CHECK(footprint(server) == before);
    CHECK(state_of(buyer, id) == "negotiation");
}
