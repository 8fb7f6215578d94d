#include "accord/api_lifecycle.hpp"

#include <vector>

#include "accord/json_reader.hpp"

namespace accord::api {

using nlohmann::json;

namespace {

// Re-labels nested errors with their path ("terms.amount_minor").
void nest(FieldErrors& errors, std::size_t from, const std::string& prefix) {
    for (std::size_t i = from; i < errors.size(); ++i)
        errors[i].field = errors[i].field.empty() ? prefix : prefix + "." + errors[i].field;
}

// Reads the object under `key` with `keys` allowed; its errors are reported under "key.…".
template <typename ReadFields>
void read_object(JsonReader& parent, const char* key, FieldErrors& errors, std::initializer_list<const char*> keys,
                 ReadFields&& read) {
    const json* object = parent.object(key);
    if (object == nullptr) return;
    const std::size_t before = errors.size();
    JsonReader r(*object, errors, keys);
    read(r);
    nest(errors, before, key);
}

void read_terms(JsonReader& parent, const char* key, Terms& out, FieldErrors& errors) {
    read_object(parent, key, errors, {"remedy", "amount_minor", "currency", "terms"}, [&](JsonReader& r) {
        r.enumeration("remedy", out.remedy);
        r.integer("amount_minor", out.amount.minor);
        r.string("currency", out.amount.currency, /*required=*/false);
        r.string("terms", out.terms, /*required=*/false);
    });
}

// The keys each action takes besides "action" and "reason".
std::vector<const char*> payload_keys(Action a) {
    switch (a) {
        case Action::accept_case: return {"triage"};
        case Action::request_info: return {"items"};
        case Action::merchant_offer:
        case Action::make_offer:
        case Action::propose_settlement: return {"terms"};
        case Action::accept_offer: return {"offer_seq"};
        case Action::assign_mediator:
        case Action::assign_arbitrator: return {"assignee_id"};
        case Action::assess_evidence: return {"assessment"};
        case Action::order_inspection: return {"inspection"};
        case Action::rule: return {"ruling"};
        case Action::complete_step: return {"tracking_number", "inspection_passed"};
        case Action::refer_external: return {"external"};
        default: return {};
    }
}

}  // namespace

FieldErrors decode(const json& j, ActionRequest& out) {
    FieldErrors errors;
    if (!j.is_object()) {
        errors.push_back({"", ErrorCode::wrong_type, 0});
        return errors;
    }
    {
        // First the action alone: it decides which other keys are allowed.
        FieldErrors ignored;
        JsonReader head(j, ignored, {});
        std::string key;
        if (!head.string("action", key)) {
            errors.push_back({"action", j.contains("action") ? ErrorCode::wrong_type : ErrorCode::required, 0});
            return errors;
        }
        if (!from_key(key, out.action)) {
            errors.push_back({"action", ErrorCode::invalid_choice, 0});
            return errors;
        }
    }
    const std::vector<const char*> extra = payload_keys(out.action);
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        bool known = k == "action" || k == "reason";
        for (const char* e : extra) known = known || k == e;
        if (!known) errors.push_back({k, ErrorCode::unknown_field, 0});
    }
    JsonReader r(j, errors, {"action", "reason", "triage", "items", "terms", "offer_seq", "assignee_id", "assessment",
                             "inspection", "ruling", "tracking_number", "inspection_passed", "external"});
    r.string("reason", out.reason, /*required=*/false);

    switch (out.action) {
        case Action::accept_case:
            read_object(r, "triage", errors, {"category", "priority", "queue", "root_cause", "personal_safety"},
                        [&](JsonReader& t) {
                            t.enumeration("category", out.triage.category);
                            t.enumeration("priority", out.triage.priority);
                            t.enumeration("queue", out.triage.queue);
                            t.enumeration("root_cause", out.triage.root_cause);
                            t.boolean("personal_safety", out.triage.personal_safety, /*required=*/false);
                        });
            break;
        case Action::request_info:
            r.string_list("items", out.items);
            break;
        case Action::merchant_offer:
        case Action::make_offer:
        case Action::propose_settlement:
            read_terms(r, "terms", out.terms, errors);
            break;
        case Action::accept_offer:
            r.integer("offer_seq", out.target);
            break;
        case Action::assign_mediator:
        case Action::assign_arbitrator:
            r.integer("assignee_id", out.target, /*required=*/false);  // omitted: self-assignment
            break;
        case Action::assess_evidence:
            read_object(r, "assessment", errors, {"evidence_id", "authenticity", "relevance", "legality", "note"},
                        [&](JsonReader& a) {
                            a.integer("evidence_id", out.assessment.evidence_id);
                            a.enumeration("authenticity", out.assessment.authenticity);
                            a.enumeration("relevance", out.assessment.relevance);
                            a.enumeration("legality", out.assessment.legality);
                            a.string("note", out.assessment.note, /*required=*/false);
                        });
            break;
        case Action::order_inspection:
            read_object(r, "inspection", errors, {"what", "payer"}, [&](JsonReader& o) {
                o.string("what", out.inspection.what);
                o.enumeration("payer", out.inspection.payer);
            });
            break;
        case Action::rule:
            read_object(r, "ruling", errors, {"liability", "remedy", "reasoning", "violation", "force_majeure"},
                        [&](JsonReader& ru) {
                            ru.enumeration("liability", out.ruling.liability);
                            read_terms(ru, "remedy", out.ruling.remedy, errors);
                            ru.string("reasoning", out.ruling.reasoning);
                            Violation v{};
                            if (ru.enumeration("violation", v, /*required=*/false)) out.ruling.violation = v;
                            ru.boolean("force_majeure", out.ruling.force_majeure, /*required=*/false);
                        });
            break;
        case Action::complete_step:
            r.string("tracking_number", out.tracking_number, /*required=*/false);
            r.boolean("inspection_passed", out.inspection_passed, /*required=*/false);
            break;
        case Action::refer_external:
            r.enumeration("external", out.external);
            break;
        default:
            break;
    }
    return errors;
}

json encode(const Terms& t) {
    return {{"remedy", to_key(t.remedy)}, {"amount_minor", t.amount.minor}, {"currency", t.amount.currency},
            {"terms", t.terms}};
}

json encode(const ActionRequest& r) {
    json j = {{"action", to_key(r.action)}};
    if (!r.reason.empty()) j["reason"] = r.reason;
    switch (r.action) {
        case Action::accept_case:
            j["triage"] = {{"category", to_key(r.triage.category)}, {"priority", to_key(r.triage.priority)},
                           {"queue", to_key(r.triage.queue)}, {"root_cause", to_key(r.triage.root_cause)},
                           {"personal_safety", r.triage.personal_safety}};
            break;
        case Action::request_info: j["items"] = r.items; break;
        case Action::merchant_offer:
        case Action::make_offer:
        case Action::propose_settlement: j["terms"] = encode(r.terms); break;
        case Action::accept_offer: j["offer_seq"] = r.target; break;
        case Action::assign_mediator:
        case Action::assign_arbitrator:
            if (r.target != 0) j["assignee_id"] = r.target;
            break;
        case Action::assess_evidence:
            j["assessment"] = {{"evidence_id", r.assessment.evidence_id},
                               {"authenticity", to_key(r.assessment.authenticity)},
                               {"relevance", to_key(r.assessment.relevance)},
                               {"legality", to_key(r.assessment.legality)},
                               {"note", r.assessment.note}};
            break;
        case Action::order_inspection:
            j["inspection"] = {{"what", r.inspection.what}, {"payer", to_key(r.inspection.payer)}};
            break;
        case Action::rule: {
            json ru = {{"liability", to_key(r.ruling.liability)}, {"remedy", encode(r.ruling.remedy)},
                       {"reasoning", r.ruling.reasoning}, {"force_majeure", r.ruling.force_majeure}};
            if (r.ruling.violation) ru["violation"] = to_key(*r.ruling.violation);
            j["ruling"] = ru;
            break;
        }
        case Action::complete_step:
            if (!r.tracking_number.empty()) j["tracking_number"] = r.tracking_number;
            j["inspection_passed"] = r.inspection_passed;
            break;
        case Action::refer_external: j["external"] = to_key(r.external); break;
        default: break;
    }
    return j;
}

json encode(const Deadline& d) {
    json j = {{"kind", to_key(d.kind)}, {"on", to_key(d.on)}, {"consequence", to_key(d.consequence)},
              {"paused", d.paused}};
    if (d.paused) j["remaining_seconds"] = d.remaining;
    else j["due"] = d.due;
    return j;
}

FieldErrors decode(const json& j, Deadline& out) {
    FieldErrors errors;
    JsonReader r(j, errors, {"kind", "on", "consequence", "paused", "due", "remaining_seconds"});
    r.enumeration("kind", out.kind);
    r.enumeration("on", out.on);
    r.enumeration("consequence", out.consequence);
    r.boolean("paused", out.paused);
    if (out.paused) r.integer("remaining_seconds", out.remaining);
    else r.integer("due", out.due);
    return errors;
}

json encode_progress(const Case& c) {
    json offers = json::array();
    for (const Offer& o : c.offers)
        offers.push_back({{"seq", o.seq}, {"from", to_key(o.from)}, {"terms", encode(o.terms)}, {"at", o.at}});
    json j = {{"priority", to_key(c.triage.priority)},
              {"queue", to_key(c.triage.queue)},
              {"root_cause", to_key(c.triage.root_cause)},
              {"personal_safety", c.triage.personal_safety},
              {"info_items", c.info_items},
              {"mediator_id", c.mediator_id},
              {"arbitrator_id", c.arbitrator_id},
              {"offers", offers},
              {"litigation_risk", c.litigation_risk},
              {"state_entered_at", c.state_entered_at}};
    if (c.settlement)
        j["settlement"] = {{"terms", encode(c.settlement->terms)}, {"basis", to_key(c.settlement->basis)},
                           {"at", c.settlement->at}};
    if (c.proposal)
        j["proposal"] = {{"terms", encode(*c.proposal)},
                         {"approved", c.proposal_approver_id != 0},
                         {"buyer_consented", c.buyer_consented},
                         {"merchant_consented", c.merchant_consented}};
    if (c.ruling) {
        json ru = {{"liability", to_key(c.ruling->liability)}, {"remedy", encode(c.ruling->remedy)},
                   {"reasoning", c.ruling->reasoning}, {"at", c.ruling->at}, {"appeal_used", c.appeal_used}};
        if (c.penalty) ru["penalty_points"] = c.penalty->points;
        j["ruling"] = ru;
    }
    if (c.dispute.state == DisputeState::execution) {
        json steps = json::array();
        for (ExecutionStep s : c.plan) steps.push_back(to_key(s));
        j["execution"] = {{"plan", steps}, {"step", c.step}};
    }
    if (c.referred_to) j["referred_to"] = to_key(*c.referred_to);
    if (!c.closing_summary.empty()) j["closing_summary"] = c.closing_summary;
    return j;
}

}  // namespace accord::api
