// Money: integer minor units, display and parsing of what people type.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "accord/money.hpp"

using namespace accord;

TEST_CASE("format_money prints the currency, the units and two decimals") {
    struct Row {
        Money money;
        const char* expected;
    };
    const Row rows[] = {
        {{0, "CNY"}, "CNY 0.00"},
        {{1, "CNY"}, "CNY 0.01"},
        {{10, "CNY"}, "CNY 0.10"},
        {{99, "CNY"}, "CNY 0.99"},
        {{100, "CNY"}, "CNY 1.00"},
        {{123450, "CNY"}, "CNY 1234.50"},
        {{89900, "USD"}, "USD 899.00"},
        {{-1, "CNY"}, "CNY -0.01"},
        {{-50, "CNY"}, "CNY -0.50"},
        {{-123456, "CNY"}, "CNY -1234.56"},
        {{std::numeric_limits<std::int64_t>::max(), "CNY"}, "CNY 92233720368547758.07"},
        // -INT64_MIN does not fit an int64: formatting must not overflow.
        {{std::numeric_limits<std::int64_t>::min(), "CNY"}, "CNY -92233720368547758.08"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.money.minor);
        CHECK(format_money(row.money) == row.expected);
    }
}

TEST_CASE("format_money uses the default currency of a default Money") {
    CHECK(format_money(Money{}) == "CNY 0.00");
}

TEST_CASE("Money equality compares amount and currency") {
    CHECK(Money{100, "CNY"} == Money{100, "CNY"});
    CHECK_FALSE(Money{100, "CNY"} == Money{101, "CNY"});
    CHECK_FALSE(Money{100, "CNY"} == Money{100, "USD"});
}

TEST_CASE("parse_amount accepts whole units and one or two decimals") {
    struct Row {
        const char* text;
        std::int64_t minor;
    };
    const Row rows[] = {
        {"0", 0},
        {"12", 1200},
        {"12.5", 1250},
        {"12.50", 1250},
        {"12.05", 1205},
        {"0.01", 1},
        {"0.1", 10},
        {"007", 700},
        {"899", 89900},
        {"999999999999", 99999999999900},  // twelve digits: the largest accepted
        {"999999999999.99", 99999999999999},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        std::int64_t minor = -1;
        REQUIRE(parse_amount(row.text, minor));
        CHECK(minor == row.minor);
    }
}

TEST_CASE("parse_amount rejects anything but digits with at most two decimals") {
    const char* rows[] = {
        "",       ".",       ".5",      "12.",    "1.234",  "12.500", "abc",    "1e3",     "1E3",
        "-5",     "+5",      " 12",     "12 ",    "1,000",  "1.2.3",  "1..2",   "12.a",    "12.-5",
        "0x10",   "１２",    "¥12",     "12元",   "NaN",    "inf",    "12.5 ",
        "1000000000000",            // thirteen digits
        "99999999999999999999999",  // far beyond int64
    };
    for (const char* text : rows) {
        CAPTURE(text);
        std::int64_t minor = 0;
        CHECK_FALSE(parse_amount(text, minor));
    }
}

TEST_CASE("parse_amount and format_money agree on the digits") {
    for (const std::int64_t minor : {std::int64_t{1}, std::int64_t{10}, std::int64_t{1205}, std::int64_t{89900},
                                     std::int64_t{99999999999999}}) {
        CAPTURE(minor);
        const std::string shown = format_money({minor, "CNY"});  // "CNY 12.05"
        std::int64_t back = -1;
        REQUIRE(parse_amount(shown.substr(4), back));
        CHECK(back == minor);
    }
}

TEST_CASE("is_currency_code wants exactly three upper-case ASCII letters") {
    for (const char* ok : {"CNY", "USD", "EUR", "HKD", "AAA", "ZZZ"}) {
        CAPTURE(ok);
        CHECK(is_currency_code(ok));
    }
    for (const char* bad : {"", "C", "CN", "CNYY", "cny", "Cny", "CN1", "C Y", "CN-", "¥", "人民币", "CN\xC3"}) {
        CAPTURE(bad);
        CHECK_FALSE(is_currency_code(bad));
    }
}
