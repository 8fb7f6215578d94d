// Working-day arithmetic over a sorted list of listed dates, and the parser of the holiday TSV.
#include "accord/calendar.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace accord {

// Generated at build time from shared/data/holidays-cn.tsv (cmake/embed_text.cmake).
extern const char* const kHolidaysCnTsv;

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// 1970-01-01 (day 0) was a Thursday.
int weekday_of_day_number(std::int64_t day) {
    return static_cast<int>(day - floor_div(day + 4, 7) * 7 + 4);
}

int popcount7(unsigned mask) {
    int n = 0;
    for (int w = 0; w < 7; ++w)
        if (mask & (1u << w)) ++n;
    return n;
}

std::string trim_spaces(const std::string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    return s.substr(b, e - b);
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (;;) {
        const std::size_t tab = line.find('\t', start);
        cols.push_back(trim_spaces(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start)));
        if (tab == std::string::npos) return cols;
        start = tab + 1;
    }
}

std::string line_prefix(int line) { return "line " + std::to_string(line) + ": "; }

}  // namespace

Duration hours(int n) { return Duration{Duration::Unit::hours, n}; }
Duration business_days(int n) { return Duration{Duration::Unit::business_days, n}; }

int weekday(CivilDate date) { return weekday_of_day_number(days_from_civil(date)); }

BusinessCalendar::BusinessCalendar() : utc_offset_(kChinaUtcOffset), weekend_mask_((1u << 0) | (1u << 6)) {}

bool BusinessCalendar::parse_tsv(const std::string& text, BusinessCalendar& out, std::string& error) {
    BusinessCalendar parsed;
    std::map<std::int64_t, int> line_of_day;  // to name both lines of a conflicting duplicate
    bool header_seen = false;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        // Files edited on Windows end lines with "\r\n".
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#' || trim_spaces(line).empty()) continue;

        if (!header_seen) {
            if (line != "date\tkind\tname") {
                error = line_prefix(line_no) + "expected the header line \"date<TAB>kind<TAB>name\"";
                return false;
            }
            header_seen = true;
            continue;
        }
        const std::vector<std::string> cols = split_tabs(line);
        if (cols.size() != 3) {
            error = line_prefix(line_no) + (cols.size() < 3 ? "missing column" : "too many columns") +
                    ": expected date<TAB>kind<TAB>name, found " + std::to_string(cols.size()) + " column(s)";
            return false;
        }
        CivilDate date{};
        if (!parse_date(cols[0], date)) {
            error = line_prefix(line_no) + "bad date \"" + cols[0] + "\" (expected an existing YYYY-MM-DD)";
            return false;
        }
        DayKind kind{};
        if (!from_key(cols[1], kind)) {
            error = line_prefix(line_no) + "unknown kind \"" + cols[1] + "\" (expected off or work)";
            return false;
        }
        if (cols[2].empty()) {
            error = line_prefix(line_no) + "missing column: the name is empty";
            return false;
        }
        const std::int64_t day = days_from_civil(date);
        if (const CalendarEntry* earlier = parsed.entry(date); earlier != nullptr && earlier->kind != kind) {
            error = line_prefix(line_no) + "duplicate date " + cols[0] + " listed \"" + cols[1] + "\" but \"" +
                    to_key(earlier->kind) + "\" on line " + std::to_string(line_of_day[day]);
            return false;
        }
        line_of_day[day] = line_no;
        parsed.add({date, kind, cols[2]});
    }
    if (!header_seen) {
        error = line_prefix(line_no + 1) + "missing the header line \"date<TAB>kind<TAB>name\"";
        return false;
    }
    out.entries_ = std::move(parsed.entries_);
    out.days_ = std::move(parsed.days_);
    return true;
}

void BusinessCalendar::add(const CalendarEntry& e) {
    const std::int64_t day = days_from_civil(e.date);
    const auto it = std::lower_bound(days_.begin(), days_.end(), day);
    const auto i = it - days_.begin();
    CalendarEntry normalised{civil_from_days(day), e.kind, e.name};
    if (it != days_.end() && *it == day) {
        entries_[static_cast<std::size_t>(i)] = std::move(normalised);
        return;
    }
    days_.insert(it, day);
    entries_.insert(entries_.begin() + i, std::move(normalised));
}

void BusinessCalendar::merge(const BusinessCalendar& other) {
    for (const CalendarEntry& e : other.entries_) add(e);
}

void BusinessCalendar::set_utc_offset(std::int64_t seconds) { utc_offset_ = seconds; }
std::int64_t BusinessCalendar::utc_offset() const { return utc_offset_; }

void BusinessCalendar::set_weekend(std::initializer_list<int> weekdays) {
    weekend_mask_ = 0;
    for (int w : weekdays)
        if (w >= 0 && w <= 6) weekend_mask_ |= 1u << w;
}

bool BusinessCalendar::is_weekend(int wd) const { return wd >= 0 && wd <= 6 && (weekend_mask_ & (1u << wd)) != 0; }

bool BusinessCalendar::is_working_day_number(std::int64_t day) const {
    const auto it = std::lower_bound(days_.begin(), days_.end(), day);
    if (it != days_.end() && *it == day)
        return entries_[static_cast<std::size_t>(it - days_.begin())].kind == DayKind::work;
    return !is_weekend(weekday_of_day_number(day));
}

bool BusinessCalendar::is_working_day(CivilDate date) const { return is_working_day_number(days_from_civil(date)); }

const CalendarEntry* BusinessCalendar::entry(CivilDate date) const {
    const std::int64_t day = days_from_civil(date);
    const auto it = std::lower_bound(days_.begin(), days_.end(), day);
    if (it == days_.end() || *it != day) return nullptr;
    return &entries_[static_cast<std::size_t>(it - days_.begin())];
}

const std::vector<CalendarEntry>& BusinessCalendar::entries() const { return entries_; }
int BusinessCalendar::first_year() const { return entries_.empty() ? 0 : entries_.front().date.year; }
int BusinessCalendar::last_year() const { return entries_.empty() ? 0 : entries_.back().date.year; }

std::int64_t BusinessCalendar::local_day_number(Timestamp t) const {
    // Split before adding the offset so that neither pre-1970 instants nor extreme ones go wrong:
    // floor division keeps 1969-12-31T23:00Z on day -1, and t + offset cannot overflow.
    const std::int64_t utc_day = floor_div(t, kSecondsPerDay);
    const std::int64_t local_secs = t - utc_day * kSecondsPerDay + utc_offset_;
    return utc_day + floor_div(local_secs, kSecondsPerDay);
}

CivilDate BusinessCalendar::local_date(Timestamp t) const { return civil_from_days(local_day_number(t)); }

Timestamp BusinessCalendar::end_of_day(CivilDate date) const {
    return (days_from_civil(date) + 1) * kSecondsPerDay - utc_offset_;
}

std::int64_t BusinessCalendar::weekday_working_days(std::int64_t first, std::int64_t last) const {
    if (last < first) return 0;
    const std::int64_t len = last - first + 1;
    const std::int64_t weeks = len / 7;
    std::int64_t count = weeks * (7 - popcount7(weekend_mask_));
    for (std::int64_t d = first + weeks * 7; d <= last; ++d)
        if (!is_weekend(weekday_of_day_number(d))) ++count;
    return count;
}

Timestamp BusinessCalendar::add_working_days(Timestamp t, int n) const {
    if (n <= 0) return t;
    const std::int64_t per_week = 7 - popcount7(weekend_mask_);
    std::int64_t day = local_day_number(t);  // the last day counted so far
    std::int64_t remaining = n;
    std::size_t next = static_cast<std::size_t>(std::upper_bound(days_.begin(), days_.end(), day) - days_.begin());

    // Between listed dates only the weekend decides, so whole gaps and whole weeks are skipped in one step
    // and the cost does not grow with n or with how far apart the entries lie.
    auto finish_in_plain_days = [&](std::int64_t from_day, std::int64_t left) -> Timestamp {
        const std::int64_t weeks = (left - 1) / per_week;
        std::int64_t d = from_day + weeks * 7;
        left -= weeks * per_week;
        while (left > 0) {
            ++d;
            if (!is_weekend(weekday_of_day_number(d))) --left;
        }
        return (d + 1) * kSecondsPerDay - utc_offset_;
    };

    while (next < days_.size()) {
        const std::int64_t gap = weekday_working_days(day + 1, days_[next] - 1);
        if (gap >= remaining) return finish_in_plain_days(day, remaining);
        remaining -= gap;
        day = days_[next];
        if (entries_[next].kind == DayKind::work && --remaining == 0) return (day + 1) * kSecondsPerDay - utc_offset_;
        ++next;
    }
    if (per_week == 0) return std::numeric_limits<Timestamp>::max();
    return finish_in_plain_days(day, remaining);
}

int BusinessCalendar::working_days_between(Timestamp from, Timestamp to) const {
    std::int64_t a = local_day_number(from);
    std::int64_t b = local_day_number(to);
    const bool reversed = b < a;
    if (reversed) std::swap(a, b);
    // Working days in (a, b]: the weekly pattern, then each listed date in range corrected to its kind.
    std::int64_t count = weekday_working_days(a + 1, b);
    for (auto it = std::upper_bound(days_.begin(), days_.end(), a); it != days_.end() && *it <= b; ++it) {
        const bool listed_working = entries_[static_cast<std::size_t>(it - days_.begin())].kind == DayKind::work;
        const bool weekly_working = !is_weekend(weekday_of_day_number(*it));
        count += (listed_working ? 1 : 0) - (weekly_working ? 1 : 0);
    }
    count = std::min<std::int64_t>(count, std::numeric_limits<int>::max());
    return static_cast<int>(reversed ? -count : count);
}

const BusinessCalendar& china_calendar() {
    static const BusinessCalendar calendar = [] {
        BusinessCalendar c;
        std::string error;
        // The data is checked in, so a parse error is a bug the unit tests report (they parse it too).
        BusinessCalendar::parse_tsv(kHolidaysCnTsv, c, error);
        return c;
    }();
    return calendar;
}

Timestamp deadline_after(Timestamp start, Duration d, const BusinessCalendar& calendar) {
    if (d.amount <= 0) return start;
    if (d.unit == Duration::Unit::business_days) return calendar.add_working_days(start, d.amount);
    return start + static_cast<std::int64_t>(d.amount) * 3600;
}

FieldErrors validate_duration(const Duration& d, const std::string& field) {
    FieldErrors errors;
    int max = 0;
    switch (d.unit) {
        case Duration::Unit::hours: max = kMaxDurationHours; break;
        case Duration::Unit::business_days: max = kMaxDurationBusinessDays; break;
    }
    if (max == 0) {
        errors.push_back({field, ErrorCode::invalid_choice, 0});
    } else if (d.amount < 1) {
        errors.push_back({field, ErrorCode::must_be_positive, 0});
    } else if (d.amount > max) {
        errors.push_back({field, ErrorCode::out_of_range, max});
    }
    return errors;
}

}  // namespace accord
