// Later years of the holiday calendar from the operator's holidays.tsv (calendar_extension.hpp):
// added to the built-in years, a malformed file refused with its line named, no year skipped.
#include <doctest/doctest.h>

#include "accord/calendar_extension.hpp"
#include "fixtures.hpp"

using namespace accord;

namespace {

// A made-up 2027 (the notice is not out yet): New Year's Day off, a Sunday made a working day.
const std::string k2027 =
    "# test data, not the State Council's\n"
    "date\tkind\tname\n"
    "2027-01-01\toff\t元旦 New Year\n"
    "2027-02-07\twork\t春节 Spring Festival\n";

bool extends(const std::string& tsv, BusinessCalendar& out, std::string& error) {
    return extend_calendar(china_calendar(), tsv, out, error);
}

}  // namespace

TEST_CASE("holidays.tsv adds a year to the built-in calendar and moves its end") {
    CHECK(format_date(calendar_end(china_calendar())) == "2026-12-31");
    BusinessCalendar c;
    std::string error;
    REQUIRE(extends(k2027, c, error));
    CHECK(error.empty());
    CHECK(format_date(calendar_end(c)) == "2027-12-31");
    CHECK_FALSE(c.is_working_day({2027, 1, 1}));  // a Friday, now a holiday
    CHECK(c.is_working_day({2027, 2, 7}));         // a Sunday, now a working day
    // The built-in years are all still there, and the built-in calendar itself is unchanged.
    CHECK(c.entries().size() == china_calendar().entries().size() + 2);
    CHECK_FALSE(c.is_working_day({2026, 10, 1}));
    CHECK(china_calendar().is_working_day({2027, 1, 1}));
    CHECK(format_date(calendar_end(BusinessCalendar{})) == "0000-00-00");
}

TEST_CASE("a malformed holidays.tsv is refused with its line, and nothing changes") {
    const struct {
        std::string tsv;
        const char* says;
    } bad[] = {
        {"date\tkind\tname\n2027-13-01\toff\tx\n", "line 2: bad date"},
        {"date\tkind\tname\n2027-01-01\tholiday\tx\n", "line 2: unknown kind"},
        {"date\tkind\tname\n2027-01-01\toff\n", "line 2: missing column"},
        {"2027-01-01\toff\tx\n", "line 1: expected the header line"},
        {"# nothing yet\ndate\tkind\tname\n", "lists no day"},
        {"", "missing the header line"},
        // 2028 without 2027 would make 2027 a year without holidays.
        {"date\tkind\tname\n2028-01-01\toff\t元旦\n", "lists 2028 but not 2027"},
    };
    for (const auto& b : bad) {
        BusinessCalendar c;
        c.add({{2030, 1, 1}, DayKind::off, "marker"});
        std::string error;
        INFO(b.tsv);
        CHECK_FALSE(extends(b.tsv, c, error));
        CHECK_MESSAGE(error.find(b.says) != std::string::npos, error);
        REQUIRE(c.entries().size() == 1);  // untouched
        CHECK(c.entries()[0].name == "marker");
    }
}

TEST_CASE("two years at once, and a correction to a built-in day, are taken") {
    BusinessCalendar c;
    std::string error;
    REQUIRE(extends(k2027 + "2028-01-01\toff\t元旦 New Year\n2026-10-09\toff\tcorrection\n", c, error));
    CHECK(format_date(calendar_end(c)) == "2028-12-31");
    CHECK_FALSE(c.is_working_day({2026, 10, 9}));
}
