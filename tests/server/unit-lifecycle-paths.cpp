// Every path of the case lifecycle (PRODUCT.md "The case lifecycle") driven through the API
// alone, as the users would: the state after each step, the final state, and the history
// (GET /events) naming every step with the actor's relation to the case.
//
// Paths that need no deadline to pass share one server; those that let a deadline pass run on
// a server of their own with the test clock, since moving the clock fires every case's deadlines.
#include <doctest/doctest.h>

#include "fixtures.hpp"

using namespace accord::test;

namespace {

SharedServer shared;

const std::string kReason = "买家与商家的说法不一致，需要进一步处理";
const std::string kReasoning = "商家未能提供发货前的质检记录，买家提供的照片显示商品存在明显缺陷，故认定商家承担责任。";

// A fresh order of `buyer` at 星辰数码 (the "merchant" shop), costing total_minor.
std::string order(SharedServer& w, std::int64_t total_minor = 89900, const std::string& buyer = "buyer") {
    return add_order(w.server(), buyer, kDigitalShop, total_minor);
}

// Filed by the buyer and accepted by support: awaiting the merchant.
std::int64_t accepted_case(SharedServer& w, const std::string& remedy, std::int64_t amount_minor,
                           std::int64_t order_total = 89900) {
    Session buyer = w.as("buyer"), support = w.as("support");
    const std::int64_t id = file_case(buyer, filing_body(order(w, order_total), remedy, amount_minor));
    CHECK(act(support, id, accept_case())["dispute"]["state"] == "awaiting_merchant");
    return id;
}

// Accepted, then the buyer asks the platform to step in and `mediator` takes the case.
std::int64_t mediated_case(SharedServer& w, const std::string& remedy, std::int64_t amount_minor,
                           std::int64_t order_total = 89900, const std::string& mediator = "mediator") {
    const std::int64_t id = accepted_case(w, remedy, amount_minor, order_total);
    Session buyer = w.as("buyer"), m = w.as(mediator);
    CHECK(act(buyer, id, {{"action", "request_mediation"}})["dispute"]["state"] == "mediation");
    const json r = act(m, id, {{"action", "assign_mediator"}});  // self-assignment
    CHECK(r["progress"]["mediator_id"] == user_id(w.server(), mediator));
    return id;
}

}  // namespace

TEST_CASE("settled in negotiation: an offer, counter-offers, the buyer accepts, the remedy is carried out, closed") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), support = w.as("support");
    const std::int64_t id = file_case(buyer, filing_body(order(w), "partial_refund", 40000));
    CHECK(state_of(buyer, id) == "filed");
    CHECK(act(support, id, accept_case())["dispute"]["state"] == "awaiting_merchant");

    json r = act(merchant, id, {{"action", "merchant_offer"}, {"terms", terms("partial_refund", 20000)}});
    CHECK(r["dispute"]["state"] == "negotiation");
    CHECK(r["event"]["detail"] == "offer 1");
    r = act(buyer, id, {{"action", "make_offer"}, {"terms", terms("partial_refund", 35000)}, {"reason", "耳机只能用一半"}});
    CHECK(r["dispute"]["state"] == "negotiation");
    CHECK(r["event"]["detail"] == "offer 2");
    // Nobody accepts their own offer; only the latest offer is open.
    refused(buyer, id, {{"action", "accept_offer"}, {"offer_seq", 2}}, 409, "cannot_accept_own_offer");
    r = act(merchant, id, {{"action", "make_offer"}, {"terms", terms("partial_refund", 30000)}});
    CHECK(r["event"]["detail"] == "offer 3");
    CHECK(r["progress"]["offers"].size() == 3);
    refused(buyer, id, {{"action", "accept_offer"}, {"offer_seq", 2}}, 422, "not_found", "offer_seq");
    CHECK(state_of(buyer, id) == "negotiation");

    r = act(buyer, id, {{"action", "accept_offer"}, {"offer_seq", 3}});
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["basis"] == "offer_accepted");
    CHECK(r["progress"]["settlement"]["terms"]["amount_minor"] == 30000);
    CHECK(r["progress"]["execution"]["plan"] == json({"refund", "buyer_confirmation"}));

    CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});
    const json v = view(buyer, id);
    CHECK(v["dispute"]["state"] == "closed");
    CHECK(v["progress"]["closing_summary"] == "executed");
    CHECK(v["deadlines"].empty());

    const json ev = events(buyer, id);
    CHECK(timeline(ev) == std::vector<std::string>{
                             "file case_buyer ->filed",
                             "accept_case support filed>awaiting_merchant",
                             "merchant_offer case_merchant awaiting_merchant>negotiation",
                             "make_offer case_buyer negotiation>negotiation",
                             "make_offer case_merchant negotiation>negotiation",
                             "accept_offer case_buyer negotiation>execution",
                             "complete_step case_merchant execution>execution",
                             "complete_step case_buyer execution>closed",
                         });
    // Who: the actor's account on every step.
    const std::int64_t b = user_id(w.server(), "buyer"), m = user_id(w.server(), "merchant"),
                       s = user_id(w.server(), "support");
    std::vector<std::int64_t> actors;
    for (const json& e : ev) actors.push_back(e["actor_id"].get<std::int64_t>());
    CHECK(actors == std::vector<std::int64_t>{b, s, m, b, m, b, m, b});
    CHECK(ev[2]["reason"] == "");
    CHECK(ev[3]["reason"] == "耳机只能用一半");
}

TEST_CASE("the merchant accepts the claim: the buyer's request is carried out as filed") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant");
    const std::int64_t id = accepted_case(w, "full_refund", 5000);
    const json r = act(merchant, id, {{"action", "merchant_accept"}});
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["basis"] == "merchant_accepted");
    CHECK(r["progress"]["settlement"]["terms"]["remedy"] == "full_refund");
    CHECK(r["progress"]["settlement"]["terms"]["amount_minor"] == 5000);
    CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});
    CHECK(timeline(merchant, id) == std::vector<std::string>{
                                        "file case_buyer ->filed",
                                        "accept_case support filed>awaiting_merchant",
                                        "merchant_accept case_merchant awaiting_merchant>execution",
                                        "complete_step case_merchant execution>execution",
                                        "complete_step case_buyer execution>closed",
                                    });
}

TEST_CASE("triage: information is requested once, all at once, a case can be rejected with a reason") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), support = w.as("support");

    SUBCASE("request, provide, accept") {
        const std::int64_t id = file_case(buyer, filing_body(order(w), "full_refund", 5000));
        const json items = {"订单截图", "商品照片", "聊天记录"};
        json r = act(support, id, {{"action", "request_info"}, {"items", items}});
        CHECK(r["dispute"]["state"] == "info_requested");
        CHECK(r["progress"]["info_items"] == items);
        CHECK(r["deadlines"][0]["kind"] == "info_reply");
        CHECK(r["deadlines"][0]["on"] == "buyer");
        CHECK(act(buyer, id, {{"action", "provide_info"}})["dispute"]["state"] == "filed");
        // Everything missing was asked for the first time: no second request.
        refused(support, id, {{"action", "request_info"}, {"items", {"发票"}}}, 409, "already_done");
        CHECK(act(support, id, accept_case())["dispute"]["state"] == "awaiting_merchant");
        CHECK(act(buyer, id, {{"action", "withdraw"}, {"reason", "已和商家私下协商解决"}})["dispute"]["state"] ==
              "withdrawn");
        CHECK(timeline(buyer, id) == std::vector<std::string>{
                                         "file case_buyer ->filed",
                                         "request_info support filed>info_requested",
                                         "provide_info case_buyer info_requested>filed",
                                         "accept_case support filed>awaiting_merchant",
                                         "withdraw case_buyer awaiting_merchant>withdrawn",
                                     });
    }
    SUBCASE("reject with a stated reason") {
        const std::int64_t id = file_case(buyer, filing_body(order(w), "full_refund", 5000));
        refused(support, id, {{"action", "reject_case"}}, 422, "required", "reason");
        CHECK(state_of(buyer, id) == "filed");
        const json r = act(support, id, {{"action", "reject_case"}, {"reason", "重复投诉，已在其他案件中处理"}});
        CHECK(r["dispute"]["state"] == "rejected");
        const json ev = events(buyer, id);
        CHECK(timeline(ev) ==
              std::vector<std::string>{"file case_buyer ->filed", "reject_case support filed>rejected"});
        CHECK(ev[1]["reason"] == "重复投诉，已在其他案件中处理");
    }
}

TEST_CASE("a silent merchant loses a claim of at most 200 CNY outright, above it the platform steps in") {
    SharedServer w({"--test-clock"});
    Session support = w.as("support"), buyer = w.as("buyer");
    const std::int64_t small = accepted_case(w, "full_refund", 20000);  // 200.00: granted
    const std::int64_t large = accepted_case(w, "full_refund", 20001);  // 200.01: mediation

    const json small_view = view(support, small), large_view = view(support, large);
    REQUIRE(small_view["deadlines"].size() == 2);  // the merchant's, then the platform's (paused)
    CHECK(small_view["deadlines"][0]["kind"] == "merchant_response");
    CHECK(small_view["deadlines"][0]["on"] == "merchant");
    CHECK(small_view["deadlines"][0]["consequence"] == "auto_grant");
    CHECK(small_view["deadlines"][1]["kind"] == "resolution");
    CHECK(small_view["deadlines"][1]["paused"] == true);
    CHECK(large_view["deadlines"][0]["consequence"] == "escalate_to_mediation");
    const std::int64_t due = std::max(small_view["deadlines"][0]["due"].get<std::int64_t>(),
                                      large_view["deadlines"][0]["due"].get<std::int64_t>());
    CHECK(due - small_view["server_time"].get<std::int64_t>() <= 48 * 3600);

    // One second before: nothing.
    CHECK(advance(w, due - server_now(w.server()) - 5) == 0);
    support.cookie = w.as("support").cookie;  // two days unused: a new session
    CHECK(state_of(support, small) == "awaiting_merchant");
    // Past it: each case's consequence, once.
    CHECK(advance(w, 10) == 2);

    buyer.cookie = w.as("buyer").cookie;  // two days unused: a new session
    json v = view(buyer, small);
    CHECK(v["dispute"]["state"] == "execution");
    CHECK(v["progress"]["settlement"]["basis"] == "auto_granted");
    CHECK(v["progress"]["settlement"]["terms"]["amount_minor"] == 20000);
    json ev = events(buyer, small);
    CHECK(timeline(ev).back() == "timeout system awaiting_merchant>execution");
    CHECK(ev.back()["detail"] == "merchant_response:auto_grant");
    CHECK(ev.back()["actor_id"] == 0);

    v = view(buyer, large);
    CHECK(v["dispute"]["state"] == "mediation");
    CHECK(!v["progress"].contains("settlement"));
    ev = events(buyer, large);
    CHECK(timeline(ev).back() == "timeout system awaiting_merchant>mediation");
    CHECK(ev.back()["detail"] == "merchant_response:escalate_to_mediation");

    // To the end: the granted refund is paid and confirmed; the escalated claim is withdrawn.
    CHECK(finish_execution(w, small) == std::vector<std::string>{"refund", "buyer_confirmation"});
    CHECK(act(buyer, large, {{"action", "withdraw"}, {"reason", "商家已线下退款"}})["dispute"]["state"] == "withdrawn");
    CHECK(events_of(events(buyer, small), "timeout").size() == 1);
    CHECK(events_of(events(buyer, large), "timeout").size() == 1);
}

TEST_CASE("a case closes by itself when the waiting party stays silent: no information, no objection") {
    SharedServer w({"--test-clock"});
    Session support = w.as("support"), buyer = w.as("buyer"), merchant = w.as("merchant");
    const std::int64_t no_info = file_case(buyer, filing_body(order(w), "full_refund", 5000));
    act(support, no_info, {{"action", "request_info"}, {"items", {"商品照片"}}});
    const std::int64_t no_objection = accepted_case(w, "full_refund", 5000);
    act(merchant, no_objection, {{"action", "merchant_accept"}});
    act(merchant, no_objection, {{"action", "complete_step"}});  // refunded; the buyer's confirmation is due

    CHECK(advance_past(w, support, no_info, "info_reply") == 1);
    buyer.cookie = w.as("buyer").cookie;  // days unused: new sessions
    support.cookie = w.as("support").cookie;
    json v = view(buyer, no_info);
    CHECK(v["dispute"]["state"] == "closed");
    CHECK(v["progress"]["closing_summary"] == "info_reply:auto_close");
    CHECK(timeline(buyer, no_info).back() == "timeout system info_requested>closed");
    CHECK(state_of(buyer, no_objection) == "execution");

    CHECK(advance_past(w, support, no_objection, "buyer_confirmation") == 1);
    Session later = w.as("buyer");  // a week passed: a new session
    v = view(later, no_objection);
    CHECK(v["dispute"]["state"] == "closed");
    CHECK(v["progress"]["closing_summary"] == "buyer_confirmation:auto_close");
    const json ev = events(later, no_objection);
    CHECK(timeline(ev).back() == "timeout system execution>closed");
    CHECK(ev.back()["detail"] == "buyer_confirmation:auto_close");
    // Nothing more to fire.
    CHECK(advance(w, 30 * 24 * 3600) == 0);
}

TEST_CASE("mediation: evidence assessed, a proposal reviewed internally, both parties consent") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), support = w.as("support"),
            mediator = w.as("mediator"), approver = w.as("approver");
    const std::int64_t id = accepted_case(w, "full_refund", 50000);
    const std::int64_t invoice = upload_ok(merchant, id, "质检报告.pdf", pdf_bytes());
    json r = act(merchant, id, {{"action", "merchant_contest"}, {"reason", "商品出厂前经过质检"}, {"evidence_ids", {invoice}}});
    CHECK(r["dispute"]["state"] == "negotiation");
    CHECK(r["progress"]["contest_evidence_ids"] == json({invoice}));
    CHECK(act(buyer, id, {{"action", "request_mediation"}})["dispute"]["state"] == "mediation");
    const std::int64_t mediator_id = user_id(w.server(), "mediator");
    r = act(support, id, {{"action", "assign_mediator"}, {"assignee_id", mediator_id}});
    CHECK(r["progress"]["mediator_id"] == mediator_id);
    CHECK(r["event"]["detail"] == "mediator " + std::to_string(mediator_id));

    const std::int64_t photo = upload_ok(buyer, id, "左耳无声.jpg", jpeg_bytes());
    CHECK(view(buyer, id)["progress"]["evidence_ids"] == json({invoice, photo}));
    // A doubtful finding needs a note; only this case's evidence is assessed.
    refused(mediator, id,
            {{"action", "assess_evidence"},
             {"assessment", {{"evidence_id", invoice}, {"authenticity", "doubtful"}, {"relevance", "accepted"},
                             {"legality", "accepted"}}}},
            422, "required", "assessment.note");
    refused(mediator, id,
            {{"action", "assess_evidence"},
             {"assessment", {{"evidence_id", photo + 1000}, {"authenticity", "accepted"}, {"relevance", "accepted"},
                             {"legality", "accepted"}}}},
            422, "not_found", "assessment.evidence_id");
    r = act(mediator, id,
            {{"action", "assess_evidence"},
             {"assessment", {{"evidence_id", photo}, {"authenticity", "accepted"}, {"relevance", "accepted"},
                             {"legality", "accepted"}}}});
    CHECK(r["dispute"]["state"] == "mediation");
    CHECK(r["event"]["detail"] == "evidence " + std::to_string(photo));

    r = act(mediator, id, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 30000)}});
    CHECK(r["dispute"]["state"] == "mediation_review");
    CHECK(r["progress"]["proposal"]["approved"] == false);
    // The parties are asked only after the review.
    refused(buyer, id, {{"action", "consent"}}, 409, "action_not_allowed_in_state");
    r = act(approver, id, {{"action", "approve_proposal"}});
    CHECK(r["dispute"]["state"] == "awaiting_consent");
    CHECK(r["progress"]["proposal"]["approved"] == true);

    r = act(buyer, id, {{"action", "consent"}});
    CHECK(r["dispute"]["state"] == "awaiting_consent");
    CHECK(r["progress"]["proposal"]["buyer_consented"] == true);
    refused(buyer, id, {{"action", "consent"}}, 409, "already_done");
    r = act(merchant, id, {{"action", "consent"}});
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["basis"] == "mediation");
    CHECK(r["progress"]["settlement"]["terms"]["amount_minor"] == 30000);
    finish_execution(w, id);

    CHECK(timeline(buyer, id) == std::vector<std::string>{
                                     "file case_buyer ->filed",
                                     "accept_case support filed>awaiting_merchant",
                                     "add_evidence case_merchant ->-",
                                     "merchant_contest case_merchant awaiting_merchant>negotiation",
                                     "request_mediation case_buyer negotiation>mediation",
                                     "assign_mediator support mediation>mediation",
                                     "add_evidence case_buyer ->-",
                                     "assess_evidence assigned_mediator mediation>mediation",
                                     "propose_settlement assigned_mediator mediation>mediation_review",
                                     "approve_proposal approver mediation_review>awaiting_consent",
                                     "consent case_buyer awaiting_consent>awaiting_consent",
                                     "consent case_merchant awaiting_consent>execution",
                                     "complete_step case_merchant execution>execution",
                                     "complete_step case_buyer execution>closed",
                                 });
}

TEST_CASE("the reviewer returns a proposal with a reason, the mediator proposes again") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), mediator = w.as("mediator"),
            approver = w.as("approver");
    const std::int64_t id = mediated_case(w, "full_refund", 60000);
    act(mediator, id, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 50000)}});
    refused(approver, id, {{"action", "return_proposal"}}, 422, "required", "reason");
    json r = act(approver, id, {{"action", "return_proposal"}, {"reason", "金额偏高，请补充依据"}});
    CHECK(r["dispute"]["state"] == "mediation");
    CHECK(!r["progress"].contains("proposal"));
    r = act(mediator, id, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 40000)}});
    CHECK(r["dispute"]["state"] == "mediation_review");
    act(approver, id, {{"action", "approve_proposal"}});
    act(merchant, id, {{"action", "consent"}});
    CHECK(act(buyer, id, {{"action", "consent"}})["progress"]["settlement"]["terms"]["amount_minor"] == 40000);
    // The mediator may close a case in execution, with a summary.
    refused(mediator, id, {{"action", "close_case"}}, 422, "required", "reason");
    r = act(mediator, id, {{"action", "close_case"}, {"reason", "双方确认已线下执行完毕"}});
    CHECK(r["dispute"]["state"] == "closed");
    CHECK(r["progress"]["closing_summary"] == "双方确认已线下执行完毕");

    const json ev = events(buyer, id);
    const std::vector<std::string> t = timeline(ev);
    const std::vector<std::string> tail(t.begin() + 4, t.end());
    CHECK(tail == std::vector<std::string>{
                      "propose_settlement assigned_mediator mediation>mediation_review",
                      "return_proposal approver mediation_review>mediation",
                      "propose_settlement assigned_mediator mediation>mediation_review",
                      "approve_proposal approver mediation_review>awaiting_consent",
                      "consent case_merchant awaiting_consent>awaiting_consent",
                      "consent case_buyer awaiting_consent>execution",
                      "close_case assigned_mediator execution>closed",
                  });
    CHECK(events_of(ev, "return_proposal")[0]["reason"] == "金额偏高，请补充依据");
}

TEST_CASE("compensation the platform pays from 1000 CNY needs a manager, the same paid by the merchant a team lead") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), mediator = w.as("mediator"),
            approver = w.as("approver"), manager = w.as("manager");
    const std::int64_t platform_pays = mediated_case(w, "compensation", 150000, 300000);
    const std::int64_t merchant_pays = mediated_case(w, "compensation", 150000, 300000);
    act(mediator, platform_pays, {{"action", "propose_settlement"}, {"terms", terms("compensation", 100000, "platform")}});
    act(mediator, merchant_pays, {{"action", "propose_settlement"}, {"terms", terms("compensation", 100000, "merchant")}});
    const std::string notify_risk = "SELECT json_extract(body, '$.notify_risk') FROM cases WHERE dispute_id = ";

    // 1000.00 paid by the platform: the team lead may not, and is not offered the action.
    CHECK_FALSE(offers(view(approver, platform_pays), "approve_proposal"));
    CHECK(offers(view(approver, platform_pays), "return_proposal"));
    refused(approver, platform_pays, {{"action", "approve_proposal"}}, 403, "approval_level_too_low");
    CHECK(state_of(approver, platform_pays) == "mediation_review");
    CHECK(offers(view(manager, platform_pays), "approve_proposal"));
    json r = act(manager, platform_pays, {{"action", "approve_proposal"}});
    CHECK(r["dispute"]["state"] == "awaiting_consent");
    CHECK(sql_int(w.server().db_path(), notify_risk + std::to_string(platform_pays)) == 1);  // risk is told

    // 1000.00 paid by the merchant: the ordinary review.
    r = act(approver, merchant_pays, {{"action", "approve_proposal"}});
    CHECK(r["dispute"]["state"] == "awaiting_consent");
    CHECK(sql_int(w.server().db_path(), notify_risk + std::to_string(merchant_pays)) == 0);

    for (std::int64_t id : {platform_pays, merchant_pays}) {
        act(buyer, id, {{"action", "consent"}});
        act(merchant, id, {{"action", "consent"}});
        CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});
    }
    CHECK(events_of(events(buyer, platform_pays), "approve_proposal")[0]["actor_id"] == user_id(w.server(), "manager"));
    CHECK(events_of(events(buyer, merchant_pays), "approve_proposal")[0]["actor_id"] ==
          user_id(w.server(), "approver"));
}

TEST_CASE("four eyes: only an approver, never the proposing mediator, approves a proposal") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), mediator = w.as("mediator"), approver = w.as("approver"), admin = w.as("admin"),
            support = w.as("support");
    const std::int64_t id = mediated_case(w, "full_refund", 30000);
    // Approvers review; they do not propose.
    refused(approver, id, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 20000)}}, 403,
            "forbidden");
    act(mediator, id, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 20000)}});
    CHECK_FALSE(offers(view(mediator, id), "approve_proposal"));
    refused(mediator, id, {{"action", "approve_proposal"}}, 403, "forbidden");
    refused(mediator, id, {{"action", "return_proposal"}, {"reason", "自己撤回"}}, 403, "forbidden");
    refused(admin, id, {{"action", "approve_proposal"}}, 403, "forbidden");
    refused(support, id, {{"action", "approve_proposal"}}, 403, "forbidden");
    CHECK(state_of(buyer, id) == "mediation_review");
    CHECK(act(approver, id, {{"action", "approve_proposal"}})["dispute"]["state"] == "awaiting_consent");
    // Declined: arbitration; the buyer then withdraws before any ruling.
    refused(buyer, id, {{"action", "decline_proposal"}}, 422, "required", "reason");
    CHECK(act(buyer, id, {{"action", "decline_proposal"}, {"reason", "金额太低"}})["dispute"]["state"] ==
          "arbitration");
    CHECK(act(buyer, id, {{"action", "withdraw"}, {"reason", "不想再等了"}})["dispute"]["state"] == "withdrawn");
    const auto t = timeline(buyer, id);
    CHECK(std::vector<std::string>(t.end() - 4, t.end()) ==
          std::vector<std::string>{"propose_settlement assigned_mediator mediation>mediation_review",
                                   "approve_proposal approver mediation_review>awaiting_consent",
                                   "decline_proposal case_buyer awaiting_consent>arbitration",
                                   "withdraw case_buyer arbitration>withdrawn"});
}

TEST_CASE("arbitration: a ruling, an appeal in time, a different arbitrator, a second ruling, carried out") {
    SharedServer w({"--test-clock"});
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), mediator = w.as("mediator"),
            arbitrator = w.as("arbitrator"), arbitrator2 = w.as("arbitrator2"), admin = w.as("admin");
    const std::int64_t id = mediated_case(w, "return_and_refund", 89900);
    refused(mediator, id, {{"action", "refer_to_arbitration"}}, 422, "required", "reason");
    CHECK(act(mediator, id, {{"action", "refer_to_arbitration"}, {"reason", "双方分歧过大，调解不成"}})["dispute"]["state"] ==
          "arbitration");
    json r = act(arbitrator, id, {{"action", "assign_arbitrator"}});
    const std::int64_t first = user_id(w.server(), "arbitrator"), second = user_id(w.server(), "arbitrator2");
    CHECK(r["progress"]["arbitrator_id"] == first);

    const json first_ruling = {{"liability", "merchant"},
                               {"remedy", terms("return_and_refund", 89900)},
                               {"reasoning", kReasoning}};
    json short_reasoning = first_ruling;
    short_reasoning["reasoning"] = "商家责任";
    refused(arbitrator, id, {{"action", "rule"}, {"ruling", short_reasoning}}, 422, "too_short", "ruling.reasoning");
    r = act(arbitrator, id, {{"action", "rule"}, {"ruling", first_ruling}});
    CHECK(r["dispute"]["state"] == "ruled");
    CHECK(r["progress"]["ruling"]["liability"] == "merchant");
    CHECK(r["progress"]["ruling"]["remedy"]["remedy"] == "return_and_refund");
    CHECK(r["progress"]["ruling"]["reasoning"] == kReasoning);
    CHECK(r["deadlines"][0]["kind"] == "appeal_window");

    // The merchant appeals within the window.
    refused(merchant, id, {{"action", "appeal"}}, 422, "required", "reason");
    r = act(merchant, id, {{"action", "appeal"}, {"reason", "退货商品已被使用，不应全额退款"}});
    CHECK(r["dispute"]["state"] == "appealed");
    CHECK(r["progress"]["arbitrator_id"] == 0);
    CHECK(r["progress"]["ruling"]["appeal_used"] == true);
    // The first arbitrator may not hear the appeal, neither by taking it nor by being given it.
    refused(arbitrator, id, {{"action", "assign_arbitrator"}}, 403, "forbidden");
    refused(admin, id, {{"action", "assign_arbitrator"}, {"assignee_id", first}}, 422, "invalid_choice", "assignee_id");
    refused(arbitrator, id, {{"action", "rule"}, {"ruling", first_ruling}}, 403, "not_assigned");
    r = act(admin, id, {{"action", "assign_arbitrator"}, {"assignee_id", second}});
    CHECK(r["progress"]["arbitrator_id"] == second);
    refused(arbitrator, id, {{"action", "rule"}, {"ruling", first_ruling}}, 403, "not_assigned");

    const json second_ruling = {{"liability", "shared"},
                                {"remedy", terms("partial_refund", 45000)},
                                {"reasoning", kReasoning + "商品已拆封使用，买家亦有过错。"}};
    r = act(arbitrator2, id, {{"action", "rule"}, {"ruling", second_ruling}});
    CHECK(r["dispute"]["state"] == "ruled");
    CHECK(r["progress"]["ruling"]["liability"] == "shared");
    // One appeal per case.
    refused(buyer, id, {{"action", "appeal"}, {"reason", "还是不服"}}, 409, "already_done");

    // The window passes: the ruling is carried out.
    CHECK(advance_past(w, buyer, id, "appeal_window") == 1);
    Session later = w.as("buyer");  // a week passed: a new session
    r = view(later, id);
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["basis"] == "ruling");
    CHECK(r["progress"]["settlement"]["terms"]["amount_minor"] == 45000);
    CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});

    const json ev = events(later, id);
    const auto t = timeline(ev);
    CHECK(std::vector<std::string>(t.begin() + 4, t.end()) ==
          std::vector<std::string>{
              "refer_to_arbitration assigned_mediator mediation>arbitration",
              "assign_arbitrator arbitrator arbitration>arbitration",
              "rule assigned_arbitrator arbitration>ruled",
              "appeal case_merchant ruled>appealed",
              "assign_arbitrator admin appealed>appealed",
              "rule assigned_arbitrator appealed>ruled",
              "timeout system ruled>execution",
              "complete_step case_merchant execution>execution",
              "complete_step case_buyer execution>closed",
          });
    CHECK(events_of(ev, "rule")[0]["actor_id"] == first);
    CHECK(events_of(ev, "rule")[1]["actor_id"] == second);
}

TEST_CASE("execution of a return and refund: the return's tracking number, the merchant's inspection, the refund") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant");
    const std::int64_t id = accepted_case(w, "return_and_refund", 89900);
    json r = act(merchant, id, {{"action", "merchant_accept"}});
    CHECK(r["progress"]["execution"]["plan"] ==
          json({"return_shipment", "merchant_inspection", "refund", "buyer_confirmation"}));
    CHECK(r["deadlines"][0]["kind"] == "return_shipment");
    CHECK(r["deadlines"][0]["on"] == "buyer");

    refused(merchant, id, {{"action", "complete_step"}, {"tracking_number", "SF1234567890"}}, 403, "forbidden");
    refused(buyer, id, {{"action", "complete_step"}}, 422, "required", "tracking_number");
    refused(buyer, id, {{"action", "complete_step"}, {"tracking_number", "SF 12"}}, 422, "invalid_format",
            "tracking_number");
    r = act(buyer, id, {{"action", "complete_step"}, {"tracking_number", "SF1234567890"}});
    CHECK(r["event"]["detail"] == "return_shipment");
    CHECK(r["progress"]["execution"]["step"] == 1);
    // The merchant must be able to follow the parcel it is waiting for.
    CHECK(view(merchant, id)["progress"]["return_tracking"] == "SF1234567890");
    CHECK(r["deadlines"][0]["kind"] == "merchant_inspection");

    refused(buyer, id, {{"action", "complete_step"}}, 403, "forbidden");
    refused(merchant, id, {{"action", "complete_step"}, {"inspection_passed", false}}, 422, "required", "reason");
    r = act(merchant, id, {{"action", "complete_step"}, {"inspection_passed", true}});
    CHECK(r["event"]["detail"] == "merchant_inspection");
    r = act(merchant, id, {{"action", "complete_step"}});
    CHECK(r["event"]["detail"] == "refund");
    r = act(buyer, id, {{"action", "complete_step"}});
    CHECK(r["event"]["detail"] == "buyer_confirmation");
    CHECK(r["dispute"]["state"] == "closed");

    SUBCASE("a failed inspection goes back to the platform") {
        const std::int64_t other = accepted_case(w, "return_and_refund", 89900);
        act(merchant, other, {{"action", "merchant_accept"}});
        act(buyer, other, {{"action", "complete_step"}, {"tracking_number", "YT9876543210"}});
        r = act(merchant, other,
                {{"action", "complete_step"}, {"inspection_passed", false}, {"reason", "退回的耳机有进水痕迹"}});
        CHECK(r["dispute"]["state"] == "mediation");
        CHECK(r["event"]["detail"] == "merchant_inspection failed");
        act(buyer, other, {{"action", "withdraw"}, {"reason", "接受商家的检测结论"}});
    }
}

TEST_CASE("withdrawal: only the claimant, only with a reason, and the case is finished") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant");
    const std::int64_t id = accepted_case(w, "full_refund", 5000);
    act(merchant, id, {{"action", "merchant_offer"}, {"terms", terms("partial_refund", 2000)}});
    refused(merchant, id, {{"action", "withdraw"}, {"reason", "商家想撤回"}}, 403, "forbidden");
    refused(buyer, id, {{"action", "withdraw"}}, 422, "required", "reason");
    json r = act(buyer, id, {{"action", "withdraw"}, {"reason", "商家已补发，问题解决"}});
    CHECK(r["dispute"]["state"] == "withdrawn");
    CHECK(r["deadlines"].empty());
    CHECK(r["available_actions"] == json({"rate"}));
    refused(merchant, id, {{"action", "make_offer"}, {"terms", terms("partial_refund", 3000)}}, 409, "case_finished");
    refused(buyer, id, {{"action", "withdraw"}, {"reason", "再撤一次"}}, 409, "case_finished");
    expect_error(upload(buyer, id, "late.jpg", jpeg_bytes()), 409, "case_finished");
    const json ev = events(merchant, id);
    CHECK(timeline(ev).back() == "withdraw case_buyer negotiation>withdrawn");
    CHECK(ev.back()["reason"] == "商家已补发，问题解决");
}

TEST_CASE("external referral: a court referral flags litigation risk, staff flag it on an open case") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), admin = w.as("admin"), approver = w.as("approver");
    const std::int64_t to_court = accepted_case(w, "full_refund", 5000);
    const std::int64_t to_mediation_body = accepted_case(w, "full_refund", 5000);
    // Not while the platform's own process runs.
    refused(buyer, to_court, {{"action", "refer_external"}, {"external", "court"}, {"reason", "起诉"}}, 409,
            "action_not_allowed_in_state");
    for (std::int64_t id : {to_court, to_mediation_body}) {
        act(merchant, id, {{"action", "merchant_accept"}});
        finish_execution(w, id);
    }
    refused(buyer, to_court, {{"action", "refer_external"}, {"external", "court"}}, 422, "required", "reason");
    json r = act(buyer, to_court, {{"action", "refer_external"}, {"external", "court"}, {"reason", "退款金额有误，向法院起诉"}});
    CHECK(r["dispute"]["state"] == "referred_external");
    CHECK(r["progress"]["referred_to"] == "court");
    CHECK(r["progress"]["litigation_risk"] == true);
    CHECK(r["event"]["detail"] == "court litigation_risk");
    CHECK(timeline(approver, to_court).back() == "refer_external case_buyer closed>referred_external");

    r = act(admin, to_mediation_body,
            {{"action", "refer_external"}, {"external", "third_party_mediation"}, {"reason", "移交消费者协会调解"}});
    CHECK(r["progress"]["referred_to"] == "third_party_mediation");
    CHECK(r["progress"]["litigation_risk"] == false);
    CHECK(r["event"]["detail"] == "third_party_mediation");

    // Risk management flags an open case itself, once.
    const std::int64_t open = accepted_case(w, "full_refund", 5000);
    refused(approver, open, {{"action", "flag_litigation_risk"}}, 422, "required", "reason");
    r = act(approver, open, {{"action", "flag_litigation_risk"}, {"reason", "买家表示将起诉"}});
    CHECK(r["progress"]["litigation_risk"] == true);
    CHECK(r["dispute"]["state"] == "awaiting_merchant");
    refused(approver, open, {{"action", "flag_litigation_risk"}, {"reason", "再次标记"}}, 409, "already_done");
    refused(buyer, open, {{"action", "flag_litigation_risk"}, {"reason", "我要起诉"}}, 403, "forbidden");
    act(buyer, open, {{"action", "withdraw"}, {"reason", "改走诉讼"}});
}

TEST_CASE("a merchant files against a buyer on its own order, the buyer answers, carried out to the end") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), merchant2 = w.as("merchant2"),
            support = w.as("support");
    json form = filing_body(order(w), "compensation", 10000);
    form["kind"] = "merchant_vs_buyer";
    form["category"] = "other";
    form["description"] = "买家签收后恶意差评并索要赔偿，要求赔偿损失";
    const std::int64_t id = file_case(merchant, form);
    json v = view(buyer, id);
    CHECK(v["dispute"]["kind"] == "merchant_vs_buyer");
    CHECK(v["dispute"]["state"] == "filed");
    expect_error(merchant2.get(case_path(id)), 404, "not_found");

    act(support, id, accept_case("other"));
    v = view(buyer, id);
    CHECK(v["deadlines"][0]["kind"] == "merchant_response");
    CHECK(v["deadlines"][0]["on"] == "buyer");  // the respondent answers
    CHECK(v["deadlines"][0]["consequence"] == "escalate_to_mediation");
    CHECK(offers(v, "merchant_accept"));
    refused(merchant, id, {{"action", "merchant_accept"}}, 403, "forbidden");
    refused(buyer, id, {{"action", "withdraw"}, {"reason", "不是我的投诉"}}, 403, "forbidden");
    const json r = act(buyer, id, {{"action", "merchant_accept"}});
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["basis"] == "merchant_accepted");
    CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});
    CHECK(timeline(merchant, id) == std::vector<std::string>{
                                        "file case_merchant ->filed",
                                        "accept_case support filed>awaiting_merchant",
                                        "merchant_accept case_buyer awaiting_merchant>execution",
                                        "complete_step case_buyer execution>execution",
                                        "complete_step case_merchant execution>closed",
                                    });
}

TEST_CASE("a merchant files against the platform (contract, no order): mediation, the merchant alone consents") {
    SharedServer& w = shared;
    Session merchant = w.as("merchant"), buyer = w.as("buyer"), support = w.as("support"),
            mediator = w.as("mediator"), approver = w.as("approver");
    const json form = {{"kind", "merchant_vs_platform"},
                       {"category", "contract"},
                       {"requested_remedy", "compensation"},
                       {"amount_minor", 50000},
                       {"currency", "CNY"},
                       {"description", "平台单方面下架商品导致损失，违反入驻合同约定"},
                       {"channel", "web"}};
    const std::int64_t id = file_case(merchant, form);
    json v = view(merchant, id);
    CHECK(v["dispute"]["order_ref"] == "");
    CHECK(v["dispute"]["buyer_id"] == 0);
    expect_error(buyer.get(case_path(id)), 404, "not_found");

    json r = act(support, id, {{"action", "accept_case"}, {"triage", triage("contract", "normal", "specialist")}});
    CHECK(r["dispute"]["state"] == "mediation");  // no party answers for the platform
    act(mediator, id, {{"action", "assign_mediator"}});
    act(mediator, id, {{"action", "propose_settlement"}, {"terms", terms("compensation", 30000, "platform")}});
    act(approver, id, {{"action", "approve_proposal"}});
    r = act(merchant, id, {{"action", "consent"}});
    CHECK(r["dispute"]["state"] == "execution");
    CHECK(r["progress"]["settlement"]["terms"]["payer"] == "platform");
    // The platform pays: its staff complete that step, the merchant confirms.
    refused(merchant, id, {{"action", "complete_step"}}, 403, "forbidden");
    CHECK(finish_execution(w, id) == std::vector<std::string>{"refund", "buyer_confirmation"});
    CHECK(timeline(merchant, id) == std::vector<std::string>{
                                        "file case_merchant ->filed",
                                        "accept_case support filed>mediation",
                                        "assign_mediator mediator mediation>mediation",
                                        "propose_settlement assigned_mediator mediation>mediation_review",
                                        "approve_proposal approver mediation_review>awaiting_consent",
                                        "consent case_merchant awaiting_consent>execution",
                                        "complete_step support execution>execution",
                                        "complete_step case_merchant execution>closed",
                                    });
}

TEST_CASE("satisfaction: each party rates once after the case closed, rating moves nothing") {
    SharedServer& w = shared;
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), support = w.as("support");
    const std::int64_t id = accepted_case(w, "full_refund", 5000);
    refused(buyer, id, {{"action", "rate"}, {"rating", {{"score", 5}}}}, 409, "action_not_allowed_in_state");
    act(merchant, id, {{"action", "merchant_accept"}});
    finish_execution(w, id);
    const std::int64_t version = view(buyer, id)["version"].get<std::int64_t>();

    refused(buyer, id, {{"action", "rate"}, {"rating", {{"score", 6}}}}, 422, "out_of_range", "rating.score");
    refused(buyer, id, {{"action", "rate"}, {"rating", {{"score", 0}}}}, 422, "out_of_range", "rating.score");
    json r = act(buyer, id, {{"action", "rate"}, {"rating", {{"score", 5}, {"comment", "处理很快"}}}});
    CHECK(r["dispute"]["state"] == "closed");
    CHECK(r["version"] == version + 1);
    CHECK(r["progress"]["buyer_rating"]["score"] == 5);
    CHECK(r["progress"]["buyer_rating"]["comment"] == "处理很快");
    CHECK(r["event"]["detail"] == "score 5");
    refused(buyer, id, {{"action", "rate"}, {"rating", {{"score", 1}}}}, 409, "already_done");
    refused(support, id, {{"action", "rate"}, {"rating", {{"score", 4}}}}, 403, "forbidden");
    r = act(merchant, id, {{"action", "rate"}, {"rating", {{"score", 3}}}});
    CHECK(r["progress"]["merchant_rating"]["score"] == 3);
    CHECK(r["progress"]["buyer_rating"]["score"] == 5);
    CHECK_FALSE(offers(r, "rate"));
    const auto t = timeline(buyer, id);
    CHECK(std::vector<std::string>(t.end() - 2, t.end()) ==
          std::vector<std::string>{"rate case_buyer closed>closed", "rate case_merchant closed>closed"});
}

TEST_CASE("a case is assigned only to an account of the right role: a mediator to mediate, an arbitrator to rule") {
    SharedServer& w = shared;
    Session support = w.as("support"), admin = w.as("admin"), buyer = w.as("buyer");
    const std::int64_t id = accepted_case(w, "full_refund", 5000);
    act(buyer, id, {{"action", "request_mediation"}});
    const std::int64_t version = view(support, id)["version"].get<std::int64_t>();
    for (const std::string who : {"buyer", "merchant", "support", "arbitrator", "approver", "admin"}) {
        CAPTURE(who);
        refused(support, id, {{"action", "assign_mediator"}, {"assignee_id", user_id(w.server(), who)}}, 422,
                "invalid_choice", "assignee_id");
    }
    refused(support, id, {{"action", "assign_mediator"}, {"assignee_id", 999999}}, 422, "invalid_choice",
            "assignee_id");
    CHECK(view(support, id)["version"] == version);
    CHECK(view(support, id)["progress"]["mediator_id"] == 0);
    const json r = act(support, id, {{"action", "assign_mediator"}, {"assignee_id", user_id(w.server(), "mediator2")}});
    CHECK(r["progress"]["mediator_id"] == user_id(w.server(), "mediator2"));

    Session mediator2 = w.as("mediator2");
    act(mediator2, id, {{"action", "refer_to_arbitration"}, {"reason", "调解不成，转仲裁"}});
    for (const std::string who : {"buyer", "mediator", "approver"}) {
        CAPTURE(who);
        refused(admin, id, {{"action", "assign_arbitrator"}, {"assignee_id", user_id(w.server(), who)}}, 422,
                "invalid_choice", "assignee_id");
    }
    CHECK(view(admin, id)["progress"]["arbitrator_id"] == 0);
    CHECK(act(admin, id, {{"action", "assign_arbitrator"}, {"assignee_id", user_id(w.server(), "arbitrator2")}})
              ["progress"]["arbitrator_id"] == user_id(w.server(), "arbitrator2"));
    act(buyer, id, {{"action", "withdraw"}, {"reason", "不再追究"}});
}

TEST_CASE("silence has a consequence at every step: escalation, deemed consent, deemed inspection, enforced refund") {
    SharedServer w({"--test-clock"});
    Session buyer = w.as("buyer"), merchant = w.as("merchant"), mediator = w.as("mediator"),
            approver = w.as("approver");
    // Negotiation stalls.
    const std::int64_t talks = accepted_case(w, "full_refund", 5000);
    act(merchant, talks, {{"action", "merchant_offer"}, {"terms", terms("partial_refund", 2000)}});
    // The buyer consented, the merchant stays silent.
    const std::int64_t consent = mediated_case(w, "full_refund", 5000);
    act(mediator, consent, {{"action", "propose_settlement"}, {"terms", terms("partial_refund", 4000)}});
    act(approver, consent, {{"action", "approve_proposal"}});
    act(buyer, consent, {{"action", "consent"}});
    // The return arrived; the merchant does not inspect it.
    const std::int64_t inspect = accepted_case(w, "return_and_refund", 89900);
    act(merchant, inspect, {{"action", "merchant_accept"}});
    act(buyer, inspect, {{"action", "complete_step"}, {"tracking_number", "SF1234567890"}});
    // The merchant agreed to refund and does not pay.
    const std::int64_t unpaid = accepted_case(w, "full_refund", 5000);
    act(merchant, unpaid, {{"action", "merchant_accept"}});

    CHECK(view(buyer, talks)["deadlines"][0]["kind"] == "negotiation");
    CHECK(view(buyer, consent)["deadlines"][0]["kind"] == "consent");
    CHECK(view(buyer, consent)["deadlines"][0]["on"] == "merchant");
    CHECK(view(buyer, inspect)["deadlines"][0]["kind"] == "merchant_inspection");
    CHECK(view(buyer, unpaid)["deadlines"][0]["kind"] == "refund");

    CHECK(advance(w, 73 * 3600) == 4);
    buyer.cookie = w.as("buyer").cookie;  // three days unused: a new session
    struct Expected {
        std::int64_t id;
        std::string state, detail, step;
    };
    for (const Expected& e : {Expected{talks, "mediation", "negotiation:escalate_to_mediation", ""},
                              Expected{consent, "execution", "consent:deemed_consent", "refund"},
                              Expected{inspect, "execution", "merchant_inspection:deemed_passed", "refund"},
                              Expected{unpaid, "mediation", "refund:escalate_to_mediation", ""}}) {
        CAPTURE(e.detail);
        const json v = view(buyer, e.id);
        CHECK(v["dispute"]["state"] == e.state);
        const json ev = events(buyer, e.id);
        REQUIRE(events_of(ev, "timeout").size() == 1);
        CHECK(ev.back()["action"] == "timeout");
        CHECK(ev.back()["detail"] == e.detail);
        if (!e.step.empty()) {
            const json& ex = v["progress"]["execution"];
            CHECK(ex["plan"][ex["step"].get<std::size_t>()] == e.step);
        }
    }
    CHECK(view(buyer, consent)["progress"]["settlement"]["basis"] == "mediation");
    CHECK(view(buyer, consent)["progress"]["settlement"]["terms"]["amount_minor"] == 4000);
}
