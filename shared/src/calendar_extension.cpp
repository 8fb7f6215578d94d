#include "accord/calendar_extension.hpp"

#include <cstdio>
#include <set>

namespace accord {

bool extend_calendar(const BusinessCalendar& base, const std::string& tsv, BusinessCalendar& out, std::string& error) {
    BusinessCalendar added;
    if (!BusinessCalendar::parse_tsv(tsv, added, error)) return false;
    if (added.entries().empty()) {
        error = "lists no day (expected the header line, then date<TAB>kind<TAB>name lines)";
        return false;
    }
    std::set<int> years;
    for (const CalendarEntry& e : base.entries()) years.insert(e.date.year);
    for (const CalendarEntry& e : added.entries()) years.insert(e.date.year);
    for (int y = *years.begin(); y < *years.rbegin(); ++y)
        if (years.count(y) == 0) {
            error = "lists " + std::to_string(*years.upper_bound(y)) + " but not " + std::to_string(y) +
                    ": every year up to the last must be listed, or " + std::to_string(y) +
                    " would count as a year without public holidays";
            return false;
        }
    BusinessCalendar merged = base;
    merged.merge(added);
    out = std::move(merged);
    return true;
}

CivilDate calendar_end(const BusinessCalendar& calendar) {
    if (calendar.entries().empty()) return {0, 0, 0};
    return {calendar.last_year(), 12, 31};
}

std::string format_date(CivilDate date) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", date.year, date.month, date.day);
    return buf;
}

}  // namespace accord
