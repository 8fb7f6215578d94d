// next_due_at() (deadlines.hpp): when the scheduler must look at a case again. Nothing for finished cases,
// the earliest running deadline, paused deadlines and overdue notices already given left out, and — checked on
// cases in every state apply() can put them in, then left to their deadlines — always the first second at which
// due_deadline() has something to report.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accord/deadlines.hpp"
#include "accord/lifecycle.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

using S = DisputeState;

constexpr Timestamp kFarFuture = 3650 * kSecondsPerDay;  // added to a case's time: ten years on

// next_due_at and due_deadline agree: nothing is due a second before next_due_at, something at it (a deadline
// due exactly then), and nothing ever when next_due_at has nothing.
void check_agrees(const Case& c, const RuleSet& rules, const BusinessCalendar& cal) {
    INFO("state ", std::string(to_key(c.dispute.state)), ", noted ", c.overdue_noted.size());
    const std::optional<Timestamp> next = next_due_at(c, rules, cal);
    if (!next) {
        CHECK_FALSE(due_deadline(c, c.dispute.updated_at + kFarFuture, rules, cal).has_value());
        return;
    }
    CHECK_FALSE(due_deadline(c, *next - 1, rules, cal).has_value());
    const std::optional<Deadline> due = due_deadline(c, *next, rules, cal);
    REQUIRE(due.has_value());
    CHECK(due->due == *next);
    CHECK_FALSE(due->paused);
}

// Checks the case, then lets its deadlines pass one by one (the scheduler's timeout at next_due_at each time),
// checking every case on the way, until nothing is due. Returns where the case came to rest.
Case leave_alone(Case c, const RuleSet& rules, const BusinessCalendar& cal) {
    const LifecycleContext ctx{rules, cal};
    for (int guard = 0; guard < 30; ++guard) {
        check_agrees(c, rules, cal);
        const std::optional<Timestamp> next = next_due_at(c, rules, cal);
        if (!next) return c;
        // The scheduler may act exactly then: the consequence applies.
        c = must(c, rq(Action::timeout, scheduler(), *next), ctx).next;
    }
    FAIL("the case never came to rest: ", std::string(to_key(c.dispute.state)));
    return c;
}

// Nothing left to do on its own: every open deadline is paused or an overdue notice already given.
void check_at_rest(const Case& c, const RuleSet& rules, const BusinessCalendar& cal) {
    INFO("at rest in ", std::string(to_key(c.dispute.state)));
    for (const Deadline& d : open_deadlines(c, rules, cal)) {
        CAPTURE(std::string(to_key(d.kind)));
        const bool noted =
            std::find(c.overdue_noted.begin(), c.overdue_noted.end(), to_key(d.kind)) != c.overdue_noted.end();
        CHECK((d.paused || (d.consequence == Consequence::notify_overdue && noted)));
    }
}

// A case in state `s`, from `filed` along advance()'s path. Support accepts it as filed (priority, queue and
// safety kept: a safety case may not be made ordinary without a reason).
Case put_in(S s, const Case& filed) {
    if (s == S::filed || s == S::info_requested || s == S::rejected || s == S::withdrawn) return reach(s, filed).c;
    const Timestamp at = filed.dispute.created_at + kHour;
    Drive d{accept(filed, at, filed.triage.priority), at, {}};
    advance(d, s);
    return d.c;
}

const S kEveryState[] = {S::filed,       S::info_requested, S::rejected,         S::awaiting_merchant,
                         S::negotiation, S::mediation,      S::mediation_review, S::awaiting_consent,
                         S::arbitration, S::ruled,          S::appealed,         S::execution,
                         S::closed,      S::withdrawn,      S::referred_external};

}  // namespace

TEST_CASE("next_due_at: finished cases have nothing due") {
    for (const S s : {S::rejected, S::closed, S::withdrawn, S::referred_external}) {
        CAPTURE(std::string(to_key(s)));
        const Case reached = reach(s).c;
        CHECK_FALSE(next_due_at(reached, kRules, kPlain).has_value());
        CHECK_FALSE(next_due_at(reached, kRules, china_calendar()).has_value());
        // Even with deadlines that would be long overdue had the case stayed open.
        Case c = new_case();
        c.dispute.state = s;
        CHECK(c.first_response_at == 0);
        CHECK_FALSE(next_due_at(c, kRules, kPlain).has_value());
        CHECK_FALSE(due_deadline(c, T0 + kFarFuture, kRules, kPlain).has_value());
    }
}

TEST_CASE("next_due_at: the earliest running deadline") {
    // Filed at T0: first response and triage at T0+24h come before the resolution at T0+48h.
    const Case c = new_case();
    CHECK(next_due_at(c, kRules, kPlain) == T0 + 24 * kHour);
    // A shorter triage comes first.
    RuleSet quick_triage;
    quick_triage.deadlines.triage = hours(5);
    CHECK(next_due_at(c, quick_triage, kPlain) == T0 + 5 * kHour);
    // An urgent case whose resolution time is shorter than both.
    RuleSet quick_resolution;
    quick_resolution.deadlines.resolution_urgent = hours(12);
    const Case safety = new_case(15000, Category::quality_defect, Remedy::full_refund, true);
    REQUIRE(safety.triage.priority == Priority::urgent);
    CHECK(next_due_at(safety, quick_resolution, kPlain) == T0 + 12 * kHour);
    CHECK(next_due_at(c, quick_resolution, kPlain) == T0 + 24 * kHour);  // a normal case keeps its 48 h
    // Working days: one working day from Friday 2026-03-06 10:00 +08 is Monday 24:00 +08.
    RuleSet working;
    working.deadlines.first_response = business_days(1);
    working.deadlines.triage = business_days(1);
    working.deadlines.resolution_normal = business_days(2);
    const Case friday = new_case(15000, Category::quality_defect, Remedy::full_refund, false, cn(2026, 3, 6, 10));
    CHECK(next_due_at(friday, working, kPlain) == cn(2026, 3, 10));
    // Once the first response is given, the triage is the earliest.
    const Case answered = act(c, Action::flag_litigation_risk, support(), T0 + 2 * kHour,
                              [](ActionRequest& r) { r.reason = "买家称要起诉"; });
    CHECK(next_due_at(answered, quick_triage, kPlain) == T0 + 5 * kHour);
}

TEST_CASE("next_due_at: paused deadlines are ignored") {
    // The merchant has the move: the platform's clock is paused (47 h left) and the merchant's response is due.
    const Case waiting = accept(new_case(), T0 + kHour);
    const std::vector<Deadline> ds = open_deadlines(waiting, kRules, kPlain);
    REQUIRE(ds.size() == 2);
    CHECK(ds.back().paused);
    CHECK(next_due_at(waiting, kRules, kPlain) == T0 + 49 * kHour);
    // Even when the paused clock has less time left than the running deadline.
    RuleSet slow_merchant;
    slow_merchant.deadlines.merchant_response = hours(100);
    CHECK(next_due_at(waiting, slow_merchant, kPlain) == T0 + 101 * kHour);
    CHECK_FALSE(due_deadline(waiting, T0 + 100 * kHour, slow_merchant, kPlain).has_value());
    // Even when it had run out before it paused (nothing left, still not due).
    Case ruled = new_case();
    ruled.dispute.state = S::ruled;
    ruled.first_response_at = T0 + kHour;
    ruled.state_entered_at = T0 + 100 * kHour;
    ruled.platform_paused_since = T0 + 100 * kHour;
    ruled.ruling = merchant_liable();
    const std::vector<Deadline> rds = open_deadlines(ruled, kRules, kPlain);
    REQUIRE(rds.size() == 2);
    CHECK(rds.back().paused);
    CHECK(rds.back().remaining == 0);
    CHECK(next_due_at(ruled, kRules, kPlain) == rds.front().due);
    CHECK(rds.front().kind == DeadlineKind::appeal_window);
    // A case whose only deadline is paused has nothing due.
    Case paused_only = new_case();
    paused_only.dispute.state = S::mediation;
    paused_only.first_response_at = T0 + kHour;
    paused_only.platform_paused_since = T0 + 2 * kHour;
    REQUIRE(open_deadlines(paused_only, kRules, kPlain).size() == 1);
    CHECK_FALSE(next_due_at(paused_only, kRules, kPlain).has_value());
    CHECK_FALSE(due_deadline(paused_only, T0 + kFarFuture, kRules, kPlain).has_value());
}

TEST_CASE("next_due_at: a notify_overdue deadline already noted is skipped") {
    Case c = new_case();
    REQUIRE(next_due_at(c, kRules, kPlain) == T0 + 24 * kHour);
    // The first response is noted overdue: the triage, due the same second, is still to report.
    c = act(c, Action::timeout, scheduler(), T0 + 24 * kHour);
    REQUIRE(c.overdue_noted == std::vector<std::string>{"first_response"});
    CHECK(next_due_at(c, kRules, kPlain) == T0 + 24 * kHour);
    // The triage noted too: the resolution is next.
    c = act(c, Action::timeout, scheduler(), T0 + 24 * kHour);
    REQUIRE(c.overdue_noted == std::vector<std::string>{"first_response", "triage"});
    CHECK(next_due_at(c, kRules, kPlain) == T0 + 48 * kHour);
    // Everything noted: the case is still open, overdue, and nothing more is due.
    c = act(c, Action::timeout, scheduler(), T0 + 48 * kHour);
    REQUIRE(c.overdue_noted.size() == 3);
    CHECK(open_deadlines(c, kRules, kPlain).size() == 3);
    CHECK_FALSE(next_due_at(c, kRules, kPlain).has_value());
    // A note only skips a notice: a deadline with a consequence stays due whatever the notes say.
    Case waiting = accept(new_case(), T0 + kHour);
    waiting.overdue_noted = {"merchant_response", "resolution"};
    CHECK(next_due_at(waiting, kRules, kPlain) == T0 + 49 * kHour);
}

TEST_CASE("next_due_at is the first second due_deadline reports something, in every state apply reaches") {
    struct Start {
        const char* what;
        Case c;
    };
    const Start starts[] = {
        {"a small refund", new_case()},
        {"a high-value claim", new_case(300000)},
        {"a safety case", new_case(15000, Category::quality_defect, Remedy::full_refund, true)},
        {"a return and refund", new_case(15000, Category::quality_defect, Remedy::return_and_refund)},
        {"an exchange", new_case(15000, Category::not_as_described, Remedy::exchange)},
        {"after-sales, filed on a Friday evening",
         new_case(15000, Category::after_sales, Remedy::repair, false, cn(2026, 3, 6, 20))},
        {"filed on the eve of National Day",
         new_case(9900, Category::not_received, Remedy::reissue, false, cn(2026, 9, 30, 22))},
    };
    RuleSet working;  // working days wherever a rule may count them
    working.deadlines.first_response = business_days(1);
    working.deadlines.triage = business_days(1);
    working.deadlines.resolution_normal = business_days(2);
    working.deadlines.resolution_urgent = business_days(1);
    std::set<S> seen;
    for (const Start& start : starts) {
        CAPTURE(std::string(start.what));
        for (const S s : kEveryState) {
            CAPTURE(std::string(to_key(s)));
            const Case c = put_in(s, start.c);
            seen.insert(c.dispute.state);
            check_at_rest(leave_alone(c, kRules, kPlain), kRules, kPlain);
            check_at_rest(leave_alone(c, kRules, china_calendar()), kRules, china_calendar());
            check_at_rest(leave_alone(c, working, china_calendar()), working, china_calendar());
        }
    }
    CHECK(seen.size() == std::size(kEveryState));
}
