// The stored form of a Case: every field survives encode → decode, and a damaged document is refused.
#include <doctest/doctest.h>

#include "accord/case_codec.hpp"

using namespace accord;
using nlohmann::json;

namespace {

// A case with every field away from its default, so a field the codec forgets shows up as a difference.
Case full_case() {
    Case c;
    c.dispute.id = 42;
    c.dispute.kind = CaseKind::merchant_vs_buyer;
    c.dispute.order_ref = "TB-1";
    c.dispute.buyer_id = 7;
    c.dispute.buyer = {"张伟", "13812345678", "上海"};
    c.dispute.merchant_id = 3;
    c.dispute.merchant_name = "星辰数码旗舰店";
    c.dispute.category = Category::quality_defect;
    c.dispute.requested_remedy = Remedy::return_and_refund;
    c.dispute.amount = {89900, "CNY"};
    c.dispute.description = "左耳没有声音 🎧";
    c.dispute.channel = Channel::hotline;
    c.dispute.state = DisputeState::execution;
    c.dispute.created_at = 1000;
    c.dispute.updated_at = 2000;
    c.order_total = {99900, "CNY"};
    c.triage = {Category::quality_defect, Priority::urgent, Queue::specialist, RootCause::platform_error, true};
    c.info_items = {"发票", "照片"};
    c.mediator_id = 11;
    c.arbitrator_id = 12;
    c.offers.push_back({1, Party::merchant, 3, {Remedy::partial_refund, {30000, "CNY"}, "退三百"}, 1500});
    c.offers.push_back({2, Party::buyer, 7, {Remedy::full_refund, {89900, "CNY"}, ""}, 1600});
    c.settlement = Settlement{{Remedy::return_and_refund, {89900, "CNY"}, "运费商家承担"}, SettlementBasis::ruling, 2, 1700};
    c.proposal = with_payer(Terms{Remedy::partial_refund, {50000, "CNY"}, "平台补偿一部分"}, Payer::shared, 20000);
    c.proposer_id = 11;
    c.proposal_approver_id = 13;
    c.notify_risk = true;
    c.buyer_consented = true;
    c.merchant_consented = true;
    c.evidence_ids = {5, 6, 9};
    c.contest_evidence_ids = {6};
    c.assessments.push_back({5, Finding::accepted, Finding::rejected, Finding::doubtful, "照片清晰", 11, 1800});
    c.inspections.push_back({"第三方质检", Party::merchant, 1900});
    Ruling ru;
    ru.liability = Liability::shared;
    ru.remedy = with_payer({Remedy::partial_refund, {40000, "CNY"}, "各半"}, Payer::platform);
    ru.reasoning = "双方均有过错";
    ru.violation = Violation::false_description;
    ru.force_majeure = true;
    ru.arbitrator_id = 12;
    ru.at = 1950;
    c.ruling = ru;
    c.appeal_used = true;
    c.penalty = ViolationRecord{42, Violation::false_description, 1950, true, 0};
    c.plan = {ExecutionStep::return_shipment, ExecutionStep::merchant_inspection, ExecutionStep::refund};
    c.step = 1;
    c.return_tracking = "SF1234567890";
    c.reship_tracking = "YT9876543210";
    c.litigation_risk = true;
    c.referred_to = ExternalBody::arbitration_institution;
    c.closing_summary = "done";
    c.buyer_rating = Rating{5, "很满意", 2100};
    c.merchant_rating = Rating{2, "", 2200};
    c.state_entered_at = 2001;
    c.step_entered_at = 2002;
    c.first_response_at = 2003;
    c.platform_paused_seconds = 2004;
    c.platform_paused_since = 2005;
    c.resolved_at = 2006;
    c.overdue_noted = {"resolution", "triage"};
    return c;
}

}  // namespace

TEST_CASE("case codec: every field of a full case survives encode and decode") {
    const json stored = api::encode_case(full_case());
    Case back;
    const FieldErrors errors = api::decode_case(stored, back);
    CHECK(errors.empty());
    CHECK(api::encode_case(back) == stored);
    CHECK(back.dispute.description == "左耳没有声音 🎧");
    CHECK(back.ruling->violation == Violation::false_description);
    CHECK(back.step == 1);
    CHECK(back.referred_to == ExternalBody::arbitration_institution);
    CHECK(back.dispute.kind == CaseKind::merchant_vs_buyer);
    CHECK(back.buyer_rating->comment == "很满意");
    CHECK(back.merchant_rating->score == 2);
    CHECK(back.evidence_ids == std::vector<std::int64_t>{5, 6, 9});
    CHECK(back.contest_evidence_ids == std::vector<std::int64_t>{6});
    CHECK(back.proposal->payer == Payer::shared);
    CHECK(back.proposal->platform_amount == Money{20000, "CNY"});
    CHECK(back.ruling->remedy.payer == Payer::platform);
}

TEST_CASE("case codec: a new case with no optional parts round-trips") {
    Case c;
    c.dispute.id = 1;
    c.dispute.amount = {100, "CNY"};
    const json stored = api::encode_case(c);
    CHECK(stored["ruling"].is_null());
    Case back;
    CHECK(api::decode_case(stored, back).empty());
    CHECK_FALSE(back.ruling.has_value());
    CHECK_FALSE(back.settlement.has_value());
    CHECK(api::encode_case(back) == stored);
}

TEST_CASE("case codec: a damaged document is refused with the field named") {
    const json stored = api::encode_case(full_case());
    Case back;
    SUBCASE("missing key") {
        json j = stored;
        j.erase("step");
        const FieldErrors e = api::decode_case(j, back);
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "step");
        CHECK(e[0].code == ErrorCode::required);
    }
    SUBCASE("unknown key") {
        json j = stored;
        j["hacked"] = true;
        const FieldErrors e = api::decode_case(j, back);
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "hacked");
    }
    SUBCASE("bad enum in a nested array") {
        json j = stored;
        j["offers"][1]["from"] = "nobody";
        const FieldErrors e = api::decode_case(j, back);
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "offers[1].from");
        CHECK(e[0].code == ErrorCode::invalid_choice);
    }
    SUBCASE("wrong type") {
        json j = stored;
        j["dispute"]["amount"]["minor"] = "lots";
        const FieldErrors e = api::decode_case(j, back);
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "dispute.amount.minor");
    }
    SUBCASE("not an object") { CHECK_FALSE(api::decode_case(json::array(), back).empty()); }
}
