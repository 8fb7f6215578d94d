// Triage (初步审核与分类): priority, routing to a queue, root cause, and the
// "request everything missing at once" (一次性告知) list.
#pragma once
#include <string>
#include <vector>

#include "accord/dispute.hpp"
#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"

namespace accord {

enum class Priority { normal, urgent };

template <>
struct EnumTable<Priority> {
    static constexpr EnumEntry<Priority> entries[] = {
        {Priority::normal, "normal", "普通", "Normal"},
        {Priority::urgent, "urgent", "紧急", "Urgent"},
    };
};

// Simple cases stay with frontline support; complex ones go to specialists.
enum class Queue { frontline, specialist };

template <>
struct EnumTable<Queue> {
    static constexpr EnumEntry<Queue> entries[] = {
        {Queue::frontline, "frontline", "一线客服", "Frontline support"},
        {Queue::specialist, "specialist", "专家组", "Specialist queue"},
    };
};

// The platform's own learning (seed 001's four classes).
enum class RootCause { platform_error, system_or_force_majeure, customer_misunderstanding, other };

template <>
struct EnumTable<RootCause> {
    static constexpr EnumEntry<RootCause> entries[] = {
        {RootCause::platform_error, "platform_error", "平台/员工差错", "Platform or staff error"},
        {RootCause::system_or_force_majeure, "system_or_force_majeure", "系统故障或不可抗力",
         "System failure or force majeure"},
        {RootCause::customer_misunderstanding, "customer_misunderstanding", "客户误解", "Customer misunderstanding"},
        {RootCause::other, "other", "其他", "Other"},
    };
};

// What triage looks at beyond the filing itself.
struct TriageFacts {
    bool personal_safety = false;  // 人身安全: injury, fire, food poisoning, ...
};

struct TriageOutcome {
    Priority priority = Priority::normal;
    Queue queue = Queue::frontline;
};

// Safety makes a case urgent; contract, platform policy, safety and high value go to specialists.
TriageOutcome classify(Category category, const Money& amount, const TriageFacts& facts,
                       std::int64_t high_value_threshold_minor);

// The staff's triage decision when accepting a case (they may correct the buyer's category).
struct TriageDecision {
    Category category = Category::other;
    Priority priority = Priority::normal;
    Queue queue = Queue::frontline;
    RootCause root_cause = RootCause::other;
    bool personal_safety = false;
};

// A safety case can never be downgraded to normal priority or kept at the frontline.
FieldErrors validate_triage(const TriageDecision& d);

// The list of everything missing, asked for once: 1..20 distinct, non-empty items of <= 200 characters.
FieldErrors validate_info_request(const std::vector<std::string>& items);

}  // namespace accord
