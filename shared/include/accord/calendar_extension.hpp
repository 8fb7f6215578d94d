// Later years of the holiday calendar, supplied by the operator (DATA_DIR/holidays.tsv) before a
// release compiles them in: the State Council publishes each year's notice in November. Pure:
// the caller reads the file; this only parses and checks its text.
#pragma once
#include <string>

#include "accord/calendar.hpp"

namespace accord {

// `base` plus the entries of `tsv` (the format of shared/data/holidays-cn.tsv, see
// BusinessCalendar::parse_tsv; an entry for a date `base` lists replaces it). Refused, with
// `error` saying why and `out` untouched: a malformed line (named by its number), a file that
// lists no day, and a year left out between the calendar's years (listing 2028 without 2027
// would make 2027 look like a year without holidays).
bool extend_calendar(const BusinessCalendar& base, const std::string& tsv, BusinessCalendar& out, std::string& error);

// The last day the calendar knows the holidays of: 31 December of its last year ({0, 0, 0}
// when it lists nothing). Past it, only weekends count as days off.
CivilDate calendar_end(const BusinessCalendar& calendar);

// "2026-12-31".
std::string format_date(CivilDate date);

}  // namespace accord
