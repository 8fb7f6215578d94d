// The wire format of lifecycle actions: strict per action, round-trips, nested field paths.
#include <doctest/doctest.h>

#include "accord/api_lifecycle.hpp"
#include "accord/json_reader.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;
using nlohmann::json;

static FieldErrors decode_text(const std::string& text, ActionRequest& out) {
    return api::decode(parse_json(text), out);
}

TEST_CASE("every action survives encode then decode") {
    ActionRequest r;
    r.reason = "因为商品与描述不符";
    r.triage = {Category::counterfeit, Priority::urgent, Queue::specialist, RootCause::platform_error, true};
    r.items = {"发票照片", "快递面单"};
    r.terms = {Remedy::partial_refund, {30000, "CNY"}, "退还差价"};
    r.target = 3;
    r.assessment = {42, Finding::accepted, Finding::doubtful, Finding::rejected, "来源不明", 0, 0};
    r.inspection = {"第三方质检", Party::merchant, 0};
    r.ruling.liability = Liability::shared;
    r.ruling.remedy = {Remedy::return_and_refund, {50000, "CNY"}, ""};
    r.ruling.reasoning = "双方均有过错，商家承担主要责任。";
    r.ruling.violation = Violation::false_description;
    r.ruling.force_majeure = false;
    r.tracking_number = "SF1234567890";
    r.inspection_passed = false;
    r.evidence_ids = {7, 8};
    r.rating = {4, "满意", 0};
    r.external = ExternalBody::arbitration_institution;
    for (const auto& e : EnumTable<Action>::entries) {
        CAPTURE(e.key);
        r.action = e.value;
        ActionRequest back;
        const FieldErrors errors = api::decode(api::encode(r), back);
        CHECK(errors.empty());
        CHECK(back.action == r.action);
        CHECK(back.reason == r.reason);
        switch (r.action) {
            case Action::accept_case:
                CHECK(back.triage.category == Category::counterfeit);
                CHECK(back.triage.priority == Priority::urgent);
                CHECK(back.triage.queue == Queue::specialist);
                CHECK(back.triage.root_cause == RootCause::platform_error);
                CHECK(back.triage.personal_safety);
                break;
            case Action::request_info: CHECK(back.items == r.items); break;
            case Action::make_offer:
                CHECK(back.terms.remedy == Remedy::partial_refund);
                CHECK(back.terms.amount == r.terms.amount);
                CHECK(back.terms.terms == "退还差价");
                break;
            case Action::accept_offer: CHECK(back.target == 3); break;
            case Action::assign_mediator: CHECK(back.target == 3); break;
            case Action::assess_evidence:
                CHECK(back.assessment.evidence_id == 42);
                CHECK(back.assessment.relevance == Finding::doubtful);
                CHECK(back.assessment.legality == Finding::rejected);
                CHECK(back.assessment.note == "来源不明");
                break;
            case Action::order_inspection: CHECK(back.inspection.payer == Party::merchant); break;
            case Action::rule:
                CHECK(back.ruling.liability == Liability::shared);
                CHECK(back.ruling.remedy.amount.minor == 50000);
                REQUIRE(back.ruling.violation.has_value());
                CHECK(*back.ruling.violation == Violation::false_description);
                break;
            case Action::complete_step:
                CHECK(back.tracking_number == "SF1234567890");
                CHECK_FALSE(back.inspection_passed);
                break;
            case Action::refer_external: CHECK(back.external == ExternalBody::arbitration_institution); break;
            // No payload besides the reason. No default: a new action must say here what it carries.
            case Action::provide_info:
            case Action::reject_case:
            case Action::merchant_accept:
            case Action::request_mediation:
            case Action::approve_proposal:
            case Action::return_proposal:
            case Action::consent:
            case Action::decline_proposal:
            case Action::refer_to_arbitration:
            case Action::appeal:
            case Action::close_case:
            case Action::withdraw:
            case Action::flag_litigation_risk:
            case Action::timeout: CHECK(api::encode(r).size() == 2); break;  // "action" and "reason"
            case Action::merchant_offer:
            case Action::propose_settlement: CHECK(back.terms.amount == r.terms.amount); break;
            case Action::assign_arbitrator: CHECK(back.target == 3); break;
            case Action::merchant_contest: CHECK(back.evidence_ids == r.evidence_ids); break;
            case Action::rate:
                CHECK(back.rating.score == 4);
                CHECK(back.rating.comment == "满意");
                break;
        }
    }
}

TEST_CASE("every action: decoding its encoding gives the same request, and encoding that the same body") {
    // A request with every payload field set away from its default, so a field an encoder forgets shows.
    ActionRequest r;
    r.reason = "理由";
    r.triage = {Category::after_sales, Priority::urgent, Queue::specialist, RootCause::customer_misunderstanding, true};
    r.items = {"发票"};
    r.evidence_ids = {31, 32};
    r.rating = {2, "太慢", 0};
    r.terms = with_payer({Remedy::compensation, {1234, "CNY"}, "优惠券"}, Payer::shared, 234);
    r.target = 17;
    r.assessment = {9, Finding::rejected, Finding::accepted, Finding::doubtful, "存疑", 0, 0};
    r.inspection = {"检测", Party::buyer, 0};
    r.ruling.liability = Liability::merchant;
    r.ruling.remedy = with_payer({Remedy::repair, {0, "CNY"}, "维修"}, Payer::platform);
    r.ruling.reasoning = "理由充分的裁决书正文";
    r.ruling.violation = Violation::late_shipment;
    r.ruling.force_majeure = true;
    r.tracking_number = "YT1234567";
    r.inspection_passed = false;
    r.external = ExternalBody::arbitration_institution;
    for (const auto& e : EnumTable<Action>::entries) {
        CAPTURE(e.key);
        r.action = e.value;
        const json body = api::encode(r);
        ActionRequest back;
        REQUIRE(api::decode(body, back).empty());
        CHECK(back.action == r.action);
        CHECK(back.reason == r.reason);
        CHECK(api::encode(back) == body);
        // The decoder takes exactly the keys the encoder writes: each one alone is accepted, a foreign one is not.
        json extra = body;
        extra["no_such_key"] = 1;
        ActionRequest ignored;
        CHECK(has_error(api::decode(extra, ignored), "no_such_key", ErrorCode::unknown_field));
    }
}

TEST_CASE("the action decides which keys are allowed") {
    ActionRequest r;
    SUBCASE("a key of another action is unknown here") {
        const FieldErrors e = decode_text(R"({"action":"withdraw","reason":"不想要了","terms":{}})", r);
        CHECK(has_error(e, "terms", ErrorCode::unknown_field));
    }
    SUBCASE("a key no action takes") {
        CHECK(has_error(decode_text(R"({"action":"consent","actor_id":5})", r), "actor_id", ErrorCode::unknown_field));
    }
    SUBCASE("the actor and the time never come from the body") {
        CHECK(has_error(decode_text(R"({"action":"consent","at":1})", r), "at", ErrorCode::unknown_field));
    }
}

TEST_CASE("missing, mistyped and unknown actions") {
    ActionRequest r;
    CHECK(has_error(decode_text(R"({})", r), "action", ErrorCode::required));
    CHECK(has_error(decode_text(R"({"action":7})", r), "action", ErrorCode::wrong_type));
    CHECK(has_error(decode_text(R"({"action":"dance"})", r), "action", ErrorCode::invalid_choice));
    CHECK(has_error(decode_text(R"([1,2])", r), "", ErrorCode::wrong_type));
    CHECK(has_error(decode_text(R"({"action":"withdraw","reason":5})", r), "reason", ErrorCode::wrong_type));
}

TEST_CASE("nested problems name their path") {
    ActionRequest r;
    SUBCASE("terms") {
        const FieldErrors e = decode_text(R"({"action":"make_offer","terms":{"remedy":"gift","amount_minor":"5","extra":1}})", r);
        CHECK(has_error(e, "terms.remedy", ErrorCode::invalid_choice));
        CHECK(has_error(e, "terms.amount_minor", ErrorCode::wrong_type));
        CHECK(has_error(e, "terms.extra", ErrorCode::unknown_field));
    }
    SUBCASE("terms must be an object") {
        CHECK(has_error(decode_text(R"({"action":"make_offer","terms":[1]})", r), "terms", ErrorCode::wrong_type));
        CHECK(has_error(decode_text(R"({"action":"make_offer"})", r), "terms", ErrorCode::required));
    }
    SUBCASE("ruling and its remedy") {
        const FieldErrors e = decode_text(
            R"({"action":"rule","ruling":{"liability":"nobody","remedy":{"remedy":"exchange"},"reasoning":1,"violation":"x"}})", r);
        CHECK(has_error(e, "ruling.liability", ErrorCode::invalid_choice));
        CHECK(has_error(e, "ruling.remedy.amount_minor", ErrorCode::required));
        CHECK(has_error(e, "ruling.reasoning", ErrorCode::wrong_type));
        CHECK(has_error(e, "ruling.violation", ErrorCode::invalid_choice));
    }
    SUBCASE("triage") {
        const FieldErrors e = decode_text(R"({"action":"accept_case","triage":{"category":"quality_defect"}})", r);
        CHECK(has_error(e, "triage.priority", ErrorCode::required));
        CHECK(has_error(e, "triage.queue", ErrorCode::required));
        CHECK(has_error(e, "triage.root_cause", ErrorCode::required));
    }
    SUBCASE("items must be strings") {
        CHECK(has_error(decode_text(R"({"action":"request_info","items":["发票",3]})", r), "items[1]", ErrorCode::wrong_type));
        CHECK(has_error(decode_text(R"({"action":"request_info","items":"发票"})", r), "items", ErrorCode::wrong_type));
    }
    SUBCASE("assessment and inspection") {
        const FieldErrors e = decode_text(R"({"action":"assess_evidence","assessment":{"evidence_id":1,"authenticity":"yes"}})", r);
        CHECK(has_error(e, "assessment.authenticity", ErrorCode::invalid_choice));
        CHECK(has_error(e, "assessment.relevance", ErrorCode::required));
        const FieldErrors f = decode_text(R"({"action":"order_inspection","inspection":{"what":"质检","payer":"nobody"}})", r);
        CHECK(has_error(f, "inspection.payer", ErrorCode::invalid_choice));
    }
}

TEST_CASE("terms say who pays: payer and the platform's share") {
    ActionRequest r;
    SUBCASE("left out: the merchant pays, the platform nothing") {
        REQUIRE(decode_text(R"({"action":"make_offer","terms":{"remedy":"partial_refund","amount_minor":3000}})", r).empty());
        CHECK(r.terms.payer == Payer::merchant);
        CHECK(r.terms.platform_amount == Money{0, "CNY"});
    }
    SUBCASE("the platform pays: its share is the amount unless stated") {
        REQUIRE(decode_text(R"({"action":"propose_settlement","terms":{"remedy":"compensation","amount_minor":3000,"currency":"CNY","payer":"platform"}})", r).empty());
        CHECK(r.terms.payer == Payer::platform);
        CHECK(r.terms.platform_amount == Money{3000, "CNY"});
    }
    SUBCASE("shared: the platform's share is required") {
        CHECK(has_error(decode_text(R"({"action":"make_offer","terms":{"remedy":"compensation","amount_minor":3000,"payer":"shared"}})", r),
                        "terms.platform_amount_minor", ErrorCode::required));
        REQUIRE(decode_text(R"({"action":"make_offer","terms":{"remedy":"compensation","amount_minor":3000,"payer":"shared","platform_amount_minor":1000}})", r).empty());
        CHECK(r.terms.platform_amount.minor == 1000);
    }
    SUBCASE("an unknown payer, a mistyped share") {
        const FieldErrors e = decode_text(R"({"action":"make_offer","terms":{"remedy":"compensation","amount_minor":3000,"payer":"buyer","platform_amount_minor":"1"}})", r);
        CHECK(has_error(e, "terms.payer", ErrorCode::invalid_choice));
        CHECK(has_error(e, "terms.platform_amount_minor", ErrorCode::wrong_type));
    }
    SUBCASE("a ruling's remedy too") {
        REQUIRE(decode_text(R"({"action":"rule","ruling":{"liability":"shared","reasoning":"双方均有过错，平台承担部分","remedy":{"remedy":"partial_refund","amount_minor":5000,"payer":"shared","platform_amount_minor":2000}}})", r).empty());
        CHECK(r.ruling.remedy.payer == Payer::shared);
        CHECK(r.ruling.remedy.platform_amount.minor == 2000);
    }
    const json j = api::encode(with_payer({Remedy::partial_refund, {3000, "CNY"}, ""}, Payer::shared, 1000));
    CHECK(j["payer"] == "shared");
    CHECK(j["platform_amount_minor"] == 1000);
    CHECK(api::encode(Terms{})["payer"] == "merchant");
    CHECK(api::encode(Terms{})["platform_amount_minor"] == 0);
}

TEST_CASE("merchant_contest: evidence ids, an array of integers, optional") {
    ActionRequest r;
    REQUIRE(decode_text(R"({"action":"merchant_contest","reason":"见质检报告","evidence_ids":[3,5]})", r).empty());
    CHECK(r.evidence_ids == std::vector<std::int64_t>{3, 5});
    ActionRequest none;
    REQUIRE(decode_text(R"({"action":"merchant_contest","reason":"见质检报告"})", none).empty());
    CHECK(none.evidence_ids.empty());
    CHECK_FALSE(api::encode(none).contains("evidence_ids"));
    CHECK(has_error(decode_text(R"({"action":"merchant_contest","evidence_ids":5})", r), "evidence_ids", ErrorCode::wrong_type));
    CHECK(has_error(decode_text(R"({"action":"merchant_contest","evidence_ids":[1,"2"]})", r), "evidence_ids[1]",
                    ErrorCode::wrong_type));
    CHECK(has_error(decode_text(R"({"action":"merchant_contest","evidence_ids":[18446744073709551615]})", r),
                    "evidence_ids[0]", ErrorCode::invalid_format));
    CHECK(has_error(decode_text(R"({"action":"merchant_offer","evidence_ids":[1]})", r), "evidence_ids",
                    ErrorCode::unknown_field));
}

TEST_CASE("rate: a score and an optional comment") {
    ActionRequest r;
    REQUIRE(decode_text(R"({"action":"rate","rating":{"score":5}})", r).empty());
    CHECK(r.rating.score == 5);
    CHECK(r.rating.comment.empty());
    CHECK(has_error(decode_text(R"({"action":"rate"})", r), "rating", ErrorCode::required));
    CHECK(has_error(decode_text(R"({"action":"rate","rating":{"score":"5"}})", r), "rating.score", ErrorCode::wrong_type));
    CHECK(has_error(decode_text(R"({"action":"rate","rating":{"score":5,"at":1}})", r), "rating.at", ErrorCode::unknown_field));
    // Out of range is apply()'s to say, whatever the size.
    REQUIRE(decode_text(R"({"action":"rate","rating":{"score":99999999999}})", r).empty());
    CHECK((r.rating.score < 1 || r.rating.score > 5));
}

TEST_CASE("optional keys keep their defaults") {
    ActionRequest r;
    CHECK(decode_text(R"({"action":"assign_mediator"})", r).empty());
    CHECK(r.target == 0);  // self-assignment
    CHECK(decode_text(R"({"action":"complete_step"})", r).empty());
    CHECK(r.inspection_passed);
    CHECK(decode_text(R"({"action":"make_offer","terms":{"remedy":"exchange","amount_minor":0}})", r).empty());
    CHECK(r.terms.amount.currency == "CNY");
}

TEST_CASE("progress shows what happened, deadlines show whose move") {
    Dispute d;
    d.id = 9;
    d.amount = {5000, "CNY"};
    d.created_at = 1'790'000'000;
    Case c = open_case(d, {10000, "CNY"}, {true}, 500000);
    c.offers.push_back({1, Party::merchant, 4, {Remedy::partial_refund, {2000, "CNY"}, ""}, d.created_at});
    json p = api::encode_progress(c);
    CHECK(p["priority"] == "urgent");
    CHECK(p["queue"] == "specialist");
    CHECK(p["offers"].size() == 1);
    CHECK(p["offers"][0]["from"] == "merchant");
    CHECK(p["offers"][0]["terms"]["amount_minor"] == 2000);
    CHECK_FALSE(p.contains("settlement"));
    CHECK_FALSE(p.contains("ruling"));

    Deadline running{DeadlineKind::merchant_response, Party::merchant, 1'790'172'800, false, 0, Consequence::auto_grant};
    json j = api::encode(running);
    CHECK(j["kind"] == "merchant_response");
    CHECK(j["on"] == "merchant");
    CHECK(j["due"] == 1'790'172'800);
    CHECK(j["consequence"] == "auto_grant");
    Deadline paused{DeadlineKind::resolution, Party::platform, 0, true, 3600, Consequence::notify_overdue};
    CHECK(api::encode(paused)["remaining_seconds"] == 3600);
    CHECK_FALSE(api::encode(paused).contains("due"));
}

TEST_CASE("progress of a settled, ruled, executing, referred and closed case") {
    Dispute d;
    d.id = 3;
    d.amount = {8000, "CNY"};
    d.state = DisputeState::execution;
    Case c;
    c.dispute = d;
    c.settlement = Settlement{{Remedy::return_and_refund, {8000, "CNY"}, "运费商家承担"}, SettlementBasis::ruling, 0, 50};
    c.proposal = Terms{Remedy::partial_refund, {3000, "CNY"}, ""};
    c.proposal_approver_id = 8;
    c.buyer_consented = true;
    Ruling r;
    r.liability = Liability::merchant;
    r.remedy = c.settlement->terms;
    r.reasoning = "检测报告证明商品存在质量问题";
    r.at = 40;
    c.ruling = r;
    c.appeal_used = true;
    c.penalty = ViolationRecord{3, Violation::false_description, 40, false, 6};
    c.plan = execution_plan(Remedy::return_and_refund);
    c.step = 1;
    json p = api::encode_progress(c);
    CHECK(p["settlement"]["basis"] == "ruling");
    CHECK(p["settlement"]["terms"]["terms"] == "运费商家承担");
    CHECK(p["proposal"]["approved"] == true);
    CHECK(p["proposal"]["buyer_consented"] == true);
    CHECK(p["proposal"]["merchant_consented"] == false);
    CHECK(p["ruling"]["liability"] == "merchant");
    CHECK(p["ruling"]["appeal_used"] == true);
    CHECK(p["ruling"]["penalty_points"] == 6);
    CHECK(p["execution"]["plan"] == json({"return_shipment", "merchant_inspection", "refund", "buyer_confirmation"}));
    CHECK(p["execution"]["step"] == 1);
    CHECK_FALSE(p.contains("referred_to"));
    CHECK_FALSE(p.contains("closing_summary"));

    c.dispute.state = DisputeState::referred_external;
    c.penalty.reset();
    c.referred_to = ExternalBody::court;
    c.closing_summary = "executed";
    p = api::encode_progress(c);
    CHECK_FALSE(p.contains("execution"));
    CHECK_FALSE(p["ruling"].contains("penalty_points"));
    CHECK(p["referred_to"] == "court");
    CHECK(p["closing_summary"] == "executed");
}

TEST_CASE("optional parts of an action are left out when empty") {
    ActionRequest r;
    r.action = Action::assign_arbitrator;
    CHECK_FALSE(api::encode(r).contains("assignee_id"));
    CHECK_FALSE(api::encode(r).contains("reason"));
    r.action = Action::complete_step;
    CHECK_FALSE(api::encode(r).contains("tracking_number"));
    r.action = Action::rule;
    CHECK_FALSE(api::encode(r)["ruling"].contains("violation"));
}

TEST_CASE("deadlines survive encode then decode, running or paused") {
    for (const Deadline& d : {Deadline{DeadlineKind::consent, Party::merchant, 1'790'000'000, false, 0, Consequence::deemed_consent},
                              Deadline{DeadlineKind::resolution, Party::platform, 0, true, 7200, Consequence::notify_overdue}}) {
        Deadline back;
        CHECK(api::decode(api::encode(d), back).empty());
        CHECK(back.kind == d.kind);
        CHECK(back.on == d.on);
        CHECK(back.consequence == d.consequence);
        CHECK(back.paused == d.paused);
        CHECK(back.due == d.due);
        CHECK(back.remaining == d.remaining);
    }
    Deadline bad;
    CHECK_FALSE(api::decode(json{{"kind", "nap"}, {"on", "buyer"}, {"consequence", "auto_close"}, {"paused", false},
                                 {"due", 1}},
                            bad)
                    .empty());
}
