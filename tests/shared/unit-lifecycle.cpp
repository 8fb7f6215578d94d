// The case lifecycle (lifecycle.hpp): who may take which action in which state (the full matrix, with the
// expected table written out here from PRODUCT.md and the header comments, not derived from the code), the
// guards beyond state and relation, and whole cases driven through apply() from filing to closing.
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
using R = Relation;

constexpr std::int64_t kFirstArbitrator = 503;  // ruled before the appeal in the matrix fixture

// Terms the platform pays in full (a goodwill payment): what the compensation approval rule looks at.
Terms platform_pays(Remedy r, std::int64_t minor, std::string text = "") {
    return with_payer(terms(r, minor, std::move(text)), Payer::platform);
}

Ruling dismissed() {
    return ruling(Liability::buyer, terms(Remedy::full_refund, 0));
}

EvidenceAssessment assessment(std::int64_t evidence, Finding f = Finding::accepted, std::string note = "") {
    EvidenceAssessment a;
    a.evidence_id = evidence;
    a.authenticity = a.relevance = a.legality = f;
    a.note = std::move(note);
    return a;
}

// Applies and requires failure with `code`; the case handed back is the one given (nothing applied).
ActionResult refused(const Case& c, const ActionRequest& r, ErrorCode code, const LifecycleContext& ctx = kCtx) {
    ActionResult res = apply(c, r, ctx);
    INFO("action ", to_key(r.action), " in ", to_key(c.dispute.state), ": fields ", describe(res.field_errors));
    CHECK_FALSE(res.ok);
    CHECK(std::string(to_key(res.error)) == std::string(to_key(code)));
    CHECK(res.next.dispute.state == c.dispute.state);
    CHECK(res.next.dispute.updated_at == c.dispute.updated_at);
    CHECK(res.next.first_response_at == c.first_response_at);
    return res;
}

// A field error on `field` with `code` (apply reports these as invalid_format).
void field_error(const Case& c, const ActionRequest& r, const std::string& field, ErrorCode code,
                 const LifecycleContext& ctx = kCtx) {
    const ActionResult res = refused(c, r, ErrorCode::invalid_format, ctx);
    INFO("fields: ", describe(res.field_errors));
    const FieldError* e = find_error(res.field_errors, field);
    REQUIRE(e != nullptr);
    CHECK(std::string(to_key(e->code)) == std::string(to_key(code)));
}

void check_event(const TransitionEvent& e, Action a, std::int64_t actor_id, Relation rel, Timestamp at, S from, S to,
                 const std::string& reason = "") {
    CHECK(e.action == a);
    CHECK(e.actor_id == actor_id);
    CHECK(e.relation == rel);
    CHECK(e.at == at);
    CHECK(std::string(to_key(e.from)) == std::string(to_key(from)));
    CHECK(std::string(to_key(e.to)) == std::string(to_key(to)));
    CHECK(e.reason == reason);
}

std::string outcome(bool allowed, ErrorCode why) {
    return allowed ? "allowed" : to_key(why);
}

std::string may_outcome(const Case& c, Action a, const Actor& who, Timestamp now, const LifecycleContext& ctx = kCtx) {
    ErrorCode why = ErrorCode::internal;
    const bool allowed = may(c, a, who, now, ctx, &why);
    return outcome(allowed, why);
}

// ---------------------------------------------------------------------------
// The expected permission table, written from PRODUCT.md and lifecycle.hpp.

// The twelve kinds of actor the matrix tries.
enum class Who {
    buyer,
    merchant,
    support,
    assigned_mediator,
    mediator,
    assigned_arbitrator,
    arbitrator,
    approver,
    admin,
    system,
    outsider_buyer,
    outsider_merchant
};
const Who kWho[] = {Who::buyer,          Who::merchant,
                    Who::support,        Who::assigned_mediator,
                    Who::mediator,       Who::assigned_arbitrator,
                    Who::arbitrator,     Who::approver,
                    Who::admin,          Who::system,
                    Who::outsider_buyer, Who::outsider_merchant};
const char* who_name(Who w) {
    const char* names[] = {
        "buyer",    "merchant", "support", "assigned_mediator", "mediator",         "assigned_arbitrator", "arbitrator",
        "approver", "admin",    "system",  "outsider_buyer",    "outsider_merchant"};
    return names[static_cast<int>(w)];
}

Actor actor_for(Who w) {
    switch (w) {
        case Who::buyer:
            return buyer();
        case Who::merchant:
            return merchant();
        case Who::support:
            return support();
        case Who::assigned_mediator:
            return mediator(kMediator);
        case Who::mediator:
            return mediator(kOtherMediator);
        case Who::assigned_arbitrator:
            return arbitrator(kArbitrator);
        case Who::arbitrator:
            return arbitrator(kOtherArbitrator);
        case Who::approver:
            return approver();
        case Who::admin:
            return admin();
        case Who::system:
            return scheduler();
        case Who::outsider_buyer:
            return person(kOtherBuyer, Role::buyer);
        case Who::outsider_merchant:
            return person(kOtherMerchantUser, Role::merchant, kOtherShop);
    }
    return {};
}

struct Row {
    Action action;
    std::vector<S> states;
    std::vector<Who> who;
};

const std::vector<S> kBeforeRuling = {S::filed,     S::info_requested,   S::awaiting_merchant, S::negotiation,
                                      S::mediation, S::mediation_review, S::awaiting_consent,  S::arbitration};
const std::vector<S> kNotFinished = {S::filed,     S::info_requested,   S::awaiting_merchant, S::negotiation,
                                     S::mediation, S::mediation_review, S::awaiting_consent,  S::arbitration,
                                     S::ruled,     S::appealed,         S::execution};
const std::vector<Who> kPartiesW = {Who::buyer, Who::merchant};
const std::vector<Who> kTriageW = {Who::support, Who::admin};
const std::vector<Who> kStaffW = {Who::support,    Who::assigned_mediator, Who::mediator, Who::assigned_arbitrator,
                                  Who::arbitrator, Who::approver,          Who::admin};

std::vector<S> with(std::vector<S> v, S s) {
    v.push_back(s);
    return v;
}

// One row per (action, states) where who may act differs by state.
const std::vector<Row> kExpected = {
    // Triage by support (admins may do anything support does); the buyer answers a request for information.
    {Action::accept_case, {S::filed}, kTriageW},
    {Action::request_info, {S::filed}, kTriageW},
    {Action::provide_info, {S::info_requested}, {Who::buyer}},
    {Action::reject_case, {S::filed, S::info_requested}, kTriageW},
    // The merchant's response.
    {Action::merchant_accept, {S::awaiting_merchant}, {Who::merchant}},
    {Action::merchant_offer, {S::awaiting_merchant}, {Who::merchant}},
    {Action::merchant_contest, {S::awaiting_merchant}, {Who::merchant}},
    // Negotiation between the parties; either may ask the platform in, the buyer even before the merchant answered.
    {Action::make_offer, {S::negotiation}, kPartiesW},
    {Action::accept_offer, {S::negotiation}, kPartiesW},
    {Action::request_mediation, {S::awaiting_merchant}, {Who::buyer}},
    {Action::request_mediation, {S::negotiation}, kPartiesW},
    // Mediation: staff assign (a mediator may take the case), the assigned mediator investigates and proposes,
    // an approver reviews, both parties consent or decline.
    {Action::assign_mediator, {S::mediation}, {Who::support, Who::admin, Who::mediator, Who::assigned_mediator}},
    {Action::assess_evidence, {S::mediation}, {Who::assigned_mediator}},
    {Action::assess_evidence, {S::arbitration, S::appealed}, {Who::assigned_arbitrator}},
    {Action::order_inspection, {S::mediation}, {Who::assigned_mediator}},
    {Action::propose_settlement, {S::mediation}, {Who::assigned_mediator}},
    {Action::approve_proposal, {S::mediation_review}, {Who::approver}},
    {Action::return_proposal, {S::mediation_review}, {Who::approver}},
    {Action::consent, {S::awaiting_consent}, kPartiesW},
    {Action::decline_proposal, {S::awaiting_consent}, kPartiesW},
    {Action::refer_to_arbitration, {S::mediation}, {Who::assigned_mediator}},
    // Arbitration: an admin assigns (or an arbitrator takes the case), the assigned arbitrator rules; the parties
    // may appeal a ruling once.
    {Action::assign_arbitrator, {S::arbitration, S::appealed}, {Who::admin, Who::arbitrator, Who::assigned_arbitrator}},
    {Action::rule, {S::arbitration, S::appealed}, {Who::assigned_arbitrator}},
    {Action::appeal, {S::ruled}, kPartiesW},
    // Execution: the party whose step it is; staff may close.
    {Action::complete_step, {S::execution}, kPartiesW},
    {Action::close_case, {S::execution}, {Who::support, Who::admin, Who::assigned_mediator}},
    // The satisfaction survey: each party once the case ended on the platform (not after an external referral).
    {Action::rate, {S::closed, S::withdrawn, S::rejected}, kPartiesW},
    // Any time: the buyer withdraws before a ruling; a party (or an admin) goes to court after one;
    // staff flag litigation risk while the case lives and after it closed; the scheduler enforces deadlines.
    {Action::withdraw, kBeforeRuling, {Who::buyer}},
    {Action::refer_external, {S::ruled, S::appealed, S::closed}, {Who::buyer, Who::merchant, Who::admin}},
    {Action::flag_litigation_risk, with(with(kNotFinished, S::closed), S::referred_external), kStaffW},
    {Action::timeout, kNotFinished, {Who::system}},
};

template <typename T>
bool contains(const std::vector<T>& v, T x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// The fixture each matrix cell is tried on: every guard that can be satisfied is (a mediator and an arbitrator
// assigned, the latest offer the merchant's, a proposal by the mediator a team lead may approve, a ruling inside
// its appeal window, execution at the buyer's return step, no deadline passed at kMatrixNow).
const Timestamp kMatrixNow = T0 + 2 * kHour;
Case fixture(S s) {
    Case c = new_case();
    c.dispute.state = s;
    c.mediator_id = kMediator;
    c.arbitrator_id = kArbitrator;
    c.offers = {Offer{1, Party::merchant, kMerchantUser, terms(Remedy::partial_refund, 5000), T0 + kHour}};
    c.proposal = terms(Remedy::partial_refund, 50000);
    c.proposer_id = kMediator;
    Ruling r = merchant_liable();
    r.arbitrator_id = kFirstArbitrator;
    r.at = T0 + kHour;
    c.ruling = r;
    c.plan = execution_plan(Remedy::return_and_refund);
    c.step = 0;
    c.state_entered_at = c.step_entered_at = c.first_response_at = T0 + kHour;
    return c;
}

// What may() must answer for this cell of the fixture. The order of the checks is part of the contract:
// someone unrelated to the case learns nothing about it (forbidden); then the state (finished cases say so);
// then who may act (an unassigned mediator or arbitrator is told they are not assigned); then the guards.
std::string expected(Action a, S s, Who w) {
    if (w == Who::outsider_buyer || w == Who::outsider_merchant) return "forbidden";
    const Row* row = nullptr;
    for (const Row& r : kExpected)
        if (r.action == a && contains(r.states, s)) row = &r;
    if (row == nullptr) return terminal_state(s) ? "case_finished" : "action_not_allowed_in_state";
    if (!contains(row->who, w)) {
        if ((w == Who::mediator && contains(row->who, Who::assigned_mediator)) ||
            (w == Who::arbitrator && contains(row->who, Who::assigned_arbitrator)))
            return "not_assigned";
        return "forbidden";
    }
    // Guards, as the fixture sets them up.
    if (a == Action::accept_offer && w == Who::merchant) return "cannot_accept_own_offer";  // the latest is theirs
    if (a == Action::assign_mediator && (w == Who::mediator || w == Who::assigned_mediator)) return "already_done";
    if (a == Action::assign_arbitrator && (w == Who::arbitrator || w == Who::assigned_arbitrator))
        return "already_done";
    if (a == Action::complete_step && w == Who::merchant) return "forbidden";  // the return is the buyer's step
    if (a == Action::timeout) return "deadline_not_reached";
    return "allowed";
}

}  // namespace

// ---------------------------------------------------------------------------
// The actors and the enums.

TEST_CASE("relation_to: each kind of actor is related to the case as intended") {
    const Case c = fixture(S::mediation);
    const std::pair<Who, Relation> rows[] = {
        {Who::buyer, R::case_buyer},
        {Who::merchant, R::case_merchant},
        {Who::support, R::support},
        {Who::assigned_mediator, R::assigned_mediator},
        {Who::mediator, R::mediator},
        {Who::assigned_arbitrator, R::assigned_arbitrator},
        {Who::arbitrator, R::arbitrator},
        {Who::approver, R::approver},
        {Who::admin, R::admin},
        {Who::system, R::system},
        {Who::outsider_buyer, R::outsider},
        {Who::outsider_merchant, R::outsider},
    };
    for (const auto& [who, rel] : rows) {
        CAPTURE(who_name(who));
        CHECK(std::string(to_key(relation_to(c, actor_for(who)))) == std::string(to_key(rel)));
    }
    // A merchant user of no shop is never the case's merchant, even if the case's shop id were 0.
    Case no_shop = c;
    no_shop.dispute.merchant_id = 0;
    CHECK(relation_to(no_shop, person(kMerchantUser, Role::merchant, 0)) == R::outsider);
    // The scheduler is the system whatever its viewer says.
    Actor sys = buyer();
    sys.system = true;
    CHECK(relation_to(c, sys) == R::system);
    // Without an assignment, every mediator and arbitrator is an unassigned one.
    Case none = c;
    none.mediator_id = none.arbitrator_id = 0;
    CHECK(relation_to(none, mediator()) == R::mediator);
    CHECK(relation_to(none, arbitrator()) == R::arbitrator);
}

TEST_CASE("the action and relation tables: unique keys and both labels") {
    CHECK(enum_count<Action>() == 29);
    CHECK(enum_count<Relation>() == 11);
    CHECK(enum_count<DisputeState>() == 15);
    std::set<std::string> keys;
    for (const auto& e : EnumTable<Action>::entries) {
        CHECK(keys.insert(e.key).second);
        CHECK(std::string(e.zh).size() > 0);
        CHECK(std::string(e.en).size() > 0);
        Action back = e.value == Action::timeout ? Action::withdraw : Action::timeout;
        REQUIRE(from_key(e.key, back));
        CHECK(back == e.value);
    }
    keys.clear();
    for (const auto& e : EnumTable<Relation>::entries) CHECK(keys.insert(e.key).second);
    // The expected table names every action.
    for (const auto& e : EnumTable<Action>::entries) {
        CAPTURE(e.key);
        CHECK(std::any_of(kExpected.begin(), kExpected.end(), [&](const Row& r) { return r.action == e.value; }));
    }
}

TEST_CASE("every action has a home: some state in which someone may take it") {
    for (const auto& ac : EnumTable<Action>::entries) {
        CAPTURE(ac.key);
        bool somewhere = false;
        for (const auto& st : EnumTable<DisputeState>::entries) {
            const Case c = fixture(st.value);
            for (const Who w : kWho) {
                const std::string o = may_outcome(c, ac.value, actor_for(w), kMatrixNow);
                if (o != "action_not_allowed_in_state" && o != "case_finished" && o != "forbidden") somewhere = true;
            }
        }
        CHECK(somewhere);
    }
    // A value outside the enum is nobody's action.
    CHECK(may_outcome(fixture(S::filed), static_cast<Action>(enum_count<Action>()), admin(), kMatrixNow) == "forbidden");
}

// ---------------------------------------------------------------------------
// The permission matrix: every state × every action × every kind of actor.

TEST_CASE("may: the full permission matrix matches the expected table") {
    int cells = 0;
    for (const auto& st : EnumTable<DisputeState>::entries) {
        const Case c = fixture(st.value);
        for (const auto& ac : EnumTable<Action>::entries) {
            for (const Who w : kWho) {
                INFO(st.key, " × ", ac.key, " × ", who_name(w));
                CHECK(may_outcome(c, ac.value, actor_for(w), kMatrixNow) == expected(ac.value, st.value, w));
                ++cells;
            }
        }
    }
    CHECK(cells == 15 * 29 * 12);
}

TEST_CASE("available_actions offers exactly the allowed cells of the matrix, in the table's order") {
    for (const auto& st : EnumTable<DisputeState>::entries) {
        const Case c = fixture(st.value);
        for (const Who w : kWho) {
            INFO(st.key, " × ", who_name(w));
            std::vector<Action> want;
            for (const auto& ac : EnumTable<Action>::entries)
                if (expected(ac.value, st.value, w) == "allowed") want.push_back(ac.value);
            const std::vector<Action> got = available_actions(c, actor_for(w), kMatrixNow, kCtx);
            std::string got_s, want_s;
            for (const Action a : got) got_s += std::string(to_key(a)) + " ";
            for (const Action a : want) want_s += std::string(to_key(a)) + " ";
            CHECK(got_s == want_s);
        }
    }
    // Spot checks in words, so a wrong table above cannot hide behind itself.
    const auto names = [](const std::vector<Action>& v) {
        std::string s;
        for (const Action a : v) s += std::string(to_key(a)) + " ";
        return s;
    };
    CHECK(names(available_actions(fixture(S::filed), buyer(), kMatrixNow, kCtx)) == "withdraw ");
    CHECK(names(available_actions(fixture(S::filed), support(), kMatrixNow, kCtx)) ==
          "accept_case request_info reject_case flag_litigation_risk ");
    CHECK(names(available_actions(fixture(S::awaiting_merchant), merchant(), kMatrixNow, kCtx)) ==
          "merchant_accept merchant_offer merchant_contest ");
    CHECK(names(available_actions(fixture(S::negotiation), buyer(), kMatrixNow, kCtx)) ==
          "make_offer accept_offer request_mediation withdraw ");
    CHECK(names(available_actions(fixture(S::mediation), mediator(), kMatrixNow, kCtx)) ==
          "assess_evidence order_inspection propose_settlement refer_to_arbitration flag_litigation_risk ");
    CHECK(names(available_actions(fixture(S::ruled), merchant(), kMatrixNow, kCtx)) == "appeal refer_external ");
    CHECK(names(available_actions(fixture(S::closed), admin(), kMatrixNow, kCtx)) ==
          "refer_external flag_litigation_risk ");
    CHECK(names(available_actions(fixture(S::withdrawn), admin(), kMatrixNow, kCtx)).empty());
}

TEST_CASE("apply refuses exactly what may refuses, before looking at the payload") {
    // A refused action with a broken payload reports the permission, not the payload.
    const Case c = fixture(S::negotiation);
    ActionRequest r = rq(Action::accept_offer, merchant(), kMatrixNow);
    r.target = 99;
    refused(c, r, ErrorCode::cannot_accept_own_offer);
    ActionRequest w = rq(Action::withdraw, merchant(), kMatrixNow);  // no reason either
    refused(c, w, ErrorCode::forbidden);
    refused(fixture(S::closed), rq(Action::withdraw, buyer(), kMatrixNow), ErrorCode::case_finished);
    refused(c, rq(Action::withdraw, person(kOtherBuyer, Role::buyer), kMatrixNow, "x"), ErrorCode::forbidden);
}

// ---------------------------------------------------------------------------
// Guards beyond state and relation.

TEST_CASE("accept_offer: there must be an offer, the other party's, and the request names the latest") {
    Drive d = reach(S::awaiting_merchant);
    // Contesting opens negotiation with no offer on the table: nothing to accept.
    d.act(Action::merchant_contest, merchant(), [](ActionRequest& r) { r.reason = "商品出厂检验合格，见质检报告"; });
    REQUIRE(d.c.offers.empty());
    CHECK(may_outcome(d.c, Action::accept_offer, buyer(), d.t) == "action_not_allowed_in_state");
    CHECK(may_outcome(d.c, Action::accept_offer, merchant(), d.t) == "action_not_allowed_in_state");

    d.act(Action::make_offer, buyer(), [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 9000); });
    CHECK(may_outcome(d.c, Action::accept_offer, buyer(), d.t) == "cannot_accept_own_offer");
    CHECK(may_outcome(d.c, Action::accept_offer, merchant(), d.t) == "allowed");
    d.act(Action::make_offer, merchant(), [](ActionRequest& r) { r.terms = terms(Remedy::partial_refund, 6000); });
    CHECK(may_outcome(d.c, Action::accept_offer, merchant(), d.t) == "cannot_accept_own_offer");
    CHECK(may_outcome(d.c, Action::accept_offer, buyer(), d.t) == "allowed");

    // Offer 1 (the buyer's 90.00) is stale: only the latest, 2, is open; an unknown seq likewise.
    for (const std::int64_t target : {std::int64_t{1}, std::int64_t{0}, std::int64_t{3}, std::int64_t{-2}}) {
        CAPTURE(target);
        ActionRequest r = rq(Action::accept_offer, buyer(), d.t + kHour);
        r.target = target;
        field_error(d.c, r, "offer_seq", ErrorCode::not_found);
    }
    ActionRequest r = rq(Action::accept_offer, buyer(), d.t + kHour);
    r.target = 2;
    const ActionResult res = must(d.c, r);
    REQUIRE(res.next.settlement);
    CHECK(res.next.settlement->terms.amount == cny(6000));
    CHECK(res.next.settlement->offer_seq == 2);
}

TEST_CASE("make_offer and merchant_offer: the terms are validated, within the order total") {
    Drive d = reach(S::awaiting_merchant);
    ActionRequest r = rq(Action::merchant_offer, merchant(), d.t + kHour);
    r.terms = terms(Remedy::partial_refund, 200001);
    field_error(d.c, r, "terms.amount_minor", ErrorCode::exceeds_order_total);
    r.terms = terms(Remedy::partial_refund, 0);
    field_error(d.c, r, "terms.amount_minor", ErrorCode::must_be_positive);
    r.terms = Terms{Remedy::partial_refund, Money{100, "USD"}, ""};
    field_error(d.c, r, "terms.currency", ErrorCode::currency_mismatch);
    r.terms = terms(Remedy::reissue, 0, std::string(501, 'x'));
    field_error(d.c, r, "terms.terms", ErrorCode::too_long);
    r.terms = terms(Remedy::reissue, 0, "补发同款新品");
    const ActionResult ok = must(d.c, r);
    CHECK(ok.next.offers.size() == 1);
    CHECK(ok.next.offers[0].terms.remedy == Remedy::reissue);
}

TEST_CASE("request_mediation: in awaiting_merchant only the buyer, in negotiation either party") {
    Drive d = reach(S::awaiting_merchant);
    CHECK(may_outcome(d.c, Action::request_mediation, merchant(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::request_mediation, support(), d.t) == "forbidden");
    const ActionResult early = must(d.c, rq(Action::request_mediation, buyer(), d.t + kHour));
    CHECK(early.next.dispute.state == S::mediation);
    check_event(early.event, Action::request_mediation, kBuyer, R::case_buyer, d.t + kHour, S::awaiting_merchant,
                S::mediation);

    advance(d, S::negotiation);
    const ActionResult by_merchant = must(d.c, rq(Action::request_mediation, merchant(), d.t + kHour));
    CHECK(by_merchant.next.dispute.state == S::mediation);
    CHECK(by_merchant.event.relation == R::case_merchant);
}

TEST_CASE("approve_proposal: four-eyes and the approval level") {
    Drive d = reach(S::mediation);
    // 1000.00 CNY paid by the platform: at the threshold, a manager must approve and risk management is told.
    ActionRequest p = rq(Action::propose_settlement, mediator(), d.t + kHour);
    p.terms = platform_pays(Remedy::partial_refund, 100000);
    const Case review = must(d.c, p).next;
    REQUIRE(review.dispute.state == S::mediation_review);
    CHECK(review.notify_risk);
    CHECK(review.proposer_id == kMediator);
    const Timestamp t = d.t + 2 * kHour;

    // The proposer may never approve, whatever their level (a user acting as approver with the proposer's id).
    CHECK(may_outcome(review, Action::approve_proposal, approver(kMediator, ApprovalLevel::manager), t) == "four_eyes");
    refused(review, rq(Action::approve_proposal, approver(kMediator, ApprovalLevel::manager), t), ErrorCode::four_eyes);
    CHECK(may_outcome(review, Action::return_proposal, approver(kMediator), t) == "four_eyes");
    // A team lead is too low for 1000.00: not even offered.
    CHECK(may_outcome(review, Action::approve_proposal, approver(), t) == "approval_level_too_low");
    refused(review, rq(Action::approve_proposal, approver(), t), ErrorCode::approval_level_too_low);
    const std::vector<Action> lead = available_actions(review, approver(), t, kCtx);
    CHECK(std::find(lead.begin(), lead.end(), Action::approve_proposal) == lead.end());
    // ...but may send it back.
    CHECK(may_outcome(review, Action::return_proposal, approver(), t) == "allowed");
    // A manager approves.
    const ActionResult ok = must(review, rq(Action::approve_proposal, manager(), t));
    CHECK(ok.next.dispute.state == S::awaiting_consent);
    CHECK(ok.next.proposal_approver_id == kManager);
    CHECK(ok.next.notify_risk);
    check_event(ok.event, Action::approve_proposal, kManager, R::approver, t, S::mediation_review, S::awaiting_consent);

    // 999.99: a team lead suffices, risk management is not told.
    p.terms = platform_pays(Remedy::partial_refund, 99999);
    const Case small = must(d.c, p).next;
    CHECK_FALSE(small.notify_risk);
    CHECK(may_outcome(small, Action::approve_proposal, approver(), t) == "allowed");
    CHECK(must(small, rq(Action::approve_proposal, approver(), t)).next.proposal_approver_id == kApprover);

    // Returning the proposal needs a reason and sends it back to the mediator, dropping it.
    field_error(review, rq(Action::return_proposal, approver(), t), "reason", ErrorCode::required);
    const ActionResult back = must(review, rq(Action::return_proposal, approver(), t, "缺少检测报告"));
    CHECK(back.next.dispute.state == S::mediation);
    CHECK_FALSE(back.next.proposal.has_value());
    check_event(back.event, Action::return_proposal, kApprover, R::approver, t, S::mediation_review, S::mediation,
                "缺少检测报告");
    // A different approval rule set (threshold 500.00) makes 999.99 a manager's matter.
    RuleSet strict;
    strict.approvals.manager_threshold_minor = 50000;
    const LifecycleContext strict_ctx{strict, kPlain};
    CHECK(may_outcome(small, Action::approve_proposal, approver(), t, strict_ctx) == "approval_level_too_low");
    CHECK(may_outcome(small, Action::approve_proposal, manager(), t, strict_ctx) == "allowed");
}

TEST_CASE("approve_proposal: the threshold is on what the platform pays, the merchant's money needs the ordinary review") {
    Drive d = reach(S::mediation);
    const Timestamp t = d.t + 2 * kHour;
    ActionRequest p = rq(Action::propose_settlement, mediator(), d.t + kHour);
    // 1500.00 paid by the merchant alone: any approver, still four-eyes, no risk notice.
    p.terms = terms(Remedy::partial_refund, 150000, "商家退款 1500 元");
    const Case merchant_only = must(d.c, p).next;
    CHECK_FALSE(merchant_only.notify_risk);
    CHECK(merchant_only.proposal->payer == Payer::merchant);
    CHECK(may_outcome(merchant_only, Action::approve_proposal, approver(), t) == "allowed");
    CHECK(may_outcome(merchant_only, Action::approve_proposal, manager(), t) == "allowed");
    CHECK(may_outcome(merchant_only, Action::approve_proposal, approver(kMediator), t) == "four_eyes");
    // Shared: the platform's 1000.00 of 1500.00 needs a manager and risk management is told...
    p.terms = with_payer(terms(Remedy::partial_refund, 150000), Payer::shared, 100000);
    const Case shared_big = must(d.c, p).next;
    CHECK(shared_big.notify_risk);
    CHECK(may_outcome(shared_big, Action::approve_proposal, approver(), t) == "approval_level_too_low");
    CHECK(may_outcome(shared_big, Action::approve_proposal, manager(), t) == "allowed");
    // ...its 999.99 a team lead, whatever the merchant adds.
    p.terms = with_payer(terms(Remedy::partial_refund, 150000), Payer::shared, 99999);
    const Case shared_small = must(d.c, p).next;
    CHECK_FALSE(shared_small.notify_risk);
    CHECK(may_outcome(shared_small, Action::approve_proposal, approver(), t) == "allowed");
    // The share must fit the payer.
    p.terms = with_payer(terms(Remedy::partial_refund, 150000), Payer::shared, 150000);
    field_error(d.c, p, "terms.platform_amount_minor", ErrorCode::share_out_of_range);
    p.terms = terms(Remedy::partial_refund, 150000);
    p.terms.payer = Payer::platform;
    field_error(d.c, p, "terms.platform_amount_minor", ErrorCode::must_equal_amount);
    // Offers carry the payer too, checked the same way.
    Drive n = reach(S::negotiation);
    ActionRequest o = rq(Action::make_offer, buyer(), n.t + kHour);
    o.terms = terms(Remedy::partial_refund, 5000);
    o.terms.platform_amount.minor = 5000;
    field_error(n.c, o, "terms.platform_amount_minor", ErrorCode::not_applicable);
}

TEST_CASE("consent: once per party, both consenting settle by mediation, declining goes to arbitration") {
    Drive d = reach(S::awaiting_consent);
    const Terms proposal = *d.c.proposal;
    const Timestamp t = d.t + kHour;
    const ActionResult b = must(d.c, rq(Action::consent, buyer(), t));
    CHECK(b.next.buyer_consented);
    CHECK_FALSE(b.next.merchant_consented);
    CHECK(b.next.dispute.state == S::awaiting_consent);
    check_event(b.event, Action::consent, kBuyer, R::case_buyer, t, S::awaiting_consent, S::awaiting_consent);
    CHECK(may_outcome(b.next, Action::consent, buyer(), t) == "already_done");
    refused(b.next, rq(Action::consent, buyer(), t + 1), ErrorCode::already_done);
    CHECK(may_outcome(b.next, Action::consent, merchant(), t) == "allowed");

    const ActionResult both = must(b.next, rq(Action::consent, merchant(), t + kHour));
    const Case& e = both.next;
    CHECK(e.dispute.state == S::execution);
    REQUIRE(e.settlement);
    CHECK(e.settlement->basis == SettlementBasis::mediation);
    CHECK(e.settlement->terms.amount == proposal.amount);
    CHECK(e.settlement->terms.remedy == proposal.remedy);
    CHECK(e.settlement->at == t + kHour);
    CHECK(e.plan == execution_plan(proposal.remedy));
    CHECK(e.step == 0);
    CHECK(e.step_entered_at == t + kHour);
    check_event(both.event, Action::consent, kMerchantUser, R::case_merchant, t + kHour, S::awaiting_consent,
                S::execution);

    // Merchant first, then buyer: the same.
    const Case m = must(d.c, rq(Action::consent, merchant(), t)).next;
    CHECK(may_outcome(m, Action::consent, merchant(), t) == "already_done");
    CHECK(must(m, rq(Action::consent, buyer(), t)).next.dispute.state == S::execution);

    // Declining needs a reason and sends the case to arbitration.
    field_error(d.c, rq(Action::decline_proposal, buyer(), t), "reason", ErrorCode::required);
    const ActionResult dec = must(d.c, rq(Action::decline_proposal, buyer(), t, "退款金额太低"));
    CHECK(dec.next.dispute.state == S::arbitration);
    check_event(dec.event, Action::decline_proposal, kBuyer, R::case_buyer, t, S::awaiting_consent, S::arbitration,
                "退款金额太低");
}

TEST_CASE("appeal: once, by either party, only inside the appeal window, with a reason") {
    Drive d = reach(S::ruled);
    const Timestamp ruled_at = d.c.state_entered_at;
    // reach() ran one action an hour from Monday 2026-03-02 10:00 +08 (accept 11:00, offer 12:00, mediation 13:00,
    // assign 14:00, propose 15:00, approve 16:00, decline 17:00, assign 18:00, rule 19:00): ruled Monday 19:00.
    REQUIRE(ruled_at == cn(2026, 3, 2, 19));
    // Five working days after Monday: Tue, Wed, Thu, Fri, Mon → Monday 2026-03-09 24:00 +08.
    const Timestamp end = cn(2026, 3, 10);
    CHECK(may_outcome(d.c, Action::appeal, buyer(), end - 1) == "allowed");
    CHECK(may_outcome(d.c, Action::appeal, merchant(), end - 1) == "allowed");
    CHECK(may_outcome(d.c, Action::appeal, buyer(), end) == "window_closed");
    CHECK(may_outcome(d.c, Action::appeal, merchant(), end + kDay) == "window_closed");
    refused(d.c, rq(Action::appeal, buyer(), end, "晚了"), ErrorCode::window_closed);
    field_error(d.c, rq(Action::appeal, buyer(), end - 1), "reason", ErrorCode::required);

    const ActionResult a = must(d.c, rq(Action::appeal, buyer(), end - 1, "鉴定机构不具备资质"));
    CHECK(a.next.dispute.state == S::appealed);
    CHECK(a.next.appeal_used);
    CHECK(a.next.arbitrator_id == 0);
    check_event(a.event, Action::appeal, kBuyer, R::case_buyer, end - 1, S::ruled, S::appealed, "鉴定机构不具备资质");
}

TEST_CASE("timeout: only the scheduler, and only once a deadline has passed") {
    const Case c = new_case();
    // Filed at T0: first response and triage are due at T0 + 24h.
    CHECK(may_outcome(c, Action::timeout, scheduler(), T0) == "deadline_not_reached");
    CHECK(may_outcome(c, Action::timeout, scheduler(), T0 + kDay - 1) == "deadline_not_reached");
    refused(c, rq(Action::timeout, scheduler(), T0 + kDay - 1), ErrorCode::deadline_not_reached);
    CHECK(may_outcome(c, Action::timeout, scheduler(), T0 + kDay) == "allowed");
    CHECK(may_outcome(c, Action::timeout, admin(), T0 + kDay) == "forbidden");
    CHECK(may_outcome(c, Action::timeout, support(), T0 + kDay) == "forbidden");
}

TEST_CASE("flag_litigation_risk: once, by staff, open or closed, it moves nothing") {
    Drive d = reach(S::negotiation);
    field_error(d.c, rq(Action::flag_litigation_risk, support(), d.t), "reason", ErrorCode::required);
    const ActionResult f = must(d.c, rq(Action::flag_litigation_risk, approver(), d.t + kHour, "买家称将起诉"));
    CHECK(f.next.litigation_risk);
    CHECK(f.next.dispute.state == S::negotiation);
    check_event(f.event, Action::flag_litigation_risk, kApprover, R::approver, d.t + kHour, S::negotiation,
                S::negotiation, "买家称将起诉");
    CHECK(may_outcome(f.next, Action::flag_litigation_risk, support(), d.t) == "already_done");
    refused(f.next, rq(Action::flag_litigation_risk, admin(), d.t, "again"), ErrorCode::already_done);
    // After closing too.
    Drive closed = reach(S::closed);
    CHECK(may_outcome(closed.c, Action::flag_litigation_risk, support(), closed.t) == "allowed");
    CHECK(must(closed.c, rq(Action::flag_litigation_risk, support(), closed.t, "媒体报道")).next.litigation_risk);
}

TEST_CASE("complete_step: only the party whose step it is") {
    Drive d = reach(S::awaiting_merchant, new_case(15000, Category::quality_defect, Remedy::return_and_refund));
    d.act(Action::merchant_accept, merchant());
    REQUIRE(current_step(d.c) == ExecutionStep::return_shipment);
    CHECK(may_outcome(d.c, Action::complete_step, merchant(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::complete_step, support(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::complete_step, buyer(), d.t) == "allowed");
    d.act(Action::complete_step, buyer(), [](ActionRequest& r) { r.tracking_number = "YT-9876543210"; });
    REQUIRE(current_step(d.c) == ExecutionStep::merchant_inspection);
    CHECK(may_outcome(d.c, Action::complete_step, buyer(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::complete_step, merchant(), d.t) == "allowed");
}

TEST_CASE("assign_mediator and assign_arbitrator: who assigns whom, and reassignment") {
    Drive d = reach(S::negotiation);
    d.act(Action::request_mediation, buyer());
    REQUIRE(d.c.mediator_id == 0);
    // Staff must name the mediator.
    field_error(d.c, rq(Action::assign_mediator, support(), d.t), "assignee_id", ErrorCode::required);
    // A mediator takes the case themselves (target 0 or their own id), never assigns a colleague.
    ActionRequest self = rq(Action::assign_mediator, mediator(kOtherMediator), d.t + kHour);
    const ActionResult took = must(d.c, self);
    CHECK(took.next.mediator_id == kOtherMediator);
    CHECK(took.event.detail == "mediator 402");
    check_event(took.event, Action::assign_mediator, kOtherMediator, R::mediator, d.t + kHour, S::mediation,
                S::mediation);
    self.target = kOtherMediator;
    CHECK(must(d.c, self).next.mediator_id == kOtherMediator);
    self.target = kMediator;
    field_error(d.c, self, "assignee_id", ErrorCode::invalid_choice);
    // Once assigned, other mediators are told it is done; support and admins may reassign.
    CHECK(may_outcome(took.next, Action::assign_mediator, mediator(kMediator), d.t) == "already_done");
    CHECK(may_outcome(took.next, Action::assign_mediator, mediator(kOtherMediator), d.t) == "already_done");
    ActionRequest re = rq(Action::assign_mediator, admin(), d.t + 2 * kHour);
    re.target = kMediator;
    const Case reassigned = must(took.next, re).next;
    CHECK(reassigned.mediator_id == kMediator);
    CHECK(relation_to(reassigned, mediator(kOtherMediator)) == R::mediator);
    CHECK(may_outcome(reassigned, Action::propose_settlement, mediator(kOtherMediator), d.t) == "not_assigned");
    CHECK(may_outcome(reassigned, Action::propose_settlement, mediator(kMediator), d.t) == "allowed");

    // Arbitrators: support does not assign them; an admin must name one.
    advance(d, S::arbitration);
    REQUIRE(d.c.arbitrator_id == 0);
    CHECK(may_outcome(d.c, Action::assign_arbitrator, support(), d.t) == "forbidden");
    field_error(d.c, rq(Action::assign_arbitrator, admin(), d.t), "assignee_id", ErrorCode::required);
    ActionRequest aa = rq(Action::assign_arbitrator, admin(), d.t + kHour);
    aa.target = kArbitrator;
    const ActionResult by_admin = must(d.c, aa);
    CHECK(by_admin.next.arbitrator_id == kArbitrator);
    CHECK(by_admin.event.detail == "arbitrator 501");
    CHECK(may_outcome(by_admin.next, Action::assign_arbitrator, arbitrator(kOtherArbitrator), d.t) == "already_done");
    CHECK(may_outcome(by_admin.next, Action::rule, arbitrator(kOtherArbitrator), d.t) == "not_assigned");
    ActionRequest other = rq(Action::assign_arbitrator, arbitrator(kOtherArbitrator), d.t);
    other.target = kArbitrator;
    field_error(d.c, other, "assignee_id", ErrorCode::invalid_choice);
}

TEST_CASE("payload checks: reasons, assessments, inspections") {
    Drive d = reach(S::mediation);
    attach_evidence(d.c, 7, d.t);  // the parties' uploads
    attach_evidence(d.c, 8, d.t);
    // A reason is free text everywhere: invalid UTF-8 is a format error, over 2000 characters too long.
    ActionRequest bad = rq(Action::propose_settlement, mediator(), d.t, std::string("\xff\xfe"));
    bad.terms = terms(Remedy::partial_refund, 8000);
    field_error(d.c, bad, "reason", ErrorCode::invalid_format);
    bad.reason = std::string(2001, 'a');
    field_error(d.c, bad, "reason", ErrorCode::too_long);
    bad.reason = std::string(2000, 'a');
    must(d.c, bad);
    ActionRequest w = rq(Action::withdraw, buyer(), d.t, std::string(2001, 'a'));
    field_error(d.c, w, "reason", ErrorCode::too_long);
    w.reason = "\xc3";
    field_error(d.c, w, "reason", ErrorCode::invalid_format);
    w.reason = "";
    field_error(d.c, w, "reason", ErrorCode::required);

    // An assessment: evidence id required; a note whenever a count is not accepted.
    ActionRequest a = rq(Action::assess_evidence, mediator(), d.t + kHour);
    a.assessment = assessment(0);
    field_error(d.c, a, "assessment.evidence_id", ErrorCode::required);
    a.assessment = assessment(7, Finding::doubtful);
    field_error(d.c, a, "assessment.note", ErrorCode::required);
    // Only evidence on file for this case.
    a.assessment = assessment(9);
    field_error(d.c, a, "assessment.evidence_id", ErrorCode::not_found);
    a.assessment = assessment(7, Finding::doubtful, "聊天记录截图疑似经过编辑");
    const ActionResult first = must(d.c, a);
    REQUIRE(first.next.assessments.size() == 1);
    CHECK(first.next.assessments[0].assessor_id == kMediator);
    CHECK(first.next.assessments[0].at == d.t + kHour);
    CHECK(first.event.detail == "evidence 7");
    CHECK(first.next.dispute.state == S::mediation);
    // Assessing the same item again replaces the earlier finding; another item is added.
    a.assessment = assessment(7);
    a.at = d.t + 2 * kHour;
    const Case second = must(first.next, a).next;
    REQUIRE(second.assessments.size() == 1);
    CHECK(second.assessments[0].authenticity == Finding::accepted);
    CHECK(second.assessments[0].at == d.t + 2 * kHour);
    a.assessment = assessment(8);
    CHECK(must(second, a).next.assessments.size() == 2);

    // An inspection order says what is tested.
    ActionRequest i = rq(Action::order_inspection, mediator(), d.t + kHour);
    i.inspection.what = "x";
    field_error(d.c, i, "inspection.what", ErrorCode::too_short);
    i.inspection.what = "第三方质检：耳机左声道";
    i.inspection.payer = Party::merchant;
    const Case inspected = must(d.c, i).next;
    REQUIRE(inspected.inspections.size() == 1);
    CHECK(inspected.inspections[0].payer == Party::merchant);
    CHECK(inspected.inspections[0].at == d.t + kHour);

    // Referring to arbitration needs a reason.
    field_error(d.c, rq(Action::refer_to_arbitration, mediator(), d.t), "reason", ErrorCode::required);
    const ActionResult ref = must(d.c, rq(Action::refer_to_arbitration, mediator(), d.t + kHour, "双方分歧过大"));
    CHECK(ref.next.dispute.state == S::arbitration);

    // A ruling needs written reasoning and a valid remedy.
    advance(d, S::arbitration);
    d.act(Action::assign_arbitrator, arbitrator());
    ActionRequest rr = rq(Action::rule, arbitrator(), d.t + kHour);
    rr.ruling = merchant_liable();
    rr.ruling.reasoning = "太短";
    field_error(d.c, rr, "ruling.reasoning", ErrorCode::too_short);
    rr.ruling = merchant_liable();
    rr.ruling.remedy.amount = cny(300000);
    field_error(d.c, rr, "ruling.remedy.amount_minor", ErrorCode::exceeds_order_total);
    rr.ruling = dismissed();
    rr.ruling.violation = Violation::counterfeit;
    field_error(d.c, rr, "ruling.violation", ErrorCode::not_applicable);
}

TEST_CASE("evidence on file: who may upload, attaching, contesting with it") {
    Drive d = reach(S::awaiting_merchant);
    // The parties, support, admins and the assigned caseworkers, while the case is open.
    Case c = fixture(S::mediation);
    for (const Who w : kWho) {
        CAPTURE(who_name(w));
        const bool expected = w == Who::buyer || w == Who::merchant || w == Who::support || w == Who::admin ||
                              w == Who::assigned_mediator || w == Who::assigned_arbitrator;
        CHECK(may_upload_evidence(c, actor_for(w)) == expected);
    }
    for (const S s : {S::closed, S::withdrawn, S::rejected, S::referred_external}) {
        CAPTURE(to_key(s));
        CHECK_FALSE(may_upload_evidence(fixture(s), buyer()));
        CHECK_FALSE(may_upload_evidence(fixture(s), admin()));
    }
    CHECK(may_upload_evidence(fixture(S::execution), merchant()));

    // Attaching records each file once, in order, and stamps the case.
    c = d.c;
    attach_evidence(c, 5, d.t + 10);
    attach_evidence(c, 3, d.t + 20);
    attach_evidence(c, 5, d.t + 30);
    CHECK(c.evidence_ids == std::vector<std::int64_t>{5, 3});
    CHECK(c.dispute.updated_at == d.t + 30);
    CHECK(has_evidence(c, 3));
    CHECK_FALSE(has_evidence(c, 4));

    // The merchant contests with files on the case only, each named once; none is fine too.
    ActionRequest r = rq(Action::merchant_contest, merchant(), d.t + kHour, "已按约定发货，见物流凭证");
    r.evidence_ids = {5, 4};
    field_error(c, r, "evidence_ids", ErrorCode::not_found);
    r.evidence_ids = {5, 3, 5};
    field_error(c, r, "evidence_ids", ErrorCode::duplicate);
    r.evidence_ids = {3, 5};
    const ActionResult ok = must(c, r);
    CHECK(ok.next.contest_evidence_ids == std::vector<std::int64_t>{3, 5});
    CHECK(ok.next.dispute.state == S::negotiation);
    r.evidence_ids.clear();
    CHECK(must(c, r).next.contest_evidence_ids.empty());
}

TEST_CASE("rate: each party once, after the case ended, it moves nothing") {
    Drive d = reach(S::closed);
    CHECK(may_outcome(d.c, Action::rate, support(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::rate, person(kOtherBuyer, Role::buyer), d.t) == "forbidden");
    ActionRequest r = rq(Action::rate, buyer(), d.t + kHour);
    for (const int bad : {0, 6, -1}) {
        CAPTURE(bad);
        r.rating = {bad, "", 0};
        field_error(d.c, r, "rating.score", ErrorCode::out_of_range);
    }
    r.rating = {5, std::string(501, 'x'), 0};
    field_error(d.c, r, "rating.comment", ErrorCode::too_long);
    r.rating = {4, "\xff", 0};
    field_error(d.c, r, "rating.comment", ErrorCode::invalid_format);
    r.rating = {4, "处理及时，客服态度好", 0};
    const ActionResult b = must(d.c, r);
    REQUIRE(b.next.buyer_rating);
    CHECK(b.next.buyer_rating->score == 4);
    CHECK(b.next.buyer_rating->comment == "处理及时，客服态度好");
    CHECK(b.next.buyer_rating->at == d.t + kHour);
    CHECK_FALSE(b.next.merchant_rating);
    CHECK(b.event.detail == "score 4");
    check_event(b.event, Action::rate, kBuyer, R::case_buyer, d.t + kHour, S::closed, S::closed);
    CHECK(b.next.resolved_at == d.c.resolved_at);  // the case's times are unchanged
    // Once: the buyer is done, the merchant may still answer (1..5, no comment needed).
    CHECK(may_outcome(b.next, Action::rate, buyer(), d.t + 2 * kHour) == "already_done");
    ActionRequest m = rq(Action::rate, merchant(), d.t + 2 * kHour);
    m.rating = {1, "", 0};
    const Case both = must(b.next, m).next;
    REQUIRE(both.merchant_rating);
    CHECK(both.merchant_rating->score == 1);
    CHECK(may_outcome(both, Action::rate, merchant(), d.t + 3 * kHour) == "already_done");
    // Withdrawn and rejected cases are rated too; open cases and referrals are not.
    for (const S s : {S::withdrawn, S::rejected}) {
        CAPTURE(to_key(s));
        const Drive e = reach(s);
        CHECK(may_outcome(e.c, Action::rate, buyer(), e.t) == "allowed");
        CHECK(may_outcome(e.c, Action::rate, merchant(), e.t) == "allowed");
    }
    CHECK(may_outcome(reach(S::referred_external).c, Action::rate, buyer(), d.t) == "case_finished");
    CHECK(may_outcome(reach(S::negotiation).c, Action::rate, buyer(), d.t) == "action_not_allowed_in_state");
}

// ---------------------------------------------------------------------------
// Whole cases.

TEST_CASE("lifecycle (a): negotiation to a partial refund, executed and closed") {
    Case c = new_case(30000);  // 300.00 claimed: above the auto-grant limit
    REQUIRE(c.dispute.state == S::filed);
    REQUIRE(c.state_entered_at == T0);

    const Timestamp t1 = T0 + kHour;
    ActionRequest accept = rq(Action::accept_case, support(), t1);
    accept.triage = triage(Category::not_as_described);
    ActionResult r = must(c, accept);
    c = r.next;
    CHECK(c.dispute.state == S::awaiting_merchant);
    CHECK(c.dispute.category == Category::not_as_described);  // staff may correct the category
    CHECK(c.triage.category == Category::not_as_described);
    CHECK(c.first_response_at == t1);
    CHECK(c.state_entered_at == t1);
    CHECK(c.dispute.updated_at == t1);
    CHECK(c.platform_paused_since == t1);  // the merchant has the move
    check_event(r.event, Action::accept_case, kSupport, R::support, t1, S::filed, S::awaiting_merchant);

    const Timestamp t2 = T0 + 5 * kHour;
    ActionRequest offer = rq(Action::merchant_offer, merchant(), t2);
    offer.terms = terms(Remedy::partial_refund, 10000, "部分退款 100 元，商品无需退回");
    r = must(c, offer);
    c = r.next;
    CHECK(c.dispute.state == S::negotiation);
    REQUIRE(c.offers.size() == 1);
    CHECK(c.offers[0].seq == 1);
    CHECK(c.offers[0].from == Party::merchant);
    CHECK(c.offers[0].author_id == kMerchantUser);
    CHECK(c.offers[0].at == t2);
    CHECK(c.offers[0].terms.amount == cny(10000));
    CHECK(r.event.detail == "offer 1");
    check_event(r.event, Action::merchant_offer, kMerchantUser, R::case_merchant, t2, S::awaiting_merchant,
                S::negotiation);
    CHECK(c.first_response_at == t1);  // a party's action is no staff response

    const Timestamp t3 = T0 + 7 * kHour;
    ActionRequest counter = rq(Action::make_offer, buyer(), t3);
    counter.terms = terms(Remedy::partial_refund, 20000, "部分退款 200 元");
    r = must(c, counter);
    c = r.next;
    CHECK(c.dispute.state == S::negotiation);
    REQUIRE(c.offers.size() == 2);
    CHECK(c.offers[1].seq == 2);
    CHECK(c.offers[1].from == Party::buyer);
    CHECK(c.offers[0].terms.amount == cny(10000));  // the history is never rewritten
    CHECK(r.event.detail == "offer 2");
    check_event(r.event, Action::make_offer, kBuyer, R::case_buyer, t3, S::negotiation, S::negotiation);

    const Timestamp t4 = T0 + 9 * kHour;
    ActionRequest take = rq(Action::accept_offer, merchant(), t4);
    take.target = 2;
    r = must(c, take);
    c = r.next;
    CHECK(c.dispute.state == S::execution);
    REQUIRE(c.settlement);
    CHECK(c.settlement->basis == SettlementBasis::offer_accepted);
    CHECK(c.settlement->offer_seq == 2);
    CHECK(c.settlement->terms.remedy == Remedy::partial_refund);
    CHECK(c.settlement->terms.amount == cny(20000));
    CHECK(c.settlement->at == t4);
    CHECK(c.plan == std::vector<ExecutionStep>{ExecutionStep::refund, ExecutionStep::buyer_confirmation});
    CHECK(c.step == 0);
    CHECK(c.step_entered_at == t4);
    CHECK(r.event.detail == "offer 2");
    check_event(r.event, Action::accept_offer, kMerchantUser, R::case_merchant, t4, S::negotiation, S::execution);

    const Timestamp t5 = T0 + 20 * kHour;
    refused(c, rq(Action::complete_step, buyer(), t5), ErrorCode::forbidden);  // the refund is the merchant's
    r = must(c, rq(Action::complete_step, merchant(), t5));
    c = r.next;
    CHECK(c.dispute.state == S::execution);
    CHECK(c.step == 1);
    CHECK(c.step_entered_at == t5);
    CHECK(r.event.detail == "refund");
    check_event(r.event, Action::complete_step, kMerchantUser, R::case_merchant, t5, S::execution, S::execution);

    const Timestamp t6 = T0 + 30 * kHour;
    r = must(c, rq(Action::complete_step, buyer(), t6));
    c = r.next;
    CHECK(c.dispute.state == S::closed);
    CHECK(c.closing_summary == "executed");
    CHECK(c.resolved_at == t6);
    CHECK(r.event.detail == "buyer_confirmation");
    check_event(r.event, Action::complete_step, kBuyer, R::case_buyer, t6, S::execution, S::closed);
    // Finished: nothing more but the external route and the risk flag.
    CHECK(may_outcome(c, Action::withdraw, buyer(), t6) == "case_finished");
    CHECK(may_outcome(c, Action::make_offer, buyer(), t6) == "case_finished");
    CHECK(open_deadlines(c, kRules, kPlain).empty());
}

TEST_CASE("lifecycle: the merchant accepts the claim outright") {
    Drive d = reach(S::awaiting_merchant, new_case(12345, Category::quality_defect, Remedy::full_refund));
    d.act(Action::merchant_accept, merchant());
    REQUIRE(d.c.settlement);
    CHECK(d.c.dispute.state == S::execution);
    CHECK(d.c.settlement->basis == SettlementBasis::merchant_accepted);
    CHECK(d.c.settlement->terms.remedy == Remedy::full_refund);
    CHECK(d.c.settlement->terms.amount == cny(12345));
    check_event(d.last.event, Action::merchant_accept, kMerchantUser, R::case_merchant, d.t, S::awaiting_merchant,
                S::execution);
}

TEST_CASE("lifecycle (b): a silent merchant — auto-grant for a low-value claim, mediation above it") {
    SUBCASE("low value: the buyer's claim is granted and executed") {
        for (const std::int64_t amount : {std::int64_t{15000}, kRules.auto_grant_max_minor}) {
            CAPTURE(amount);
            Drive d = reach(S::awaiting_merchant, new_case(amount, Category::quality_defect, Remedy::full_refund));
            const Timestamp due = d.c.state_entered_at + 48 * kHour;
            refused(d.c, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
            const ActionResult r = must(d.c, rq(Action::timeout, scheduler(), due));
            CHECK(r.next.dispute.state == S::execution);
            REQUIRE(r.next.settlement);
            CHECK(r.next.settlement->basis == SettlementBasis::auto_granted);
            CHECK(r.next.settlement->terms.remedy == Remedy::full_refund);
            CHECK(r.next.settlement->terms.amount == cny(amount));
            CHECK(r.next.plan == execution_plan(Remedy::full_refund));
            CHECK(r.event.detail == "merchant_response:auto_grant");
            check_event(r.event, Action::timeout, 0, R::system, due, S::awaiting_merchant, S::execution);
        }
    }
    SUBCASE("the requested remedy is what is executed (a reissue ships)") {
        Drive d = reach(S::awaiting_merchant, new_case(9900, Category::not_received, Remedy::reissue));
        const ActionResult r = must(d.c, rq(Action::timeout, scheduler(), d.c.state_entered_at + 48 * kHour));
        REQUIRE(r.next.settlement);
        CHECK(r.next.settlement->terms.remedy == Remedy::reissue);
        CHECK(r.next.plan == std::vector<ExecutionStep>{ExecutionStep::reship, ExecutionStep::buyer_confirmation});
    }
    SUBCASE("high value (one fen above the limit): escalated to mediation, the platform's clock resumes") {
        Drive d = reach(S::awaiting_merchant, new_case(kRules.auto_grant_max_minor + 1));
        const Timestamp due = d.c.state_entered_at + 48 * kHour;
        const ActionResult r = must(d.c, rq(Action::timeout, scheduler(), due));
        CHECK(r.next.dispute.state == S::mediation);
        CHECK_FALSE(r.next.settlement.has_value());
        CHECK(r.event.detail == "merchant_response:escalate_to_mediation");
        CHECK(r.next.platform_paused_since == 0);
        CHECK(r.next.platform_paused_seconds == 48 * kHour);
        check_event(r.event, Action::timeout, 0, R::system, due, S::awaiting_merchant, S::mediation);
    }
    SUBCASE("auto-grant switched off: even a small claim goes to mediation") {
        RuleSet off;
        off.auto_grant_enabled = false;
        const LifecycleContext ctx{off, kPlain};
        Drive d = reach(S::awaiting_merchant);
        const ActionResult r = apply(d.c, rq(Action::timeout, scheduler(), d.c.state_entered_at + 48 * kHour), ctx);
        REQUIRE(r.ok);
        CHECK(r.next.dispute.state == S::mediation);
    }
}

TEST_CASE("lifecycle (b): after-sales cases give the merchant one working day (weekends and holidays skipped)") {
    const BusinessCalendar& china = china_calendar();
    const LifecycleContext ctx{kRules, china};
    struct AfterSales {
        Timestamp accepted;
        Timestamp due;
        const char* why;
    };
    const AfterSales rows[] = {
        {cn(2026, 3, 4, 10), cn(2026, 3, 6), "Wednesday → Thursday 24:00"},
        {cn(2026, 3, 6, 15), cn(2026, 3, 10), "Friday → Monday 24:00 (weekend)"},
        {cn(2026, 3, 7, 9), cn(2026, 3, 10), "Saturday → Monday 24:00"},
        {cn(2026, 9, 30, 10), cn(2026, 10, 9), "Wednesday before National Day → Thursday 10-08 24:00"},
        {cn(2026, 10, 3, 12), cn(2026, 10, 9), "inside the holiday → 10-08 24:00"},
        {cn(2026, 10, 9, 18), cn(2026, 10, 11), "Friday → Saturday 10-10, a make-up working day"},
    };
    for (const AfterSales& row : rows) {
        CAPTURE(row.why);
        Case c = new_case(15000, Category::after_sales, Remedy::repair, false, row.accepted - kHour);
        ActionRequest a = rq(Action::accept_case, support(), row.accepted);
        a.triage = triage(Category::after_sales);
        c = must(c, a, ctx).next;
        const auto ds = open_deadlines(c, kRules, china);
        const auto it = std::find_if(ds.begin(), ds.end(),
                                     [](const Deadline& x) { return x.kind == DeadlineKind::merchant_response; });
        REQUIRE(it != ds.end());
        CHECK(it->due == row.due);
        CHECK(it->on == Party::merchant);
        CHECK(it->consequence == Consequence::auto_grant);
        refused(c, rq(Action::timeout, scheduler(), row.due - 1), ErrorCode::deadline_not_reached, ctx);
        const ActionResult r = must(c, rq(Action::timeout, scheduler(), row.due), ctx);
        CHECK(r.next.dispute.state == S::execution);
        CHECK(r.next.plan == execution_plan(Remedy::repair));
    }
    // Any other category keeps its 48 calendar hours, holiday or not.
    Case c = new_case(15000, Category::quality_defect, Remedy::full_refund, false, cn(2026, 9, 30, 9));
    ActionRequest a = rq(Action::accept_case, support(), cn(2026, 9, 30, 10));
    a.triage = triage();
    c = must(c, a, ctx).next;
    CHECK(may_outcome(c, Action::timeout, scheduler(), cn(2026, 10, 2, 10) - 1, ctx) == "deadline_not_reached");
    CHECK(may_outcome(c, Action::timeout, scheduler(), cn(2026, 10, 2, 10), ctx) == "allowed");
    // The after-sales clock starts when the buyer applied, not when support accepted (seed 003): applied Monday
    // 10:00, accepted Tuesday 20:00 → due Tuesday 24:00 (one working day after the application), not Wednesday.
    {
        Case late = new_case(15000, Category::after_sales, Remedy::repair, false, cn(2026, 3, 2, 10));
        a = rq(Action::accept_case, support(), cn(2026, 3, 3, 20));
        a.triage = triage(Category::after_sales);
        late = must(late, a, ctx).next;
        const auto ds = open_deadlines(late, kRules, china);
        const auto it = std::find_if(ds.begin(), ds.end(),
                                     [](const Deadline& x) { return x.kind == DeadlineKind::merchant_response; });
        REQUIRE(it != ds.end());
        CHECK(it->due == cn(2026, 3, 4));
        CHECK(may_outcome(late, Action::timeout, scheduler(), cn(2026, 3, 4) - 1, ctx) == "deadline_not_reached");
        CHECK(may_outcome(late, Action::timeout, scheduler(), cn(2026, 3, 4), ctx) == "allowed");
        // Accepted after the day has passed: the merchant, who saw the application from the start, is already late.
        Case later = new_case(15000, Category::after_sales, Remedy::repair, false, cn(2026, 3, 2, 10));
        a.at = cn(2026, 3, 5, 9);
        later = must(later, a, ctx).next;
        const ActionResult r = must(later, rq(Action::timeout, scheduler(), cn(2026, 3, 5, 9)), ctx);
        CHECK(r.event.detail == "merchant_response:auto_grant");
        // Any other category counts its 48 hours from the acceptance.
        Case other = new_case(15000, Category::quality_defect, Remedy::repair, false, cn(2026, 3, 2, 10));
        a.at = cn(2026, 3, 3, 20);
        a.triage = triage(Category::quality_defect);
        other = must(other, a, ctx).next;
        CHECK(may_outcome(other, Action::timeout, scheduler(), cn(2026, 3, 5, 20) - 1, ctx) == "deadline_not_reached");
    }
    // Staff re-classifying a case as after-sales at triage gives it the after-sales deadline.
    Case re = new_case(15000, Category::quality_defect, Remedy::full_refund, false, cn(2026, 3, 6, 14));
    a = rq(Action::accept_case, support(), cn(2026, 3, 6, 15));
    a.triage = triage(Category::after_sales);
    re = must(re, a, ctx).next;
    CHECK(may_outcome(re, Action::timeout, scheduler(), cn(2026, 3, 8, 15), ctx) == "deadline_not_reached");
    CHECK(may_outcome(re, Action::timeout, scheduler(), cn(2026, 3, 10), ctx) == "allowed");
}

TEST_CASE("lifecycle (c): mediation with inspection, a 1000.00 proposal, deemed consent, execution") {
    Drive d = reach(S::awaiting_merchant, new_case(150000, Category::quality_defect, Remedy::partial_refund));
    attach_evidence(d.c, 11, d.t);  // the buyer's photo
    attach_evidence(d.c, 12, d.t);  // the merchant's quality certificate
    d.act(Action::merchant_contest, merchant(), [](ActionRequest& r) {
        r.reason = "商品出厂检验合格，见质检报告";
        r.evidence_ids = {12};
    });
    CHECK(d.c.contest_evidence_ids == std::vector<std::int64_t>{12});
    check_event(d.last.event, Action::merchant_contest, kMerchantUser, R::case_merchant, d.t, S::awaiting_merchant,
                S::negotiation, "商品出厂检验合格，见质检报告");
    d.act(Action::request_mediation, buyer());
    REQUIRE(d.c.dispute.state == S::mediation);
    CHECK(d.c.platform_paused_since == 0);

    d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
    CHECK(d.c.mediator_id == kMediator);
    CHECK(d.last.event.detail == "mediator 401");
    CHECK(d.c.dispute.state == S::mediation);

    d.act(Action::assess_evidence, mediator(), [](ActionRequest& r) { r.assessment = assessment(11); });
    d.act(Action::assess_evidence, mediator(),
          [](ActionRequest& r) { r.assessment = assessment(12, Finding::rejected, "质检报告编号与商品批次不符"); });
    REQUIRE(d.c.assessments.size() == 2);
    CHECK(evidence_admissible(d.c.assessments[0]));
    CHECK_FALSE(evidence_admissible(d.c.assessments[1]));

    d.act(Action::order_inspection, mediator(), [](ActionRequest& r) {
        r.inspection.what = "第三方质检：耳机左声道";
        r.inspection.payer = Party::merchant;
    });
    REQUIRE(d.c.inspections.size() == 1);

    d.act(Action::propose_settlement, mediator(),
          [](ActionRequest& r) { r.terms = platform_pays(Remedy::partial_refund, 100000, "平台先行赔付 1000 元"); });
    CHECK(d.c.dispute.state == S::mediation_review);
    CHECK(d.c.notify_risk);
    REQUIRE(d.c.proposal);
    CHECK(d.c.proposal->amount == cny(100000));
    check_event(d.last.event, Action::propose_settlement, kMediator, R::assigned_mediator, d.t, S::mediation,
                S::mediation_review);

    CHECK(may_outcome(d.c, Action::approve_proposal, approver(), d.t) == "approval_level_too_low");
    d.act(Action::approve_proposal, manager());
    CHECK(d.c.dispute.state == S::awaiting_consent);
    const Timestamp consent_start = d.t;
    CHECK(d.c.state_entered_at == consent_start);
    CHECK(d.c.platform_paused_since == consent_start);  // now the parties have the move

    d.act(Action::consent, buyer());
    CHECK(d.c.buyer_consented);
    CHECK(d.c.dispute.state == S::awaiting_consent);

    // The merchant stays silent: 48 hours after the proposal reached the parties, silence is consent.
    const Timestamp due = consent_start + 48 * kHour;
    refused(d.c, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
    const ActionResult r = must(d.c, rq(Action::timeout, scheduler(), due));
    CHECK(r.next.dispute.state == S::execution);
    REQUIRE(r.next.settlement);
    CHECK(r.next.settlement->basis == SettlementBasis::mediation);
    CHECK(r.next.settlement->terms.amount == cny(100000));
    CHECK(r.next.settlement->terms.remedy == Remedy::partial_refund);
    CHECK(r.next.plan == std::vector<ExecutionStep>{ExecutionStep::refund, ExecutionStep::buyer_confirmation});
    CHECK(r.event.detail == "consent:deemed_consent");
    check_event(r.event, Action::timeout, 0, R::system, due, S::awaiting_consent, S::execution);
}

TEST_CASE("lifecycle (d): arbitration, penalty points, one appeal to a fresh arbitrator, execution of the ruling") {
    RuleSet rules;
    rules.penalties.set(Violation::counterfeit, 15);  // an admin's table, not the default 12
    const LifecycleContext ctx{rules, kPlain};
    Drive d = reach(S::awaiting_consent, new_case(150000, Category::counterfeit, Remedy::full_refund));
    attach_evidence(d.c, 21, d.t);
    d.act(Action::decline_proposal, buyer(), [](ActionRequest& r) { r.reason = "不接受部分退款"; });
    REQUIRE(d.c.dispute.state == S::arbitration);
    CHECK(d.c.platform_paused_since == 0);

    d.act(Action::assign_arbitrator, arbitrator(kArbitrator));  // takes the case
    CHECK(d.c.arbitrator_id == kArbitrator);
    check_event(d.last.event, Action::assign_arbitrator, kArbitrator, R::arbitrator, d.t, S::arbitration,
                S::arbitration);

    d.act(Action::assess_evidence, arbitrator(), [](ActionRequest& r) { r.assessment = assessment(21); });
    CHECK(d.c.assessments.back().assessor_id == kArbitrator);

    const Timestamp ruled_at = d.t + kHour;
    ActionRequest rr = rq(Action::rule, arbitrator(), ruled_at);
    rr.ruling = ruling(Liability::merchant, terms(Remedy::full_refund, 150000), Violation::counterfeit);
    CHECK(may_outcome(d.c, Action::rule, arbitrator(kOtherArbitrator), ruled_at, ctx) == "not_assigned");
    const ActionResult ruled = must(d.c, rr, ctx);
    Case c = ruled.next;
    CHECK(c.dispute.state == S::ruled);
    REQUIRE(c.ruling);
    CHECK(c.ruling->arbitrator_id == kArbitrator);
    CHECK(c.ruling->at == ruled_at);
    CHECK(c.ruling->liability == Liability::merchant);
    REQUIRE(c.penalty);
    CHECK(c.penalty->points == 15);
    CHECK(c.penalty->violation == Violation::counterfeit);
    CHECK(c.penalty->dispute_id == 42);
    CHECK(c.penalty->at == ruled_at);
    CHECK_FALSE(c.penalty->force_majeure);
    CHECK(c.platform_paused_since == ruled_at);
    check_event(ruled.event, Action::rule, kArbitrator, R::assigned_arbitrator, ruled_at, S::arbitration, S::ruled);
    // With the default table, counterfeit costs 12.
    CHECK(must(d.c, rr).next.penalty->points == 12);
    // Proven force majeure: the violation is recorded, no points.
    ActionRequest fm = rr;
    fm.ruling.force_majeure = true;
    const Case fmc = must(d.c, fm, ctx).next;
    REQUIRE(fmc.penalty);
    CHECK(fmc.penalty->points == 0);
    CHECK(fmc.penalty->force_majeure);
    // No violation, no penalty.
    ActionRequest plain = rr;
    plain.ruling.violation.reset();
    CHECK_FALSE(must(d.c, plain, ctx).next.penalty.has_value());

    // The merchant appeals; the arbitrator who ruled steps aside.
    const Timestamp appealed_at = ruled_at + kDay;
    const ActionResult ap = must(c, rq(Action::appeal, merchant(), appealed_at, "鉴定机构不具备资质"), ctx);
    c = ap.next;
    CHECK(c.dispute.state == S::appealed);
    CHECK(c.arbitrator_id == 0);
    CHECK(c.platform_paused_since == 0);
    CHECK(c.platform_paused_seconds >= kDay);
    check_event(ap.event, Action::appeal, kMerchantUser, R::case_merchant, appealed_at, S::ruled, S::appealed,
                "鉴定机构不具备资质");
    CHECK(may_outcome(c, Action::rule, arbitrator(kArbitrator), appealed_at, ctx) == "not_assigned");
    CHECK(may_outcome(c, Action::assign_arbitrator, arbitrator(kArbitrator), appealed_at, ctx) == "forbidden");
    ActionRequest same = rq(Action::assign_arbitrator, admin(), appealed_at + kHour);
    same.target = kArbitrator;
    field_error(c, same, "assignee_id", ErrorCode::invalid_choice, ctx);
    same.target = kOtherArbitrator;
    c = must(c, same, ctx).next;
    CHECK(c.arbitrator_id == kOtherArbitrator);

    // The new arbitrator rules again: shared liability, a partial refund, late shipment.
    const Timestamp second_at = appealed_at + 2 * kHour;
    ActionRequest r2 = rq(Action::rule, arbitrator(kOtherArbitrator), second_at);
    r2.ruling = ruling(Liability::shared, terms(Remedy::partial_refund, 60000), Violation::late_shipment);
    const ActionResult second = must(c, r2, ctx);
    c = second.next;
    CHECK(c.dispute.state == S::ruled);
    CHECK(c.ruling->arbitrator_id == kOtherArbitrator);
    CHECK(c.ruling->liability == Liability::shared);
    REQUIRE(c.penalty);
    CHECK(c.penalty->violation == Violation::late_shipment);
    CHECK(c.penalty->points == 3);
    check_event(second.event, Action::rule, kOtherArbitrator, R::assigned_arbitrator, second_at, S::appealed, S::ruled);
    // No second appeal, by either party.
    CHECK(may_outcome(c, Action::appeal, buyer(), second_at + kHour, ctx) == "already_done");
    CHECK(may_outcome(c, Action::appeal, merchant(), second_at + kHour, ctx) == "already_done");

    // The appeal window (5 working days from the second ruling) passes: the ruling is carried out.
    const Timestamp window_end = deadline_after(second_at, business_days(5), kPlain);
    REQUIRE(window_end > second_at + 5 * kDay);
    refused(c, rq(Action::timeout, scheduler(), window_end - 1), ErrorCode::deadline_not_reached, ctx);
    const ActionResult ex = must(c, rq(Action::timeout, scheduler(), window_end), ctx);
    CHECK(ex.next.dispute.state == S::execution);
    REQUIRE(ex.next.settlement);
    CHECK(ex.next.settlement->basis == SettlementBasis::ruling);
    CHECK(ex.next.settlement->terms.remedy == Remedy::partial_refund);
    CHECK(ex.next.settlement->terms.amount == cny(60000));
    CHECK(ex.next.plan == execution_plan(Remedy::partial_refund));
    CHECK(ex.event.detail == "appeal_window:start_execution");
    check_event(ex.event, Action::timeout, 0, R::system, window_end, S::ruled, S::execution);
}

TEST_CASE("lifecycle (d): a dismissed claim closes when the appeal window passes") {
    for (const Liability l : {Liability::buyer, Liability::undetermined}) {
        CAPTURE(to_key(l));
        Drive d = reach(S::arbitration);
        d.act(Action::assign_arbitrator, arbitrator());
        Ruling no = dismissed();
        no.liability = l;
        d.act(Action::rule, arbitrator(), [&](ActionRequest& r) { r.ruling = no; });
        CHECK_FALSE(d.c.penalty.has_value());
        const Timestamp end = deadline_after(d.c.state_entered_at, kRules.deadlines.appeal_window, kPlain);
        const ActionResult r = must(d.c, rq(Action::timeout, scheduler(), end));
        CHECK(r.next.dispute.state == S::closed);
        CHECK_FALSE(r.next.settlement.has_value());
        CHECK(r.next.closing_summary == std::string("ruling:") + to_key(l));
        CHECK(r.next.resolved_at == end);
    }
}

TEST_CASE("lifecycle (e): return & refund with tracking, inspection, and their deadlines") {
    Drive d = reach(S::awaiting_merchant, new_case(15000, Category::quality_defect, Remedy::return_and_refund));
    d.act(Action::merchant_accept, merchant());
    REQUIRE(d.c.plan == std::vector<ExecutionStep>{ExecutionStep::return_shipment, ExecutionStep::merchant_inspection,
                                                   ExecutionStep::refund, ExecutionStep::buyer_confirmation});
    const Case at_return = d.c;

    // Tracking numbers: required, 6..40 of A-Z a-z 0-9 '-'.
    ActionRequest ship = rq(Action::complete_step, buyer(), d.t + kHour);
    field_error(d.c, ship, "tracking_number", ErrorCode::required);
    for (const char* bad : {"SF 1234567", "12345", "SF123456789012345678901234567890123456789", "顺丰123456"}) {
        CAPTURE(bad);
        ship.tracking_number = bad;
        field_error(d.c, ship, "tracking_number", ErrorCode::invalid_format);
    }
    ship.tracking_number = "SF1234567890";
    ActionResult r = must(d.c, ship);
    d.c = r.next;
    CHECK(d.c.return_tracking == "SF1234567890");
    CHECK(d.c.step == 1);
    CHECK(r.event.detail == "return_shipment");
    const Case at_inspection = d.c;

    SUBCASE("inspection passes, refund, confirmation") {
        const Timestamp t = d.t + 2 * kHour;
        r = must(d.c, rq(Action::complete_step, merchant(), t));
        CHECK(r.next.step == 2);
        CHECK(r.event.detail == "merchant_inspection");
        r = must(r.next, rq(Action::complete_step, merchant(), t + kHour));
        CHECK(current_step(r.next) == ExecutionStep::buyer_confirmation);
        r = must(r.next, rq(Action::complete_step, buyer(), t + 2 * kHour, "已收到退款"));
        CHECK(r.next.dispute.state == S::closed);
        CHECK(r.next.closing_summary == "已收到退款");
    }
    SUBCASE("inspection fails: the merchant says why and the platform mediates") {
        ActionRequest fail = rq(Action::complete_step, merchant(), d.t + 2 * kHour);
        fail.inspection_passed = false;
        field_error(at_inspection, fail, "reason", ErrorCode::required);
        fail.reason = "退回商品有明显人为损坏";
        r = must(at_inspection, fail);
        CHECK(r.next.dispute.state == S::mediation);
        CHECK(r.next.step == 1);
        CHECK(r.event.detail == "merchant_inspection failed");
        CHECK(r.next.platform_paused_since == 0);
        check_event(r.event, Action::complete_step, kMerchantUser, R::case_merchant, d.t + 2 * kHour, S::execution,
                    S::mediation, "退回商品有明显人为损坏");
    }
    SUBCASE("the merchant does not inspect in 48 hours: deemed passed, the refund is due next") {
        const Timestamp due = at_inspection.step_entered_at + 48 * kHour;
        refused(at_inspection, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
        r = must(at_inspection, rq(Action::timeout, scheduler(), due));
        CHECK(r.next.dispute.state == S::execution);
        CHECK(current_step(r.next) == ExecutionStep::refund);
        CHECK(r.next.step_entered_at == due);
        CHECK(r.event.detail == "merchant_inspection:deemed_passed");
        check_event(r.event, Action::timeout, 0, R::system, due, S::execution, S::execution);
        // The refund is not made in 72 hours: the platform steps in.
        const ActionResult late = must(r.next, rq(Action::timeout, scheduler(), due + 72 * kHour));
        CHECK(late.next.dispute.state == S::mediation);
        CHECK(late.event.detail == "refund:escalate_to_mediation");
    }
    SUBCASE("the buyer never ships the return: closed after 7 days") {
        const Timestamp due = at_return.step_entered_at + 7 * kDay;
        refused(at_return, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
        r = must(at_return, rq(Action::timeout, scheduler(), due));
        CHECK(r.next.dispute.state == S::closed);
        CHECK(r.next.closing_summary == "return_shipment:auto_close");
    }
    SUBCASE("the buyer does not confirm: closed after 7 days without objection") {
        Case c = must(at_inspection, rq(Action::complete_step, merchant(), d.t + 2 * kHour)).next;
        c = must(c, rq(Action::complete_step, merchant(), d.t + 3 * kHour)).next;
        REQUIRE(current_step(c) == ExecutionStep::buyer_confirmation);
        const Timestamp due = d.t + 3 * kHour + 7 * kDay;
        refused(c, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
        r = must(c, rq(Action::timeout, scheduler(), due));
        CHECK(r.next.dispute.state == S::closed);
        CHECK(r.next.closing_summary == "buyer_confirmation:auto_close");
    }
    SUBCASE("staff close a case in execution, with a reason") {
        field_error(at_return, rq(Action::close_case, support(), d.t), "reason", ErrorCode::required);
        r = must(at_return, rq(Action::close_case, support(), d.t + kHour, "双方线下已处理完毕"));
        CHECK(r.next.dispute.state == S::closed);
        CHECK(r.next.closing_summary == "双方线下已处理完毕");
    }
}

TEST_CASE("lifecycle (e): a reissue ships with a tracking number, a late shipment goes to mediation") {
    Drive d = reach(S::awaiting_merchant, new_case(9900, Category::not_received, Remedy::reissue));
    d.act(Action::merchant_accept, merchant());
    REQUIRE(current_step(d.c) == ExecutionStep::reship);
    field_error(d.c, rq(Action::complete_step, merchant(), d.t), "tracking_number", ErrorCode::required);
    const Case late = must(d.c, rq(Action::timeout, scheduler(), d.c.step_entered_at + 72 * kHour)).next;
    CHECK(late.dispute.state == S::mediation);
    d.act(Action::complete_step, merchant(), [](ActionRequest& r) { r.tracking_number = "ZTO-20260302-77"; });
    CHECK(d.c.reship_tracking == "ZTO-20260302-77");
    CHECK(d.c.return_tracking.empty());
    CHECK(current_step(d.c) == ExecutionStep::buyer_confirmation);
}

TEST_CASE("lifecycle (f): the buyer may withdraw from every state before a ruling, not after") {
    const S before[] = {S::filed,     S::info_requested,   S::awaiting_merchant, S::negotiation,
                        S::mediation, S::mediation_review, S::awaiting_consent,  S::arbitration};
    for (const S s : before) {
        CAPTURE(to_key(s));
        Drive d = reach(s);
        refused(d.c, rq(Action::withdraw, merchant(), d.t + kHour, "x"), ErrorCode::forbidden);
        refused(d.c, rq(Action::withdraw, support(), d.t + kHour, "x"), ErrorCode::forbidden);
        field_error(d.c, rq(Action::withdraw, buyer(), d.t + kHour), "reason", ErrorCode::required);
        const ActionResult r = must(d.c, rq(Action::withdraw, buyer(), d.t + kHour, "已与商家私下和解"));
        CHECK(r.next.dispute.state == S::withdrawn);
        CHECK(r.next.resolved_at == d.t + kHour);
        check_event(r.event, Action::withdraw, kBuyer, R::case_buyer, d.t + kHour, s, S::withdrawn, "已与商家私下和解");
        CHECK(open_deadlines(r.next, kRules, kPlain).empty());
        CHECK(may_outcome(r.next, Action::timeout, scheduler(), d.t + 100 * kDay) == "case_finished");
    }
    for (const S s : {S::ruled, S::appealed, S::execution}) {
        CAPTURE(to_key(s));
        const Drive d = reach(s);
        refused(d.c, rq(Action::withdraw, buyer(), d.t + kHour, "x"), ErrorCode::action_not_allowed_in_state);
    }
    for (const S s : {S::closed, S::rejected, S::referred_external, S::withdrawn}) {
        CAPTURE(to_key(s));
        const Drive d = reach(s);
        refused(d.c, rq(Action::withdraw, buyer(), d.t + kHour, "x"), ErrorCode::case_finished);
    }
}

TEST_CASE("lifecycle (g): rejecting a case needs a stated reason") {
    for (const S s : {S::filed, S::info_requested}) {
        CAPTURE(to_key(s));
        const Drive d = reach(s);
        field_error(d.c, rq(Action::reject_case, support(), d.t + kHour), "reason", ErrorCode::required);
        refused(d.c, rq(Action::reject_case, buyer(), d.t + kHour, "x"), ErrorCode::forbidden);
        const ActionResult r = must(d.c, rq(Action::reject_case, admin(), d.t + kHour, "订单不属于本平台"));
        CHECK(r.next.dispute.state == S::rejected);
        CHECK(r.next.resolved_at == d.t + kHour);
        check_event(r.event, Action::reject_case, kAdmin, R::admin, d.t + kHour, s, S::rejected, "订单不属于本平台");
        CHECK(may_outcome(r.next, Action::accept_case, support(), d.t) == "case_finished");
    }
}

TEST_CASE("lifecycle (h): request everything missing at once, the buyer supplies it, triage restarts") {
    const Case c = new_case();
    ActionRequest ask = rq(Action::request_info, support(), T0 + kHour);
    field_error(c, ask, "items", ErrorCode::required);
    ask.items = {"订单截图", "开箱视频", "订单截图"};
    field_error(c, ask, "items[2]", ErrorCode::duplicate);
    ask.items.clear();
    for (int i = 0; i < 21; ++i) ask.items.push_back("材料 " + std::to_string(i));
    field_error(c, ask, "items", ErrorCode::too_many);
    ask.items.pop_back();  // exactly 20 is fine
    CHECK(must(c, ask).next.info_items.size() == 20);
    ask.items = {"订单截图", ""};
    field_error(c, ask, "items[1]", ErrorCode::required);

    ask.items = {"订单截图", "开箱视频"};
    const ActionResult asked = must(c, ask);
    CHECK(asked.next.dispute.state == S::info_requested);
    CHECK(asked.next.info_items == std::vector<std::string>{"订单截图", "开箱视频"});
    CHECK(asked.next.first_response_at == T0 + kHour);
    CHECK(asked.next.platform_paused_since == T0 + kHour);
    check_event(asked.event, Action::request_info, kSupport, R::support, T0 + kHour, S::filed, S::info_requested);
    // Asked once: support cannot ask again while waiting.
    CHECK(may_outcome(asked.next, Action::request_info, support(), T0 + 2 * kHour) == "action_not_allowed_in_state");

    SUBCASE("the buyer provides it: back to triage with a fresh triage deadline") {
        const Timestamp t = T0 + 10 * kHour;
        refused(asked.next, rq(Action::provide_info, merchant(), t), ErrorCode::forbidden);
        const ActionResult back = must(asked.next, rq(Action::provide_info, buyer(), t));
        CHECK(back.next.dispute.state == S::filed);
        CHECK(back.next.state_entered_at == t);
        CHECK(back.next.platform_paused_since == 0);
        CHECK(back.next.platform_paused_seconds == 9 * kHour);
        check_event(back.event, Action::provide_info, kBuyer, R::case_buyer, t, S::info_requested, S::filed);
        CHECK(may_outcome(back.next, Action::accept_case, support(), t) == "allowed");
        // The triage deadline counts from the material's arrival.
        const auto ds = open_deadlines(back.next, kRules, kPlain);
        const auto tri =
            std::find_if(ds.begin(), ds.end(), [](const Deadline& x) { return x.kind == DeadlineKind::triage; });
        REQUIRE(tri != ds.end());
        CHECK(tri->due == t + 24 * kHour);
    }
    SUBCASE("the buyer never answers: closed after 72 hours") {
        const Timestamp due = T0 + kHour + 72 * kHour;
        refused(asked.next, rq(Action::timeout, scheduler(), due - 1), ErrorCode::deadline_not_reached);
        const ActionResult r = must(asked.next, rq(Action::timeout, scheduler(), due));
        CHECK(r.next.dispute.state == S::closed);
        CHECK(r.next.closing_summary == "info_reply:auto_close");
        CHECK(r.next.resolved_at == due);
        check_event(r.event, Action::timeout, 0, R::system, due, S::info_requested, S::closed);
    }
}

TEST_CASE("lifecycle (i): a personal-safety case cannot be accepted as normal or left at the frontline") {
    const Case c = new_case(15000, Category::quality_defect, Remedy::full_refund, true);
    REQUIRE(c.triage.priority == Priority::urgent);
    REQUIRE(c.triage.queue == Queue::specialist);
    ActionRequest a = rq(Action::accept_case, support(), T0 + kHour);
    a.triage = triage(Category::quality_defect, Priority::normal, Queue::specialist, true);
    field_error(c, a, "triage.priority", ErrorCode::safety_is_urgent);
    a.triage = triage(Category::quality_defect, Priority::urgent, Queue::frontline, true);
    field_error(c, a, "triage.queue", ErrorCode::safety_is_urgent);
    a.triage = triage(Category::quality_defect, Priority::urgent, Queue::specialist, true);
    const Case ok = must(c, a).next;
    CHECK(ok.triage.priority == Priority::urgent);
    CHECK(ok.triage.personal_safety);
}

TEST_CASE("lifecycle: referral to a court or an arbitration institution") {
    Drive d = reach(S::ruled);
    field_error(d.c, rq(Action::refer_external, merchant(), d.t + kHour), "reason", ErrorCode::required);
    ActionRequest r = rq(Action::refer_external, merchant(), d.t + kHour, "提交仲裁委员会");
    r.external = ExternalBody::arbitration_institution;
    const ActionResult res = must(d.c, r);
    CHECK(res.next.dispute.state == S::referred_external);
    REQUIRE(res.next.referred_to);
    CHECK(*res.next.referred_to == ExternalBody::arbitration_institution);
    check_event(res.event, Action::refer_external, kMerchantUser, R::case_merchant, d.t + kHour, S::ruled,
                S::referred_external, "提交仲裁委员会");
    CHECK(res.event.detail == "arbitration_institution");
    CHECK_FALSE(res.next.litigation_risk);  // no court: nothing is flagged by itself
    // Staff may still flag the risk after the referral.
    CHECK(may_outcome(res.next, Action::flag_litigation_risk, support(), d.t + 2 * kHour) == "allowed");
    const ActionResult flagged = must(res.next, rq(Action::flag_litigation_risk, support(), d.t + 2 * kHour, "商家称将起诉"));
    CHECK(flagged.next.litigation_risk);
    CHECK(flagged.next.dispute.state == S::referred_external);
    CHECK(may_outcome(flagged.next, Action::flag_litigation_risk, admin(), d.t + 3 * kHour) == "already_done");
    // A third-party mediation body (seed 000: 第三方调解机构).
    r.external = ExternalBody::third_party_mediation;
    const ActionResult mediation_body = must(d.c, r);
    CHECK(*mediation_body.next.referred_to == ExternalBody::third_party_mediation);
    CHECK(mediation_body.event.detail == "third_party_mediation");
    CHECK_FALSE(mediation_body.next.litigation_risk);
    // After closing, a party may still go to court; a court referral flags the litigation risk by itself.
    Drive closed = reach(S::closed);
    REQUIRE_FALSE(closed.c.litigation_risk);
    const ActionResult after = must(closed.c, rq(Action::refer_external, buyer(), closed.t + kDay, "起诉"));
    CHECK(after.next.dispute.state == S::referred_external);
    CHECK(*after.next.referred_to == ExternalBody::court);
    CHECK(after.next.litigation_risk);
    CHECK(after.event.detail == "court litigation_risk");
    CHECK(may_outcome(after.next, Action::flag_litigation_risk, support(), closed.t + 2 * kDay) == "already_done");
    // Already flagged before: the referral says only where it went.
    Case risky = closed.c;
    risky.litigation_risk = true;
    CHECK(must(risky, rq(Action::refer_external, buyer(), closed.t + kDay, "起诉")).event.detail == "court");
}

TEST_CASE("apply never changes the case it is given, and every success stamps updated_at") {
    Drive d = reach(S::negotiation);
    const Case before = d.c;
    ActionRequest o = rq(Action::make_offer, buyer(), d.t + kHour);
    o.terms = terms(Remedy::partial_refund, 7000);
    const ActionResult r = must(before, o);
    CHECK(before.offers.size() == 1);
    CHECK(r.next.offers.size() == 2);
    CHECK(r.next.dispute.updated_at == d.t + kHour);
    CHECK(before.dispute.updated_at == d.t);
}

// Rules settled after review: one-time info request, consent is final, safety downgrades explained,
// an external referral after closing keeps the resolution time.
TEST_CASE("settled rules: ask once, consent is final, safety flag needs a reason to clear") {
    const RuleSet rules;
    const LifecycleContext ctx{rules, china_calendar()};
    Dispute d;
    d.id = 1;
    d.buyer_id = 10;
    d.merchant_id = 20;
    d.amount = {5000, "CNY"};
    d.created_at = 1'790'000'000;
    Case c = open_case(d, {10000, "CNY"}, {true}, rules.high_value_min_minor);
    const Actor support{{30, Role::support, 0}, false, ApprovalLevel::team_lead};
    const Actor buyer{{10, Role::buyer, 0}, false, ApprovalLevel::team_lead};
    const Actor merchant{{99, Role::merchant, 20}, false, ApprovalLevel::team_lead};

    SUBCASE("request_info only once") {
        ActionRequest ask = rq(Action::request_info, support, d.created_at + 60);
        ask.items = {"发票照片"};
        ActionResult r = apply(c, ask, ctx);
        REQUIRE(r.ok);
        r = apply(r.next, rq(Action::provide_info, buyer, d.created_at + 120), ctx);
        REQUIRE(r.ok);
        CHECK(r.next.dispute.state == DisputeState::filed);
        ErrorCode why{};
        CHECK_FALSE(may(r.next, Action::request_info, support, d.created_at + 180, ctx, &why));
        CHECK(why == ErrorCode::already_done);
    }
    SUBCASE("clearing the safety flag needs a reason") {
        ActionRequest accept = rq(Action::accept_case, support, d.created_at + 60);
        accept.triage = {Category::quality_defect, Priority::normal, Queue::frontline, RootCause::other, false};
        ActionResult r = apply(c, accept, ctx);
        CHECK_FALSE(r.ok);
        REQUIRE(r.field_errors.size() == 1);
        CHECK(r.field_errors[0].field == "reason");
        accept.reason = "买家说明仅为外观问题，不涉及人身安全";
        CHECK(apply(c, accept, ctx).ok);
    }
    SUBCASE("a party who consented cannot decline") {
        c.dispute.state = DisputeState::awaiting_consent;
        c.proposal = Terms{Remedy::partial_refund, {2000, "CNY"}, ""};
        c.proposer_id = 40;
        ActionResult r = apply(c, rq(Action::consent, merchant, d.created_at + 60), ctx);
        REQUIRE(r.ok);
        ActionRequest decline = rq(Action::decline_proposal, merchant, d.created_at + 120);
        decline.reason = "改主意了";
        r = apply(r.next, decline, ctx);
        CHECK_FALSE(r.ok);
        CHECK(r.error == ErrorCode::already_done);
    }
    SUBCASE("referring a closed case keeps its resolution time") {
        c.dispute.state = DisputeState::execution;
        c.plan = {ExecutionStep::buyer_confirmation};
        ActionRequest confirm = rq(Action::complete_step, buyer, d.created_at + 100);
        ActionResult r = apply(c, confirm, ctx);
        REQUIRE(r.ok);
        REQUIRE(r.next.dispute.state == DisputeState::closed);
        CHECK(r.next.resolved_at == d.created_at + 100);
        ActionRequest refer = rq(Action::refer_external, buyer, d.created_at + 500);
        refer.reason = "向法院起诉";
        r = apply(r.next, refer, ctx);
        REQUIRE(r.ok);
        CHECK(r.next.dispute.state == DisputeState::referred_external);
        CHECK(r.next.resolved_at == d.created_at + 100);
    }
}

// ---------------------------------------------------------------------------
// Cases a merchant files (seed 001): against a buyer on its own order, and against the platform.

namespace {

Case merchant_case(CaseKind kind, std::int64_t amount = 15000) {
    Dispute d;
    d.id = 77;
    d.kind = kind;
    d.merchant_id = kShop;
    d.merchant_name = "良品小店";
    d.requested_remedy = Remedy::compensation;
    d.amount = cny(amount);
    d.created_at = d.updated_at = T0;
    Money ceiling = cny(200000);
    if (kind == CaseKind::merchant_vs_buyer) {
        d.order_ref = "ORD-20260301-0001";
        d.buyer_id = kBuyer;
        d.category = Category::after_sales;
        d.description = "买家退回的耳机外壳破损，要求赔偿维修费用。";
    } else {
        d.category = Category::platform_policy;
        d.description = "平台误判店铺违规并扣除保证金，要求退还。";
        ceiling = claim_ceiling(FilingForm{}, nullptr);  // no order: the rules' ceiling
        ceiling.currency = "CNY";
    }
    return open_case(d, ceiling, TriageFacts{}, kRules.high_value_min_minor);
}

std::string names(const std::vector<Action>& v) {
    std::string s;
    for (const Action a : v) s += std::string(to_key(a)) + " ";
    return s;
}

const Deadline* find_deadline(const std::vector<Deadline>& ds, DeadlineKind k) {
    for (const Deadline& d : ds)
        if (d.kind == k) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("merchant v. buyer: the buyer answers in the merchant's place, a full path to closing") {
    Drive d{merchant_case(CaseKind::merchant_vs_buyer), T0, {}};
    CHECK(relation_to(d.c, buyer()) == R::case_buyer);
    CHECK(relation_to(d.c, merchant()) == R::case_merchant);
    d.act(Action::accept_case, support(), [](ActionRequest& r) { r.triage = triage(Category::after_sales); });
    REQUIRE(d.c.dispute.state == S::awaiting_merchant);  // awaiting the respondent: the buyer
    // The respondent (buyer) answers; the claimant (merchant) may withdraw or ask the platform in early.
    CHECK(names(available_actions(d.c, buyer(), d.t, kCtx)) == "merchant_accept merchant_offer merchant_contest ");
    CHECK(names(available_actions(d.c, merchant(), d.t, kCtx)) == "request_mediation withdraw ");
    CHECK(may_outcome(d.c, Action::merchant_accept, merchant(), d.t) == "forbidden");
    // The buyer's deadline; a silent buyer escalates to mediation (no auto-grant against a buyer).
    const auto ds = open_deadlines(d.c, kRules, kPlain);
    const Deadline* resp = find_deadline(ds, DeadlineKind::merchant_response);
    REQUIRE(resp != nullptr);
    CHECK(resp->on == Party::buyer);
    CHECK(resp->consequence == Consequence::escalate_to_mediation);
    CHECK(must(d.c, rq(Action::timeout, scheduler(), resp->due)).next.dispute.state == S::mediation);

    // The buyer contests; the merchant (claimant) has the next move in negotiation.
    d.act(Action::merchant_contest, buyer(), [](ActionRequest& r) { r.reason = "寄回时完好，有开箱视频"; });
    CHECK(d.last.event.relation == R::case_buyer);
    CHECK(find_deadline(open_deadlines(d.c, kRules, kPlain), DeadlineKind::negotiation)->on == Party::merchant);
    d.act(Action::make_offer, merchant(), [](ActionRequest& r) { r.terms = terms(Remedy::compensation, 8000); });
    d.act(Action::accept_offer, buyer(), [](ActionRequest& r) { r.target = 1; });
    REQUIRE(d.c.dispute.state == S::execution);
    REQUIRE(d.c.plan == std::vector<ExecutionStep>{ExecutionStep::refund, ExecutionStep::buyer_confirmation});
    // The respondent pays, the claimant confirms.
    CHECK(step_party(d.c, ExecutionStep::refund) == Party::buyer);
    CHECK(find_deadline(open_deadlines(d.c, kRules, kPlain), DeadlineKind::refund)->on == Party::buyer);
    CHECK(may_outcome(d.c, Action::complete_step, merchant(), d.t) == "forbidden");
    d.act(Action::complete_step, buyer());
    CHECK(may_outcome(d.c, Action::complete_step, buyer(), d.t) == "forbidden");
    d.act(Action::complete_step, merchant());
    CHECK(d.c.dispute.state == S::closed);
    d.act(Action::rate, merchant(), [](ActionRequest& r) { r.rating = {4, "", 0}; });
    d.act(Action::rate, buyer(), [](ActionRequest& r) { r.rating = {2, "", 0}; });
    CHECK(d.c.merchant_rating->score == 4);
    CHECK(d.c.buyer_rating->score == 2);
}

TEST_CASE("merchant v. buyer: withdrawing is the merchant's, a ruling against the buyer is carried out") {
    Drive d{merchant_case(CaseKind::merchant_vs_buyer), T0, {}};
    CHECK(may_outcome(d.c, Action::withdraw, buyer(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::withdraw, merchant(), d.t) == "allowed");
    // Information is asked of the claimant.
    d.act(Action::request_info, support(), [](ActionRequest& r) { r.items = {"退回商品照片"}; });
    CHECK(find_deadline(open_deadlines(d.c, kRules, kPlain), DeadlineKind::info_reply)->on == Party::merchant);
    CHECK(may_outcome(d.c, Action::provide_info, buyer(), d.t) == "forbidden");
    d.act(Action::provide_info, merchant());
    d.act(Action::accept_case, support(), [](ActionRequest& r) { r.triage = triage(Category::after_sales); });
    d.act(Action::request_mediation, merchant());
    d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
    d.act(Action::refer_to_arbitration, mediator(), [](ActionRequest& r) { r.reason = "双方各执一词"; });
    d.act(Action::assign_arbitrator, arbitrator());
    ActionRequest rr = rq(Action::rule, arbitrator(), d.t + kHour);
    rr.ruling = ruling(Liability::merchant, terms(Remedy::compensation, 5000));
    field_error(d.c, rr, "ruling.remedy.amount_minor", ErrorCode::not_applicable);  // the claimant liable: dismissed
    rr.ruling = ruling(Liability::buyer, terms(Remedy::compensation, 5000));
    const Case ruled = must(d.c, rr).next;
    const Timestamp end = deadline_after(ruled.state_entered_at, kRules.deadlines.appeal_window, kPlain);
    const ActionResult ex = must(ruled, rq(Action::timeout, scheduler(), end));
    CHECK(ex.next.dispute.state == S::execution);
    CHECK(ex.next.settlement->terms.amount == cny(5000));
    CHECK(step_party(ex.next, current_step(ex.next)) == Party::buyer);
}

TEST_CASE("merchant v. platform: straight to mediation, the merchant alone consents, staff pay, a full path") {
    Drive d{merchant_case(CaseKind::merchant_vs_platform, 150000), T0, {}};
    CHECK(d.c.order_total == cny(FilingRules{}.no_order_amount_max_minor));
    // No buyer on the case.
    CHECK(relation_to(d.c, buyer()) == R::outsider);
    CHECK(may_outcome(d.c, Action::withdraw, merchant(), d.t) == "allowed");
    d.act(Action::accept_case, support(), [](ActionRequest& r) {
        r.triage = triage(Category::platform_policy, Priority::normal, Queue::specialist);
    });
    REQUIRE(d.c.dispute.state == S::mediation);  // the platform answers: no awaiting_merchant
    CHECK(d.c.platform_paused_since == 0);
    d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
    // The platform pays 1500.00: a manager approves, risk management is told.
    d.act(Action::propose_settlement, mediator(),
          [](ActionRequest& r) { r.terms = platform_pays(Remedy::compensation, 150000, "退还保证金"); });
    CHECK(d.c.notify_risk);
    CHECK(may_outcome(d.c, Action::approve_proposal, approver(), d.t) == "approval_level_too_low");
    d.act(Action::approve_proposal, manager());
    REQUIRE(d.c.dispute.state == S::awaiting_consent);
    CHECK(find_deadline(open_deadlines(d.c, kRules, kPlain), DeadlineKind::consent)->on == Party::merchant);
    d.act(Action::consent, merchant());
    REQUIRE(d.c.dispute.state == S::execution);  // no buyer to wait for
    CHECK(d.c.settlement->terms.payer == Payer::platform);
    // The platform's staff make the payment; the merchant confirms.
    CHECK(find_deadline(open_deadlines(d.c, kRules, kPlain), DeadlineKind::refund)->on == Party::platform);
    CHECK(may_outcome(d.c, Action::complete_step, merchant(), d.t) == "forbidden");
    CHECK(may_outcome(d.c, Action::complete_step, mediator(kOtherMediator), d.t) == "forbidden");
    d.act(Action::complete_step, support());
    CHECK(may_outcome(d.c, Action::complete_step, support(), d.t) == "forbidden");
    d.act(Action::complete_step, merchant());
    CHECK(d.c.dispute.state == S::closed);
    d.act(Action::rate, merchant(), [](ActionRequest& r) { r.rating = {5, "处理公正", 0}; });
    CHECK(d.c.merchant_rating->score == 5);
}

TEST_CASE("merchant v. platform: declining goes to arbitration, the platform liable upholds the claim") {
    Drive d{merchant_case(CaseKind::merchant_vs_platform, 150000), T0, {}};
    d.act(Action::accept_case, support(), [](ActionRequest& r) {
        r.triage = triage(Category::contract, Priority::normal, Queue::specialist);
    });
    d.act(Action::assign_mediator, support(), [](ActionRequest& r) { r.target = kMediator; });
    d.act(Action::propose_settlement, mediator(),
          [](ActionRequest& r) { r.terms = platform_pays(Remedy::compensation, 50000); });
    d.act(Action::approve_proposal, approver());
    d.act(Action::decline_proposal, merchant(), [](ActionRequest& r) { r.reason = "金额太低"; });
    REQUIRE(d.c.dispute.state == S::arbitration);
    d.act(Action::assign_arbitrator, arbitrator());
    d.act(Action::rule, arbitrator(), [](ActionRequest& r) {
        r.ruling = ruling(Liability::platform, platform_pays(Remedy::compensation, 150000));
    });
    CHECK_FALSE(d.c.penalty.has_value());
    const Timestamp end = deadline_after(d.c.state_entered_at, kRules.deadlines.appeal_window, kPlain);
    const ActionResult ex = must(d.c, rq(Action::timeout, scheduler(), end));
    CHECK(ex.next.dispute.state == S::execution);
    CHECK(ex.next.settlement->basis == SettlementBasis::ruling);
}

TEST_CASE("a reason of spaces is no reason, ideographic spaces included") {
    Drive d = reach(S::negotiation);
    field_error(d.c, rq(Action::withdraw, buyer(), d.t + kHour, "   "), "reason", ErrorCode::required);
    field_error(d.c, rq(Action::withdraw, buyer(), d.t + kHour, "\xE3\x80\x80\xE3\x80\x80"), "reason", ErrorCode::required);
    CHECK(apply(d.c, rq(Action::withdraw, buyer(), d.t + kHour, " 不想退了 "), kCtx).ok);
}
