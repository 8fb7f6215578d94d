// Time in the model: Unix seconds (UTC) passed in by the caller; the model never reads a clock.
#pragma once
#include <cstdint>
#include <string>

namespace accord {

using Timestamp = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

constexpr std::int64_t kSecondsPerDay = 86400;
// Mainland China has no daylight saving time: UTC+8 all year.
constexpr std::int64_t kChinaUtcOffset = 8 * 3600;

struct CivilDate {
    int year;
    unsigned month;  // 1..12
    unsigned day;    // 1..31
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(std::int64_t days);

// "2026-11-23 22:57" in the given UTC offset.
std::string format_minutes(Timestamp t, std::int64_t utc_offset = kChinaUtcOffset);
// "YYYY-MM-DD" -> CivilDate; false on anything else.
bool parse_date(const std::string& text, CivilDate& out);

}  // namespace accord
