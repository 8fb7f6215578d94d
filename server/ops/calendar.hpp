// The holiday calendar in force: the built-in one (shared/data/holidays-cn.tsv), extended by
// DATA_DIR/holidays.tsv when the operator supplies later years.
#pragma once
#include <string>

#include "accord/calendar.hpp"

namespace accord::ops {

// The built-in calendar plus DATA_DIR/holidays.tsv if there is one. Throws std::runtime_error
// naming the file and the line when it is malformed: a server must not count deadlines on a
// calendar the operator did not mean.
BusinessCalendar load_calendar(const std::string& data_dir);

// Set once at start, before any request thread runs; read by the routes afterwards. A process-
// wide value because it is process-wide data (like china_calendar()), not per request.
void set_calendar_in_force(const BusinessCalendar& calendar);
// The calendar set at start, or the built-in one.
const BusinessCalendar& calendar_in_force();

}  // namespace accord::ops
