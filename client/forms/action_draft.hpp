// What a user is filling in for one lifecycle action: text buffers and choices for every payload key an
// action may take (action_shape() in the model says which ones this action shows). to_request() turns the
// draft into the model's ActionRequest, which the client checks with check_payload() and sends encoded by
// api::encode() — the same code the server decodes and checks with.
#pragma once
#include <set>

#include "accord/lifecycle.hpp"

namespace accord::client {

// Terms as typed: the amount is text in yuan until sent.
struct TermsDraft {
    int remedy = static_cast<int>(Remedy::partial_refund);
    char amount[32] = "";
    int payer = static_cast<int>(Payer::merchant);
    char platform_amount[32] = "";
    char text[2048] = "";  // 500 characters of up to 4 bytes
};

struct ActionDraft {
    bool open = false;
    Action action = Action::withdraw;
    char reason[8004] = "";  // 2,000 characters of up to 4 bytes

    TriageDecision triage;
    char items[4096] = "";                // request_info: one item per line
    std::set<std::int64_t> evidence_ids;  // merchant_contest
    TermsDraft terms;                     // merchant_offer, make_offer, propose_settlement
    std::int64_t offer_seq = 0;           // accept_offer: the latest offer
    std::int64_t assignee_id = 0;         // assign_*: 0 = myself (a mediator or arbitrator taking the case)
    EvidenceAssessment assessment;        // assess_evidence
    char assessment_note[4004] = "";
    InspectionOrder inspection;  // order_inspection
    char inspection_what[1024] = "";
    int liability = static_cast<int>(Liability::merchant);  // rule
    TermsDraft ruling_remedy;
    char reasoning[8004] = "";
    int violation = -1;  // -1: no rule broken
    bool force_majeure = false;
    char tracking_number[64] = "";  // complete_step
    bool inspection_passed = true;
    int external = static_cast<int>(ExternalBody::court);  // refer_external
    int score = 5;                                         // rate
    char rating_comment[2004] = "";

    bool show_errors = false;   // after the first submit
    FieldErrors server_errors;  // from the server's last refusal, by wire field
};

// A fresh draft for `action` on case `c`, with sensible defaults taken from the case (the triage so far, the
// latest offer, the claim as terms, the evidence on file).
ActionDraft start_draft(Action action, const Case& c);
// The request the draft describes, for `actor` at `now`. Amounts that do not parse become 0 (the checks say so).
ActionRequest to_request(const ActionDraft& d, const Case& c, const Actor& actor, Timestamp now);

}  // namespace accord::client
