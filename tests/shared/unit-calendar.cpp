// Business-day calendar: the official China data, working-day deadlines, TSV parsing, durations.
// China has no daylight saving time (UTC+8 all year), so every local day below is exactly 86400 seconds and
// local midnight is always 16:00 UTC of the previous UTC day.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "accord/calendar.hpp"

namespace accord {
extern const char* const kHolidaysCnTsv;  // the embedded shared/data/holidays-cn.tsv
}

using namespace accord;

namespace {

CivilDate date(const char* text) {
    CivilDate d{};
    REQUIRE(parse_date(text, d));
    return d;
}

std::string show(CivilDate d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
    return buf;
}

// "2026-09-30 10:00:00" in China time (UTC+8), written out without the code under test.
Timestamp cn(const char* text) {
    const std::string s = text;
    REQUIRE(s.size() == 19);
    const std::int64_t h = std::stoi(s.substr(11, 2)), m = std::stoi(s.substr(14, 2)), sec = std::stoi(s.substr(17, 2));
    return days_from_civil(date(s.substr(0, 10).c_str())) * 86400 + h * 3600 + m * 60 + sec - 8 * 3600;
}

// 24:00 China time at the end of a date, i.e. 00:00 of the next day, i.e. 16:00 UTC of that date.
Timestamp cn_end_of(const char* day) { return (days_from_civil(date(day)) + 1) * 86400 - 8 * 3600; }

// A deliberately naive reference: step one day at a time and ask is_working_day.
Timestamp naive_add(const BusinessCalendar& cal, Timestamp t, int n) {
    std::int64_t day = days_from_civil(cal.local_date(t));
    while (n > 0) {
        ++day;
        if (cal.is_working_day(civil_from_days(day))) --n;
    }
    return (day + 1) * 86400 - cal.utc_offset();
}

int naive_between(const BusinessCalendar& cal, Timestamp from, Timestamp to) {
    const std::int64_t a = days_from_civil(cal.local_date(from)), b = days_from_civil(cal.local_date(to));
    int n = 0;
    for (std::int64_t d = a + 1; d <= b; ++d)
        if (cal.is_working_day(civil_from_days(d))) ++n;
    return n;
}

// The data lines of the embedded TSV, split here independently of parse_tsv.
struct RawLine {
    std::string date, kind, name;
};

std::vector<RawLine> raw_data_lines() {
    std::vector<RawLine> out;
    const std::string text = kHolidaysCnTsv;
    std::size_t pos = 0;
    bool header = true;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        out.push_back({line.substr(0, t1), line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)});
    }
    return out;
}

}  // namespace

TEST_CASE("weekday counts from Sunday = 0") {
    struct Row {
        const char* date;
        int weekday;
    };
    const Row rows[] = {
        {"1970-01-01", 4}, {"1969-12-31", 3}, {"1900-01-01", 1}, {"2000-01-01", 6}, {"2026-01-01", 4},
        {"2026-01-04", 0}, {"2026-02-14", 6}, {"2026-02-28", 6}, {"2026-09-20", 0}, {"2026-10-01", 4},
        {"2026-10-10", 6}, {"2026-03-04", 3}, {"1600-03-01", 3},
    };
    for (const Row& row : rows) {
        CAPTURE(row.date);
        CHECK(weekday(date(row.date)) == row.weekday);
    }
}

TEST_CASE("china calendar: the embedded TSV parses and china_calendar holds exactly its lines") {
    BusinessCalendar parsed;
    std::string error;
    REQUIRE(BusinessCalendar::parse_tsv(kHolidaysCnTsv, parsed, error));
    CHECK(error.empty());

    const BusinessCalendar& cn_cal = china_calendar();
    CHECK(&cn_cal == &china_calendar());  // parsed once, the same object every time
    const std::vector<RawLine> raw = raw_data_lines();
    CHECK(raw.size() == 72);
    CHECK(cn_cal.entries().size() == raw.size());  // no date is listed twice
    CHECK(parsed.entries().size() == raw.size());
    CHECK(cn_cal.first_year() == 2025);
    CHECK(cn_cal.last_year() == 2026);
    CHECK(cn_cal.utc_offset() == kChinaUtcOffset);

    for (std::size_t i = 1; i < cn_cal.entries().size(); ++i)
        CHECK(days_from_civil(cn_cal.entries()[i - 1].date) < days_from_civil(cn_cal.entries()[i].date));

    for (const RawLine& line : raw) {
        CAPTURE(line.date);
        const CalendarEntry* e = cn_cal.entry(date(line.date.c_str()));
        REQUIRE(e != nullptr);
        CHECK(to_key(e->kind) == line.kind);
        CHECK(e->name == line.name);
        CHECK(show(e->date) == line.date);
    }
}

TEST_CASE("china calendar: every 2025 and 2026 line is honoured by is_working_day") {
    // The rule from the file header: working when listed "work", or when Monday-Friday and not listed "off".
    const BusinessCalendar& cal = china_calendar();
    int checked_2026 = 0;
    for (const RawLine& line : raw_data_lines()) {
        CAPTURE(line.date);
        CHECK(cal.is_working_day(date(line.date.c_str())) == (line.kind == "work"));
        if (line.date.rfind("2026-", 0) == 0) ++checked_2026;
    }
    CHECK(checked_2026 == 39);

    // Every day of both years, unlisted ones included, follows the rule.
    for (std::int64_t d = days_from_civil({2025, 1, 1}); d <= days_from_civil({2026, 12, 31}); ++d) {
        const CivilDate day = civil_from_days(d);
        const CalendarEntry* e = cal.entry(day);
        const int wd = weekday(day);
        const bool expected = e != nullptr ? e->kind == DayKind::work : wd >= 1 && wd <= 5;
        CAPTURE(show(day));
        CHECK(cal.is_working_day(day) == expected);
    }
}

TEST_CASE("china calendar: every make-up working day is a Saturday or Sunday") {
    // A "work" entry on a Monday-Friday would change nothing: every make-up day is a Saturday or Sunday.
    for (const CalendarEntry& e : china_calendar().entries()) {
        CAPTURE(show(e.date));
        if (e.kind == DayKind::work) CHECK((weekday(e.date) == 0 || weekday(e.date) == 6));
    }
}

TEST_CASE("china calendar: known days of 2026") {
    struct Row {
        const char* date;
        bool working;
        const char* why;
    };
    const Row rows[] = {
        {"2026-01-01", false, "New Year, Thursday"},
        {"2026-01-02", false, "New Year, Friday"},
        {"2026-01-03", false, "New Year, Saturday"},
        {"2026-01-04", true, "make-up Sunday for New Year"},
        {"2026-01-05", true, "ordinary Monday"},
        {"2026-02-13", true, "Friday before Spring Festival"},
        {"2026-02-14", true, "make-up Saturday for Spring Festival"},
        {"2026-02-15", false, "Spring Festival"},
        {"2026-02-16", false, "Spring Festival"},
        {"2026-02-17", false, "Spring Festival (New Year's Day)"},
        {"2026-02-18", false, "Spring Festival"},
        {"2026-02-19", false, "Spring Festival"},
        {"2026-02-20", false, "Spring Festival"},
        {"2026-02-21", false, "Spring Festival"},
        {"2026-02-22", false, "Spring Festival"},
        {"2026-02-23", false, "Spring Festival, Monday"},
        {"2026-02-24", true, "first day back"},
        {"2026-02-28", true, "make-up Saturday for Spring Festival"},
        {"2026-03-01", false, "ordinary Sunday"},
        {"2026-03-07", false, "ordinary Saturday"},
        {"2026-03-04", true, "ordinary Wednesday"},
        {"2026-04-06", false, "Qingming, Monday"},
        {"2026-05-09", true, "make-up Saturday for Labour Day"},
        {"2026-09-20", true, "make-up Sunday for National Day"},
        {"2026-09-25", false, "Mid-Autumn, Friday"},
        {"2026-09-30", true, "Wednesday before National Day"},
        {"2026-10-01", false, "National Day"},
        {"2026-10-02", false, "National Day"},
        {"2026-10-03", false, "National Day"},
        {"2026-10-04", false, "National Day"},
        {"2026-10-05", false, "National Day"},
        {"2026-10-06", false, "National Day"},
        {"2026-10-07", false, "National Day, Wednesday"},
        {"2026-10-08", true, "first day back, Thursday"},
        {"2026-10-10", true, "make-up Saturday for National Day"},
        {"2026-10-11", false, "ordinary Sunday"},
        {"2027-01-01", true, "not listed (no 2027 data yet): an ordinary Friday"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.date);
        CAPTURE(row.why);
        CHECK(china_calendar().is_working_day(date(row.date)) == row.working);
    }
    REQUIRE(china_calendar().entry(date("2026-10-01")) != nullptr);
    CHECK(china_calendar().entry(date("2026-10-01"))->name == "国庆节 National Day");
    CHECK(china_calendar().entry(date("2026-03-04")) == nullptr);
}

TEST_CASE("china calendar: the 2025 and 2026 totals match 365 days - 104 weekend days - 13 statutory holidays") {
    // Since 2025 China has 13 statutory holiday days a year; make-up days keep the rest of the year at 5 a week.
    const BusinessCalendar& cal = china_calendar();
    CHECK(cal.working_days_between(cn("2024-12-31 12:00:00"), cn("2025-12-31 12:00:00")) == 248);
    CHECK(cal.working_days_between(cn("2025-12-31 12:00:00"), cn("2026-12-31 12:00:00")) == 248);
}

TEST_CASE("add_working_days ends at 24:00 local of the n-th working day after the start date") {
    struct Row {
        const char* start;  // China time
        int n;
        const char* last_day;  // the deadline is the end (24:00 +08) of this day
        const char* why;
    };
    const Row rows[] = {
        // Across a plain weekend (March 2026 has no holidays).
        {"2026-03-06 15:00:00", 1, "2026-03-09", "Friday -> Monday"},
        {"2026-03-07 10:00:00", 1, "2026-03-09", "Saturday -> Monday"},
        {"2026-03-08 10:00:00", 1, "2026-03-09", "Sunday -> Monday"},
        {"2026-03-04 09:00:00", 1, "2026-03-05", "Wednesday -> Thursday"},
        {"2026-03-04 09:00:00", 5, "2026-03-11", "Thu, Fri, Mon, Tue, Wed"},
        // Mon 2 March: 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), 30 (20).
        {"2026-03-02 09:00:00", 20, "2026-03-30", "four weeks"},
        // Monday 6 April is Qingming: Friday -> Tuesday.
        {"2026-04-03 15:00:00", 1, "2026-04-07", "Qingming Monday"},
        // Golden Week: 1-7 October off, so the first working day after Wednesday 30 September is Thursday
        // 8 October; then Friday 9, make-up Saturday 10, and (Sunday 11 off) Monday 12.
        {"2026-09-30 10:00:00", 1, "2026-10-08", "Golden Week"},
        {"2026-09-30 10:00:00", 2, "2026-10-09", "Golden Week"},
        {"2026-09-30 10:00:00", 3, "2026-10-10", "Golden Week + make-up Saturday"},
        {"2026-09-30 10:00:00", 4, "2026-10-12", "Golden Week + make-up Saturday"},
        // Mid-Autumn (Fri 25 - Sun 27 September) after the make-up Sunday 20 September.
        {"2026-09-18 18:00:00", 1, "2026-09-20", "make-up Sunday"},
        {"2026-09-24 18:00:00", 1, "2026-09-28", "Mid-Autumn"},
        // Spring Festival: make-up Saturday 14 February, 15-23 off, back Tuesday 24, make-up Saturday 28.
        {"2026-02-13 10:00:00", 1, "2026-02-14", "make-up Saturday before Spring Festival"},
        {"2026-02-13 10:00:00", 2, "2026-02-24", "Spring Festival"},
        {"2026-02-12 10:00:00", 5, "2026-02-26", "Fri 13, Sat 14, Tue 24, Wed 25, Thu 26"},
        {"2026-02-13 10:00:00", 6, "2026-02-28", "Sat 14, Tue 24 - Fri 27, Sat 28"},
        {"2026-02-13 10:00:00", 7, "2026-03-02", "then Monday"},
        // Starting on a holiday.
        {"2026-02-18 09:00:00", 1, "2026-02-24", "inside Spring Festival"},
        {"2026-10-03 12:00:00", 1, "2026-10-08", "inside Golden Week"},
        {"2026-10-07 23:59:59", 1, "2026-10-08", "last second of Golden Week"},
        // New Year 2026: Wednesday 31 December 2025 -> 1-3 January off -> make-up Sunday 4 January.
        {"2025-12-31 17:00:00", 1, "2026-01-04", "New Year make-up Sunday"},
        // Labour Day: Fri 24 April: 27-30 (4), 1-5 May off, 6-8 (7), make-up Sat 9 (8), 11-15 (13), 18-22 (18),
        // 25 (19), 26 (20).
        {"2026-04-24 11:00:00", 20, "2026-05-26", "across Labour Day"},
        // Midnight boundary: 23:59:59 is still Thursday, 00:00:00 is already Friday.
        {"2026-03-05 23:59:59", 1, "2026-03-06", "Thursday, last second"},
        {"2026-03-06 00:00:00", 1, "2026-03-09", "Friday, first second"},
        {"2026-03-06 23:59:59", 1, "2026-03-09", "Friday, last second"},
        {"2026-03-07 00:00:00", 1, "2026-03-09", "Saturday, first second"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.start);
        CAPTURE(row.n);
        CAPTURE(row.why);
        const Timestamp got = china_calendar().add_working_days(cn(row.start), row.n);
        CHECK(format_minutes(got - 1) == std::string(row.last_day) + " 23:59");
        CHECK(got == cn_end_of(row.last_day));
    }
}

TEST_CASE("add_working_days: the UTC+8 midnight is 16:00 UTC") {
    const BusinessCalendar& cal = china_calendar();
    const Timestamp thu_1559_utc = days_from_civil({2026, 3, 5}) * 86400 + 15 * 3600 + 59 * 60 + 59;
    const Timestamp thu_1600_utc = thu_1559_utc + 1;  // Friday 00:00:00 in China
    CHECK(cal.add_working_days(thu_1559_utc, 1) == days_from_civil({2026, 3, 6}) * 86400 + 16 * 3600);
    CHECK(cal.add_working_days(thu_1600_utc, 1) == days_from_civil({2026, 3, 9}) * 86400 + 16 * 3600);
    CHECK(show(cal.local_date(thu_1559_utc)) == "2026-03-05");
    CHECK(show(cal.local_date(thu_1600_utc)) == "2026-03-06");
    CHECK(cal.end_of_day({2026, 3, 5}) == thu_1600_utc);
}

TEST_CASE("add_working_days: n <= 0 is no time at all") {
    const Timestamp t = cn("2026-10-03 12:00:00");
    CHECK(china_calendar().add_working_days(t, 0) == t);
    CHECK(china_calendar().add_working_days(t, -3) == t);
}

TEST_CASE("add_working_days agrees with a day-by-day reference across 2025-2027") {
    const BusinessCalendar& cal = china_calendar();
    int mismatches = 0;
    for (std::int64_t d = days_from_civil({2024, 12, 1}); d <= days_from_civil({2027, 1, 31}); ++d) {
        for (const std::int64_t second_of_day : {std::int64_t{0}, std::int64_t{43200}, std::int64_t{86399}}) {
            const Timestamp t = d * 86400 + second_of_day - 8 * 3600;
            for (const int n : {1, 2, 3, 5, 9, 10, 20, 61}) {
                const Timestamp got = cal.add_working_days(t, n);
                if (got != naive_add(cal, t, n)) {
                    ++mismatches;
                    MESSAGE("start " << format_minutes(t) << " n=" << n << " got " << format_minutes(got));
                }
                // The deadline's last second is on the n-th working day itself.
                if (cal.working_days_between(t, got - 1) != n || !cal.is_working_day(cal.local_date(got - 1)))
                    ++mismatches;
            }
        }
    }
    CHECK(mismatches == 0);
}

TEST_CASE("add_working_days stays fast and consistent for long durations") {
    const BusinessCalendar& cal = china_calendar();
    const Timestamp t = cn("2026-01-05 09:00:00");
    const Timestamp year = cal.add_working_days(t, 365);
    CHECK(year == naive_add(cal, t, 365));
    CHECK(cal.working_days_between(t, year - 1) == 365);
    // Far past the data only the weekend counts; whole weeks are skipped, so this is instant.
    const Timestamp far = cal.add_working_days(t, 1000000);
    CHECK(cal.working_days_between(t, far - 1) == 1000000);
    CHECK(cal.is_working_day(cal.local_date(far - 1)));
}

TEST_CASE("working_days_between counts working days after from's date up to and including to's date") {
    struct Row {
        const char* from;
        const char* to;
        int expected;
    };
    const Row rows[] = {
        {"2026-03-04 09:00:00", "2026-03-04 18:00:00", 0},   // same day
        {"2026-03-06 15:00:00", "2026-03-09 10:00:00", 1},   // Friday -> Monday
        {"2026-03-06 15:00:00", "2026-03-08 23:59:59", 0},   // only the weekend
        {"2026-03-05 23:59:59", "2026-03-06 00:00:00", 1},   // one second, but a new working day
        {"2026-09-30 10:00:00", "2026-10-07 23:59:59", 0},   // Golden Week
        {"2026-09-30 10:00:00", "2026-10-08 00:00:00", 1},
        {"2026-09-30 10:00:00", "2026-10-10 12:00:00", 3},   // Thu 8, Fri 9, make-up Sat 10
        {"2026-10-10 12:00:00", "2026-09-30 10:00:00", -3},  // reversed
        {"2026-02-13 10:00:00", "2026-02-28 10:00:00", 6},   // Sat 14, Tue 24 - Sat 28
        {"2026-01-01 00:00:00", "2026-01-04 00:00:00", 1},   // make-up Sunday 4 January
    };
    for (const Row& row : rows) {
        CAPTURE(row.from);
        CAPTURE(row.to);
        CHECK(china_calendar().working_days_between(cn(row.from), cn(row.to)) == row.expected);
    }
    // Against the reference over every start day of 2026 to a fixed end.
    const Timestamp end = cn("2026-12-31 12:00:00");
    for (std::int64_t d = days_from_civil({2025, 12, 1}); d <= days_from_civil({2026, 12, 31}); ++d) {
        const Timestamp t = d * 86400;
        CHECK(china_calendar().working_days_between(t, end) == naive_between(china_calendar(), t, end));
    }
}

TEST_CASE("pre-1970 and negative timestamps use floor division for the local date") {
    BusinessCalendar utc;
    utc.set_utc_offset(0);
    CHECK(show(utc.local_date(-1)) == "1969-12-31");
    CHECK(show(utc.local_date(-86400)) == "1969-12-31");
    CHECK(show(utc.local_date(-86401)) == "1969-12-30");
    CHECK(show(utc.local_date(0)) == "1970-01-01");
    // Wednesday 1969-12-31 23:59:59Z, n = 1 -> end of Thursday 1970-01-01.
    CHECK(utc.add_working_days(-1, 1) == 86400);
    // Saturday 1969-12-27: the next working day is Monday 29th, ending at -2 days.
    CHECK(utc.add_working_days(-4 * 86400 - 3600, 1) == -2 * 86400);

    const BusinessCalendar plain;  // UTC+8: -1 is already Thursday 1970-01-01 07:59:59 locally
    CHECK(show(plain.local_date(-1)) == "1970-01-01");
    CHECK(show(plain.local_date(-8 * 3600 - 1)) == "1969-12-31");
    CHECK(plain.add_working_days(-1, 1) == 2 * 86400 - 8 * 3600);  // end of Friday 2 January, +08

    BusinessCalendar west;
    west.set_utc_offset(-5 * 3600);
    CHECK(show(west.local_date(4 * 3600)) == "1969-12-31");
    CHECK(show(west.local_date(5 * 3600)) == "1970-01-01");
    CHECK(west.working_days_between(-1, 5 * 3600) == 1);
}

TEST_CASE("parse_tsv reports the line number and the problem") {
    struct Row {
        const char* text;
        const char* line;     // must appear in the message
        const char* problem;  // must appear in the message
    };
    const Row rows[] = {
        {"# c\ndate\tkind\tname\n2026-10-01\toff\tX\n2026-02-30\toff\tX\n", "line 4:", "bad date \"2026-02-30\""},
        {"date\tkind\tname\n2026-13-01\toff\tX\n", "line 2:", "bad date"},
        {"date\tkind\tname\n26-10-01\toff\tX\n", "line 2:", "bad date"},
        {"date\tkind\tname\n2026-10-01\tholiday\tX\n", "line 2:", "unknown kind \"holiday\""},
        {"date\tkind\tname\n2026-10-01\tOFF\tX\n", "line 2:", "unknown kind"},
        {"date\tkind\tname\n2026-10-01\toff\n", "line 2:", "missing column"},
        {"date\tkind\tname\n2026-10-01\n", "line 2:", "missing column"},
        {"date\tkind\tname\n2026-10-01 off X\n", "line 2:", "missing column"},
        {"date\tkind\tname\n2026-10-01\toff\t\n", "line 2:", "missing column"},
        {"date\tkind\tname\n2026-10-01\toff\tX\tY\n", "line 2:", "too many columns"},
        {"# a\n#b\ndate\tkind\tname\n2026-10-01\toff\tA\n\n2026-10-01\twork\tB\n", "line 6:", "duplicate date"},
        {"# only comments\n", "line ", "header"},
        {"", "line 1:", "header"},
        {"2026-10-01\toff\tX\n", "line 1:", "header"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        BusinessCalendar cal;
        cal.add({{2030, 1, 1}, DayKind::off, "kept"});
        std::string error;
        CHECK_FALSE(BusinessCalendar::parse_tsv(row.text, cal, error));
        CAPTURE(error);
        CHECK(error.find(row.line) != std::string::npos);
        CHECK(error.find(row.problem) != std::string::npos);
        // A failed parse leaves the calendar as it was.
        REQUIRE(cal.entries().size() == 1);
        CHECK(cal.entries()[0].name == "kept");
    }
    // The conflicting duplicate names the earlier line too.
    BusinessCalendar cal;
    std::string error;
    CHECK_FALSE(BusinessCalendar::parse_tsv("date\tkind\tname\n2026-10-01\toff\tA\n2026-10-01\twork\tB\n", cal, error));
    CHECK(error.find("line 3:") != std::string::npos);
    CHECK(error.find("on line 2") != std::string::npos);
}

TEST_CASE("parse_tsv accepts comments, blank lines, CRLF, same-kind duplicates and keeps weekend and offset") {
    BusinessCalendar cal;
    cal.set_weekend({5, 6});
    cal.set_utc_offset(3 * 3600);
    cal.add({{2020, 1, 1}, DayKind::off, "replaced"});
    std::string error = "stale";
    const char* text = "# Example\r\n\r\ndate\tkind\tname\r\n# a comment among rows\r\n"
                       "2027-10-01\toff\tNational Day\r\n2027-09-26\twork\tNational Day\r\n"
                       "2027-10-01\toff\tNational Day again\r\n   \n";
    REQUIRE(BusinessCalendar::parse_tsv(text, cal, error));
    REQUIRE(cal.entries().size() == 2);
    CHECK(show(cal.entries()[0].date) == "2027-09-26");  // sorted by date, not file order
    CHECK(cal.entries()[0].kind == DayKind::work);
    CHECK(cal.entries()[1].name == "National Day again");  // the later same-kind line wins
    CHECK(cal.entry({2020, 1, 1}) == nullptr);             // parse replaces the entries
    CHECK(cal.utc_offset() == 3 * 3600);
    CHECK(cal.is_weekend(5));
    CHECK_FALSE(cal.is_weekend(0));
    CHECK(cal.first_year() == 2027);
    CHECK(cal.last_year() == 2027);

    BusinessCalendar header_only;
    REQUIRE(BusinessCalendar::parse_tsv("date\tkind\tname", header_only, error));
    CHECK(header_only.entries().empty());
    CHECK(header_only.first_year() == 0);
    CHECK(header_only.last_year() == 0);
}

TEST_CASE("add replaces an entry for the same date, merge extends a calendar") {
    BusinessCalendar cal = china_calendar();
    const std::size_t before = cal.entries().size();

    // An extra company holiday on Thursday 8 October pushes the Golden Week deadline to Friday 9.
    cal.add({{2026, 10, 8}, DayKind::off, "company day"});
    CHECK(cal.entries().size() == before + 1);
    CHECK_FALSE(cal.is_working_day({2026, 10, 8}));
    CHECK(cal.add_working_days(cn("2026-09-30 10:00:00"), 1) == cn_end_of("2026-10-09"));
    CHECK(china_calendar().is_working_day({2026, 10, 8}));  // the built-in calendar is untouched

    // Same date again: replaced, not duplicated.
    cal.add({{2026, 10, 1}, DayKind::work, "moved"});
    CHECK(cal.entries().size() == before + 1);
    CHECK(cal.is_working_day({2026, 10, 1}));
    REQUIRE(cal.entry({2026, 10, 1}) != nullptr);
    CHECK(cal.entry({2026, 10, 1})->name == "moved");

    // Merging a later year.
    BusinessCalendar later;
    later.add({{2027, 1, 1}, DayKind::off, "元旦 New Year"});
    later.add({{2026, 10, 1}, DayKind::off, "back to off"});
    later.set_weekend({5, 6});  // the other calendar's weekend does not travel with its entries
    cal.merge(later);
    CHECK(cal.last_year() == 2027);
    CHECK(cal.first_year() == 2025);
    CHECK_FALSE(cal.is_working_day({2027, 1, 1}));
    CHECK_FALSE(cal.is_working_day({2026, 10, 1}));
    CHECK(cal.entries().size() == before + 2);
    CHECK(cal.is_working_day({2027, 1, 8}));  // a Friday: still Sat+Sun weekend here
    for (std::size_t i = 1; i < cal.entries().size(); ++i)
        CHECK(days_from_civil(cal.entries()[i - 1].date) < days_from_civil(cal.entries()[i].date));
}

TEST_CASE("set_weekend and set_utc_offset: a Friday-Saturday weekend country at UTC+3") {
    BusinessCalendar cal;
    cal.set_weekend({5, 6});
    cal.set_utc_offset(3 * 3600);
    CHECK(cal.utc_offset() == 3 * 3600);
    CHECK(cal.is_working_day({2026, 3, 8}));        // Sunday
    CHECK_FALSE(cal.is_working_day({2026, 3, 6}));  // Friday
    CHECK_FALSE(cal.is_working_day({2026, 3, 7}));  // Saturday
    CHECK(cal.is_working_day({2026, 3, 5}));        // Thursday

    // Thursday 5 March 10:00 +03 (07:00 UTC): next working day is Sunday 8 March, ending 2026-03-09 00:00 +03.
    const Timestamp thu = days_from_civil({2026, 3, 5}) * 86400 + 7 * 3600;
    CHECK(cal.add_working_days(thu, 1) == days_from_civil({2026, 3, 8}) * 86400 + 21 * 3600);
    // Local midnight is 21:00 UTC: Wednesday 4 March 21:00 UTC is already Thursday there.
    const Timestamp wed_2100_utc = days_from_civil({2026, 3, 4}) * 86400 + 21 * 3600;
    CHECK(show(cal.local_date(wed_2100_utc - 1)) == "2026-03-04");
    CHECK(show(cal.local_date(wed_2100_utc)) == "2026-03-05");
    CHECK(cal.add_working_days(wed_2100_utc - 1, 1) == cn_end_of("2026-03-05") + 5 * 3600);
    CHECK(cal.add_working_days(wed_2100_utc, 1) == days_from_civil({2026, 3, 8}) * 86400 + 21 * 3600);
    CHECK(cal.working_days_between(thu, thu + 7 * 86400) == 5);

    // Out-of-range weekdays are ignored; a one-day weekend.
    cal.set_weekend({0, 7, -1});
    CHECK(cal.is_working_day({2026, 3, 7}));
    CHECK_FALSE(cal.is_working_day({2026, 3, 8}));
    CHECK(cal.working_days_between(thu, thu + 7 * 86400) == 6);
}

TEST_CASE("add_working_days with no working weekday: only listed work days count, else never") {
    BusinessCalendar cal;
    cal.set_utc_offset(0);
    cal.set_weekend({0, 1, 2, 3, 4, 5, 6});
    cal.add({{2026, 3, 10}, DayKind::work, "the only working day"});
    CHECK(cal.add_working_days(0, 1) == (days_from_civil({2026, 3, 10}) + 1) * 86400);
    CHECK(cal.add_working_days(0, 2) == std::numeric_limits<Timestamp>::max());
    CHECK(cal.working_days_between(0, days_from_civil({2030, 1, 1}) * 86400) == 1);
}

TEST_CASE("deadline_after: hours are exact calendar seconds, business days follow the calendar") {
    const Timestamp start = cn("2026-09-30 10:00:00");
    struct Row {
        Duration d;
        Timestamp expected;
    };
    const Row rows[] = {
        {hours(1), start + 3600},
        {hours(24), start + 86400},
        {hours(72), start + 3 * 86400},  // straight through Golden Week: hours ignore holidays
        {hours(8760), start + 365 * 86400},
        {business_days(1), cn_end_of("2026-10-08")},
        {business_days(3), cn_end_of("2026-10-10")},
        {hours(0), start},
        {business_days(0), start},
        {hours(-5), start},
    };
    for (const Row& row : rows) {
        CAPTURE(to_key(row.d.unit));
        CAPTURE(row.d.amount);
        CHECK(deadline_after(start, row.d, china_calendar()) == row.expected);
    }
    CHECK(deadline_after(start, business_days(20), china_calendar()) ==
          china_calendar().add_working_days(start, 20));
}

TEST_CASE("Duration constructors, equality and keys") {
    CHECK(hours(5) == Duration{Duration::Unit::hours, 5});
    CHECK(business_days(3) == Duration{Duration::Unit::business_days, 3});
    CHECK_FALSE(hours(3) == business_days(3));
    CHECK(Duration{} == hours(0));
    CHECK(std::string(to_key(Duration::Unit::business_days)) == "business_days");
    Duration::Unit unit{};
    CHECK(from_key("hours", unit));
    CHECK(unit == Duration::Unit::hours);
    CHECK_FALSE(from_key("days", unit));
    DayKind kind{};
    CHECK(from_key("work", kind));
    CHECK(kind == DayKind::work);
    CHECK(std::string(label(DayKind::off, Lang::en)) == "day off");
}

TEST_CASE("validate_duration bounds: 1..8760 hours, 1..365 business days") {
    struct Row {
        Duration d;
        bool ok;
        ErrorCode code;
        std::int64_t limit;
    };
    const Row rows[] = {
        {hours(1), true, {}, 0},
        {hours(48), true, {}, 0},
        {hours(8760), true, {}, 0},
        {hours(8761), false, ErrorCode::out_of_range, 8760},
        {hours(0), false, ErrorCode::must_be_positive, 0},
        {hours(-1), false, ErrorCode::must_be_positive, 0},
        {hours(std::numeric_limits<int>::max()), false, ErrorCode::out_of_range, 8760},
        {business_days(1), true, {}, 0},
        {business_days(365), true, {}, 0},
        {business_days(366), false, ErrorCode::out_of_range, 365},
        {business_days(0), false, ErrorCode::must_be_positive, 0},
        {business_days(std::numeric_limits<int>::min()), false, ErrorCode::must_be_positive, 0},
        {Duration{static_cast<Duration::Unit>(7), 5}, false, ErrorCode::invalid_choice, 0},
    };
    for (const Row& row : rows) {
        CAPTURE(static_cast<int>(row.d.unit));
        CAPTURE(row.d.amount);
        const FieldErrors errors = validate_duration(row.d, "response_window");
        if (row.ok) {
            CHECK(errors.empty());
        } else {
            REQUIRE(errors.size() == 1);
            CHECK(errors[0].field == "response_window");
            CHECK(errors[0].code == row.code);
            CHECK(errors[0].limit == row.limit);
        }
    }
}
