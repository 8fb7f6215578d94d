// Business days (public holidays, make-up working days, weekends) and the durations rule settings use.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"
#include "accord/time.hpp"

namespace accord {

// A listed day: a public holiday ("off", even when it falls on a weekday) or a make-up working day
// ("work", 调休上班, even when it falls on a weekend).
enum class DayKind { off, work };

template <>
struct EnumTable<DayKind> {
    static constexpr EnumEntry<DayKind> entries[] = {
        {DayKind::off, "off", "休息", "day off"},
        {DayKind::work, "work", "上班", "working day"},
    };
};

struct CalendarEntry {
    CivilDate date;
    DayKind kind;
    std::string name;  // "国庆节 National Day": shown when a holiday moves a deadline
};

// Durations in rule settings: calendar hours, or working days under a calendar.
struct Duration {
    enum class Unit { hours, business_days };
    Unit unit = Unit::hours;
    int amount = 0;

    bool operator==(const Duration&) const = default;
};

template <>
struct EnumTable<Duration::Unit> {
    static constexpr EnumEntry<Duration::Unit> entries[] = {
        {Duration::Unit::hours, "hours", "小时", "hours"},
        {Duration::Unit::business_days, "business_days", "个工作日", "business days"},
    };
};

Duration hours(int n);
Duration business_days(int n);

// Bounds of the admin form that edits a duration: up to a year either way.
constexpr int kMaxDurationHours = 8760;
constexpr int kMaxDurationBusinessDays = 365;

// Which local dates are working days, and deadline arithmetic over them. A day is a working day when it is
// listed "work", or when it is not a weekend day and not listed "off". Local time is a fixed UTC offset:
// there is no daylight saving time in mainland China, so a local day is always exactly 86400 seconds.
class BusinessCalendar {
public:
    BusinessCalendar();  // no holidays; Sat+Sun are weekend; UTC+8

    // Parses the TSV format of shared/data/holidays-cn.tsv ('#' comment lines, a header line "date\tkind\tname",
    // then YYYY-MM-DD <TAB> off|work <TAB> name; blank lines and a trailing '\r' are ignored). On success replaces
    // the entries of `out` (its weekend and UTC offset are kept). On error returns false, leaves `out` untouched
    // and sets `error` to a message naming the line number and the problem.
    static bool parse_tsv(const std::string& text, BusinessCalendar& out, std::string& error);

    // A later entry for the same date replaces the earlier one. An impossible date is normalised the way
    // days_from_civil counts it (2026-02-30 is 2026-03-02); parse_tsv rejects such dates instead.
    void add(const CalendarEntry& entry);
    // Adds every entry of `other` (its entries win on the same date); this calendar's weekend and offset stay.
    void merge(const BusinessCalendar& other);

    // The calendar's local time as seconds east of UTC (other countries); expected within +-18 hours.
    void set_utc_offset(std::int64_t seconds);
    std::int64_t utc_offset() const;
    // 0 = Sunday ... 6 = Saturday; other values are ignored. Replaces the previous weekend.
    void set_weekend(std::initializer_list<int> weekdays);
    bool is_weekend(int weekday) const;

    bool is_working_day(CivilDate date) const;
    const CalendarEntry* entry(CivilDate date) const;   // the listed entry for a date, or nullptr
    const std::vector<CalendarEntry>& entries() const;  // sorted by date
    int first_year() const;                             // years the entries cover (0 when empty)
    int last_year() const;

    // The local date of an instant, and the instant a local date ends (24:00, i.e. the next day's 00:00).
    CivilDate local_date(Timestamp t) const;
    Timestamp end_of_day(CivilDate date) const;

    // The end (24:00 local time) of the n-th working day strictly after t's local date (n >= 1).
    // E.g. filed Friday 15:00 +08, n = 1 -> Monday 24:00 +08 (unless Monday is a holiday).
    // n <= 0 returns t. If no working day can ever come (every weekday is weekend and no later "work" entry),
    // returns the largest Timestamp: a deadline that never passes.
    Timestamp add_working_days(Timestamp t, int n) const;
    // Working days strictly after the local date of `from` up to and including the local date of `to`;
    // negative (the same count, negated) when `to` is on an earlier local date than `from`.
    // A deadline at 24:00 is already the next local date, so working_days_between(t, add_working_days(t, n) - 1)
    // is n.
    int working_days_between(Timestamp from, Timestamp to) const;

private:
    bool is_working_day_number(std::int64_t day) const;  // days since 1970-01-01
    std::int64_t local_day_number(Timestamp t) const;
    // Working days in the day numbers [first, last] counting the weekend only, no entries.
    std::int64_t weekday_working_days(std::int64_t first, std::int64_t last) const;

    std::vector<CalendarEntry> entries_;  // sorted by date, one per date
    std::vector<std::int64_t> days_;      // days_from_civil of entries_[i].date, for binary search
    std::int64_t utc_offset_;
    unsigned weekend_mask_;  // bit w set: weekday w (0 = Sunday) is a weekend day
};

int weekday(CivilDate date);  // 0 = Sunday ... 6 = Saturday

// The built-in calendar: the official mainland-China one from shared/data/holidays-cn.tsv (parsed once).
const BusinessCalendar& china_calendar();

// When a duration that starts at `start` ends: hours are calendar hours; business days use add_working_days.
// A duration of zero or less ends at `start`.
Timestamp deadline_after(Timestamp start, Duration d, const BusinessCalendar& calendar);

// Validation for the admin form that edits a duration: amount 1..8760 for hours, 1..365 for business days.
// Below 1 is must_be_positive; above the maximum is out_of_range with the maximum as `limit`, like the other
// numeric rule settings; an unknown unit is invalid_choice. Every error is reported on `field`.
FieldErrors validate_duration(const Duration& d, const std::string& field);

}  // namespace accord
