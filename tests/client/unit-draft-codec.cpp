// Half-written forms kept in the browser's storage read back as they were typed.
#include <doctest/doctest.h>

#include <cstring>

#include "forms/draft_codec.hpp"

using namespace accord;
using namespace accord::client;

TEST_CASE("draft codec: the filing form round-trips, its order by reference") {
    FilingDraft d;
    d.open = true;
    d.order_index = 3;
    d.category = static_cast<int>(Category::not_as_described);
    d.remedy = static_cast<int>(Remedy::partial_refund);
    std::strcpy(d.amount, "12.50");
    d.amount_typed = true;
    std::strcpy(d.description, "耳机左边没有声音");
    const nlohmann::json j = encode_filing(d, "TB20261101-0001");
    CHECK(j["category"] == "not_as_described");
    const FilingDraft back = decode_filing(nlohmann::json::parse(j.dump()));
    CHECK(back.open);
    CHECK(back.order_index == -1);
    CHECK(back.wanted_order == "TB20261101-0001");
    CHECK(back.category == d.category);
    CHECK(back.remedy == d.remedy);
    CHECK(std::string(back.amount) == "12.50");
    CHECK(back.amount_typed);
    CHECK(std::string(back.description) == "耳机左边没有声音");
    CHECK(has_typed(back));
    CHECK_FALSE(has_typed(FilingDraft{}));
}

TEST_CASE("draft codec: text longer than its field is cut at a character boundary") {
    const std::string amount = "1234567890123456789012345678901中";  // 31 bytes, then 3 more
    const FilingDraft d = decode_filing({{"amount", amount}});
    CHECK(std::string(d.amount) == "1234567890123456789012345678901");
}

TEST_CASE("draft codec: an action form round-trips") {
    ActionDraft d;
    d.open = true;
    d.action = Action::rule;
    std::strcpy(d.reason, "理由");
    std::strcpy(d.reasoning, "商家未能证明商品无质量问题");
    d.liability = static_cast<int>(Liability::shared);
    std::strcpy(d.ruling_remedy.amount, "450.00");
    d.ruling_remedy.payer = static_cast<int>(Payer::shared);
    d.violation = static_cast<int>(Violation{});
    d.evidence_ids = {4, 9};
    d.triage.personal_safety = true;
    d.score = 2;
    const auto back = decode_action(nlohmann::json::parse(encode_action(d).dump()));
    REQUIRE(back);
    CHECK(back->open);
    CHECK(back->action == Action::rule);
    CHECK(std::string(back->reason) == "理由");
    CHECK(std::string(back->reasoning) == d.reasoning);
    CHECK(back->liability == d.liability);
    CHECK(std::string(back->ruling_remedy.amount) == "450.00");
    CHECK(back->ruling_remedy.payer == d.ruling_remedy.payer);
    CHECK(back->violation == d.violation);
    CHECK(back->evidence_ids == d.evidence_ids);
    CHECK(back->triage.personal_safety);
    CHECK(back->score == 2);
    CHECK(encode_action(*back) == encode_action(d));
}

TEST_CASE("draft codec: what is not a draft is refused") {
    CHECK_FALSE(decode_action(nlohmann::json::object()));
    CHECK_FALSE(decode_action({{"action", "no_such_action"}}));
    CHECK_FALSE(decode_action(nlohmann::json("text")));
}
