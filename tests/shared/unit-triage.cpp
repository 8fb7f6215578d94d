// Triage: priority, routing, and the one-time request for missing information.
#include <doctest/doctest.h>

#include "accord/triage.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

TEST_CASE("classify: safety is urgent and specialist, complex categories and high value go to specialists") {
    const std::int64_t high = 500000;
    struct Row {
        Category category;
        std::int64_t amount;
        bool safety;
        Priority priority;
        Queue queue;
    } rows[] = {
        {Category::quality_defect, 1000, false, Priority::normal, Queue::frontline},
        {Category::quality_defect, 1000, true, Priority::urgent, Queue::specialist},
        {Category::contract, 1000, false, Priority::normal, Queue::specialist},
        {Category::platform_policy, 1000, false, Priority::normal, Queue::specialist},
        {Category::not_received, high - 1, false, Priority::normal, Queue::frontline},
        {Category::not_received, high, false, Priority::normal, Queue::specialist},
        {Category::counterfeit, 100, false, Priority::normal, Queue::frontline},
    };
    for (const Row& r : rows) {
        CAPTURE(to_key(r.category));
        CAPTURE(r.amount);
        const TriageOutcome t = classify(r.category, {r.amount, "CNY"}, {r.safety}, high);
        CHECK(t.priority == r.priority);
        CHECK(t.queue == r.queue);
    }
}

TEST_CASE("validate_triage: a safety case cannot be downgraded") {
    TriageDecision d{Category::quality_defect, Priority::urgent, Queue::specialist, RootCause::other, true};
    CHECK(validate_triage(d).empty());
    d.priority = Priority::normal;
    CHECK(has_error(validate_triage(d), "priority", ErrorCode::safety_is_urgent));
    d.priority = Priority::urgent;
    d.queue = Queue::frontline;
    CHECK(has_error(validate_triage(d), "queue", ErrorCode::safety_is_urgent));
    d.personal_safety = false;
    d.priority = Priority::normal;
    CHECK(validate_triage(d).empty());
}

TEST_CASE("validate_info_request: everything missing, at once, listed clearly") {
    CHECK(validate_info_request({"发票照片", "快递面单", "聊天记录截图"}).empty());
    CHECK(has_error(validate_info_request({}), "items", ErrorCode::required));
    CHECK(has_error(validate_info_request({"发票", ""}), "items[1]", ErrorCode::required));
    CHECK(has_error(validate_info_request({"发票", "发票"}), "items[1]", ErrorCode::duplicate));
    CHECK(has_error(validate_info_request({std::string(201, 'a')}), "items[0]", ErrorCode::too_long));
    CHECK(validate_info_request({std::string(200, 'a')}).empty());
    CHECK(has_error(validate_info_request({std::string("\xC0\x80")}), "items[0]", ErrorCode::invalid_format));
    std::vector<std::string> many;
    for (int i = 0; i < 21; ++i) many.push_back("item " + std::to_string(i));
    const FieldErrors e = validate_info_request(many);
    REQUIRE(has_error(e, "items", ErrorCode::too_many));
    CHECK(e.front().limit == 20);
    many.pop_back();
    CHECK(validate_info_request(many).empty());
}
