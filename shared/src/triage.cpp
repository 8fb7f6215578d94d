#include "accord/triage.hpp"

#include "accord/filing.hpp"

namespace accord {

TriageOutcome classify(Category category, const Money& amount, const TriageFacts& facts,
                       std::int64_t high_value_threshold_minor) {
    TriageOutcome out;
    if (facts.personal_safety) out.priority = Priority::urgent;
    const bool complex_category = category == Category::contract || category == Category::platform_policy;
    if (complex_category || facts.personal_safety || amount.minor >= high_value_threshold_minor)
        out.queue = Queue::specialist;
    return out;
}

FieldErrors validate_triage(const TriageDecision& d) {
    FieldErrors errors;
    if (d.personal_safety && d.priority != Priority::urgent) errors.push_back({"priority", ErrorCode::safety_is_urgent, 0});
    if (d.personal_safety && d.queue != Queue::specialist) errors.push_back({"queue", ErrorCode::safety_is_urgent, 0});
    return errors;
}

FieldErrors validate_info_request(const std::vector<std::string>& items) {
    FieldErrors errors;
    if (items.empty()) errors.push_back({"items", ErrorCode::required, 0});
    if (items.size() > 20) errors.push_back({"items", ErrorCode::too_many, 20});
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string field = "items[" + std::to_string(i) + "]";
        const std::size_t n = utf8_length(items[i]);
        if (!is_valid_utf8(items[i])) errors.push_back({field, ErrorCode::invalid_format, 0});
        else if (n == 0) errors.push_back({field, ErrorCode::required, 0});
        else if (n > 200) errors.push_back({field, ErrorCode::too_long, 200});
        for (std::size_t j = 0; j < i; ++j)
            if (items[j] == items[i] && n > 0) errors.push_back({field, ErrorCode::duplicate, 0});
    }
    return errors;
}

}  // namespace accord
