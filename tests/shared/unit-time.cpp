// Calendar arithmetic, display in China time, and date parsing.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "accord/time.hpp"

using namespace accord;

namespace {

// Independent of the code under test: the Gregorian rules written the obvious way.
bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
    constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

CivilDate next_day(CivilDate d) {
    if (d.day < days_in_month(d.year, d.month)) return {d.year, d.month, d.day + 1};
    if (d.month < 12) return {d.year, d.month + 1, 1};
    return {d.year + 1, 1, 1};
}

bool same(CivilDate a, CivilDate b) { return a.year == b.year && a.month == b.month && a.day == b.day; }

std::string show(CivilDate d) {
    return std::to_string(d.year) + "-" + std::to_string(d.month) + "-" + std::to_string(d.day);
}

}  // namespace

TEST_CASE("days_from_civil matches known day numbers") {
    struct Row {
        CivilDate date;
        std::int64_t days;
    };
    const Row rows[] = {
        {{1970, 1, 1}, 0},         {{1970, 1, 2}, 1},          {{1969, 12, 31}, -1},
        {{1968, 2, 29}, -672},     {{2000, 1, 1}, 10957},      {{2000, 3, 1}, 11017},
        {{1900, 1, 1}, -25567},    {{1600, 1, 1}, -135140},    {{2026, 1, 1}, 20454},
        {{2028, 2, 29}, 21243},    {{1, 1, 1}, -719162},       {{9999, 12, 31}, 2932896},
        {{0, 3, 1}, -719468},      {{0, 1, 1}, -719528},
    };
    for (const Row& row : rows) {
        CAPTURE(show(row.date));
        CHECK(days_from_civil(row.date) == row.days);
        CHECK(same(civil_from_days(row.days), row.date));
    }
}

TEST_CASE("civil_from_days walks the calendar day by day, before and after 1970") {
    // From 1 Jan -1000 to about year 3500: every day number maps to the day after the previous
    // one, and back again. Covers leap years, century non-leap years (1900, 2100) and 400-year
    // leap years (1600, 2000), negative day numbers and negative years.
    const std::int64_t first = days_from_civil({-1000, 1, 1});
    CivilDate expected{-1000, 1, 1};
    REQUIRE(same(civil_from_days(first), expected));
    int failures = 0;
    for (std::int64_t z = first; z < 560'000; ++z) {
        const CivilDate got = civil_from_days(z);
        if (!same(got, expected) || days_from_civil(got) != z) {
            if (++failures <= 5) FAIL_CHECK("day " << z << ": got " << show(got) << ", expected " << show(expected));
        }
        expected = next_day(expected);
    }
    CHECK(failures == 0);
}

TEST_CASE("leap days exist exactly in leap years") {
    for (const int year : {1600, 1900, 1968, 1999, 2000, 2024, 2026, 2028, 2100, 2400}) {
        CAPTURE(year);
        const CivilDate after_feb28 = civil_from_days(days_from_civil({year, 2, 28}) + 1);
        if (is_leap(year))
            CHECK(same(after_feb28, {year, 2, 29}));
        else
            CHECK(same(after_feb28, {year, 3, 1}));
    }
}

TEST_CASE("format_minutes shows China time (UTC+8) by default") {
    struct Row {
        Timestamp t;
        const char* expected;
    };
    const Row rows[] = {
        {0, "1970-01-01 08:00"},
        {1795445820, "2026-11-23 22:57"},  // 14:57 UTC
        // Local midnight is 16:00 UTC the day before.
        {1767196800 - 60, "2025-12-31 23:59"},
        {1767196800 - 1, "2025-12-31 23:59"},  // seconds are cut, never rounded up
        {1767196800, "2026-01-01 00:00"},
        {1767196800 + 59, "2026-01-01 00:00"},
        {1767196800 + 60, "2026-01-01 00:01"},
        {1767225600, "2026-01-01 08:00"},      // UTC midnight
        {1835366400 - 1, "2028-02-28 23:59"},  // into a leap day
        {1835366400, "2028-02-29 00:00"},
        {1835366400 + kSecondsPerDay, "2028-03-01 00:00"},
        // Before 1970: negative timestamps still floor to the right minute and day.
        {-8 * 3600, "1970-01-01 00:00"},
        {-8 * 3600 - 1, "1969-12-31 23:59"},
        {-28860, "1969-12-31 23:59"},
        {-1, "1970-01-01 07:59"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.t);
        CHECK(format_minutes(row.t) == row.expected);
    }
}

TEST_CASE("format_minutes honours another UTC offset") {
    CHECK(format_minutes(0, 0) == "1970-01-01 00:00");
    CHECK(format_minutes(-1, 0) == "1969-12-31 23:59");
    CHECK(format_minutes(1767225600, 0) == "2026-01-01 00:00");
    CHECK(format_minutes(1767225600, -5 * 3600) == "2025-12-31 19:00");
    CHECK(format_minutes(1767225600, kChinaUtcOffset) == format_minutes(1767225600));
}

TEST_CASE("parse_date accepts real YYYY-MM-DD dates") {
    struct Row {
        const char* text;
        CivilDate date;
    };
    const Row rows[] = {
        {"1970-01-01", {1970, 1, 1}}, {"2026-12-31", {2026, 12, 31}}, {"2028-02-29", {2028, 2, 29}},
        {"2000-02-29", {2000, 2, 29}}, {"2026-04-30", {2026, 4, 30}}, {"0001-01-01", {1, 1, 1}},
        {"9999-12-31", {9999, 12, 31}}, {"1969-07-20", {1969, 7, 20}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CivilDate out{0, 0, 0};
        REQUIRE(parse_date(row.text, out));
        CHECK(same(out, row.date));
    }
}

TEST_CASE("parse_date rejects impossible dates and other shapes") {
    const char* rows[] = {
        // impossible days
        "2026-02-29", "1900-02-29", "2100-02-29", "2026-02-30", "2026-04-31", "2026-06-31", "2026-01-32",
        "2026-01-00", "2026-00-10", "2026-13-01", "2026-99-99",
        // wrong shapes
        "", "2026", "2026-1-01", "2026-01-1", "26-01-01", "20260101", "2026/01/01", "2026.01.01",
        "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00", "-026-01-01", "+026-01-01", "2026-0a-01",
        "abcd-ef-gh", "2026--1-01", "2026-01-+1", "２０２６-01-01",
    };
    for (const char* text : rows) {
        CAPTURE(text);
        CivilDate out{0, 0, 0};
        CHECK_FALSE(parse_date(text, out));
    }
}
