// Deadlines (deadlines.hpp): every open deadline per state with its due time worked out by hand from the
// default rules (calendar hours and working days, the 2026 National Day week with its make-up day), the
// platform's resolution clock that pauses while the parties have the move, overdue notices reported once,
// every consequence, and the UTC+8 day boundary.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
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
using K = DeadlineKind;
using C = Consequence;

// A deadline as the test expects it: kind, whose move, due (or remaining when paused), consequence.
struct Want {
    K kind;
    Party on;
    Timestamp due;  // when running
    C consequence;
    bool paused = false;
    std::int64_t remaining = 0;
};

std::string show(const Deadline& d) {
    return std::string(to_key(d.kind)) + " on " + to_key(d.on) +
           (d.paused ? " paused remaining " + std::to_string(d.remaining) : " due " + std::to_string(d.due)) + " → " +
           to_key(d.consequence);
}
std::string show(const Want& w) {
    Deadline d;
    d.kind = w.kind;
    d.on = w.on;
    d.due = w.paused ? 0 : w.due;
    d.paused = w.paused;
    d.remaining = w.remaining;
    d.consequence = w.consequence;
    return show(d);
}

// The open deadlines, in order, are exactly `want`.
void check_deadlines(const Case& c, const std::vector<Want>& want, const RuleSet& rules = kRules,
                     const BusinessCalendar& cal = kPlain) {
    const std::vector<Deadline> got = open_deadlines(c, rules, cal);
    std::string g, w;
    for (const Deadline& d : got) g += show(d) + "\n";
    for (const Want& x : want) w += show(x) + "\n";
    INFO("state ", to_key(c.dispute.state));
    CHECK(g == w);
}

Want resolution_running(Timestamp due) {
    return {K::resolution, Party::platform, due, C::notify_overdue};
}
Want resolution_paused(std::int64_t remaining) {
    return {K::resolution, Party::platform, 0, C::notify_overdue, true, remaining};
}

std::optional<Deadline> due_at(const Case& c, Timestamp now, const RuleSet& rules = kRules,
                               const BusinessCalendar& cal = kPlain) {
    return due_deadline(c, now, rules, cal);
}

}  // namespace

// ---------------------------------------------------------------------------
// The defaults the hand computations below rely on.

TEST_CASE("the default deadline rules are the seeds' numbers") {
    const DeadlineRules d;
    CHECK(d.first_response == hours(24));
    CHECK(d.triage == hours(24));
    CHECK(d.info_reply == hours(72));
    CHECK(d.merchant_response == hours(48));
    CHECK(d.merchant_response_after_sales == business_days(1));
    CHECK(d.negotiation == hours(72));
    CHECK(d.proposal_review == hours(24));
    CHECK(d.consent == hours(48));
    CHECK(d.appeal_window == business_days(5));
    CHECK(d.return_shipment == hours(168));
    CHECK(d.merchant_inspection == hours(48));
    CHECK(d.refund == hours(72));
    CHECK(d.reship == hours(72));
    CHECK(d.buyer_confirmation == hours(168));
    CHECK(d.resolution_normal == hours(48));
    CHECK(d.resolution_urgent == hours(24));
    CHECK(T0 == 1772416800);                                   // 2026-03-02T02:00:00Z
    CHECK(utc(2026, 3, 2, 15, 59, 59) + 1 == cn(2026, 3, 3));  // local midnight is 16:00 UTC
}

// ---------------------------------------------------------------------------
// Deadlines per state, along one case driven hour by hour.

TEST_CASE("open_deadlines along a case: filed → info requested → filed → merchant → negotiation → mediation") {
    Case c = new_case();
    // Filed at T0: a person answers within 24 h, triage within 24 h, the platform resolves within 48 h.
    // Equal dues keep their order: first response, triage, then resolution.
    check_deadlines(c, {{K::first_response, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                        {K::triage, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                        resolution_running(T0 + 48 * kHour)});

    // Support asks for information at T0+2h: the buyer has 72 h; the platform's clock stops with 46 h left;
    // the first response is given.
    c = act(c, Action::request_info, support(), T0 + 2 * kHour, [](ActionRequest& r) { r.items = {"订单截图"}; });
    CHECK(c.first_response_at == T0 + 2 * kHour);
    CHECK(c.platform_paused_since == T0 + 2 * kHour);
    check_deadlines(c, {{K::info_reply, Party::buyer, T0 + 74 * kHour, C::auto_close}, resolution_paused(46 * kHour)});

    // The buyer answers at T0+12h: back to triage (24 h from now); the resolution moved by the 10 h paused.
    c = act(c, Action::provide_info, buyer(), T0 + 12 * kHour);
    CHECK(c.platform_paused_seconds == 10 * kHour);
    CHECK(c.platform_paused_since == 0);
    check_deadlines(
        c, {{K::triage, Party::platform, T0 + 36 * kHour, C::notify_overdue}, resolution_running(T0 + 58 * kHour)});

    // Accepted at T0+13h: the merchant has 48 h; a 150.00 claim is granted if they stay silent. 45 h left.
    c = accept(c, T0 + 13 * kHour);
    check_deadlines(
        c, {{K::merchant_response, Party::merchant, T0 + 61 * kHour, C::auto_grant}, resolution_paused(45 * kHour)});

    // The merchant offers at T0+20h: 72 h of negotiation, the buyer's move.
    c = act(c, Action::merchant_offer, merchant(), T0 + 20 * kHour,
            [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 5000); });
    check_deadlines(
        c, {{K::negotiation, Party::buyer, T0 + 92 * kHour, C::escalate_to_mediation}, resolution_paused(45 * kHour)});
    // The buyer counters at T0+30h: the merchant's move; the negotiation deadline does not restart.
    c = act(c, Action::make_offer, buyer(), T0 + 30 * kHour,
            [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 9000); });
    check_deadlines(c, {{K::negotiation, Party::merchant, T0 + 92 * kHour, C::escalate_to_mediation},
                        resolution_paused(45 * kHour)});

    // The buyer asks for mediation at T0+40h: the clock runs again, 27 h paused since T0+13h → due T0+85h.
    c = act(c, Action::request_mediation, buyer(), T0 + 40 * kHour);
    CHECK(c.platform_paused_seconds == 10 * kHour + 27 * kHour);
    check_deadlines(c, {resolution_running(T0 + 85 * kHour)});

    c = act(c, Action::assign_mediator, support(), T0 + 41 * kHour, [](ActionRequest& r) { r.target = kMediator; });
    check_deadlines(c, {resolution_running(T0 + 85 * kHour)});

    // Proposed at T0+42h: internal review within 24 h (the platform's own, only reported).
    c = act(c, Action::propose_settlement, mediator(), T0 + 42 * kHour,
            [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 8000); });
    check_deadlines(c, {{K::proposal_review, Party::platform, T0 + 66 * kHour, C::notify_overdue},
                        resolution_running(T0 + 85 * kHour)});

    // Approved at T0+43h: the parties have 48 h; silence is consent. 42 h of the platform's time left.
    c = act(c, Action::approve_proposal, approver(), T0 + 43 * kHour);
    check_deadlines(c, {{K::consent, Party::buyer, T0 + 91 * kHour, C::deemed_consent}, resolution_paused(42 * kHour)});
    const Case awaiting = c;
    // Once the buyer consented, the merchant is the one awaited; the deadline does not move.
    c = act(c, Action::consent, buyer(), T0 + 44 * kHour);
    check_deadlines(c,
                    {{K::consent, Party::merchant, T0 + 91 * kHour, C::deemed_consent}, resolution_paused(42 * kHour)});
    // ...and the other way round.
    const Case m = act(awaiting, Action::consent, merchant(), T0 + 44 * kHour);
    check_deadlines(m, {{K::consent, Party::buyer, T0 + 91 * kHour, C::deemed_consent}, resolution_paused(42 * kHour)});

    // The merchant declines at T0+50h: arbitration, the platform's clock resumes (7 h more paused → T0+92h).
    c = act(c, Action::decline_proposal, merchant(), T0 + 50 * kHour, [](ActionRequest& r) { r.reason = "不同意"; });
    check_deadlines(c, {resolution_running(T0 + 92 * kHour)});
    c = act(c, Action::assign_arbitrator, arbitrator(), T0 + 51 * kHour);
    check_deadlines(c, {resolution_running(T0 + 92 * kHour)});
}

TEST_CASE("open_deadlines: a contested case negotiates with the buyer to move") {
    Case c = accept(new_case(), T0 + kHour);
    c = act(c, Action::merchant_contest, merchant(), T0 + 3 * kHour, [](ActionRequest& r) { r.reason = "质检合格"; });
    check_deadlines(
        c, {{K::negotiation, Party::buyer, T0 + 75 * kHour, C::escalate_to_mediation}, resolution_paused(47 * kHour)});
}

TEST_CASE("open_deadlines: the merchant's response and its consequence by claim value and category") {
    struct Row {
        std::int64_t amount;
        bool auto_grant_enabled;
        C consequence;
    };
    const Row rows[] = {
        {1, true, C::auto_grant},
        {20000, true, C::auto_grant},
        {20001, true, C::escalate_to_mediation},
        {500000, true, C::escalate_to_mediation},
        {15000, false, C::escalate_to_mediation},
    };
    for (const Row& row : rows) {
        CAPTURE(row.amount);
        CAPTURE(row.auto_grant_enabled);
        RuleSet rules;
        rules.auto_grant_enabled = row.auto_grant_enabled;
        const Case c = accept(new_case(row.amount), T0 + kHour);
        check_deadlines(
            c,
            {{K::merchant_response, Party::merchant, T0 + 49 * kHour, row.consequence}, resolution_paused(47 * kHour)},
            rules);
    }
    // An admin may lower the auto-grant limit.
    RuleSet low;
    low.auto_grant_max_minor = 10000;
    const Case c = accept(new_case(15000), T0 + kHour);
    check_deadlines(c,
                    {{K::merchant_response, Party::merchant, T0 + 49 * kHour, C::escalate_to_mediation},
                     resolution_paused(47 * kHour)},
                    low);
    // After-sales: one working day, counted in the calendar given (here: Monday 11:00 → Tuesday 24:00 +08).
    const Case as = accept(new_case(15000, Category::after_sales), T0 + kHour);
    check_deadlines(
        as, {{K::merchant_response, Party::merchant, cn(2026, 3, 4), C::auto_grant}, resolution_paused(47 * kHour)});
}

TEST_CASE("open_deadlines: urgent cases get 24 hours of platform time, normal ones 48") {
    const Case safety = new_case(15000, Category::quality_defect, Remedy::full_refund, true);
    REQUIRE(safety.triage.priority == Priority::urgent);
    check_deadlines(safety, {{K::first_response, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                             {K::triage, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                             resolution_running(T0 + 24 * kHour)});
    // Accepted at T0+1h as urgent: 23 h left while the merchant answers.
    const Case accepted = accept(safety, T0 + kHour, Priority::urgent);
    check_deadlines(accepted, {{K::merchant_response, Party::merchant, T0 + 49 * kHour, C::auto_grant},
                               resolution_paused(23 * kHour)});
    // Triage may make an ordinary case urgent: the resolution follows the decision.
    const Case up = accept(new_case(), T0 + kHour, Priority::urgent);
    CHECK(up.triage.priority == Priority::urgent);
    check_deadlines(
        up, {{K::merchant_response, Party::merchant, T0 + 49 * kHour, C::auto_grant}, resolution_paused(23 * kHour)});
    // An admin may change both numbers.
    RuleSet rules;
    rules.deadlines.resolution_urgent = hours(12);
    rules.deadlines.resolution_normal = hours(96);
    check_deadlines(safety,
                    {resolution_running(T0 + 12 * kHour),
                     {K::first_response, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                     {K::triage, Party::platform, T0 + 24 * kHour, C::notify_overdue}},
                    rules);
    check_deadlines(new_case(),
                    {{K::first_response, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                     {K::triage, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                     resolution_running(T0 + 96 * kHour)},
                    rules);
}

TEST_CASE("open_deadlines: the appeal window counts working days — weekends, National Day and its make-up days") {
    const BusinessCalendar& china = china_calendar();
    struct Row {
        Timestamp ruled;
        Timestamp china_due;
        Timestamp plain_due;
        const char* why;
    };
    const Row rows[] = {
        // Mon → Tue, Wed, Thu, Fri, Mon.
        {cn(2026, 3, 2, 19), cn(2026, 3, 10), cn(2026, 3, 10), "an ordinary week"},
        // Tue 09-29 → Wed 09-30, (10-01..10-07 off), Thu 10-08, Fri 10-09, Sat 10-10 (make-up), Mon 10-12.
        // Without holidays: Wed 09-30, Thu 10-01, Fri 10-02, Mon 10-05, Tue 10-06.
        {cn(2026, 9, 29, 10), cn(2026, 10, 13), cn(2026, 10, 7), "across National Day"},
        // Fri 09-18 → Sun 09-20 (make-up), Mon 09-21, Tue, Wed, Thu 09-24 (09-25 is Mid-Autumn).
        // Without holidays: Mon 09-21 .. Fri 09-25.
        {cn(2026, 9, 18, 16), cn(2026, 9, 25), cn(2026, 9, 26), "a Sunday make-up day"},
        // Inside the holiday, on 10-03: Thu 10-08, Fri 10-09, Sat 10-10, Mon 10-12, Tue 10-13.
        {cn(2026, 10, 3, 9), cn(2026, 10, 14), cn(2026, 10, 10), "ruled during the holiday"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.why);
        Case c = new_case();
        c.dispute.state = S::ruled;
        c.state_entered_at = row.ruled;
        c.first_response_at = row.ruled - kDay;
        c.platform_paused_since = row.ruled;
        c.ruling = merchant_liable();
        const std::int64_t left = T0 + 48 * kHour - row.ruled;  // created at T0, never paused before
        check_deadlines(c,
                        {{K::appeal_window, Party::buyer, row.china_due, C::start_execution},
                         resolution_paused(std::max<std::int64_t>(0, left))},
                        kRules, china);
        check_deadlines(c,
                        {{K::appeal_window, Party::buyer, row.plain_due, C::start_execution},
                         resolution_paused(std::max<std::int64_t>(0, left))},
                        kRules, kPlain);
        // The scheduler starts execution exactly at the end, not a second before; an appeal is possible until then.
        const LifecycleContext ctx{kRules, china};
        CHECK_FALSE(due_at(c, row.china_due - 1, kRules, china).has_value());
        const auto due = due_at(c, row.china_due, kRules, china);
        REQUIRE(due);
        CHECK(due->kind == K::appeal_window);
        CHECK(may(c, Action::appeal, buyer(), row.china_due - 1, ctx));
        CHECK_FALSE(may(c, Action::appeal, buyer(), row.china_due, ctx));
    }
}

TEST_CASE("open_deadlines: each execution step has its own deadline, party and consequence") {
    struct Row {
        Remedy remedy;
        std::size_t step;
        K kind;
        Party on;
        std::int64_t hours;
        C consequence;
    };
    const Row rows[] = {
        {Remedy::return_and_refund, 0, K::return_shipment, Party::buyer, 168, C::auto_close},
        {Remedy::return_and_refund, 1, K::merchant_inspection, Party::merchant, 48, C::deemed_passed},
        {Remedy::return_and_refund, 2, K::refund, Party::merchant, 72, C::escalate_to_mediation},
        {Remedy::return_and_refund, 3, K::buyer_confirmation, Party::buyer, 168, C::auto_close},
        {Remedy::exchange, 2, K::reship, Party::merchant, 72, C::escalate_to_mediation},
        {Remedy::reissue, 0, K::reship, Party::merchant, 72, C::escalate_to_mediation},
        {Remedy::partial_refund, 0, K::refund, Party::merchant, 72, C::escalate_to_mediation},
        {Remedy::compensation, 1, K::buyer_confirmation, Party::buyer, 168, C::auto_close},
    };
    for (const Row& row : rows) {
        CAPTURE(to_key(row.remedy));
        CAPTURE(row.step);
        Case c = new_case();
        c.dispute.state = S::execution;
        c.first_response_at = T0 + kHour;
        c.state_entered_at = T0 + 2 * kHour;
        c.platform_paused_since = T0 + 2 * kHour;
        c.plan = execution_plan(row.remedy);
        c.step = row.step;
        c.step_entered_at = T0 + 10 * kHour;  // the step's own clock, not the state's
        check_deadlines(c, {{row.kind, row.on, T0 + 10 * kHour + row.hours * kHour, row.consequence},
                            resolution_paused(46 * kHour)});
    }
}

TEST_CASE("open_deadlines: finished cases have none") {
    for (const S s : {S::rejected, S::closed, S::withdrawn, S::referred_external}) {
        CAPTURE(to_key(s));
        Case c = new_case();
        c.dispute.state = s;
        CHECK(open_deadlines(c, kRules, kPlain).empty());
        CHECK_FALSE(due_at(c, T0 + 1000 * kDay).has_value());
    }
}

// ---------------------------------------------------------------------------
// The platform's clock.

TEST_CASE("the resolution clock pauses while the parties have the move and resumes where it stopped") {
    Case c = new_case(300000);  // high value: a silent merchant escalates
    c = accept(c, T0 + kHour);
    // Paused with 47 h left, however long the merchant takes: never due while paused.
    for (const Timestamp now : {T0 + 48 * kHour, T0 + 48 * kHour + 1}) {
        const auto d = due_at(c, now);
        CHECK_FALSE(d.has_value());
    }
    const auto paused = open_deadlines(c, kRules, kPlain).back();
    CHECK(paused.kind == K::resolution);
    CHECK(paused.paused);
    CHECK(paused.due == 0);
    CHECK(paused.remaining == 47 * kHour);

    // The merchant stays silent: at T0+49h the case escalates; the clock resumes with 47 h left → T0+96h.
    const auto escalate = due_at(c, T0 + 49 * kHour);
    REQUIRE(escalate);
    CHECK(escalate->kind == K::merchant_response);
    CHECK(escalate->consequence == C::escalate_to_mediation);
    c = act(c, Action::timeout, scheduler(), T0 + 49 * kHour);
    CHECK(c.dispute.state == S::mediation);
    CHECK(c.platform_paused_seconds == 48 * kHour);
    check_deadlines(c, {resolution_running(T0 + 96 * kHour)});
    CHECK_FALSE(due_at(c, T0 + 96 * kHour - 1).has_value());
    const auto overdue = due_at(c, T0 + 96 * kHour);
    REQUIRE(overdue);
    CHECK(overdue->kind == K::resolution);

    // A second pause adds up: proposal at T0+50h, approval at T0+51h (paused), decline at T0+61h (10 h more).
    c = act(c, Action::assign_mediator, support(), T0 + 49 * kHour + 1, [](ActionRequest& r) { r.target = kMediator; });
    c = act(c, Action::propose_settlement, mediator(), T0 + 50 * kHour,
            [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 8000); });
    c = act(c, Action::approve_proposal, approver(), T0 + 51 * kHour);
    check_deadlines(c, {{K::consent, Party::buyer, T0 + 99 * kHour, C::deemed_consent},
                        resolution_paused(T0 + 96 * kHour - (T0 + 51 * kHour))});
    c = act(c, Action::decline_proposal, buyer(), T0 + 61 * kHour, [](ActionRequest& r) { r.reason = "金额太低"; });
    CHECK(c.platform_paused_seconds == 58 * kHour);
    check_deadlines(c, {resolution_running(T0 + 106 * kHour)});

    // Ruled: paused again; the remaining time can run out while paused only if it was already out.
    c = act(c, Action::assign_arbitrator, arbitrator(), T0 + 62 * kHour);
    c = act(c, Action::rule, arbitrator(), T0 + 110 * kHour,
            [](ActionRequest& r) { r.ruling = ruling(Liability::merchant, terms(Remedy::full_refund, 100000)); });
    const Deadline last = open_deadlines(c, kRules, kPlain).back();
    CHECK(last.kind == K::resolution);
    CHECK(last.paused);
    CHECK(last.remaining == 0);  // overdue by 4 h when it paused: nothing left, never negative
    // Appealed at T0+112h: the platform hears the appeal, its clock runs again (2 h more paused → T0+108h, overdue).
    c = act(c, Action::appeal, buyer(), T0 + 112 * kHour, [](ActionRequest& r) { r.reason = "不服裁决"; });
    CHECK(c.dispute.state == S::appealed);
    CHECK(c.platform_paused_seconds == 60 * kHour);
    check_deadlines(c, {resolution_running(T0 + 108 * kHour)});
    const auto late = due_at(c, T0 + 112 * kHour);
    REQUIRE(late);
    CHECK(late->kind == K::resolution);
}

// ---------------------------------------------------------------------------
// Overdue notices.

TEST_CASE("first_response disappears with the first staff action, whatever it is, a timeout is no response") {
    const Case c = new_case();
    // The scheduler's notice is not a response.
    const Case noted = act(c, Action::timeout, scheduler(), T0 + 24 * kHour);
    CHECK(noted.first_response_at == 0);
    CHECK(noted.overdue_noted == std::vector<std::string>{"first_response"});
    const auto ds = open_deadlines(noted, kRules, kPlain);
    CHECK(std::any_of(ds.begin(), ds.end(), [](const Deadline& d) { return d.kind == K::first_response; }));
    // A staff action that moves nothing (flagging a risk) is the first response.
    const Case flagged = act(c, Action::flag_litigation_risk, support(), T0 + 3 * kHour,
                             [](ActionRequest& r) { r.reason = "买家称要起诉"; });
    CHECK(flagged.first_response_at == T0 + 3 * kHour);
    CHECK(flagged.dispute.state == S::filed);
    check_deadlines(flagged, {{K::triage, Party::platform, T0 + 24 * kHour, C::notify_overdue},
                              resolution_running(T0 + 48 * kHour)});
    // A party's action is not: the buyer's withdrawal is not the platform answering (and ends the case).
    const Case withdrawn =
        act(c, Action::withdraw, buyer(), T0 + 3 * kHour, [](ActionRequest& r) { r.reason = "算了"; });
    CHECK(withdrawn.first_response_at == 0);
    // The first staff action keeps its time; later ones do not move it.
    const Case accepted = accept(flagged, T0 + 5 * kHour);
    CHECK(accepted.first_response_at == T0 + 3 * kHour);
}

TEST_CASE("notify_overdue deadlines are reported once, notes reset with the state, except the resolution") {
    Case c = new_case();
    CHECK_FALSE(due_at(c, T0 + 24 * kHour - 1).has_value());
    // At T0+24h both first response and triage are overdue: reported one after the other, earliest first.
    auto d = due_at(c, T0 + 24 * kHour);
    REQUIRE(d);
    CHECK(d->kind == K::first_response);
    CHECK(d->consequence == C::notify_overdue);
    ActionResult r = apply(c, rq(Action::timeout, scheduler(), T0 + 24 * kHour), kCtx);
    REQUIRE(r.ok);
    CHECK(r.event.detail == "first_response:notify_overdue");
    CHECK(r.next.dispute.state == S::filed);  // nothing else moves
    CHECK(r.next.state_entered_at == T0);
    c = r.next;
    d = due_at(c, T0 + 24 * kHour);
    REQUIRE(d);
    CHECK(d->kind == K::triage);
    c = act(c, Action::timeout, scheduler(), T0 + 24 * kHour);
    CHECK(c.overdue_noted == std::vector<std::string>{"first_response", "triage"});
    CHECK_FALSE(due_at(c, T0 + 48 * kHour - 1).has_value());
    CHECK(std::string(to_key(apply(c, rq(Action::timeout, scheduler(), T0 + 30 * kHour), kCtx).error)) ==
          std::string("deadline_not_reached"));
    // The resolution at T0+48h.
    d = due_at(c, T0 + 48 * kHour);
    REQUIRE(d);
    CHECK(d->kind == K::resolution);
    c = act(c, Action::timeout, scheduler(), T0 + 48 * kHour);
    CHECK(c.overdue_noted == std::vector<std::string>{"first_response", "triage", "resolution"});
    CHECK_FALSE(due_at(c, T0 + 1000 * kHour).has_value());
    // Noted deadlines stay listed (the countdown shows them overdue); they are just not reported again.
    CHECK(open_deadlines(c, kRules, kPlain).size() == 3);

    // Support finally asks for information at T0+50h: the state's notes go, the resolution's stays.
    c = act(c, Action::request_info, support(), T0 + 50 * kHour, [](ActionRequest& rr) { rr.items = {"发票"}; });
    CHECK(c.overdue_noted == std::vector<std::string>{"resolution"});
    // Back in triage at T0+51h: a new triage deadline (T0+75h), reported again when it passes;
    // the resolution (now T0+49h after 1 h paused) is long overdue but not reported twice.
    c = act(c, Action::provide_info, buyer(), T0 + 51 * kHour);
    CHECK(c.overdue_noted == std::vector<std::string>{"resolution"});
    check_deadlines(
        c, {resolution_running(T0 + 49 * kHour), {K::triage, Party::platform, T0 + 75 * kHour, C::notify_overdue}});
    CHECK_FALSE(due_at(c, T0 + 75 * kHour - 1).has_value());
    d = due_at(c, T0 + 75 * kHour);
    REQUIRE(d);
    CHECK(d->kind == K::triage);
    c = act(c, Action::timeout, scheduler(), T0 + 75 * kHour);
    CHECK(c.overdue_noted == std::vector<std::string>{"resolution", "triage"});
    CHECK_FALSE(due_at(c, T0 + 1000 * kHour).has_value());
}

TEST_CASE("proposal_review is reported once per proposal") {
    Case c = accept(new_case(300000), T0 + kHour);
    c = act(c, Action::request_mediation, buyer(), T0 + 2 * kHour);
    c = act(c, Action::assign_mediator, support(), T0 + 3 * kHour, [](ActionRequest& r) { r.target = kMediator; });
    const auto propose = [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 8000); };
    c = act(c, Action::propose_settlement, mediator(), T0 + 4 * kHour, propose);
    // Review due T0+28h; the resolution T0+49h (48 h plus the hour the merchant had the move).
    check_deadlines(c, {{K::proposal_review, Party::platform, T0 + 28 * kHour, C::notify_overdue},
                        resolution_running(T0 + 49 * kHour)});
    const auto d = due_at(c, T0 + 28 * kHour);
    REQUIRE(d);
    CHECK(d->kind == K::proposal_review);
    c = act(c, Action::timeout, scheduler(), T0 + 28 * kHour);
    CHECK(c.dispute.state == S::mediation_review);
    CHECK_FALSE(due_at(c, T0 + 49 * kHour - 1).has_value());
    // Returned and proposed again: a new review, a new notice.
    c = act(c, Action::return_proposal, approver(), T0 + 30 * kHour, [](ActionRequest& r) { r.reason = "补充依据"; });
    c = act(c, Action::propose_settlement, mediator(), T0 + 31 * kHour, propose);
    CHECK(c.overdue_noted.empty());
    const auto again = due_at(c, T0 + 55 * kHour);
    REQUIRE(again);
    CHECK(again->kind == K::resolution);  // T0+49h comes first
    c = act(c, Action::timeout, scheduler(), T0 + 55 * kHour);
    const auto review = due_at(c, T0 + 55 * kHour);
    REQUIRE(review);
    CHECK(review->kind == K::proposal_review);
    CHECK(review->due == T0 + 55 * kHour);
}

// ---------------------------------------------------------------------------
// Every consequence.

TEST_CASE("every consequence is reached and does what it says") {
    std::set<C> seen;
    struct Outcome {
        K kind;
        C consequence;
        S state_after;
    };
    const auto fire = [&](const Case& c, Timestamp now, Outcome want) -> Case {
        INFO(to_key(want.kind));
        const auto d = due_at(c, now);
        REQUIRE(d);
        CHECK(d->kind == want.kind);
        CHECK(d->consequence == want.consequence);
        CHECK_FALSE(due_at(c, d->due - 1).has_value());
        seen.insert(d->consequence);
        const ActionResult r = apply(c, rq(Action::timeout, scheduler(), now), kCtx);
        REQUIRE(r.ok);
        CHECK(r.next.dispute.state == want.state_after);
        CHECK(r.event.detail == std::string(to_key(want.kind)) + ":" + to_key(want.consequence));
        return r.next;
    };

    // notify_overdue: triage.
    fire(new_case(), T0 + 24 * kHour, {K::first_response, C::notify_overdue, S::filed});
    // auto_close: the buyer never supplies the information.
    const Case asked =
        act(new_case(), Action::request_info, support(), T0 + kHour, [](ActionRequest& r) { r.items = {"a b"}; });
    fire(asked, T0 + 73 * kHour, {K::info_reply, C::auto_close, S::closed});
    // auto_grant and escalate_to_mediation: the silent merchant.
    fire(accept(new_case(15000), T0 + kHour), T0 + 49 * kHour, {K::merchant_response, C::auto_grant, S::execution});
    fire(accept(new_case(300000), T0 + kHour), T0 + 49 * kHour,
         {K::merchant_response, C::escalate_to_mediation, S::mediation});
    // escalate_to_mediation: negotiation that goes nowhere.
    const Case neg = act(accept(new_case(), T0 + kHour), Action::merchant_contest, merchant(), T0 + 2 * kHour,
                         [](ActionRequest& r) { r.reason = "不同意"; });
    fire(neg, T0 + 74 * kHour, {K::negotiation, C::escalate_to_mediation, S::mediation});
    // deemed_consent.
    Case med = act(neg, Action::request_mediation, buyer(), T0 + 3 * kHour);
    med = act(med, Action::assign_mediator, support(), T0 + 4 * kHour, [](ActionRequest& r) { r.target = kMediator; });
    med = act(med, Action::propose_settlement, mediator(), T0 + 5 * kHour,
              [](ActionRequest& r) { r.terms = terms(Remedy::return_and_refund, 15000); });
    med = act(med, Action::approve_proposal, approver(), T0 + 6 * kHour);
    const Case exec = fire(med, T0 + 54 * kHour, {K::consent, C::deemed_consent, S::execution});
    REQUIRE(exec.settlement);
    CHECK(exec.settlement->basis == SettlementBasis::mediation);
    // auto_close (the return never ships) and deemed_passed (the merchant never inspects).
    fire(exec, T0 + 54 * kHour + 168 * kHour, {K::return_shipment, C::auto_close, S::closed});
    const Case shipped = act(exec, Action::complete_step, buyer(), T0 + 60 * kHour,
                             [](ActionRequest& r) { r.tracking_number = "SF1234567890"; });
    const Case passed = fire(shipped, T0 + 108 * kHour, {K::merchant_inspection, C::deemed_passed, S::execution});
    CHECK(current_step(passed) == ExecutionStep::refund);
    // start_execution: the appeal window passes.
    Case arb =
        act(med, Action::decline_proposal, merchant(), T0 + 7 * kHour, [](ActionRequest& r) { r.reason = "不同意"; });
    arb = act(arb, Action::assign_arbitrator, arbitrator(), T0 + 8 * kHour);
    arb = act(arb, Action::rule, arbitrator(), T0 + 9 * kHour, [](ActionRequest& r) { r.ruling = merchant_liable(); });
    // Ruled Monday 19:00 → five working days → Monday 2026-03-09 24:00 +08.
    fire(arb, cn(2026, 3, 10), {K::appeal_window, C::start_execution, S::execution});

    CHECK(seen.size() == enum_count<Consequence>());
}

// ---------------------------------------------------------------------------
// The UTC+8 day boundary.

TEST_CASE("working-day deadlines count from the local (UTC+8) date: one second before and at local midnight") {
    RuleSet rules;
    rules.deadlines.first_response = business_days(1);
    rules.deadlines.triage = business_days(1);
    rules.deadlines.resolution_normal = business_days(2);
    const BusinessCalendar& china = china_calendar();
    struct Row {
        Timestamp filed;
        Timestamp one_day;
        Timestamp two_days;
        const char* why;
    };
    const Row rows[] = {
        // Monday 23:59:59 +08 → Tuesday 24:00, Wednesday 24:00.
        {utc(2026, 3, 2, 15, 59, 59), utc(2026, 3, 3, 16), utc(2026, 3, 4, 16), "Monday, last second"},
        // 16:00:00 UTC is already Tuesday 00:00 +08 → Wednesday, Thursday.
        {utc(2026, 3, 2, 16), utc(2026, 3, 4, 16), utc(2026, 3, 5, 16), "Tuesday, first second"},
        // Friday 23:59:59 +08 → Monday, Tuesday; Saturday 00:00 +08 → the same.
        {utc(2026, 3, 6, 15, 59, 59), utc(2026, 3, 9, 16), utc(2026, 3, 10, 16), "Friday, last second"},
        {utc(2026, 3, 6, 16), utc(2026, 3, 9, 16), utc(2026, 3, 10, 16), "Saturday, first second"},
        // Friday 10-09 23:59:59 +08 → Saturday 10-10 (make-up working day), Monday 10-12.
        {utc(2026, 10, 9, 15, 59, 59), utc(2026, 10, 10, 16), utc(2026, 10, 12, 16), "before the make-up day"},
        // Saturday 10-10 00:00 +08 is the make-up day itself → Monday 10-12, Tuesday 10-13.
        {utc(2026, 10, 9, 16), utc(2026, 10, 12, 16), utc(2026, 10, 13, 16), "on the make-up day"},
        // Wednesday 09-30 23:59:59 +08 → Thursday 10-08, Friday 10-09; 10-01 00:00 (holiday) → the same.
        {utc(2026, 9, 30, 15, 59, 59), utc(2026, 10, 8, 16), utc(2026, 10, 9, 16), "eve of National Day"},
        {utc(2026, 9, 30, 16), utc(2026, 10, 8, 16), utc(2026, 10, 9, 16), "National Day, first second"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.why);
        const Case c = new_case(15000, Category::quality_defect, Remedy::full_refund, false, row.filed);
        check_deadlines(c,
                        {{K::first_response, Party::platform, row.one_day, C::notify_overdue},
                         {K::triage, Party::platform, row.one_day, C::notify_overdue},
                         resolution_running(row.two_days)},
                        rules, china);
        CHECK_FALSE(due_at(c, row.one_day - 1, rules, china).has_value());
        const auto d = due_at(c, row.one_day, rules, china);
        REQUIRE(d);
        CHECK(d->kind == K::first_response);
    }
    // In hours, the boundary means nothing: 24 h are 24 h.
    const Case a = new_case(15000, Category::quality_defect, Remedy::full_refund, false, utc(2026, 3, 2, 15, 59, 59));
    const Case b = new_case(15000, Category::quality_defect, Remedy::full_refund, false, utc(2026, 3, 2, 16));
    CHECK(open_deadlines(a, kRules, china).front().due == utc(2026, 3, 3, 15, 59, 59));
    CHECK(open_deadlines(b, kRules, china).front().due == utc(2026, 3, 3, 16));
}
