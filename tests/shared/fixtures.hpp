// The fixtures the shared model's unit tests have in common: the clock, the people, the rules in force, a freshly
// filed case, requests, and the helpers that drive a case through apply(). One definition here, so a test file that
// builds cases builds the same ones as its neighbours. Use with `using namespace accord::fixtures;`.
#pragma once
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "accord/deadlines.hpp"
#include "accord/execution.hpp"
#include "accord/lifecycle.hpp"
#include "accord/order.hpp"

namespace accord::fixtures {

// ---------------------------------------------------------------------------
// Time.

inline constexpr std::int64_t kHour = 3600;
inline constexpr std::int64_t kDay = 24 * kHour;

// A fixed "now" for the tests that need only one (2026-09-21T14:13:20Z).
inline constexpr Timestamp kNow = 1'790'000'000;

// Seconds since the epoch for a UTC wall time, and for a China (UTC+8) wall time, without the code under test.
inline Timestamp utc(int y, unsigned mo, unsigned d, std::int64_t h = 0, std::int64_t mi = 0, std::int64_t s = 0) {
    return days_from_civil({y, mo, d}) * kSecondsPerDay + h * kHour + mi * 60 + s;
}
inline Timestamp cn(int y, unsigned mo, unsigned d, std::int64_t h = 0, std::int64_t mi = 0, std::int64_t s = 0) {
    return utc(y, mo, d, h, mi, s) - 8 * kHour;
}

inline const Timestamp T0 = cn(2026, 3, 2, 10);  // Monday 2026-03-02 10:00 +08, no holiday near

inline Money cny(std::int64_t minor) {
    return Money{minor, "CNY"};
}

// ---------------------------------------------------------------------------
// People: the case's buyer and merchant, outsiders, and one of each staff role.

inline constexpr std::int64_t kBuyer = 101;
inline constexpr std::int64_t kOtherBuyer = 102;
inline constexpr std::int64_t kMerchantUser = 201;
inline constexpr std::int64_t kShop = 2001;
inline constexpr std::int64_t kOtherMerchantUser = 202;
inline constexpr std::int64_t kOtherShop = 2002;
inline constexpr std::int64_t kSupport = 301;
inline constexpr std::int64_t kMediator = 401;
inline constexpr std::int64_t kOtherMediator = 402;
inline constexpr std::int64_t kArbitrator = 501;
inline constexpr std::int64_t kOtherArbitrator = 502;
inline constexpr std::int64_t kApprover = 601;  // a team lead
inline constexpr std::int64_t kManager = 602;
inline constexpr std::int64_t kAdmin = 701;

inline Actor person(std::int64_t id, Role role, std::int64_t shop = 0, ApprovalLevel level = ApprovalLevel::team_lead) {
    Actor a;
    a.viewer = Viewer{id, role, shop};
    a.approval_level = level;
    return a;
}
inline Actor buyer() {
    return person(kBuyer, Role::buyer);
}
inline Actor merchant() {
    return person(kMerchantUser, Role::merchant, kShop);
}
inline Actor support() {
    return person(kSupport, Role::support);
}
inline Actor mediator(std::int64_t id = kMediator) {
    return person(id, Role::mediator);
}
inline Actor arbitrator(std::int64_t id = kArbitrator) {
    return person(id, Role::arbitrator);
}
inline Actor approver(std::int64_t id = kApprover, ApprovalLevel level = ApprovalLevel::team_lead) {
    return person(id, Role::approver, 0, level);
}
inline Actor manager() {
    return approver(kManager, ApprovalLevel::manager);
}
inline Actor admin() {
    return person(kAdmin, Role::admin);
}
inline Actor scheduler() {
    Actor a;
    a.system = true;
    return a;
}

// The roles that work cases (every role but buyer and merchant).
inline const Role kStaffRoles[] = {Role::support, Role::mediator, Role::arbitrator, Role::approver, Role::admin};

// ---------------------------------------------------------------------------
// The rules in force: the defaults, and a calendar of weekends only (UTC+8).

inline const RuleSet kRules{};
inline const BusinessCalendar kPlain{};
inline const LifecycleContext kCtx{kRules, kPlain};

// ---------------------------------------------------------------------------
// The order the filing, access and codec tests file on: TB-1, bought by kOrderBuyer from shop kOrderShop.

inline constexpr std::int64_t kOrderBuyer = 7;
inline constexpr std::int64_t kOrderShop = 3;

inline OrderSnapshot sample_order() {
    OrderSnapshot o;
    o.order_ref = "TB-1";
    o.buyer_id = kOrderBuyer;
    o.merchant_id = kOrderShop;
    o.merchant_name = "声学旗舰店";
    o.item_title = "无线降噪耳机";
    o.total = {89900, "CNY"};
    o.placed_at = 1'789'000'000;
    o.delivered_at = 0;
    return o;
}
// The same order, placed three days before it was delivered at `delivered`.
inline OrderSnapshot order_delivered(Timestamp delivered) {
    OrderSnapshot o = sample_order();
    o.placed_at = delivered - 3 * kSecondsPerDay;
    o.delivered_at = delivered;
    return o;
}

// ---------------------------------------------------------------------------
// Cases and what is decided on them.

// A case the buyer filed at `at` against kShop on an order of 2000.00 CNY.
inline Case new_case(std::int64_t amount = 15000, Category category = Category::quality_defect,
                     Remedy remedy = Remedy::full_refund, bool safety = false, Timestamp at = T0) {
    Dispute d;
    d.id = 42;
    d.order_ref = "ORD-20260301-0001";
    d.buyer_id = kBuyer;
    d.buyer = {"张伟", "13812345678", "上海市浦东新区世纪大道 100 号"};
    d.merchant_id = kShop;
    d.merchant_name = "良品小店";
    d.category = category;
    d.requested_remedy = remedy;
    d.amount = cny(amount);
    d.description = "耳机左声道没有声音，要求退款。";
    d.created_at = at;
    d.updated_at = at;
    return open_case(d, cny(200000), TriageFacts{safety}, kRules.high_value_min_minor);
}

inline TriageDecision triage(Category category = Category::quality_defect, Priority p = Priority::normal,
                             Queue q = Queue::frontline, bool safety = false) {
    TriageDecision t;
    t.category = category;
    t.priority = p;
    t.queue = q;
    t.root_cause = RootCause::other;
    t.personal_safety = safety;
    return t;
}

inline Terms terms(Remedy r, std::int64_t minor, std::string text = "") {
    return Terms{r, cny(minor), std::move(text)};
}

inline const char* const kReasoning = "商家未能提供进货凭证，第三方鉴定结论为假冒商品，支持买家的退款请求。";

inline Ruling ruling(Liability liability, Terms remedy, std::optional<Violation> violation = std::nullopt,
                     bool force_majeure = false) {
    Ruling r;
    r.liability = liability;
    r.remedy = std::move(remedy);
    r.reasoning = kReasoning;
    r.violation = violation;
    r.force_majeure = force_majeure;
    return r;
}
inline Ruling merchant_liable() {
    return ruling(Liability::merchant, terms(Remedy::full_refund, 15000));
}

// ---------------------------------------------------------------------------
// Text.

// `unit` n times: long names, bodies and descriptions, in characters of any width.
inline std::string repeat(const std::string& unit, std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += unit;
    return s;
}

// ---------------------------------------------------------------------------
// Field errors.

// "field/code field/code " — for CHECKs on exactly which errors came back, and for failure messages.
inline std::string describe(const FieldErrors& errors) {
    std::string s;
    for (const auto& e : errors) s += e.field + "/" + to_key(e.code) + " ";
    return s;
}

inline bool has_error(const FieldErrors& errors, const std::string& field, ErrorCode code) {
    for (const FieldError& e : errors)
        if (e.field == field && e.code == code) return true;
    return false;
}
inline bool has_error(const FieldErrors& errors, const std::string& field) {
    for (const FieldError& e : errors)
        if (e.field == field) return true;
    return false;
}

// ---------------------------------------------------------------------------
// Actions.

inline ActionRequest rq(Action a, const Actor& who, Timestamp at, std::string reason = "") {
    ActionRequest r;
    r.action = a;
    r.actor = who;
    r.at = at;
    r.reason = std::move(reason);
    return r;
}

// Applies and requires success.
inline ActionResult must(const Case& c, const ActionRequest& r, const LifecycleContext& ctx = kCtx) {
    ActionResult res = apply(c, r, ctx);
    INFO("action ", std::string(to_key(r.action)), " in ", std::string(to_key(c.dispute.state)), ": error ",
         std::string(to_key(res.error)), " fields ", describe(res.field_errors));
    REQUIRE(res.ok);
    return res;
}

// Applies an action at `at` (adjusted by `fill`), requires success and returns the next case.
inline Case act(const Case& c, Action a, const Actor& who, Timestamp at,
                const std::function<void(ActionRequest&)>& fill = {}, const LifecycleContext& ctx = kCtx) {
    ActionRequest r = rq(a, who, at);
    if (fill) fill(r);
    return must(c, r, ctx).next;
}

// Support accepts the case as filed, with priority `p`.
inline Case accept(const Case& c, Timestamp at, Priority p = Priority::normal, const LifecycleContext& ctx = kCtx) {
    return act(
        c, Action::accept_case, support(), at,
        [&](ActionRequest& r) {
            r.triage.category = c.dispute.category;
            r.triage.priority = p;
            r.triage.queue = c.triage.queue;
            r.triage.personal_safety = c.triage.personal_safety;
        },
        ctx);
}

inline bool terminal_state(DisputeState s) {
    return s == DisputeState::rejected || s == DisputeState::closed || s == DisputeState::withdrawn ||
           s == DisputeState::referred_external;
}

// Drives a case through real actions, each one hour after the previous.
struct Drive {
    Case c;
    Timestamp t;
    ActionResult last;

    Drive& act(Action a, const Actor& who, const std::function<void(ActionRequest&)>& fill = {}) {
        t += kHour;
        ActionRequest r = rq(a, who, t);
        if (fill) fill(r);
        last = must(c, r);
        c = last.next;
        return *this;
    }
};

// Moves a case along the main path (filed → triage → merchant → negotiation → mediation → review → consent →
// arbitration → ruled → appeal), or the shortest side path, until it is in `target`.
inline void advance(Drive& d, DisputeState target) {
    using S = DisputeState;
    for (int guard = 0; guard < 40 && d.c.dispute.state != target; ++guard) {
        switch (d.c.dispute.state) {
            case S::filed:
                if (target == S::info_requested)
                    d.act(Action::request_info, support(), [](ActionRequest& r) {
                        r.items = {"订单截图", "开箱视频"};
                    });
                else if (target == S::rejected)
                    d.act(Action::reject_case, support(), [](ActionRequest& r) { r.reason = "不属于平台受理范围"; });
                else if (target == S::withdrawn)
                    d.act(Action::withdraw, buyer(), [](ActionRequest& r) { r.reason = "已与商家私下协商"; });
                else
                    d.act(Action::accept_case, support(),
                          [&](ActionRequest& r) { r.triage = triage(d.c.triage.category); });
                break;
            case S::awaiting_merchant:
                if (target == S::execution || target == S::closed)
                    d.act(Action::merchant_accept, merchant());
                else
                    d.act(Action::merchant_offer, merchant(),
                          [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 5000); });
                break;
            case S::negotiation:
                d.act(Action::request_mediation, buyer());
                break;
            case S::mediation:
                if (d.c.mediator_id == 0)
                    d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
                else
                    d.act(Action::propose_settlement, mediator(),
                          [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 8000); });
                break;
            case S::mediation_review:
                d.act(Action::approve_proposal, approver());
                break;
            case S::awaiting_consent:
                d.act(Action::decline_proposal, merchant(), [](ActionRequest& r) { r.reason = "方案金额过高"; });
                break;
            case S::arbitration:
            case S::appealed:
                if (d.c.arbitrator_id == 0)
                    d.act(Action::assign_arbitrator, arbitrator(d.c.ruling ? kOtherArbitrator : kArbitrator));
                else
                    d.act(Action::rule, arbitrator(d.c.arbitrator_id),
                          [](ActionRequest& r) { r.ruling = merchant_liable(); });
                break;
            case S::ruled:
                if (target == S::referred_external)
                    d.act(Action::refer_external, buyer(), [](ActionRequest& r) { r.reason = "向人民法院起诉"; });
                else
                    d.act(Action::appeal, merchant(), [](ActionRequest& r) { r.reason = "鉴定机构不具备资质"; });
                break;
            case S::execution:
                d.act(Action::complete_step, step_actor(current_step(d.c)) == Party::buyer ? buyer() : merchant(),
                      [](ActionRequest& r) { r.tracking_number = "SF1234567890"; });
                break;
            default:
                FAIL("cannot leave ", to_key(d.c.dispute.state));
        }
    }
    // In mediation, a mediator is assigned (the next step of the path).
    if (target == S::mediation && d.c.dispute.state == S::mediation && d.c.mediator_id == 0)
        d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
    REQUIRE(std::string(to_key(d.c.dispute.state)) == std::string(to_key(target)));
}

// A case driven from `start` into `target` by advance().
inline Drive reach(DisputeState target, Case start = new_case()) {
    Drive d{start, start.dispute.created_at, {}};
    advance(d, target);
    return d;
}

}  // namespace accord::fixtures
