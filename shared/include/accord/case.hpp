// A case as the lifecycle sees it: the filed dispute plus everything that happened since
// (triage, offers, proposal, ruling, execution, clocks). lifecycle.hpp moves it along.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "accord/approvals.hpp"
#include "accord/dispute.hpp"
#include "accord/execution.hpp"
#include "accord/offers.hpp"
#include "accord/ruling.hpp"
#include "accord/triage.hpp"

namespace accord {

// Where a case goes when the platform's own process is not the end of it (seed 000: 第三方调解机构 for serious
// disputes the platform cannot settle; an arbitration institution or a court).
enum class ExternalBody { court, arbitration_institution, third_party_mediation };

template <>
struct EnumTable<ExternalBody> {
    static constexpr EnumEntry<ExternalBody> entries[] = {
        {ExternalBody::court, "court", "人民法院", "Court"},
        {ExternalBody::arbitration_institution, "arbitration_institution", "仲裁机构", "Arbitration institution"},
        {ExternalBody::third_party_mediation, "third_party_mediation", "第三方调解机构", "Third-party mediation body"},
    };
};

// A party's answer to the satisfaction survey when the case ends (seed 001: 向商家和消费者发送满意度调查).
struct Rating {
    int score = 0;         // 1 (very unsatisfied) .. 5 (very satisfied)
    std::string comment;   // optional, at most 500 characters
    Timestamp at = 0;
};

struct Case {
    Dispute dispute;    // what was filed; dispute.state is the lifecycle state
    Money order_total;  // no offer, proposal or ruling may exceed it

    TriageDecision triage;
    std::vector<std::string> info_items;  // asked for once, all together

    std::int64_t mediator_id = 0;
    std::int64_t arbitrator_id = 0;

    std::vector<Offer> offers;  // the full negotiation history
    std::optional<Settlement> settlement;

    std::optional<Terms> proposal;  // the mediator's, under review or awaiting consent
    std::int64_t proposer_id = 0;
    std::int64_t proposal_approver_id = 0;
    bool notify_risk = false;  // compensation at/above the manager threshold
    bool buyer_consented = false;
    bool merchant_consented = false;

    // The evidence files on file for this case (ids of the server's stored uploads), in upload order.
    std::vector<std::int64_t> evidence_ids;
    std::vector<std::int64_t> contest_evidence_ids;  // those the merchant contested with (merchant_contest)
    std::vector<EvidenceAssessment> assessments;
    std::vector<InspectionOrder> inspections;
    std::optional<Ruling> ruling;
    bool appeal_used = false;
    std::optional<ViolationRecord> penalty;

    std::vector<ExecutionStep> plan;  // filled when execution starts
    std::size_t step = 0;             // index into plan
    std::string return_tracking;
    std::string reship_tracking;

    bool litigation_risk = false;  // followed by risk management
    std::optional<ExternalBody> referred_to;
    std::string closing_summary;
    std::optional<Rating> buyer_rating;     // each party rates once, after the case ended (Action::rate)
    std::optional<Rating> merchant_rating;

    // Clocks. Deadlines are derived from these (deadlines.hpp), never stored.
    Timestamp state_entered_at = 0;
    Timestamp step_entered_at = 0;
    Timestamp first_response_at = 0;  // first action by platform staff
    std::int64_t platform_paused_seconds = 0;  // time the case waited on the parties
    Timestamp platform_paused_since = 0;       // 0 while the platform's clock runs
    Timestamp resolved_at = 0;
    std::vector<std::string> overdue_noted;  // deadline keys already reported, so each is reported once
};

// A new case just filed (state filed, clocks started, triage pre-classified by the rules).
Case open_case(const Dispute& filed, const Money& order_total, const TriageFacts& facts,
               std::int64_t high_value_min_minor);

// True in states where the platform must act next (triage, mediation, review, arbitration):
// the platform's resolution clock runs only then, and pauses while the parties have the move.
bool waits_on_platform(DisputeState s);
// The claimant (who filed) and the respondent (who answers the claim) of a case of this kind.
Party claimant_of(CaseKind kind);
Party respondent_of(CaseKind kind);
// Who carries out an execution step on this case: execution_plan()'s buyer steps (ship the return, confirm)
// are the claimant's, its merchant steps (inspect, pay, ship) the respondent's — the platform's staff when
// the platform is the respondent.
Party step_party(const Case& c, ExecutionStep step);
bool is_terminal(DisputeState s);
// Records an uploaded evidence file on the case (once; the server calls it after storing the upload, when
// may_upload_evidence() allowed it) and stamps the case's updated_at.
void attach_evidence(Case& c, std::int64_t evidence_id, Timestamp at);
bool has_evidence(const Case& c, std::int64_t evidence_id);
// A score of 1..5 (field "score": out_of_range); a comment of at most 500 characters, valid UTF-8.
FieldErrors validate_rating(const Rating& r);
ExecutionStep current_step(const Case& c);  // only meaningful in execution

}  // namespace accord
