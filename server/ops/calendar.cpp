#include "ops/calendar.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "accord/calendar_extension.hpp"

namespace accord::ops {

namespace {
std::unique_ptr<const BusinessCalendar> g_calendar;
}  // namespace

BusinessCalendar load_calendar(const std::string& data_dir) {
    const std::string path = data_dir + "/holidays.tsv";
    if (!std::filesystem::exists(path)) return china_calendar();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    BusinessCalendar out;
    std::string error;
    if (!extend_calendar(china_calendar(), text.str(), out, error)) throw std::runtime_error(path + ": " + error);
    return out;
}

void set_calendar_in_force(const BusinessCalendar& calendar) {
    g_calendar = std::make_unique<const BusinessCalendar>(calendar);
}

const BusinessCalendar& calendar_in_force() { return g_calendar ? *g_calendar : china_calendar(); }

}  // namespace accord::ops
