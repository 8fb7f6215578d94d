// Offers, rulings, evidence assessment, inspections and execution plans.
#include <doctest/doctest.h>

#include "accord/execution.hpp"
#include "accord/ruling.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

static const Money kTotal{89900, "CNY"};

TEST_CASE("terms: amount within the order total, money remedies need money") {
    CHECK(validate_terms({Remedy::partial_refund, {30000, "CNY"}, "退差价"}, kTotal).empty());
    CHECK(validate_terms({Remedy::full_refund, {89900, "CNY"}, ""}, kTotal).empty());
    CHECK(has_error(validate_terms({Remedy::full_refund, {89901, "CNY"}, ""}, kTotal), "amount_minor",
                    ErrorCode::exceeds_order_total));
    CHECK(has_error(validate_terms({Remedy::partial_refund, {0, "CNY"}, ""}, kTotal), "amount_minor",
                    ErrorCode::must_be_positive));
    CHECK(
        has_error(validate_terms({Remedy::exchange, {-1, "CNY"}, ""}, kTotal), "amount_minor", ErrorCode::must_be_positive));
    CHECK(validate_terms({Remedy::exchange, {0, "CNY"}, ""}, kTotal).empty());
    CHECK(validate_terms({Remedy::reissue, {0, "CNY"}, ""}, kTotal).empty());
    CHECK(has_error(validate_terms({Remedy::full_refund, {1, "USD"}, ""}, kTotal), "currency",
                    ErrorCode::currency_mismatch));
    CHECK(has_error(validate_terms({Remedy::exchange, {0, "CNY"}, std::string(501, 'x')}, kTotal), "terms",
                    ErrorCode::too_long));
    CHECK(
        has_error(validate_terms({Remedy::exchange, {0, "CNY"}, "\xFF"}, kTotal), "terms", ErrorCode::invalid_format));
}

TEST_CASE("terms: who pays, and the platform's share fits the payer") {
    const Terms base{Remedy::partial_refund, {30000, "CNY"}, ""};
    // The merchant pays (the default): the platform pays nothing.
    CHECK(base.payer == Payer::merchant);
    CHECK(base.platform_amount == Money{0, "CNY"});
    CHECK(validate_terms(base, kTotal).empty());
    Terms t = base;
    t.platform_amount.minor = 1;
    CHECK(has_error(validate_terms(t, kTotal), "platform_amount_minor", ErrorCode::not_applicable));
    // The platform pays: all of it.
    t = with_payer(base, Payer::platform);
    CHECK(t.platform_amount == Money{30000, "CNY"});
    CHECK(validate_terms(t, kTotal).empty());
    for (const std::int64_t wrong : {std::int64_t{0}, std::int64_t{29999}, std::int64_t{30001}}) {
        CAPTURE(wrong);
        t.platform_amount.minor = wrong;
        CHECK(has_error(validate_terms(t, kTotal), "platform_amount_minor", ErrorCode::must_equal_amount));
    }
    // Shared: strictly between nothing and all of it.
    CHECK(validate_terms(with_payer(base, Payer::shared, 1), kTotal).empty());
    CHECK(validate_terms(with_payer(base, Payer::shared, 29999), kTotal).empty());
    for (const std::int64_t wrong : {std::int64_t{-1}, std::int64_t{0}, std::int64_t{30000}, std::int64_t{40000}}) {
        CAPTURE(wrong);
        CHECK(has_error(validate_terms(with_payer(base, Payer::shared, wrong), kTotal), "platform_amount_minor",
                        ErrorCode::share_out_of_range));
    }
    // A share cannot be shared out of nothing (a reissue with no amount).
    CHECK(has_error(validate_terms(with_payer({Remedy::reissue, {0, "CNY"}, ""}, Payer::shared, 0), kTotal),
                    "platform_amount_minor", ErrorCode::share_out_of_range));
    CHECK(validate_terms(with_payer({Remedy::reissue, {0, "CNY"}, ""}, Payer::platform), kTotal).empty());
    // The share is in the amount's currency.
    t = with_payer(base, Payer::shared, 100);
    t.platform_amount.currency = "USD";
    CHECK(has_error(validate_terms(t, kTotal), "currency", ErrorCode::currency_mismatch));
    // The payer's labels (wire key, zh, en).
    CHECK(std::string(to_key(Payer::shared)) == "shared");
    CHECK(std::string(label(Payer::merchant, Lang::zh_CN)) == "商家");
    CHECK(std::string(label(Payer::platform, Lang::zh_CN)) == "平台");
    CHECK(std::string(label(Payer::shared, Lang::zh_CN)) == "共同承担");
    CHECK(std::string(label(Payer::shared, Lang::en)) == "Shared");
}

TEST_CASE("remedy_pays_money for every remedy") {
    CHECK(remedy_pays_money(Remedy::full_refund));
    CHECK(remedy_pays_money(Remedy::return_and_refund));
    CHECK(remedy_pays_money(Remedy::partial_refund));
    CHECK(remedy_pays_money(Remedy::compensation));
    CHECK_FALSE(remedy_pays_money(Remedy::exchange));
    CHECK_FALSE(remedy_pays_money(Remedy::repair));
    CHECK_FALSE(remedy_pays_money(Remedy::reissue));
}

static Ruling merchant_ruling() {
    Ruling r;
    r.liability = Liability::merchant;
    r.remedy = {Remedy::return_and_refund, {89900, "CNY"}, ""};
    r.reasoning = "商家未能提供合格证明，检测报告显示左声道故障，支持买家退货退款。";
    return r;
}

TEST_CASE("ruling: written reasoning, a remedy when the merchant is liable, violations only then") {
    Ruling r = merchant_ruling();
    CHECK(validate_ruling(r, kTotal).empty());
    r.reasoning = "";
    CHECK(has_error(validate_ruling(r, kTotal), "reasoning", ErrorCode::required));
    r.reasoning = "太短了";
    CHECK(has_error(validate_ruling(r, kTotal), "reasoning", ErrorCode::too_short));
    r.reasoning = std::string(5001, 'a');
    CHECK(has_error(validate_ruling(r, kTotal), "reasoning", ErrorCode::too_long));
    r.reasoning = "\xC3\x28 invalid utf8 reasoning text here";
    CHECK(has_error(validate_ruling(r, kTotal), "reasoning", ErrorCode::invalid_format));

    r = merchant_ruling();
    r.remedy.amount.minor = 100000;
    CHECK(has_error(validate_ruling(r, kTotal), "remedy.amount_minor", ErrorCode::exceeds_order_total));

    r = merchant_ruling();
    r.liability = Liability::buyer;
    CHECK(has_error(validate_ruling(r, kTotal), "remedy.amount_minor", ErrorCode::not_applicable));
    r.remedy.amount.minor = 0;
    CHECK(validate_ruling(r, kTotal).empty());
    // A dismissed claim has the platform pay nothing either.
    r.remedy.platform_amount.minor = 100;
    CHECK(has_error(validate_ruling(r, kTotal), "remedy.platform_amount_minor", ErrorCode::not_applicable));
    r.remedy.platform_amount.minor = 0;
    r.violation = Violation::counterfeit;
    CHECK(has_error(validate_ruling(r, kTotal), "violation", ErrorCode::not_applicable));

    // The remedy says who pays, checked like any terms.
    r = merchant_ruling();
    r.remedy = with_payer(r.remedy, Payer::shared, 89900);
    CHECK(has_error(validate_ruling(r, kTotal), "remedy.platform_amount_minor", ErrorCode::share_out_of_range));
    r.remedy = with_payer(r.remedy, Payer::shared, 40000);
    CHECK(validate_ruling(r, kTotal).empty());

    r = merchant_ruling();
    r.liability = Liability::shared;
    r.violation = Violation::false_description;
    r.force_majeure = true;
    CHECK(validate_ruling(r, kTotal).empty());
    r.violation.reset();
    CHECK(has_error(validate_ruling(r, kTotal), "force_majeure", ErrorCode::not_applicable));
}

TEST_CASE("ruling_upholds: the claimant's own liability or none found dismisses the claim") {
    struct Row {
        CaseKind kind;
        Liability liability;
        bool upheld;
    };
    const Row rows[] = {
        {CaseKind::buyer_vs_merchant, Liability::merchant, true},
        {CaseKind::buyer_vs_merchant, Liability::shared, true},
        {CaseKind::buyer_vs_merchant, Liability::platform, true},
        {CaseKind::buyer_vs_merchant, Liability::buyer, false},
        {CaseKind::buyer_vs_merchant, Liability::undetermined, false},
        {CaseKind::merchant_vs_buyer, Liability::buyer, true},
        {CaseKind::merchant_vs_buyer, Liability::shared, true},
        {CaseKind::merchant_vs_buyer, Liability::merchant, false},
        {CaseKind::merchant_vs_buyer, Liability::undetermined, false},
        {CaseKind::merchant_vs_platform, Liability::platform, true},
        {CaseKind::merchant_vs_platform, Liability::shared, true},
        {CaseKind::merchant_vs_platform, Liability::merchant, false},
        {CaseKind::merchant_vs_platform, Liability::undetermined, false},
    };
    for (const Row& row : rows) {
        CAPTURE(to_key(row.kind));
        CAPTURE(to_key(row.liability));
        CHECK(ruling_upholds(row.kind, row.liability) == row.upheld);
    }
    // A merchant's claim against a buyer: the buyer liable needs a remedy; no violation (a merchant's penalty).
    Ruling r = merchant_ruling();
    r.liability = Liability::buyer;
    r.remedy = {Remedy::compensation, {20000, "CNY"}, ""};
    CHECK(validate_ruling(r, kTotal, CaseKind::merchant_vs_buyer).empty());
    r.violation = Violation::counterfeit;
    CHECK(has_error(validate_ruling(r, kTotal, CaseKind::merchant_vs_buyer), "violation", ErrorCode::not_applicable));
    r.violation.reset();
    r.liability = Liability::merchant;
    CHECK(
        has_error(validate_ruling(r, kTotal, CaseKind::merchant_vs_buyer), "remedy.amount_minor", ErrorCode::not_applicable));
}

TEST_CASE("evidence: admissible only when accepted on all three counts, a note explains any doubt") {
    EvidenceAssessment a{7, Finding::accepted, Finding::accepted, Finding::accepted, "", 0, 0};
    CHECK(evidence_admissible(a));
    CHECK(validate_assessment(a).empty());
    for (Finding f : {Finding::doubtful, Finding::rejected}) {
        for (int which = 0; which < 3; ++which) {
            EvidenceAssessment b = a;
            (which == 0 ? b.authenticity : which == 1 ? b.relevance : b.legality) = f;
            CHECK_FALSE(evidence_admissible(b));
            CHECK(has_error(validate_assessment(b), "note", ErrorCode::required));
            b.note = "截图无原始文件，无法核实";
            CHECK(validate_assessment(b).empty());
        }
    }
    a.evidence_id = 0;
    CHECK(has_error(validate_assessment(a), "evidence_id", ErrorCode::required));
    a.evidence_id = 1;
    a.note = std::string(1001, 'n');
    CHECK(has_error(validate_assessment(a), "note", ErrorCode::too_long));
}

TEST_CASE("inspection orders say what is tested") {
    CHECK(validate_inspection({"第三方质检", Party::merchant, 0}).empty());
    CHECK(has_error(validate_inspection({"", Party::buyer, 0}), "what", ErrorCode::required));
    CHECK(has_error(validate_inspection({"x", Party::buyer, 0}), "what", ErrorCode::too_short));
}

TEST_CASE("execution plans per remedy, who acts, what needs tracking") {
    using S = ExecutionStep;
    CHECK(execution_plan(Remedy::return_and_refund) ==
          std::vector<S>{S::return_shipment, S::merchant_inspection, S::refund, S::buyer_confirmation});
    CHECK(execution_plan(Remedy::exchange) ==
          std::vector<S>{S::return_shipment, S::merchant_inspection, S::reship, S::buyer_confirmation});
    CHECK(execution_plan(Remedy::repair) == execution_plan(Remedy::exchange));
    CHECK(execution_plan(Remedy::reissue) == std::vector<S>{S::reship, S::buyer_confirmation});
    for (Remedy r : {Remedy::full_refund, Remedy::partial_refund, Remedy::compensation})
        CHECK(execution_plan(r) == std::vector<S>{S::refund, S::buyer_confirmation});
    for (const auto& e : EnumTable<Remedy>::entries) CHECK(execution_plan(e.value).back() == S::buyer_confirmation);

    CHECK(step_actor(S::return_shipment) == Party::buyer);
    CHECK(step_actor(S::buyer_confirmation) == Party::buyer);
    CHECK(step_actor(S::merchant_inspection) == Party::merchant);
    CHECK(step_actor(S::refund) == Party::merchant);
    CHECK(step_actor(S::reship) == Party::merchant);
    CHECK(step_needs_tracking(S::return_shipment));
    CHECK(step_needs_tracking(S::reship));
    CHECK_FALSE(step_needs_tracking(S::refund));
    CHECK_FALSE(step_needs_tracking(S::merchant_inspection));
    CHECK_FALSE(step_needs_tracking(S::buyer_confirmation));

    CHECK(is_tracking_number("SF1234567890"));
    CHECK(is_tracking_number("YT-88-1234"));
    CHECK_FALSE(is_tracking_number("12345"));
    CHECK_FALSE(is_tracking_number(std::string(41, '1')));
    CHECK_FALSE(is_tracking_number("SF 123456"));
    CHECK_FALSE(is_tracking_number("顺丰123456"));
}
