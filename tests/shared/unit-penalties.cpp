// Penalty points, the rolling-window sanction tiers, what each tier allows, and their validation.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "accord/penalties.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

constexpr std::int64_t kWindow = 365 * kSecondsPerDay;

const Violation kViolations[] = {Violation::refusal_to_fulfil,   Violation::counterfeit,
                                 Violation::false_description,   Violation::late_shipment,
                                 Violation::after_sales_refusal, Violation::other};
const SanctionTier kTiers[] = {SanctionTier::none,
                               SanctionTier::warning,
                               SanctionTier::restrict_recommendations,
                               SanctionTier::restrict_marketing,
                               SanctionTier::restrict_listings,
                               SanctionTier::blacklist};

ViolationRecord record(std::int64_t dispute_id, Timestamp at, int points) {
    ViolationRecord r;
    r.dispute_id = dispute_id;
    r.violation = Violation::other;
    r.at = at;
    r.points = points;
    return r;
}

}  // namespace

// ---------------------------------------------------------------------------
// The enums' tables.

TEST_CASE("the violation and tier tables cover every value with a unique key and both labels") {
    CHECK(enum_count<Violation>() == std::size(kViolations));
    CHECK(enum_count<SanctionTier>() == std::size(kTiers));
    std::set<std::string> keys;
    for (const Violation v : kViolations) {
        CAPTURE(static_cast<int>(v));
        CHECK(keys.insert(to_key(v)).second);
        CHECK(std::string(label(v, Lang::zh_CN)).size() > 0);
        CHECK(std::string(label(v, Lang::en)).size() > 0);
        Violation back = Violation::other;
        if (v == Violation::other) back = Violation::counterfeit;
        REQUIRE(from_key(to_key(v), back));
        CHECK(back == v);
    }
    keys.clear();
    for (const SanctionTier t : kTiers) {
        CAPTURE(static_cast<int>(t));
        CHECK(keys.insert(to_key(t)).second);
        CHECK(std::string(label(t, Lang::zh_CN)).size() > 0);
        CHECK(std::string(label(t, Lang::en)).size() > 0);
        SanctionTier back = t == SanctionTier::none ? SanctionTier::blacklist : SanctionTier::none;
        REQUIRE(from_key(to_key(t), back));
        CHECK(back == t);
    }
}

TEST_CASE("the seed's Chinese terms and the wire keys") {
    struct Row {
        Violation v;
        const char* key;
        const char* zh;
    };
    const Row rows[] = {
        {Violation::refusal_to_fulfil, "refusal_to_fulfil", "成交不卖"},
        {Violation::counterfeit, "counterfeit", "假冒伪劣"},
        {Violation::false_description, "false_description", "虚假描述"},
        {Violation::late_shipment, "late_shipment", "延迟发货"},
        {Violation::after_sales_refusal, "after_sales_refusal", "拒绝售后"},
        {Violation::other, "other", "其他违规"},
    };
    for (const Row& row : rows) {
        CHECK(std::string(to_key(row.v)) == row.key);
        CHECK(std::string(label(row.v, Lang::zh_CN)) == row.zh);
    }
    struct TierRow {
        SanctionTier t;
        const char* key;
        const char* zh;
    };
    const TierRow tiers[] = {
        {SanctionTier::none, "none", "无"},
        {SanctionTier::warning, "warning", "警告"},
        {SanctionTier::restrict_recommendations, "restrict_recommendations", "限制推荐"},
        {SanctionTier::restrict_marketing, "restrict_marketing", "限制营销信息发布"},
        {SanctionTier::restrict_listings, "restrict_listings", "限制发布供求信息"},
        {SanctionTier::blacklist, "blacklist", "黑名单"},
    };
    for (const TierRow& row : tiers) {
        CHECK(std::string(to_key(row.t)) == row.key);
        CHECK(std::string(label(row.t, Lang::zh_CN)) == row.zh);
    }
}

// ---------------------------------------------------------------------------
// Points.

TEST_CASE("every violation with and without proven force majeure, default table") {
    struct Row {
        Violation v;
        int points;
    };
    const Row rows[] = {
        {Violation::refusal_to_fulfil, 6}, {Violation::counterfeit, 12},        {Violation::false_description, 6},
        {Violation::late_shipment, 3},     {Violation::after_sales_refusal, 3}, {Violation::other, 2},
    };
    CHECK(std::size(rows) == enum_count<Violation>());
    const PenaltyTable table;
    for (const Row& row : rows) {
        CAPTURE(to_key(row.v));
        CHECK(table.points(row.v) == row.points);
        CHECK(penalty_points(row.v, false, table) == row.points);
        CHECK(penalty_points(row.v, true, table) == 0);

        const ViolationRecord charged = charge(42, row.v, false, kNow, table);
        CHECK(charged.dispute_id == 42);
        CHECK(charged.violation == row.v);
        CHECK(charged.at == kNow);
        CHECK_FALSE(charged.force_majeure);
        CHECK(charged.points == row.points);

        const ViolationRecord excused = charge(43, row.v, true, kNow + 1, table);
        CHECK(excused.dispute_id == 43);
        CHECK(excused.violation == row.v);
        CHECK(excused.at == kNow + 1);
        CHECK(excused.force_majeure);
        CHECK(excused.points == 0);
    }
}

TEST_CASE("a custom table: every violation set to its own value, force majeure still zero") {
    PenaltyTable table;
    int p = 10;
    for (const Violation v : kViolations) table.set(v, p++);
    p = 10;
    for (const Violation v : kViolations) {
        CAPTURE(to_key(v));
        CHECK(table.points(v) == p);
        CHECK(penalty_points(v, false, table) == p);
        CHECK(penalty_points(v, true, table) == 0);
        CHECK(charge(1, v, false, kNow, table).points == p);
        ++p;
    }
    CHECK_FALSE(table == PenaltyTable{});
    // Setting one entry leaves the others alone.
    PenaltyTable one;
    one.set(Violation::late_shipment, 9);
    for (const Violation v : kViolations)
        CHECK(one.points(v) == (v == Violation::late_shipment ? 9 : PenaltyTable{}.points(v)));
}

TEST_CASE("a zero entry charges nothing, a negative entry never pays the merchant back") {
    PenaltyTable table;
    table.set(Violation::other, 0);
    table.set(Violation::late_shipment, -5);
    CHECK(penalty_points(Violation::other, false, table) == 0);
    CHECK(penalty_points(Violation::late_shipment, false, table) == 0);
    CHECK(charge(1, Violation::late_shipment, false, kNow, table).points == 0);
}

TEST_CASE("a value outside the Violation enum costs nothing and cannot be set") {
    const Violation outside = static_cast<Violation>(enum_count<Violation>());
    PenaltyTable table;
    table.set(outside, 50);
    CHECK(table == PenaltyTable{});
    CHECK(table.points(outside) == 0);
    CHECK(table.points(static_cast<Violation>(-1)) == 0);
    CHECK(penalty_points(outside, false, table) == 0);
}

TEST_CASE("a record keeps the points charged on the day when the table changes later") {
    PenaltyTable table;
    const ViolationRecord before = charge(7, Violation::counterfeit, false, kNow - 100, table);
    table.set(Violation::counterfeit, 40);
    const ViolationRecord after = charge(8, Violation::counterfeit, false, kNow, table);
    CHECK(before.points == 12);
    CHECK(after.points == 40);
    const SanctionStatus s = sanction_status({before, after}, kNow);
    CHECK(s.points == 52);
}

// ---------------------------------------------------------------------------
// The rolling window.

TEST_CASE("the window is counts from now - window_days to now: exactly window_days old is out, a second younger is in") {
    struct Row {
        const char* name;
        Timestamp at;
        bool counts;
    };
    const Row rows[] = {
        {"charged now", kNow, true},
        {"one second ago", kNow - 1, true},
        {"one day ago", kNow - kSecondsPerDay, true},
        {"one second younger than the window", kNow - kWindow + 1, true},
        {"exactly window_days old", kNow - kWindow, false},
        {"one second older than the window", kNow - kWindow - 1, false},
        {"two years ago", kNow - 2 * kWindow, false},
        {"one second in the future", kNow + 1, false},
        {"a day in the future", kNow + kSecondsPerDay, false},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        const SanctionStatus s = sanction_status({record(5, row.at, 3)}, kNow);
        CHECK(s.points == (row.counts ? 3 : 0));
        CHECK(s.tier == (row.counts ? SanctionTier::warning : SanctionTier::none));
        CHECK(s.cases == (row.counts ? std::vector<std::int64_t>{5} : std::vector<std::int64_t>{}));
        CHECK(s.points_expire_next == (row.counts ? row.at + kWindow : 0));
    }
}

TEST_CASE("the window is relative to now: the same record ages out as now moves") {
    const Timestamp at = 1'700'000'000;
    const std::vector<ViolationRecord> records = {record(1, at, 12)};
    CHECK(sanction_status(records, at - 1).tier == SanctionTier::none);  // not yet charged
    CHECK(sanction_status(records, at).tier == SanctionTier::restrict_recommendations);
    CHECK(sanction_status(records, at + kWindow - 1).tier == SanctionTier::restrict_recommendations);
    CHECK(sanction_status(records, at + kWindow).tier == SanctionTier::none);
    // points_expire_next is the first moment the record no longer counts.
    const Timestamp expire = sanction_status(records, at).points_expire_next;
    CHECK(expire == at + kWindow);
    CHECK(sanction_status(records, expire).points == 0);
    CHECK(sanction_status(records, expire - 1).points == 12);
}

TEST_CASE("a custom window length") {
    SanctionThresholds t;
    t.window_days = 30;
    const std::int64_t w = 30 * kSecondsPerDay;
    CHECK(sanction_status({record(1, kNow - w + 1, 5)}, kNow, t).points == 5);
    CHECK(sanction_status({record(1, kNow - w, 5)}, kNow, t).points == 0);
    CHECK(sanction_status({record(1, kNow - w + 1, 5)}, kNow, t).points_expire_next == kNow + 1);
    t.window_days = 1;
    CHECK(sanction_status({record(1, kNow - kSecondsPerDay + 1, 5)}, kNow, t).points == 5);
    CHECK(sanction_status({record(1, kNow - kSecondsPerDay, 5)}, kNow, t).points == 0);
}

TEST_CASE("an invalid window counts nothing") {
    for (const int days : {0, -1, -365}) {
        CAPTURE(days);
        SanctionThresholds t;
        t.window_days = days;
        const SanctionStatus s = sanction_status({record(1, kNow, 50)}, kNow, t);
        CHECK(s.tier == SanctionTier::none);
        CHECK(s.points == 0);
        CHECK(s.cases.empty());
        CHECK(s.points_expire_next == 0);
    }
}

TEST_CASE("extreme timestamps do not overflow the age computation") {
    const Timestamp min = std::numeric_limits<Timestamp>::min();
    CHECK(sanction_status({record(1, min, 5)}, kNow).points == 0);
    CHECK(sanction_status({record(1, min, 5)}, std::numeric_limits<Timestamp>::max()).points == 0);
    CHECK(sanction_status({record(1, std::numeric_limits<Timestamp>::max(), 5)}, kNow).points == 0);
}

// ---------------------------------------------------------------------------
// Tiers.

TEST_CASE("no records, no sanction") {
    const SanctionStatus s = sanction_status({}, kNow);
    CHECK(s.tier == SanctionTier::none);
    CHECK(s.points == 0);
    CHECK(s.cases.empty());
    CHECK(s.points_expire_next == 0);
}

TEST_CASE("tier thresholds: exactly at each threshold and one point below, default thresholds") {
    struct Row {
        int points;
        SanctionTier tier;
    };
    const Row rows[] = {
        {0, SanctionTier::none},
        {1, SanctionTier::warning},
        {11, SanctionTier::warning},
        {12, SanctionTier::restrict_recommendations},
        {23, SanctionTier::restrict_recommendations},
        {24, SanctionTier::restrict_marketing},
        {35, SanctionTier::restrict_marketing},
        {36, SanctionTier::restrict_listings},
        {47, SanctionTier::restrict_listings},
        {48, SanctionTier::blacklist},
        {1000, SanctionTier::blacklist},
    };
    for (const Row& row : rows) {
        CAPTURE(row.points);
        // The same total as one record and spread over several records.
        const SanctionStatus one = sanction_status({record(1, kNow - 10, row.points)}, kNow);
        CHECK(one.tier == row.tier);
        CHECK(one.points == row.points);
        std::vector<ViolationRecord> many;
        for (int i = 0; i < row.points; ++i) many.push_back(record(100 + i, kNow - i, 1));
        const SanctionStatus spread = sanction_status(many, kNow);
        CHECK(spread.tier == row.tier);
        CHECK(spread.points == row.points);
        CHECK(spread.cases.size() == static_cast<std::size_t>(row.points));
    }
}

TEST_CASE("tier thresholds: custom thresholds, at and one below each") {
    SanctionThresholds t;
    t.restrict_recommendations = 5;
    t.restrict_marketing = 10;
    t.restrict_listings = 20;
    t.blacklist = 30;
    struct Row {
        int points;
        SanctionTier tier;
    };
    const Row rows[] = {
        {0, SanctionTier::none},
        {1, SanctionTier::warning},
        {4, SanctionTier::warning},
        {5, SanctionTier::restrict_recommendations},
        {9, SanctionTier::restrict_recommendations},
        {10, SanctionTier::restrict_marketing},
        {19, SanctionTier::restrict_marketing},
        {20, SanctionTier::restrict_listings},
        {29, SanctionTier::restrict_listings},
        {30, SanctionTier::blacklist},
    };
    for (const Row& row : rows) {
        CAPTURE(row.points);
        CHECK(sanction_status({record(1, kNow, row.points)}, kNow, t).tier == row.tier);
    }
}

TEST_CASE("the first offence is a warning, whatever the violation's points below the first threshold") {
    const PenaltyTable table;
    for (const Violation v : kViolations) {
        CAPTURE(to_key(v));
        const SanctionStatus s = sanction_status({charge(9, v, false, kNow, table)}, kNow);
        // Counterfeit (12 points) reaches restrict_recommendations at once: the tier is the highest one reached.
        CHECK(s.tier == (v == Violation::counterfeit ? SanctionTier::restrict_recommendations : SanctionTier::warning));
        CHECK(s.cases == std::vector<std::int64_t>{9});
    }
}

TEST_CASE("a force-majeure record is no offence: no warning, not among the cases, no expiry") {
    const PenaltyTable table;
    for (const Violation v : kViolations) {
        CAPTURE(to_key(v));
        const SanctionStatus s = sanction_status({charge(9, v, true, kNow, table)}, kNow);
        CHECK(s.tier == SanctionTier::none);
        CHECK(s.points == 0);
        CHECK(s.cases.empty());
        CHECK(s.points_expire_next == 0);
    }
    // Next to a charged record it changes nothing either.
    const SanctionStatus mixed = sanction_status({charge(1, Violation::counterfeit, true, kNow - 500, table),
                                                  charge(2, Violation::late_shipment, false, kNow, table)},
                                                 kNow);
    CHECK(mixed.tier == SanctionTier::warning);
    CHECK(mixed.points == 3);
    CHECK(mixed.cases == std::vector<std::int64_t>{2});
    CHECK(mixed.points_expire_next == kNow + kWindow);
}

TEST_CASE("a record with zero or negative points (a zero table entry, bad data) is ignored") {
    const SanctionStatus s = sanction_status({record(1, kNow, 0), record(2, kNow, -20), record(3, kNow, 2)}, kNow);
    CHECK(s.points == 2);
    CHECK(s.tier == SanctionTier::warning);
    CHECK(s.cases == std::vector<std::int64_t>{3});
    CHECK(sanction_status({record(1, kNow, 0)}, kNow).tier == SanctionTier::none);
}

TEST_CASE("a huge total saturates instead of overflowing") {
    const int big = std::numeric_limits<int>::max();
    const SanctionStatus s = sanction_status({record(1, kNow, big), record(2, kNow, big)}, kNow);
    CHECK(s.points == big);
    CHECK(s.tier == SanctionTier::blacklist);
}

// ---------------------------------------------------------------------------
// The reason the merchant sees: cases and expiry.

TEST_CASE("cases list the counted disputes oldest first, each once, expiry follows the oldest") {
    const std::vector<ViolationRecord> records = {
        record(30, kNow - 10 * kSecondsPerDay, 3),
        record(10, kNow - 400 * kSecondsPerDay, 6),  // out of the window
        record(20, kNow - 100 * kSecondsPerDay, 6),
        record(40, kNow - 1 * kSecondsPerDay, 2),
        record(30, kNow - 5 * kSecondsPerDay, 3),  // a second violation in dispute 30
        record(50, kNow + 100, 12),                // not yet
    };
    const SanctionStatus s = sanction_status(records, kNow);
    CHECK(s.points == 14);
    CHECK(s.tier == SanctionTier::restrict_recommendations);
    CHECK(s.cases == std::vector<std::int64_t>{20, 30, 40});
    CHECK(s.points_expire_next == kNow - 100 * kSecondsPerDay + kWindow);

    // When the oldest counted record leaves, the next one sets the expiry; by then the record
    // dated after the first `now` counts too.
    const SanctionStatus later = sanction_status(records, s.points_expire_next);
    CHECK(later.points == 3 + 3 + 2 + 12);
    CHECK(later.tier == SanctionTier::restrict_recommendations);
    CHECK(later.cases == std::vector<std::int64_t>{30, 40, 50});
    CHECK(later.points_expire_next == kNow - 10 * kSecondsPerDay + kWindow);
}

TEST_CASE("records charged at the same second keep the caller's order") {
    const SanctionStatus s = sanction_status({record(3, kNow, 1), record(1, kNow, 1), record(2, kNow, 1)}, kNow);
    CHECK(s.cases == std::vector<std::int64_t>{3, 1, 2});
    CHECK(s.points_expire_next == kNow + kWindow);
}

// ---------------------------------------------------------------------------
// What each tier allows.

TEST_CASE("permissions: every tier × every permission") {
    struct Row {
        SanctionTier tier;
        bool sign_in, listings, recommended, marketing;
    };
    const Row rows[] = {
        {SanctionTier::none, true, true, true, true},
        {SanctionTier::warning, true, true, true, true},
        {SanctionTier::restrict_recommendations, true, true, false, true},
        {SanctionTier::restrict_marketing, true, true, false, false},
        {SanctionTier::restrict_listings, true, false, false, false},
        {SanctionTier::blacklist, false, false, false, false},
    };
    CHECK(std::size(rows) == enum_count<SanctionTier>());
    for (const Row& row : rows) {
        CAPTURE(to_key(row.tier));
        CHECK(may_sign_in(row.tier) == row.sign_in);
        CHECK(may_publish_listings(row.tier) == row.listings);
        CHECK(may_be_recommended(row.tier) == row.recommended);
        CHECK(may_publish_marketing(row.tier) == row.marketing);
    }
}

TEST_CASE("permissions: a tier value outside the enum is treated as the harshest") {
    const SanctionTier outside = static_cast<SanctionTier>(enum_count<SanctionTier>());
    CHECK_FALSE(may_sign_in(outside));
    CHECK_FALSE(may_publish_listings(outside));
    CHECK_FALSE(may_be_recommended(outside));
    CHECK_FALSE(may_publish_marketing(outside));
}

// ---------------------------------------------------------------------------
// Validation.

TEST_CASE("the default table and thresholds are valid") {
    CHECK(validate(PenaltyTable{}).empty());
    CHECK(validate(SanctionThresholds{}).empty());
}

TEST_CASE("penalty table: each violation's points within 0..100, named by key") {
    struct Row {
        int points;
        bool ok;
    };
    const Row rows[] = {{-1000, false},
                        {-1, false},
                        {0, true},
                        {1, true},
                        {99, true},
                        {100, true},
                        {101, false},
                        {std::numeric_limits<int>::max(), false},
                        {std::numeric_limits<int>::min(), false}};
    for (const Violation v : kViolations) {
        for (const Row& row : rows) {
            CAPTURE(to_key(v));
            CAPTURE(row.points);
            PenaltyTable table;
            table.set(v, row.points);
            const FieldErrors errors = validate(table);
            if (row.ok) {
                CHECK(errors.empty());
            } else {
                REQUIRE(errors.size() == 1);
                CHECK(errors[0].field == std::string("points.") + to_key(v));
                CHECK(errors[0].code == ErrorCode::out_of_range);
            }
        }
    }
}

TEST_CASE("penalty table: every broken entry is reported at once") {
    PenaltyTable table;
    table.set(Violation::counterfeit, 101);
    table.set(Violation::other, -1);
    CHECK(describe(validate(table)) == "points.counterfeit/out_of_range points.other/out_of_range ");
}

TEST_CASE("sanction thresholds: window_days within 1..3650") {
    struct Row {
        int days;
        bool ok;
    };
    const Row rows[] = {{std::numeric_limits<int>::min(), false},
                        {-1, false},
                        {0, false},
                        {1, true},
                        {365, true},
                        {3650, true},
                        {3651, false},
                        {std::numeric_limits<int>::max(), false}};
    for (const Row& row : rows) {
        CAPTURE(row.days);
        SanctionThresholds t;
        t.window_days = row.days;
        CHECK(describe(validate(t)) == (row.ok ? "" : "window_days/out_of_range "));
    }
}

TEST_CASE("sanction thresholds: positive and strictly rising, the offending field named") {
    struct Row {
        const char* name;
        int recommendations, marketing, listings, blacklist;
        const char* errors;
    };
    const Row rows[] = {
        {"defaults", 12, 24, 36, 48, ""},
        {"rising by one", 1, 2, 3, 4, ""},
        {"recommendations zero", 0, 24, 36, 48, "restrict_recommendations/must_be_positive "},
        {"marketing negative", 12, -1, 36, 48, "restrict_marketing/must_be_positive "},
        {"listings zero", 12, 24, 0, 48, "restrict_listings/must_be_positive "},
        {"blacklist zero", 12, 24, 36, 0, "blacklist/must_be_positive "},
        {"all zero", 0, 0, 0, 0,
         "restrict_recommendations/must_be_positive restrict_marketing/must_be_positive "
         "restrict_listings/must_be_positive blacklist/must_be_positive "},
        {"marketing equal to recommendations", 12, 12, 36, 48, "restrict_marketing/not_ascending "},
        {"marketing below recommendations", 12, 5, 36, 48, "restrict_marketing/not_ascending "},
        {"listings equal to marketing", 12, 24, 24, 48, "restrict_listings/not_ascending "},
        {"blacklist equal to listings", 12, 24, 36, 36, "blacklist/not_ascending "},
        {"blacklist below everything", 12, 24, 36, 1, "blacklist/not_ascending "},
        // One value too high blames that value, not the neighbour after it.
        {"recommendations too high", 100, 24, 36, 48, "restrict_recommendations/not_ascending "},
        {"marketing too high", 12, 100, 36, 48, "restrict_marketing/not_ascending "},
        // Two neighbours swapped: either could be blamed; the higher tier is.
        {"marketing and listings swapped", 12, 36, 24, 48, "restrict_listings/not_ascending "},
        {"all equal", 10, 10, 10, 10,
         "restrict_marketing/not_ascending restrict_listings/not_ascending blacklist/not_ascending "},
        {"descending", 48, 36, 24, 12,
         "restrict_marketing/not_ascending restrict_listings/not_ascending blacklist/not_ascending "},
        // A non-positive value is reported as such and does not break the order of the rest.
        {"zero in the middle, the rest rising", 12, 0, 36, 48, "restrict_marketing/must_be_positive "},
        {"zero in the middle, the rest out of order", 12, 0, 10, 48,
         "restrict_marketing/must_be_positive restrict_listings/not_ascending "},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        SanctionThresholds t;
        t.restrict_recommendations = row.recommendations;
        t.restrict_marketing = row.marketing;
        t.restrict_listings = row.listings;
        t.blacklist = row.blacklist;
        CHECK(describe(validate(t)) == row.errors);
    }
}

TEST_CASE("sanction thresholds: a bad window and bad thresholds are reported together") {
    SanctionThresholds t;
    t.window_days = 0;
    t.blacklist = 10;
    CHECK(describe(validate(t)) == "window_days/out_of_range blacklist/not_ascending ");
}
