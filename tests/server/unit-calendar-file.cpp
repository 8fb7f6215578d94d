// The holiday calendar beyond the built-in years: DATA_DIR/holidays.tsv read at start, a
// malformed one refusing the start with its line named, and GET /api/v1/rules saying how far
// the calendar runs, with a warning in its last 60 days.
#include <doctest/doctest.h>

#include <ctime>
#include <fstream>

#include "accord/calendar.hpp"
#include "cli.hpp"
#include "fixtures.hpp"

using namespace accord::test;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The --clock-offset that puts the server's clock `days` before 2026-12-31 24:00 China time,
// whatever the date is today.
std::string days_before_2026_ends(std::int64_t days) {
    const std::int64_t end = accord::china_calendar().end_of_day({2026, 12, 31});
    return std::to_string(end - days * 86400 - static_cast<std::int64_t>(std::time(nullptr)));
}

json rules_reply(ServerProcess& server, const std::string& lang = "en") {
    Session s = sign_in(server, "buyer");
    s.lang = lang;
    return get_ok(s, "/api/v1/rules");
}

const std::string k2027 = "date\tkind\tname\n2027-01-01\toff\t元旦 New Year\n";

}  // namespace

TEST_CASE("the rules say where the holiday calendar ends and warn in its last 60 days") {
    {
        ServerProcess server("", {"--clock-offset", days_before_2026_ends(30)});
        const json en = rules_reply(server);
        CHECK(en["calendar_ends"] == "2026-12-31");
        REQUIRE(en.contains("warning"));
        CHECK(en["warning"]["code"] == "calendar_ending");
        CHECK(has(en["warning"]["message"], "2026-12-31"));
        CHECK(has(en["warning"]["message"], "holidays.tsv"));
        const json zh = rules_reply(server, "zh-CN");
        CHECK(has(zh["warning"]["message"], "节假日日历"));
        CHECK_FALSE(en["rules"].contains("calendar_ends"));  // the rules object stays as the client knows it
    }
    {
        ServerProcess server("", {"--clock-offset", days_before_2026_ends(90)});
        const json r = rules_reply(server);
        CHECK(r["calendar_ends"] == "2026-12-31");
        CHECK_FALSE(r.contains("warning"));
    }
    {
        ServerProcess server("", {"--clock-offset", days_before_2026_ends(-3)});  // past its end
        CHECK(has(rules_reply(server)["warning"]["message"], "ended on 2026-12-31"));
    }
}

TEST_CASE("holidays.tsv in the data dir extends the calendar, a malformed one stops the start") {
    TempDir dir;
    std::ofstream(dir.path() + "/holidays.tsv", std::ios::binary) << k2027;
    {
        ServerProcess server(dir.path(), {"--clock-offset", days_before_2026_ends(30)});
        CHECK(has(server.startup_output(), "holiday calendar extended by " + dir.path() + "/holidays.tsv, through 2027-12-31"));
        const json r = rules_reply(server);
        CHECK(r["calendar_ends"] == "2027-12-31");
        CHECK_FALSE(r.contains("warning"));
    }
    std::ofstream(dir.path() + "/holidays.tsv", std::ios::binary) << k2027 << "2027-02-30\twork\t春节\n";
    const CliRun start = run_cli({"--port", "0", "--data-dir", dir.path(), "--web-root", dir.path()});
    CHECK(start.status == 1);
    CHECK_MESSAGE(has(start.err, dir.path() + "/holidays.tsv: line 3: bad date \"2027-02-30\""), start.err);
    CHECK_FALSE(has(start.out, "listening"));
}

TEST_CASE("deadlines count the holidays of holidays.tsv") {
    // Thursday 2026-12-31 10:00 China time; triage counted in working days; Friday 2027-01-01 a holiday
    // only the file knows. One working day from Thursday is then Monday, not Friday.
    TempDir dir;
    const std::int64_t thursday = accord::china_calendar().end_of_day({2026, 12, 30}) + 10 * 3600;
    const std::string offset = std::to_string(thursday - static_cast<std::int64_t>(std::time(nullptr)));
    std::int64_t due_with_file = 0, due_without = 0;
    for (const bool with_file : {true, false}) {
        TempDir data;
        if (with_file) std::ofstream(data.path() + "/holidays.tsv", std::ios::binary) << k2027;
        ServerProcess server(data.path(), {"--clock-offset", offset});
        const std::string rules_file = dir.path() + "/rules.json";
        json rules = json::parse(run_cli({"rules", "show", "--data-dir", data.path()}).out);
        rules["deadlines"]["triage"] = {{"amount", 1}, {"unit", "business_days"}};
        std::ofstream(rules_file, std::ios::binary) << rules.dump();
        REQUIRE(run_cli({"rules", "set", rules_file, "--data-dir", data.path()}).status == 0);
        server.restart({"--clock-offset", offset});
        Session buyer = sign_in(server, "buyer");
        const std::int64_t id = file_case(buyer, {{"kind", "buyer_vs_merchant"}, {"order_ref", "TB20261101-0001"},
                                                  {"category", "quality_defect"}, {"requested_remedy", "full_refund"},
                                                  {"amount_minor", 10000}, {"currency", "CNY"},
                                                  {"description", "耳机左声道没有声音，要求退款"}, {"channel", "web"}});
        const json v = view(buyer, id);
        INFO(v.dump());
        for (const json& d : v["deadlines"])
            if (d["kind"] == "triage") (with_file ? due_with_file : due_without) = d["due"].get<std::int64_t>();
    }
    const std::int64_t filed_at_least = thursday;
    CHECK(due_without - filed_at_least >= 86400);       // Friday
    CHECK(due_without - filed_at_least < 2 * 86400);
    CHECK(due_with_file - due_without == 3 * 86400);    // Monday: the holiday and the weekend skipped
}
