#include "accord/penalties.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace accord {

namespace {

bool in_enum(Violation v) {
    return static_cast<int>(v) >= 0 && static_cast<std::size_t>(v) < enum_count<Violation>();
}

}  // namespace

int PenaltyTable::points(Violation v) const {
    return in_enum(v) ? points_[static_cast<std::size_t>(v)] : 0;
}

void PenaltyTable::set(Violation v, int points) {
    if (in_enum(v)) points_[static_cast<std::size_t>(v)] = points;
}

int penalty_points(Violation v, bool force_majeure, const PenaltyTable& table) {
    if (force_majeure) return 0;
    // A negative entry would pay the merchant back for an offence: never charge below zero.
    return std::max(0, table.points(v));
}

ViolationRecord charge(std::int64_t dispute_id, Violation v, bool force_majeure, Timestamp at,
                       const PenaltyTable& table) {
    return ViolationRecord{dispute_id, v, at, force_majeure, penalty_points(v, force_majeure, table)};
}

SanctionStatus sanction_status(const std::vector<ViolationRecord>& records, Timestamp now,
                               const SanctionThresholds& t) {
    SanctionStatus status;
    if (t.window_days <= 0) return status;
    const std::int64_t window = static_cast<std::int64_t>(t.window_days) * kSecondsPerDay;

    std::vector<const ViolationRecord*> counted;
    std::int64_t total = 0;
    for (const ViolationRecord& r : records) {
        if (r.points <= 0 || r.at > now) continue;
        // The age in unsigned arithmetic: now - at cannot overflow once at <= now is known.
        const std::uint64_t age = static_cast<std::uint64_t>(now) - static_cast<std::uint64_t>(r.at);
        if (age >= static_cast<std::uint64_t>(window)) continue;
        counted.push_back(&r);
        total += r.points;  // at most records.size() * INT_MAX: far from the int64 limit
    }
    if (counted.empty()) return status;

    status.points = static_cast<int>(std::min<std::int64_t>(total, std::numeric_limits<int>::max()));
    // Stable, so records charged at the same second keep the order the caller stored them in.
    std::stable_sort(counted.begin(), counted.end(),
                     [](const ViolationRecord* a, const ViolationRecord* b) { return a->at < b->at; });
    for (const ViolationRecord* r : counted)
        if (std::find(status.cases.begin(), status.cases.end(), r->dispute_id) == status.cases.end())
            status.cases.push_back(r->dispute_id);
    status.points_expire_next = counted.front()->at + window;

    if (status.points >= t.blacklist) {
        status.tier = SanctionTier::blacklist;
    } else if (status.points >= t.restrict_listings) {
        status.tier = SanctionTier::restrict_listings;
    } else if (status.points >= t.restrict_marketing) {
        status.tier = SanctionTier::restrict_marketing;
    } else if (status.points >= t.restrict_recommendations) {
        status.tier = SanctionTier::restrict_recommendations;
    } else {
        status.tier = SanctionTier::warning;
    }
    return status;
}

// Comparisons with `<` rather than `!=`, so a corrupt tier value above blacklist denies everything.
bool may_sign_in(SanctionTier tier) {
    return tier < SanctionTier::blacklist;
}
bool may_publish_listings(SanctionTier tier) {
    return tier < SanctionTier::restrict_listings;
}
bool may_be_recommended(SanctionTier tier) {
    return tier < SanctionTier::restrict_recommendations;
}
bool may_publish_marketing(SanctionTier tier) {
    return tier < SanctionTier::restrict_marketing;
}

FieldErrors validate(const PenaltyTable& table) {
    FieldErrors errors;
    for (const auto& e : EnumTable<Violation>::entries) {
        const int p = table.points(e.value);
        if (p < 0 || p > PenaltyTable::kMaxPoints)
            errors.push_back({std::string("points.") + e.key, ErrorCode::out_of_range, 0});
    }
    return errors;
}

FieldErrors validate(const SanctionThresholds& t) {
    FieldErrors errors;
    if (t.window_days < 1 || t.window_days > 3650) errors.push_back({"window_days", ErrorCode::out_of_range, 0});

    struct Step {
        const char* field;
        int points;
    };
    const Step steps[] = {
        {"restrict_recommendations", t.restrict_recommendations},
        {"restrict_marketing", t.restrict_marketing},
        {"restrict_listings", t.restrict_listings},
        {"blacklist", t.blacklist},
    };
    // Which value is wrong when the order breaks is a guess; the guess that blames the fewest
    // fields is the longest strictly rising run of positive thresholds (ties keep the lower
    // tiers), and everything outside it is out of order. {100, 24, 36, 48} blames 100 alone,
    // where comparing neighbours would blame the 24. Four tiers: 16 subsets, tried outright.
    constexpr unsigned kSteps = sizeof(steps) / sizeof(steps[0]);
    unsigned best_keep = 0;
    unsigned best_score = 0;
    for (unsigned mask = 0; mask < (1u << kSteps); ++mask) {
        bool rising = true;
        int last = 0;
        unsigned kept = 0, order_key = 0;
        for (unsigned i = 0; i < kSteps; ++i) {
            if ((mask & (1u << i)) == 0) continue;
            if (steps[i].points <= last) rising = false;  // also rules out non-positive values
            last = steps[i].points;
            ++kept;
            order_key |= 1u << (kSteps - 1 - i);  // a lower tier weighs more
        }
        const unsigned score = (kept << kSteps) | order_key;
        if (rising && score > best_score) {
            best_score = score;
            best_keep = mask;
        }
    }
    for (unsigned i = 0; i < kSteps; ++i) {
        if (steps[i].points <= 0) {
            errors.push_back({steps[i].field, ErrorCode::must_be_positive, 0});
        } else if ((best_keep & (1u << i)) == 0) {
            errors.push_back({steps[i].field, ErrorCode::not_ascending, 0});
        }
    }
    return errors;
}

}  // namespace accord
