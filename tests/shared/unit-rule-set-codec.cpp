// The whole rule set as a JSON document (rule_set_codec.hpp): what `accord-server rules show`
// prints and `rules set` stores. Round trips, defaults for keys left out, and every refusal
// named by the field's dotted path in the document, with nothing changed.
#include <doctest/doctest.h>

#include "accord/rule_set_codec.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;
using nlohmann::json;

namespace {

RuleSet edited() {
    RuleSet r;
    r.deadlines.consent = hours(36);
    r.deadlines.appeal_window = business_days(7);
    r.filing.filing_window_days = 20;
    r.auto_grant_enabled = false;
    r.auto_grant_max_minor = 15000;
    r.high_value_min_minor = 800000;
    r.penalties.set(Violation::counterfeit, 24);
    r.sanctions.window_days = 180;
    r.approvals.manager_threshold_minor = 200000;
    return r;
}

bool same(const RuleSet& a, const RuleSet& b) { return encode_rule_set(a) == encode_rule_set(b); }

// `errors` after decoding `doc` over `edited()`, checking that the rules were left untouched.
FieldErrors refused(const json& doc) {
    RuleSet r = edited();
    const FieldErrors errors = decode_rule_set(doc, r);
    CHECK(same(r, edited()));
    return errors;
}

}  // namespace

TEST_CASE("a rule set survives encode and decode, every section included") {
    const RuleSet original = edited();
    const json doc = encode_rule_set(original);
    CHECK(doc["deadlines"]["appeal_window"] == json{{"amount", 7}, {"unit", "business_days"}});
    CHECK(doc["penalties"]["points"]["counterfeit"] == 24);
    CHECK(doc["auto_grant"] == json{{"enabled", false}, {"max_minor", 15000}});
    RuleSet decoded;
    REQUIRE(decode_rule_set(doc, decoded).empty());
    CHECK(same(decoded, original));
    CHECK(decoded.deadlines.appeal_window == business_days(7));
    CHECK(decoded.penalties.points(Violation::counterfeit) == 24);
    CHECK(decoded.sanctions.window_days == 180);
    CHECK_FALSE(decoded.auto_grant_enabled);
}

TEST_CASE("keys left out keep the built-in defaults") {
    RuleSet r = edited();
    REQUIRE(decode_rule_set(json{{"deadlines", {{"consent", {{"amount", 12}, {"unit", "hours"}}}}}}, r).empty());
    CHECK(r.deadlines.consent == hours(12));
    // Everything else is the default, not what `r` held before: a file is the whole rule set.
    RuleSet expected;
    expected.deadlines.consent = hours(12);
    CHECK(same(r, expected));
    REQUIRE(decode_rule_set(json::object(), r).empty());
    CHECK(same(r, RuleSet{}));
}

TEST_CASE("unknown keys, wrong types and refused values are named by their path") {
    CHECK(has_error(refused(json{{"deadline", json::object()}}), "deadline", ErrorCode::unknown_field));
    CHECK(has_error(refused(json{{"deadlines", {{"consnt", {{"amount", 1}, {"unit", "hours"}}}}}}),
                    "deadlines.consnt", ErrorCode::unknown_field));
    CHECK(has_error(refused(json{{"deadlines", {{"consent", {{"amount", 0}, {"unit", "hours"}}}}}}),
                    "deadlines.consent.amount", ErrorCode::must_be_positive));
    CHECK(has_error(refused(json{{"deadlines", {{"consent", {{"amount", 9000}, {"unit", "hours"}}}}}}),
                    "deadlines.consent.amount", ErrorCode::out_of_range));
    CHECK(has_error(refused(json{{"deadlines", {{"consent", {{"amount", 5000000000LL}, {"unit", "hours"}}}}}}),
                    "deadlines.consent.amount", ErrorCode::out_of_range));
    CHECK(has_error(refused(json{{"deadlines", {{"consent", {{"amount", 2}, {"unit", "weeks"}}}}}}),
                    "deadlines.consent.unit", ErrorCode::invalid_choice));
    // Half a duration would keep the other half silently: both are required.
    CHECK(has_error(refused(json{{"deadlines", {{"consent", {{"amount", 2}}}}}}), "deadlines.consent.unit",
                    ErrorCode::required));
    CHECK(has_error(refused(json{{"deadlines", {{"consent", "48h"}}}}), "deadlines.consent", ErrorCode::wrong_type));
    CHECK(has_error(refused(json{{"filing", {{"filing_window_days", 0}}}}), "filing.filing_window_days"));
    CHECK(has_error(refused(json{{"filing", {{"description_min_chars", 50}, {"description_max_chars", 10}}}}),
                    "filing.description_min_chars", ErrorCode::not_ascending));
    CHECK(has_error(refused(json{{"auto_grant", {{"enabled", "yes"}}}}), "auto_grant.enabled", ErrorCode::wrong_type));
    CHECK(has_error(refused(json{{"auto_grant", {{"max_minor", -1}}}}), "auto_grant.max_minor",
                    ErrorCode::out_of_range));
    CHECK(has_error(refused(json{{"high_value_min_minor", 0}}), "high_value_min_minor", ErrorCode::must_be_positive));
    CHECK(has_error(refused(json{{"penalties", {{"points", {{"counterfeit", 101}}}}}}),
                    "penalties.points.counterfeit", ErrorCode::out_of_range));
    CHECK(has_error(refused(json{{"penalties", {{"points", {{"jaywalking", 1}}}}}}), "penalties.points.jaywalking",
                    ErrorCode::unknown_field));
    CHECK(has_error(refused(json{{"sanctions", {{"restrict_marketing", 5}}}}), "sanctions.restrict_marketing",
                    ErrorCode::not_ascending));
    CHECK(has_error(refused(json{{"approvals", {{"currency", "yuan"}}}}), "approvals.currency",
                    ErrorCode::invalid_format));
    CHECK(has_error(refused(json::array()), "", ErrorCode::wrong_type));
    // Every problem at once, not the first alone.
    CHECK(refused(json{{"high_value_min_minor", "many"}, {"sanctions", {{"window_days", "a year"}}}}).size() == 2);
}

TEST_CASE("a shape error and a rule error in one document are both reported") {
    const FieldErrors e = refused(json{{"penalties", {{"points", {{"counterfeit", 500}}}}},
                                       {"deadlines", {{"consent", {{"amount", 0}, {"unit", "hours"}}}}}});
    CHECK(has_error(e, "penalties.points.counterfeit", ErrorCode::out_of_range));
    CHECK(has_error(e, "deadlines.consent.amount", ErrorCode::must_be_positive));
    CHECK(e.size() == 2);
}
