// The client's view of a case: the server's case view read back into a Case (decode_case_view), the
// payload checks a form runs before sending (check_payload, the same ones apply() runs), and the shape of
// each action's form (action_shape).
#include <doctest/doctest.h>

#include "accord/api.hpp"
#include "accord/api_lifecycle.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

namespace {

// What GET /disputes/{id} sends, as far as the model is concerned.
nlohmann::json view_of(const Case& c) {
    return {{"dispute", api::encode(c.dispute)}, {"progress", api::encode_progress(c)}};
}

Case round_trip(const Case& c) {
    Case out;
    const FieldErrors errors = api::decode_case_view(view_of(c), out);
    REQUIRE_MESSAGE(errors.empty(), describe(errors));
    return out;
}

}  // namespace

TEST_CASE("a case read back from its view offers each actor the same actions as the stored case") {
    for (DisputeState target : {DisputeState::filed, DisputeState::awaiting_merchant, DisputeState::negotiation,
                                DisputeState::mediation, DisputeState::mediation_review, DisputeState::awaiting_consent,
                                DisputeState::arbitration, DisputeState::ruled, DisputeState::appealed,
                                DisputeState::execution, DisputeState::closed}) {
        const Drive d = reach(target);
        const Case seen = round_trip(d.c);
        const std::string state = to_key(target);
        CAPTURE(state);
        CHECK(seen.dispute.state == d.c.dispute.state);
        CHECK(seen.order_total.minor == d.c.order_total.minor);
        CHECK(seen.order_total.currency == d.c.order_total.currency);
        CHECK(seen.offers.size() == d.c.offers.size());
        CHECK(seen.mediator_id == d.c.mediator_id);
        CHECK(seen.arbitrator_id == d.c.arbitrator_id);
        if (target == DisputeState::execution) {  // the plan is shown while it is being carried out
            CHECK(seen.plan.size() == d.c.plan.size());
            CHECK(seen.step == d.c.step);
        }
        for (const Actor& who : {buyer(), merchant(), support(), mediator(), arbitrator(), admin()}) {
            const auto keys = [](const std::vector<Action>& actions) {
                std::string out;
                for (Action a : actions) out += std::string(to_key(a)) + " ";
                return out;
            };
            const std::string role = to_key(who.viewer.role);
            CAPTURE(role);
            CHECK(keys(available_actions(d.c, who, d.t + kHour, kCtx)) ==
                  keys(available_actions(seen, who, d.t + kHour, kCtx)));
        }
    }
}

TEST_CASE("offers, proposal and ruling survive the view with their terms") {
    Drive d = reach(DisputeState::ruled);
    const Case seen = round_trip(d.c);
    REQUIRE(seen.offers.size() == 1);
    CHECK(seen.offers[0].terms.remedy == Remedy::partial_refund);
    CHECK(seen.offers[0].terms.amount.minor == 5000);
    CHECK(seen.offers[0].from == Party::merchant);
    REQUIRE(seen.proposal.has_value());
    CHECK(seen.proposal->amount.minor == 8000);
    CHECK(seen.proposal_approver_id != 0);
    REQUIRE(seen.ruling.has_value());
    CHECK(seen.ruling->liability == d.c.ruling->liability);
    CHECK(seen.ruling->reasoning == d.c.ruling->reasoning);
    CHECK(seen.ruling->remedy.amount.minor == d.c.ruling->remedy.amount.minor);
}

TEST_CASE("a view with a field of the wrong type is refused by name") {
    nlohmann::json v = view_of(new_case());
    v["progress"]["offers"] = nlohmann::json::array({{{"seq", "one"}}});
    Case out;
    const FieldErrors errors = api::decode_case_view(v, out);
    CHECK(has_error(errors, "offers[0].seq", ErrorCode::wrong_type));
    Case none;
    CHECK(has_error(api::decode_case_view(nlohmann::json::array(), none), "", ErrorCode::wrong_type));
}

TEST_CASE("check_payload finds what apply refuses, on the case the client was shown") {
    const Drive d = reach(DisputeState::negotiation);
    const Case seen = round_trip(d.c);
    ActionRequest r = rq(Action::make_offer, buyer(), d.t + kHour);
    r.terms = terms(Remedy::partial_refund, d.c.order_total.minor + 1);  // more than the order
    const FieldErrors predicted = check_payload(seen, r);
    CHECK(has_error(predicted, "terms.amount_minor"));
    const ActionResult applied = apply(d.c, r, kCtx);
    REQUIRE_FALSE(applied.ok);
    CHECK(describe(applied.field_errors) == describe(predicted));

    // Accepting an offer that is not the latest is a payload error too.
    ActionRequest accept = rq(Action::accept_offer, buyer(), d.t + kHour);
    accept.target = 99;
    CHECK(has_error(check_payload(seen, accept), "offer_seq"));
    accept.target = seen.offers.back().seq;
    CHECK(check_payload(seen, accept).empty());
}

TEST_CASE("check_payload asks for the reason where the action requires one") {
    const Case c = new_case();
    CHECK(has_error(check_payload(c, rq(Action::withdraw, buyer(), T0)), "reason", ErrorCode::required));
    CHECK(has_error(check_payload(c, rq(Action::withdraw, buyer(), T0, "　 ")), "reason", ErrorCode::required));
    CHECK(check_payload(c, rq(Action::withdraw, buyer(), T0, "已与商家协商")).empty());
    CHECK(has_error(check_payload(c, rq(Action::withdraw, buyer(), T0, repeat("字", 2001))), "reason",
                    ErrorCode::too_long));
}

TEST_CASE("action_shape names the reason rule and the payload keys of each action") {
    CHECK(action_shape(Action::withdraw).reason_required);
    CHECK(action_shape(Action::withdraw).keys.empty());
    CHECK_FALSE(action_shape(Action::make_offer).reason_required);
    CHECK(action_shape(Action::make_offer).keys == std::vector<std::string>{"terms"});
    CHECK(action_shape(Action::complete_step).keys == std::vector<std::string>{"tracking_number", "inspection_passed"});
    CHECK(action_shape(Action::accept_offer).keys == std::vector<std::string>{"offer_seq"});
    // Every key a shape names is one the decoder takes: a body with it is not refused as unknown.
    for (const auto& e : EnumTable<Action>::entries) {
        for (const std::string& key : action_shape(e.value).keys) {
            nlohmann::json body = {{"action", e.key}, {key, nullptr}};
            ActionRequest out;
            const FieldErrors errors = api::decode(body, out);
            const std::string action = e.key;
            CAPTURE(action);
            CAPTURE(key);
            CHECK_FALSE(has_error(errors, key, ErrorCode::unknown_field));
        }
    }
}
