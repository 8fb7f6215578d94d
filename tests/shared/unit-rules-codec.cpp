// The filing rules on the wire (api.hpp): the server sends the limits it enforces with the session, the client
// checks a filing against exactly those numbers. Strict: every key, nothing else, integers in range.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "accord/api.hpp"
#include "accord/json_reader.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;
using nlohmann::json;

namespace {

// The five small limits (0 to 1,000,000) and the money ceiling, by wire key.
const char* const kSmallKeys[] = {"description_min_chars", "description_max_chars", "order_ref_max_chars",
                                  "filing_window_days", "not_received_window_days"};
const char* const kAllKeys[] = {"description_min_chars", "description_max_chars",    "order_ref_max_chars",
                                "filing_window_days",    "not_received_window_days", "no_order_amount_max_minor"};

FilingRules custom_rules() {
    FilingRules r;
    r.description_min_chars = 5;
    r.description_max_chars = 500;
    r.order_ref_max_chars = 32;
    r.filing_window_days = 7;
    r.not_received_window_days = 45;
    r.no_order_amount_max_minor = 5'000'000;
    return r;
}

void check_same(const FilingRules& a, const FilingRules& b) {
    CHECK(a.description_min_chars == b.description_min_chars);
    CHECK(a.description_max_chars == b.description_max_chars);
    CHECK(a.order_ref_max_chars == b.order_ref_max_chars);
    CHECK(a.filing_window_days == b.filing_window_days);
    CHECK(a.not_received_window_days == b.not_received_window_days);
    CHECK(a.no_order_amount_max_minor == b.no_order_amount_max_minor);
}

// The body of `base` with `key` set to `value`.
json with(const std::string& key, const json& value, const FilingRules& base = FilingRules{}) {
    json j = api::encode(base);
    j[key] = value;
    return j;
}

}  // namespace

TEST_CASE("FilingRules encode: every limit under its own key, as integers") {
    const json j = api::encode(custom_rules());
    CHECK(j == json{{"description_min_chars", 5},
                    {"description_max_chars", 500},
                    {"order_ref_max_chars", 32},
                    {"filing_window_days", 7},
                    {"not_received_window_days", 45},
                    {"no_order_amount_max_minor", 5'000'000}});
    for (const char* key : kAllKeys) {
        CAPTURE(std::string(key));
        REQUIRE(j.contains(key));
        CHECK(j[key].is_number_integer());
    }
    CHECK(j.size() == std::size(kAllKeys));
}

TEST_CASE("FilingRules round trip: the defaults, custom limits and the edges of each range") {
    FilingRules edges;
    edges.description_min_chars = 0;
    edges.description_max_chars = 1'000'000;
    edges.order_ref_max_chars = 0;
    edges.filing_window_days = 1'000'000;
    edges.not_received_window_days = 0;
    edges.no_order_amount_max_minor = std::numeric_limits<std::int64_t>::max();
    for (const FilingRules& rules : {FilingRules{}, custom_rules(), edges}) {
        FilingRules back;
        back.description_min_chars = -7;  // every field is overwritten
        back.no_order_amount_max_minor = -7;
        CHECK(api::decode(api::encode(rules), back).empty());
        check_same(back, rules);
        // Through text, as the session reply carries it.
        FilingRules from_text;
        CHECK(api::decode(parse_json(api::encode(rules).dump()), from_text).empty());
        check_same(from_text, rules);
    }
}

TEST_CASE("FilingRules decode: the small limits must lie between 0 and 1000000") {
    for (const char* key : kSmallKeys) {
        CAPTURE(std::string(key));
        for (const std::int64_t bad :
             {std::int64_t{-1}, std::int64_t{1'000'001}, std::int64_t{1} << 40,
              std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
            CAPTURE(bad);
            FilingRules out = custom_rules();
            CHECK(describe(api::decode(with(key, bad), out)) == std::string(key) + "/out_of_range ");
        }
        for (const std::int64_t good : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1'000'000}}) {
            CAPTURE(good);
            FilingRules out;
            // The other end of the description range is put out of the way: min <= max is checked too.
            FilingRules wide;
            wide.description_min_chars = 0;
            wide.description_max_chars = 1'000'000;
            CHECK(api::decode(with(key, good, wide), out).empty());
        }
    }
    // A value out of range is not taken: the field keeps what it had.
    FilingRules out = custom_rules();
    CHECK_FALSE(api::decode(with("filing_window_days", -1), out).empty());
    CHECK(out.filing_window_days == 7);
    // Each bad value is named, all at once.
    json j = api::encode(FilingRules{});
    j["description_min_chars"] = -1;
    j["not_received_window_days"] = 2'000'000;
    CHECK(describe(api::decode(j, out)) == "description_min_chars/out_of_range not_received_window_days/out_of_range ");
}

TEST_CASE("FilingRules decode: the money ceiling must fit in 64 bits") {
    FilingRules out;
    CHECK(api::decode(with("no_order_amount_max_minor", std::numeric_limits<std::int64_t>::max()), out).empty());
    CHECK(out.no_order_amount_max_minor == std::numeric_limits<std::int64_t>::max());
    // One more than the largest int64 arrives as an unsigned number.
    const json big = parse_json(R"({"description_min_chars":10,"description_max_chars":2000,"order_ref_max_chars":64,)"
                                R"("filing_window_days":15,"not_received_window_days":30,)"
                                R"("no_order_amount_max_minor":9223372036854775808})");
    REQUIRE_FALSE(big.is_discarded());
    CHECK(describe(api::decode(big, out)) == "no_order_amount_max_minor/invalid_format ");
    CHECK(describe(api::decode(with("no_order_amount_max_minor", std::numeric_limits<std::uint64_t>::max()), out)) ==
          "no_order_amount_max_minor/invalid_format ");
}

TEST_CASE("FilingRules decode: unknown keys are refused") {
    FilingRules out;
    CHECK(describe(api::decode(with("auto_grant_max_minor", 20000), out)) == "auto_grant_max_minor/unknown_field ");
    CHECK(describe(api::decode(with("Filing_Window_Days", 15), out)) == "Filing_Window_Days/unknown_field ");
    // A misspelled key: unknown, and the real one is missing.
    json j = api::encode(FilingRules{});
    j.erase("filing_window_days");
    j["filing_window_day"] = 15;
    CHECK(describe(api::decode(j, out)) == "filing_window_day/unknown_field filing_window_days/required ");
}

TEST_CASE("FilingRules decode: every key is required") {
    for (const char* key : kAllKeys) {
        CAPTURE(std::string(key));
        json j = api::encode(FilingRules{});
        j.erase(key);
        FilingRules out;
        CHECK(describe(api::decode(j, out)) == std::string(key) + "/required ");
        // null is no value.
        CHECK(describe(api::decode(with(key, nullptr), out)) == std::string(key) + "/required ");
    }
    FilingRules out;
    CHECK(describe(api::decode(json::object(), out)) ==
          "description_min_chars/required description_max_chars/required order_ref_max_chars/required "
          "filing_window_days/required not_received_window_days/required no_order_amount_max_minor/required ");
}

TEST_CASE("FilingRules decode: wrong types are refused") {
    const json wrong[] = {json("15"), json(15.5), json(15.0), json(true), json::array({15}), json{{"days", 15}}};
    for (const char* key : kAllKeys) {
        CAPTURE(std::string(key));
        for (const json& value : wrong) {
            CAPTURE(value.dump());
            FilingRules out = custom_rules();
            CHECK(describe(api::decode(with(key, value, custom_rules()), out)) == std::string(key) + "/wrong_type ");
            check_same(out, custom_rules());  // the field keeps what it had
        }
    }
    // Not an object at all: one error, for the whole body.
    for (const char* text : {"[]", "null", "15", R"("rules")", "{broken"}) {
        CAPTURE(std::string(text));
        FilingRules out;
        CHECK(describe(api::decode(parse_json(text), out)) == "/wrong_type ");
    }
}

TEST_CASE("FilingRules decode: a description minimum above the maximum is refused") {
    FilingRules base;
    base.description_max_chars = 100;
    FilingRules out;
    CHECK(describe(api::decode(with("description_min_chars", 101, base), out)) == "description_min_chars/not_ascending ");
    CHECK(api::decode(with("description_min_chars", 100, base), out).empty());
}

TEST_CASE("FilingRules decode: the ceiling for cases without an order must be positive") {
    FilingRules out;
    CHECK(describe(api::decode(with("no_order_amount_max_minor", 0), out)) == "no_order_amount_max_minor/must_be_positive ");
    CHECK(describe(api::decode(with("no_order_amount_max_minor", -5), out)) == "no_order_amount_max_minor/must_be_positive ");
    CHECK(api::decode(with("no_order_amount_max_minor", 1), out).empty());
}
