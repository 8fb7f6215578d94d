#include "accord/api_lifecycle.hpp"

#include <vector>

#include "accord/json_reader.hpp"
#include "action_spec.hpp"

namespace accord::api {

using nlohmann::json;

namespace {

// "action", "reason" and the action's own payload keys (its spec in actions.cpp).
bool takes_key(const detail::ActionSpec& spec, const std::string& key) {
    if (key == "action" || key == "reason") return true;
    for (const char* k : spec.keys)
        if (k != nullptr && key == k) return true;
    return false;
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
    const detail::ActionSpec& spec = *detail::action_spec(out.action);  // from_key gave a value of the enum
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!takes_key(spec, it.key())) errors.push_back({it.key(), ErrorCode::unknown_field, 0});
    FieldErrors read_errors;
    JsonReader r(j, read_errors, {});
    read_errors.clear();  // the reader calls every key unknown; which ones are was decided just above
    r.string("reason", out.reason, /*required=*/false);
    if (spec.decode != nullptr) spec.decode(r, read_errors, out);
    errors.insert(errors.end(), read_errors.begin(), read_errors.end());
    return errors;
}

json encode(const Terms& t) {
    return {{"remedy", to_key(t.remedy)}, {"amount_minor", t.amount.minor}, {"currency", t.amount.currency},
            {"terms", t.terms},          {"payer", to_key(t.payer)},      {"platform_amount_minor", t.platform_amount.minor}};
}

json encode(const ActionRequest& r) {
    json j = {{"action", to_key(r.action)}};
    if (!r.reason.empty()) j["reason"] = r.reason;
    if (const detail::ActionSpec* spec = detail::action_spec(r.action); spec != nullptr && spec->encode != nullptr)
        spec->encode(r, j);
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
              {"evidence_ids", c.evidence_ids},
              {"contest_evidence_ids", c.contest_evidence_ids},
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
    // Both parties follow the parcels: the merchant waits for the return, the buyer for a reship.
    if (!c.return_tracking.empty() || !c.reship_tracking.empty()) {
        j["return_tracking"] = c.return_tracking;
        j["reship_tracking"] = c.reship_tracking;
    }
    if (c.referred_to) j["referred_to"] = to_key(*c.referred_to);
    if (!c.closing_summary.empty()) j["closing_summary"] = c.closing_summary;
    const auto rating = [](const Rating& r) { return json{{"score", r.score}, {"comment", r.comment}, {"at", r.at}}; };
    if (c.buyer_rating) j["buyer_rating"] = rating(*c.buyer_rating);
    if (c.merchant_rating) j["merchant_rating"] = rating(*c.merchant_rating);
    return j;
}

}  // namespace accord::api
