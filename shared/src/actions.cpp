// Every lifecycle action, each in one place (see action_spec.hpp): who may take it in which states, its
// guard, whether it needs a reason, its payload keys, decoder and encoder, its payload checks and its effect.
// The sections follow the lifecycle: triage, the merchant's response, negotiation, mediation, arbitration,
// execution and closing, the actions open at any time, and the scheduler.
#include <algorithm>
#include <iterator>

#include "accord/api_lifecycle.hpp"
#include "accord/deadlines.hpp"
#include "accord/filing.hpp"
#include "action_spec.hpp"

namespace accord::detail {

// Terms on the wire: "payer" defaults to the merchant; "platform_amount_minor" may be left out when the
// payer alone says it (merchant: 0, platform: the amount) and is required when the cost is shared.
void read_terms(JsonReader& parent, const char* key, Terms& out, FieldErrors& errors) {
    read_object(parent, key, errors,
                {"remedy", "amount_minor", "currency", "terms", "payer", "platform_amount_minor"}, [&](JsonReader& r) {
                    r.enumeration("remedy", out.remedy);
                    r.integer("amount_minor", out.amount.minor);
                    r.string("currency", out.amount.currency, /*required=*/false);
                    r.string("terms", out.terms, /*required=*/false);
                    r.enumeration("payer", out.payer, /*required=*/false);
                    out.platform_amount.currency = out.amount.currency;
                    const bool shared = out.payer == Payer::shared;
                    if (!r.integer("platform_amount_minor", out.platform_amount.minor, /*required=*/shared))
                        out.platform_amount.minor = out.payer == Payer::platform ? out.amount.minor : 0;
                });
}

namespace {

using S = DisputeState;
using R = Relation;
using nlohmann::json;

// --- common sets ------------------------------------------------------------------------------------------

constexpr Mask kBeforeRuling = bits(S::filed, S::info_requested, S::awaiting_merchant, S::negotiation, S::mediation,
                                    S::mediation_review, S::awaiting_consent, S::arbitration);
constexpr Mask kOpen = kBeforeRuling | bits(S::ruled, S::appealed, S::execution);
constexpr Mask kParties = bits(R::case_buyer, R::case_merchant);
constexpr Mask kTriageStaff = bits(R::support, R::admin);
constexpr Mask kCaseworkers =
    bits(R::support, R::assigned_mediator, R::mediator, R::assigned_arbitrator, R::arbitrator, R::approver, R::admin);

constexpr std::array<const char*, 3> kNoKeys = {nullptr, nullptr, nullptr};
constexpr std::array<const char*, 3> keys(const char* a, const char* b = nullptr, const char* c = nullptr) {
    return {a, b, c};
}
constexpr std::array<Permission, 2> only(Mask states, Mask who) { return {Permission{states, who}, Permission{}}; }

// --- shared helpers -------------------------------------------------------------------------------------------

Party party_of(Relation r) {
    return r == R::case_buyer ? Party::buyer : r == R::case_merchant ? Party::merchant : Party::platform;
}

// Moves the case to a new state and keeps the platform's clock: it runs only while the case waits on the platform.
void enter_state(Case& c, S to, Timestamp at) {
    const bool was_platform = waits_on_platform(c.dispute.state);
    const bool now_platform = waits_on_platform(to) && !is_terminal(to);
    if (was_platform && !now_platform && c.platform_paused_since == 0) c.platform_paused_since = at;
    if (now_platform && c.platform_paused_since != 0) {
        c.platform_paused_seconds += at - c.platform_paused_since;
        c.platform_paused_since = 0;
    }
    if (is_terminal(to) && c.resolved_at == 0) c.resolved_at = at;  // an external referral after closing keeps it
    c.dispute.state = to;
    c.state_entered_at = at;
    // Overdue notes belong to the state's deadlines; the resolution SLA is reported once per case.
    std::erase_if(c.overdue_noted, [](const std::string& k) { return k != "resolution"; });
}

void start_execution(Case& c, const Terms& terms, SettlementBasis basis, std::int64_t offer_seq, Timestamp at) {
    c.settlement = Settlement{terms, basis, offer_seq, at};
    c.plan = execution_plan(terms.remedy);
    c.step = 0;
    c.step_entered_at = at;
    enter_state(c, S::execution, at);
}

void close(Case& c, const std::string& summary, Timestamp at) {
    c.closing_summary = summary;
    enter_state(c, S::closed, at);
}

// What the buyer asked for, as terms (the merchant accepting it, or a silent merchant losing a small claim).
Terms requested_terms(const Case& c) { return {c.dispute.requested_remedy, c.dispute.amount, ""}; }

void append(FieldErrors& errors, const FieldErrors& more, const std::string& prefix) {
    for (FieldError e : more) {
        e.field = prefix + e.field;
        errors.push_back(e);
    }
}

// The codec and check shared by the three actions that carry terms (merchant_offer, make_offer, propose_settlement).
void decode_terms(JsonReader& r, FieldErrors& errors, ActionRequest& out) { read_terms(r, "terms", out.terms, errors); }
void encode_terms(const ActionRequest& r, json& j) { j["terms"] = api::encode(r.terms); }
void check_terms(const CheckArgs& a) { append(a.errors, validate_terms(a.req.terms, a.c.order_total), "terms."); }

// The two assignments: who assigns whom.
void decode_assignee(JsonReader& r, FieldErrors&, ActionRequest& out) {
    r.integer("assignee_id", out.target, /*required=*/false);  // omitted: self-assignment
}
void encode_assignee(const ActionRequest& r, json& j) {
    if (r.target != 0) j["assignee_id"] = r.target;
}
// An unassigned mediator or arbitrator takes the case themselves, no one else; staff must name someone.
// Returns whether the target was refused.
bool check_assignee(const CheckArgs& a) {
    const bool self = a.rel == R::mediator || a.rel == R::arbitrator;
    if (self && a.req.target != 0 && a.req.target != a.req.actor.viewer.user_id) {
        a.errors.push_back({"assignee_id", ErrorCode::invalid_choice, 0});
        return true;
    }
    if (!self && a.req.target <= 0) {
        a.errors.push_back({"assignee_id", ErrorCode::required, 0});
        return true;
    }
    return false;
}
std::int64_t assignee(const EffectArgs& e) { return e.rel == R::mediator || e.rel == R::arbitrator ? e.req.actor.viewer.user_id : e.req.target; }

// consent and decline_proposal: consent given is not taken back.
std::optional<ErrorCode> guard_not_yet_consented(const GuardArgs& g) {
    if ((g.rel == R::case_buyer && g.c.buyer_consented) || (g.rel == R::case_merchant && g.c.merchant_consented))
        return ErrorCode::already_done;
    return std::nullopt;
}

void to_arbitration(EffectArgs& e) { enter_state(e.next, S::arbitration, e.req.at); }

// --- the specs, in the order of the Action enum ---------------------------------------------------------------

constexpr ActionSpec kSpecs[] = {
    // ===== triage =====
    {
        .action = Action::accept_case,
        .may = only(bits(S::filed), kTriageStaff),
        .reason = ReasonRule::optional,
        .keys = keys("triage"),
        .decode =
            [](JsonReader& r, FieldErrors& errors, ActionRequest& out) {
                read_object(r, "triage", errors, {"category", "priority", "queue", "root_cause", "personal_safety"},
                            [&](JsonReader& t) {
                                t.enumeration("category", out.triage.category);
                                t.enumeration("priority", out.triage.priority);
                                t.enumeration("queue", out.triage.queue);
                                t.enumeration("root_cause", out.triage.root_cause);
                                t.boolean("personal_safety", out.triage.personal_safety, /*required=*/false);
                            });
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                j["triage"] = {{"category", to_key(r.triage.category)}, {"priority", to_key(r.triage.priority)},
                               {"queue", to_key(r.triage.queue)}, {"root_cause", to_key(r.triage.root_cause)},
                               {"personal_safety", r.triage.personal_safety}};
            },
        .guard = nullptr,
        .check =
            [](const CheckArgs& a) {
                append(a.errors, validate_triage(a.req.triage), "triage.");
                // Deciding that a case does not involve personal safety after all must be explained.
                if (a.c.triage.personal_safety && !a.req.triage.personal_safety && a.req.reason.empty())
                    a.errors.push_back({"reason", ErrorCode::required, 0});
            },
        .effect =
            [](EffectArgs& e) {
                e.next.triage = e.req.triage;
                e.next.dispute.category = e.req.triage.category;  // staff may correct the category
                // The respondent answers next; against the platform there is no party to answer, the platform
                // looks into it at once (seed 001: 复杂的合同或政策纠纷，需转交专业团队).
                const bool platform_answers = respondent_of(e.before.dispute.kind) == Party::platform;
                enter_state(e.next, platform_answers ? S::mediation : S::awaiting_merchant, e.req.at);
            },
    },
    {
        .action = Action::request_info,
        .may = only(bits(S::filed), kTriageStaff),
        .reason = ReasonRule::optional,
        .keys = keys("items"),
        .decode = [](JsonReader& r, FieldErrors&, ActionRequest& out) { r.string_list("items", out.items); },
        .encode = [](const ActionRequest& r, json& j) { j["items"] = r.items; },
        // 一次性告知: everything missing is asked for in one request, never piecemeal.
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (!g.c.info_items.empty()) return ErrorCode::already_done;
            return std::nullopt;
        },
        .check = [](const CheckArgs& a) { append(a.errors, validate_info_request(a.req.items), ""); },
        .effect =
            [](EffectArgs& e) {
                e.next.info_items = e.req.items;
                enter_state(e.next, S::info_requested, e.req.at);
            },
    },
    {
        .action = Action::provide_info,
        .may = only(bits(S::info_requested), kClaimant),
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = [](EffectArgs& e) { enter_state(e.next, S::filed, e.req.at); },  // back to triage with the material
    },
    {
        .action = Action::reject_case,
        .may = only(bits(S::filed, S::info_requested), kTriageStaff),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = [](EffectArgs& e) { enter_state(e.next, S::rejected, e.req.at); },
    },

    // ===== the merchant's response =====
    {
        .action = Action::merchant_accept,
        .may = only(bits(S::awaiting_merchant), kRespondent),
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                start_execution(e.next, requested_terms(e.before), SettlementBasis::merchant_accepted, 0, e.req.at);
            },
    },
    {
        .action = Action::merchant_offer,
        .may = only(bits(S::awaiting_merchant), kRespondent),
        .reason = ReasonRule::optional,
        .keys = keys("terms"),
        .decode = decode_terms,
        .encode = encode_terms,
        .guard = nullptr,
        .check = check_terms,
        .effect =
            [](EffectArgs& e) {
                e.next.offers.push_back({static_cast<std::int64_t>(e.before.offers.size()) + 1, party_of(e.rel),
                                         e.req.actor.viewer.user_id, e.req.terms, e.req.at});
                enter_state(e.next, S::negotiation, e.req.at);
                e.detail = "offer " + std::to_string(e.next.offers.back().seq);
            },
    },
    {
        .action = Action::merchant_contest,
        .may = only(bits(S::awaiting_merchant), kRespondent),
        .reason = ReasonRule::required,
        // The evidence the merchant contests with (quality certificates, invoices, shipping proof, chat logs):
        // files already uploaded to the case, named by id. Optional: the reason alone may do.
        .keys = keys("evidence_ids"),
        .decode =
            [](JsonReader& r, FieldErrors&, ActionRequest& out) {
                r.integer_list("evidence_ids", out.evidence_ids, /*required=*/false);
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                if (!r.evidence_ids.empty()) j["evidence_ids"] = r.evidence_ids;
            },
        .guard = nullptr,
        .check =
            [](const CheckArgs& a) {
                const std::vector<std::int64_t>& ids = a.req.evidence_ids;
                bool missing = false, repeated = false;
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    missing = missing || !has_evidence(a.c, ids[i]);
                    repeated = repeated || std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i),
                                                     ids[i]) != ids.begin() + static_cast<std::ptrdiff_t>(i);
                }
                if (missing) a.errors.push_back({"evidence_ids", ErrorCode::not_found, 0});
                else if (repeated) a.errors.push_back({"evidence_ids", ErrorCode::duplicate, 0});
            },
        .effect =
            [](EffectArgs& e) {
                e.next.contest_evidence_ids = e.req.evidence_ids;
                enter_state(e.next, S::negotiation, e.req.at);
            },
    },

    // ===== negotiation =====
    {
        .action = Action::make_offer,
        .may = only(bits(S::negotiation), kParties),
        .reason = ReasonRule::optional,
        .keys = keys("terms"),
        .decode = decode_terms,
        .encode = encode_terms,
        .guard = nullptr,
        .check = check_terms,
        .effect =
            [](EffectArgs& e) {
                e.next.offers.push_back({static_cast<std::int64_t>(e.before.offers.size()) + 1, party_of(e.rel),
                                         e.req.actor.viewer.user_id, e.req.terms, e.req.at});
                e.detail = "offer " + std::to_string(e.next.offers.back().seq);
            },
    },
    {
        .action = Action::accept_offer,
        .may = only(bits(S::negotiation), kParties),
        .reason = ReasonRule::optional,
        .keys = keys("offer_seq"),
        .decode = [](JsonReader& r, FieldErrors&, ActionRequest& out) { r.integer("offer_seq", out.target); },
        .encode = [](const ActionRequest& r, json& j) { j["offer_seq"] = r.target; },
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.c.offers.empty()) return ErrorCode::action_not_allowed_in_state;
            if (g.c.offers.back().from == party_of(g.rel)) return ErrorCode::cannot_accept_own_offer;
            return std::nullopt;
        },
        .check =
            [](const CheckArgs& a) {
                if (a.c.offers.empty() || a.req.target != a.c.offers.back().seq)
                    a.errors.push_back({"offer_seq", ErrorCode::not_found, 0});  // only the latest offer is open
            },
        .effect =
            [](EffectArgs& e) {
                const Offer& o = e.before.offers.back();
                start_execution(e.next, o.terms, SettlementBasis::offer_accepted, o.seq, e.req.at);
                e.detail = "offer " + std::to_string(o.seq);
            },
    },
    {
        .action = Action::request_mediation,
        // While the respondent has the move, only the claimant can ask the platform to step in early.
        .may = {Permission{bits(S::awaiting_merchant), kClaimant}, Permission{bits(S::negotiation), kParties}},
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = [](EffectArgs& e) { enter_state(e.next, S::mediation, e.req.at); },
    },

    // ===== mediation =====
    {
        .action = Action::assign_mediator,
        .may = only(bits(S::mediation), bits(R::support, R::admin, R::mediator, R::assigned_mediator)),
        .reason = ReasonRule::optional,
        .keys = keys("assignee_id"),
        .decode = decode_assignee,
        .encode = encode_assignee,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.c.mediator_id != 0 && g.rel != R::support && g.rel != R::admin) return ErrorCode::already_done;
            return std::nullopt;
        },
        .check = [](const CheckArgs& a) { check_assignee(a); },
        .effect =
            [](EffectArgs& e) {
                e.next.mediator_id = assignee(e);
                e.detail = "mediator " + std::to_string(e.next.mediator_id);
            },
    },
    {
        .action = Action::assess_evidence,
        // The mediator assesses the evidence in mediation, the arbitrator in arbitration and on appeal.
        .may = {Permission{bits(S::mediation), bits(R::assigned_mediator)},
                Permission{bits(S::arbitration, S::appealed), bits(R::assigned_arbitrator)}},
        .reason = ReasonRule::optional,
        .keys = keys("assessment"),
        .decode =
            [](JsonReader& r, FieldErrors& errors, ActionRequest& out) {
                read_object(r, "assessment", errors, {"evidence_id", "authenticity", "relevance", "legality", "note"},
                            [&](JsonReader& a) {
                                a.integer("evidence_id", out.assessment.evidence_id);
                                a.enumeration("authenticity", out.assessment.authenticity);
                                a.enumeration("relevance", out.assessment.relevance);
                                a.enumeration("legality", out.assessment.legality);
                                a.string("note", out.assessment.note, /*required=*/false);
                            });
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                j["assessment"] = {{"evidence_id", r.assessment.evidence_id},
                                   {"authenticity", to_key(r.assessment.authenticity)},
                                   {"relevance", to_key(r.assessment.relevance)},
                                   {"legality", to_key(r.assessment.legality)},
                                   {"note", r.assessment.note}};
            },
        .guard = nullptr,
        .check =
            [](const CheckArgs& a) {
                append(a.errors, validate_assessment(a.req.assessment), "assessment.");
                // Only evidence on file for this case is assessed.
                if (a.req.assessment.evidence_id > 0 && !has_evidence(a.c, a.req.assessment.evidence_id))
                    a.errors.push_back({"assessment.evidence_id", ErrorCode::not_found, 0});
            },
        .effect =
            [](EffectArgs& e) {
                EvidenceAssessment x = e.req.assessment;
                x.assessor_id = e.req.actor.viewer.user_id;
                x.at = e.req.at;
                // Assessing an item again replaces the earlier finding.
                std::erase_if(e.next.assessments,
                              [&](const EvidenceAssessment& y) { return y.evidence_id == x.evidence_id; });
                e.next.assessments.push_back(x);
                e.detail = "evidence " + std::to_string(x.evidence_id);
            },
    },
    {
        .action = Action::order_inspection,
        .may = only(bits(S::mediation), bits(R::assigned_mediator)),
        .reason = ReasonRule::optional,
        .keys = keys("inspection"),
        .decode =
            [](JsonReader& r, FieldErrors& errors, ActionRequest& out) {
                read_object(r, "inspection", errors, {"what", "payer"}, [&](JsonReader& o) {
                    o.string("what", out.inspection.what);
                    o.enumeration("payer", out.inspection.payer);
                });
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                j["inspection"] = {{"what", r.inspection.what}, {"payer", to_key(r.inspection.payer)}};
            },
        .guard = nullptr,
        .check = [](const CheckArgs& a) { append(a.errors, validate_inspection(a.req.inspection), "inspection."); },
        .effect =
            [](EffectArgs& e) {
                InspectionOrder o = e.req.inspection;
                o.at = e.req.at;
                e.next.inspections.push_back(o);
            },
    },
    {
        .action = Action::propose_settlement,
        .may = only(bits(S::mediation), bits(R::assigned_mediator)),
        .reason = ReasonRule::optional,
        .keys = keys("terms"),
        .decode = decode_terms,
        .encode = encode_terms,
        .guard = nullptr,
        .check = check_terms,
        .effect =
            [](EffectArgs& e) {
                Case& n = e.next;
                n.proposal = e.req.terms;
                n.proposer_id = e.req.actor.viewer.user_id;
                n.proposal_approver_id = 0;
                // The approval rule looks at what the platform pays (seed 000's 1000 元).
                n.notify_risk = approval_required(e.req.terms.platform_amount, e.ctx.rules.approvals).notify_risk;
                n.buyer_consented = n.merchant_consented = false;
                enter_state(n, S::mediation_review, e.req.at);
            },
    },
    {
        .action = Action::approve_proposal,
        .may = only(bits(S::mediation_review), bits(R::approver)),
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        // The approver's level is part of who may act, so the UI never offers what would be refused.
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (!g.c.proposal) return ErrorCode::action_not_allowed_in_state;
            const Approver approver{g.actor.viewer.user_id, g.actor.viewer.role, g.actor.approval_level};
            switch (check_approval(g.c.proposer_id, approver, g.c.proposal->platform_amount, g.ctx.rules.approvals)) {
                case ApprovalDenial::none: return std::nullopt;
                case ApprovalDenial::proposer_cannot_approve: return ErrorCode::four_eyes;
                case ApprovalDenial::level_too_low: return ErrorCode::approval_level_too_low;
                case ApprovalDenial::currency_mismatch: return ErrorCode::currency_mismatch;
                case ApprovalDenial::not_an_approver: return ErrorCode::forbidden;
            }
            return ErrorCode::forbidden;  // GCOVR_EXCL_LINE: a value outside the enum
        },
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                e.next.proposal_approver_id = e.req.actor.viewer.user_id;
                enter_state(e.next, S::awaiting_consent, e.req.at);
            },
    },
    {
        .action = Action::return_proposal,
        .may = only(bits(S::mediation_review), bits(R::approver)),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.actor.viewer.user_id == g.c.proposer_id) return ErrorCode::four_eyes;
            return std::nullopt;
        },
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                e.next.proposal.reset();
                enter_state(e.next, S::mediation, e.req.at);
            },
    },
    {
        .action = Action::consent,
        .may = only(bits(S::awaiting_consent), kParties),
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = guard_not_yet_consented,
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                Case& n = e.next;
                (e.rel == R::case_buyer ? n.buyer_consented : n.merchant_consented) = true;
                // Against the platform, the merchant is the only party to consent.
                const bool no_buyer = e.before.dispute.kind == CaseKind::merchant_vs_platform;
                if ((n.buyer_consented || no_buyer) && n.merchant_consented)
                    start_execution(n, *e.before.proposal, SettlementBasis::mediation, 0, e.req.at);
            },
    },
    {
        .action = Action::decline_proposal,
        .may = only(bits(S::awaiting_consent), kParties),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = guard_not_yet_consented,
        .check = nullptr,
        .effect = to_arbitration,
    },
    {
        .action = Action::refer_to_arbitration,
        .may = only(bits(S::mediation), bits(R::assigned_mediator)),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = to_arbitration,
    },

    // ===== arbitration =====
    {
        .action = Action::assign_arbitrator,
        .may = only(bits(S::arbitration, S::appealed), bits(R::admin, R::arbitrator, R::assigned_arbitrator)),
        .reason = ReasonRule::optional,
        .keys = keys("assignee_id"),
        .decode = decode_assignee,
        .encode = encode_assignee,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.c.arbitrator_id != 0 && g.rel != R::admin) return ErrorCode::already_done;
            // A fresh arbitrator hears the appeal: the one who ruled cannot take it.
            if (g.c.dispute.state == S::appealed && g.rel == R::arbitrator && g.c.ruling &&
                g.actor.viewer.user_id == g.c.ruling->arbitrator_id)
                return ErrorCode::forbidden;
            return std::nullopt;
        },
        .check =
            [](const CheckArgs& a) {
                if (!check_assignee(a) && a.c.dispute.state == S::appealed && a.c.ruling &&
                    a.req.target == a.c.ruling->arbitrator_id)
                    a.errors.push_back({"assignee_id", ErrorCode::invalid_choice, 0});  // a fresh arbitrator hears the appeal
            },
        .effect =
            [](EffectArgs& e) {
                e.next.arbitrator_id = assignee(e);
                e.detail = "arbitrator " + std::to_string(e.next.arbitrator_id);
            },
    },
    {
        .action = Action::rule,
        .may = only(bits(S::arbitration, S::appealed), bits(R::assigned_arbitrator)),
        .reason = ReasonRule::optional,
        .keys = keys("ruling"),
        .decode =
            [](JsonReader& r, FieldErrors& errors, ActionRequest& out) {
                read_object(r, "ruling", errors, {"liability", "remedy", "reasoning", "violation", "force_majeure"},
                            [&](JsonReader& ru) {
                                ru.enumeration("liability", out.ruling.liability);
                                read_terms(ru, "remedy", out.ruling.remedy, errors);
                                ru.string("reasoning", out.ruling.reasoning);
                                Violation v{};
                                if (ru.enumeration("violation", v, /*required=*/false)) out.ruling.violation = v;
                                ru.boolean("force_majeure", out.ruling.force_majeure, /*required=*/false);
                            });
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                json ru = {{"liability", to_key(r.ruling.liability)}, {"remedy", api::encode(r.ruling.remedy)},
                           {"reasoning", r.ruling.reasoning}, {"force_majeure", r.ruling.force_majeure}};
                if (r.ruling.violation) ru["violation"] = to_key(*r.ruling.violation);
                j["ruling"] = ru;
            },
        .guard = nullptr,
        .check =
            [](const CheckArgs& a) {
                append(a.errors, validate_ruling(a.req.ruling, a.c.order_total, a.c.dispute.kind), "ruling.");
            },
        .effect =
            [](EffectArgs& e) {
                Ruling r = e.req.ruling;
                r.arbitrator_id = e.req.actor.viewer.user_id;
                r.at = e.req.at;
                e.next.ruling = r;
                e.next.penalty.reset();
                if (r.violation)
                    e.next.penalty =
                        charge(e.before.dispute.id, *r.violation, r.force_majeure, e.req.at, e.ctx.rules.penalties);
                enter_state(e.next, S::ruled, e.req.at);
            },
    },
    {
        .action = Action::appeal,
        .may = only(bits(S::ruled), kParties),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.c.appeal_used) return ErrorCode::already_done;
            // The window ends at its deadline: the moment the timeout may start execution.
            if (g.now >= deadline_after(g.c.state_entered_at, g.ctx.rules.deadlines.appeal_window, g.ctx.calendar))
                return ErrorCode::window_closed;
            return std::nullopt;
        },
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                e.next.appeal_used = true;
                e.next.arbitrator_id = 0;  // a fresh arbitrator hears the appeal
                enter_state(e.next, S::appealed, e.req.at);
            },
    },

    // ===== execution and closing =====
    {
        .action = Action::complete_step,
        // The party whose step it is; staff for the platform's own steps (a case against the platform).
        .may = only(bits(S::execution), kParties | bits(R::support, R::admin)),
        .reason = ReasonRule::optional,
        .keys = keys("tracking_number", "inspection_passed"),
        .decode =
            [](JsonReader& r, FieldErrors&, ActionRequest& out) {
                r.string("tracking_number", out.tracking_number, /*required=*/false);
                r.boolean("inspection_passed", out.inspection_passed, /*required=*/false);
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                if (!r.tracking_number.empty()) j["tracking_number"] = r.tracking_number;
                j["inspection_passed"] = r.inspection_passed;
            },
        // Only the party whose step it is.
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (step_party(g.c, current_step(g.c)) != party_of(g.rel)) return ErrorCode::forbidden;
            return std::nullopt;
        },
        .check =
            [](const CheckArgs& a) {
                const ExecutionStep step = current_step(a.c);
                if (step_needs_tracking(step) && !is_tracking_number(a.req.tracking_number))
                    a.errors.push_back({"tracking_number",
                                        a.req.tracking_number.empty() ? ErrorCode::required : ErrorCode::invalid_format,
                                        0});
                // A failed inspection must be explained.
                if (step == ExecutionStep::merchant_inspection && !a.req.inspection_passed && a.req.reason.empty())
                    a.errors.push_back({"reason", ErrorCode::required, 0});
            },
        .effect =
            [](EffectArgs& e) {
                Case& n = e.next;
                const ExecutionStep step = current_step(e.before);
                e.detail = to_key(step);
                if (step == ExecutionStep::return_shipment) n.return_tracking = e.req.tracking_number;
                if (step == ExecutionStep::reship) n.reship_tracking = e.req.tracking_number;
                if (step == ExecutionStep::merchant_inspection && !e.req.inspection_passed) {
                    enter_state(n, S::mediation, e.req.at);  // the merchant disputes the return: the platform looks
                    e.detail += " failed";
                    return;
                }
                n.step = e.before.step + 1;
                n.step_entered_at = e.req.at;
                if (n.step >= n.plan.size()) close(n, e.req.reason.empty() ? "executed" : e.req.reason, e.req.at);
            },
    },
    {
        .action = Action::close_case,
        .may = only(bits(S::execution), bits(R::support, R::admin, R::assigned_mediator)),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = [](EffectArgs& e) { close(e.next, e.req.reason, e.req.at); },
    },

    // ===== after the end: the satisfaction survey =====
    {
        .action = Action::rate,
        // Both parties are asked once the case has ended on the platform: closed (settled, executed, ruled or
        // lapsed), withdrawn or rejected, since a party who withdrew or was turned away has a view of the
        // handling too. Not after an external referral: the outcome is then another body's. Rating moves
        // nothing.
        .may = only(bits(S::closed, S::withdrawn, S::rejected), kParties),
        .reason = ReasonRule::optional,
        .keys = keys("rating"),
        .decode =
            [](JsonReader& r, FieldErrors& errors, ActionRequest& out) {
                read_object(r, "rating", errors, {"score", "comment"}, [&](JsonReader& o) {
                    std::int64_t score = 0;
                    if (o.integer("score", score))
                        out.rating.score = score < 0 ? -1 : score > 100 ? 100 : static_cast<int>(score);
                    o.string("comment", out.rating.comment, /*required=*/false);
                });
            },
        .encode =
            [](const ActionRequest& r, json& j) {
                j["rating"] = {{"score", r.rating.score}, {"comment", r.rating.comment}};
            },
        // Once each.
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if ((g.rel == R::case_buyer && g.c.buyer_rating) || (g.rel == R::case_merchant && g.c.merchant_rating))
                return ErrorCode::already_done;
            return std::nullopt;
        },
        .check = [](const CheckArgs& a) { append(a.errors, validate_rating(a.req.rating), "rating."); },
        .effect =
            [](EffectArgs& e) {
                Rating r = e.req.rating;
                r.at = e.req.at;
                (e.rel == R::case_buyer ? e.next.buyer_rating : e.next.merchant_rating) = r;
                e.detail = "score " + std::to_string(r.score);
            },
    },

    // ===== any time =====
    {
        .action = Action::withdraw,
        // The claimant withdraws their own claim.
        .may = only(kBeforeRuling, kClaimant),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = nullptr,
        .check = nullptr,
        .effect = [](EffectArgs& e) { enter_state(e.next, S::withdrawn, e.req.at); },
    },
    {
        .action = Action::refer_external,
        .may = only(bits(S::ruled, S::appealed, S::closed), bits(R::case_buyer, R::case_merchant, R::admin)),
        .reason = ReasonRule::required,
        .keys = keys("external"),
        .decode = [](JsonReader& r, FieldErrors&, ActionRequest& out) { r.enumeration("external", out.external); },
        .encode = [](const ActionRequest& r, json& j) { j["external"] = to_key(r.external); },
        .guard = nullptr,
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                e.next.referred_to = e.req.external;
                e.detail = to_key(e.req.external);
                // Sued over a customer's dispute: risk management follows it (seed 000: 因客户交易纠纷被诉的，
                // 应及时报……风险管理部). The event says so when this referral is what flagged it.
                if (e.req.external == ExternalBody::court && !e.before.litigation_risk) {
                    e.next.litigation_risk = true;
                    e.detail += " litigation_risk";
                }
                enter_state(e.next, S::referred_external, e.req.at);
            },
    },
    {
        .action = Action::flag_litigation_risk,
        // While the case lives, after it closed, and after it went to an outside body (where the risk shows).
        .may = only(kOpen | bits(S::closed, S::referred_external), kCaseworkers),
        .reason = ReasonRule::required,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (g.c.litigation_risk) return ErrorCode::already_done;
            return std::nullopt;
        },
        .check = nullptr,
        .effect = [](EffectArgs& e) { e.next.litigation_risk = true; },
    },

    // ===== the scheduler, when a deadline passes =====
    {
        .action = Action::timeout,
        .may = only(kOpen, bits(R::system)),
        .reason = ReasonRule::optional,
        .keys = kNoKeys,
        .decode = nullptr,
        .encode = nullptr,
        .guard = [](const GuardArgs& g) -> std::optional<ErrorCode> {
            if (!due_deadline(g.c, g.now, g.ctx.rules, g.ctx.calendar)) return ErrorCode::deadline_not_reached;
            return std::nullopt;
        },
        .check = nullptr,
        .effect =
            [](EffectArgs& e) {
                const Case& c = e.before;
                Case& n = e.next;
                const Timestamp at = e.req.at;
                const Deadline d = *due_deadline(c, at, e.ctx.rules, e.ctx.calendar);
                e.detail = std::string(to_key(d.kind)) + ":" + to_key(d.consequence);
                switch (d.consequence) {
                    case Consequence::notify_overdue:
                        n.overdue_noted.push_back(to_key(d.kind));
                        break;
                    case Consequence::escalate_to_mediation:
                        enter_state(n, S::mediation, at);
                        break;
                    case Consequence::auto_grant:
                        start_execution(n, requested_terms(c), SettlementBasis::auto_granted, 0, at);
                        break;
                    case Consequence::auto_close:
                        close(n, e.detail, at);
                        break;
                    case Consequence::deemed_consent:
                        start_execution(n, *c.proposal, SettlementBasis::mediation, 0, at);
                        break;
                    case Consequence::start_execution:
                        // A dismissed claim orders nothing to execute.
                        if (ruling_upholds(c.dispute.kind, c.ruling->liability))
                            start_execution(n, c.ruling->remedy, SettlementBasis::ruling, 0, at);
                        else
                            close(n, "ruling:" + std::string(to_key(c.ruling->liability)), at);
                        break;
                    case Consequence::deemed_passed:
                        n.step = c.step + 1;
                        n.step_entered_at = at;
                        break;
                }
            },
    },
};

// One spec per action, at the action's position: a missing, extra or misplaced spec does not compile.
constexpr bool one_spec_per_action() {
    if (std::size(kSpecs) != enum_count<Action>()) return false;
    for (std::size_t i = 0; i < std::size(kSpecs); ++i) {
        const ActionSpec& s = kSpecs[i];
        if (static_cast<std::size_t>(s.action) != i || EnumTable<Action>::entries[i].value != s.action) return false;
        if (s.may[0].states == 0 || s.may[0].who == 0 || s.effect == nullptr) return false;
        // A decoder and an encoder together, and only for an action that has keys.
        if ((s.decode == nullptr) != (s.encode == nullptr) || (s.decode == nullptr) != (s.keys[0] == nullptr))
            return false;
    }
    return true;
}
static_assert(one_spec_per_action(), "every Action needs exactly one ActionSpec in kSpecs, in the enum's order");

}  // namespace

const ActionSpec* action_spec(Action a) {
    const auto i = static_cast<std::size_t>(a);
    return i < std::size(kSpecs) ? &kSpecs[i] : nullptr;
}

const Permission* permission_for(const ActionSpec& spec, DisputeState state) {
    for (const Permission& p : spec.may)
        if (p.states & bit(state)) return &p;
    return nullptr;
}

Mask who_bits(const Case& c, Relation rel) {
    Mask m = bit(rel);
    if (rel == R::case_buyer || rel == R::case_merchant) {
        if (party_of(rel) == claimant_of(c.dispute.kind)) m |= kClaimant;
        if (party_of(rel) == respondent_of(c.dispute.kind)) m |= kRespondent;
    }
    return m;
}

}  // namespace accord::detail
