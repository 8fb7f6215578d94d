// Penalty points 扣分 for merchant violations and the sanction tiers they lead to (seed 000, 第八条 to 第十二条).
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"
#include "accord/time.hpp"

namespace accord {

// What an upheld dispute found the merchant did wrong.
enum class Violation { refusal_to_fulfil, counterfeit, false_description, late_shipment, after_sales_refusal, other };

template <>
struct EnumTable<Violation> {
    static constexpr EnumEntry<Violation> entries[] = {
        {Violation::refusal_to_fulfil, "refusal_to_fulfil", "成交不卖", "Refusal to fulfil"},
        {Violation::counterfeit, "counterfeit", "假冒伪劣", "Counterfeit"},
        {Violation::false_description, "false_description", "虚假描述", "False description"},
        {Violation::late_shipment, "late_shipment", "延迟发货", "Late shipment"},
        {Violation::after_sales_refusal, "after_sales_refusal", "拒绝售后", "Refusal of after-sales service"},
        {Violation::other, "other", "其他违规", "Other violation"},
    };
};

// Points per violation, set by an admin. The defaults are the seed's weighting: selling fakes
// costs a whole tier at once, a late parcel a quarter of one.
struct PenaltyTable {
    static constexpr int kMaxPoints = 100;

    // 0 for a value outside the enum: an unknown violation never costs anything by accident.
    int points(Violation v) const;
    // Ignored for a value outside the enum. Any number is stored; validate() says whether it is allowed.
    void set(Violation v, int points);

    bool operator==(const PenaltyTable&) const = default;

private:
    // Indexed by the enum value. A new violation needs its default here, hence the assert.
    static_assert(enum_count<Violation>() == 6, "give the new violation a default number of points");
    std::array<int, enum_count<Violation>()> points_ = {
        6,   // refusal_to_fulfil
        12,  // counterfeit
        6,   // false_description
        3,   // late_shipment
        3,   // after_sales_refusal
        2,   // other
    };
};

// One deduction as it was charged. `points` is what the table said on the day: the table may
// change later, and history must keep what the merchant was actually charged.
struct ViolationRecord {
    std::int64_t dispute_id = 0;
    Violation violation = Violation::other;
    Timestamp at = 0;
    bool force_majeure = false;
    int points = 0;
};

// 0 when force majeure was proven (第十一条); never negative, even from a broken table.
int penalty_points(Violation v, bool force_majeure, const PenaltyTable& table);
ViolationRecord charge(std::int64_t dispute_id, Violation v, bool force_majeure, Timestamp at,
                       const PenaltyTable& table);

// Each tier includes every restriction of the tiers before it. The order is seed 000 第十条's, read by
// its words: a first offence is warned (首次违规); 较严重 restricts recommendations (限制推荐); 严重
// restricts marketing (限制营销信息发布); 情节严重 restricts publishing listings (限制发布供求信息),
// which stops the shop selling anything new and so comes last before 特别严重, the blacklist (no login).
enum class SanctionTier { none, warning, restrict_recommendations, restrict_marketing, restrict_listings, blacklist };

template <>
struct EnumTable<SanctionTier> {
    static constexpr EnumEntry<SanctionTier> entries[] = {
        {SanctionTier::none, "none", "无", "None"},
        {SanctionTier::warning, "warning", "警告", "Warning"},
        {SanctionTier::restrict_recommendations, "restrict_recommendations", "限制推荐", "Recommendations restricted"},
        {SanctionTier::restrict_marketing, "restrict_marketing", "限制营销信息发布", "Marketing restricted"},
        {SanctionTier::restrict_listings, "restrict_listings", "限制发布供求信息", "Listings restricted"},
        {SanctionTier::blacklist, "blacklist", "黑名单", "Blacklisted"},
    };
};

// Points within the rolling window at which each tier starts, in the tiers' order. There is no threshold for
// a warning: any charged offence in the window is one (第十条, 首次违规 → 警告).
struct SanctionThresholds {
    int window_days = 365;
    int restrict_recommendations = 12;
    int restrict_marketing = 24;
    int restrict_listings = 36;
    int blacklist = 48;
};

struct SanctionStatus {
    SanctionTier tier = SanctionTier::none;
    int points = 0;
    // Dispute ids behind the points, oldest first, each once: the reason the merchant is shown.
    std::vector<std::int64_t> cases;
    // When the oldest counted record leaves the window (the tier may drop then); 0 if none counts.
    Timestamp points_expire_next = 0;
};

// Records with `at` in (now - window_days days, now] and points > 0 count: a record exactly
// window_days old has expired, one from the future does not count yet, and a force-majeure
// record (0 points) is no offence at all, so it neither warns nor appears among the cases.
SanctionStatus sanction_status(const std::vector<ViolationRecord>& records, Timestamp now,
                               const SanctionThresholds& t = {});

// What a merchant at a tier may still do. A value outside the enum is treated as the harshest tier.
bool may_sign_in(SanctionTier tier);
bool may_publish_listings(SanctionTier tier);
bool may_be_recommended(SanctionTier tier);
bool may_publish_marketing(SanctionTier tier);

// Each violation's points within 0..PenaltyTable::kMaxPoints; field "points.<violation key>".
FieldErrors validate(const PenaltyTable& table);
// window_days within 1..3650; each threshold positive, and the thresholds strictly rising in the tiers'
// order, from restrict_recommendations to blacklist. Fields are the member names ("window_days", "blacklist", ...);
// when the order breaks, the fewest thresholds that explain it are named (see the .cpp).
FieldErrors validate(const SanctionThresholds& t);

}  // namespace accord
