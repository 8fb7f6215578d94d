#include "accord/api_lifecycle.hpp"

#include <vector>

#include "accord/api.hpp"
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
              {"state_entered_at", c.state_entered_at},
              {"order_total", {{"minor", c.order_total.minor}, {"currency", c.order_total.currency}}}};
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
                   {"reasoning", c.ruling->reasoning}, {"at", c.ruling->at}, {"appeal_used", c.appeal_used},
                   {"arbitrator_id", c.ruling->arbitrator_id}};
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

namespace {

// Reads the array under `key`, each element an object read by `read_one`; errors are reported as "key[i].field".
template <typename T, typename ReadOne>
void read_array(const json& parent, const char* key, std::vector<T>& out, FieldErrors& errors, ReadOne&& read_one) {
    if (!parent.contains(key)) return;
    const json& items = parent[key];
    if (!items.is_array()) {
        errors.push_back({key, ErrorCode::wrong_type, 0});
        return;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::size_t before = errors.size();
        T value{};
        read_one(items[i], value, errors);
        for (std::size_t k = before; k < errors.size(); ++k)
            errors[k].field = std::string(key) + "[" + std::to_string(i) + "]" +
                              (errors[k].field.empty() ? "" : "." + errors[k].field);
        out.push_back(std::move(value));
    }
}

std::optional<Rating> read_rating(JsonReader& parent, const char* key, FieldErrors& errors) {
    const json* o = parent.object(key, /*required=*/false);
    if (o == nullptr) return std::nullopt;
    Rating r;
    std::int64_t score = 0;
    JsonReader rr(*o, errors, {"score", "comment", "at"});
    rr.integer("score", score);
    rr.string("comment", r.comment);
    rr.integer("at", r.at);
    r.score = static_cast<int>(score);
    return r;
}

}  // namespace

FieldErrors decode_case_view(const json& view, Case& out) {
    FieldErrors errors;
    if (!view.is_object() || !view.contains("dispute") || !view.contains("progress") || !view["progress"].is_object()) {
        errors.push_back({"", ErrorCode::wrong_type, 0});
        return errors;
    }
    out = Case{};
    errors = decode(view["dispute"], out.dispute);
    const json& p = view["progress"];
    JsonReader r(p, errors,
                 {"priority", "queue", "root_cause", "personal_safety", "info_items", "mediator_id", "arbitrator_id",
                  "offers", "litigation_risk", "evidence_ids", "contest_evidence_ids", "state_entered_at",
                  "order_total", "settlement", "proposal", "ruling", "execution", "return_tracking", "reship_tracking",
                  "referred_to", "closing_summary", "buyer_rating", "merchant_rating"});
    out.triage.category = out.dispute.category;
    r.enumeration("priority", out.triage.priority);
    r.enumeration("queue", out.triage.queue);
    r.enumeration("root_cause", out.triage.root_cause);
    r.boolean("personal_safety", out.triage.personal_safety);
    r.string_list("info_items", out.info_items);
    r.integer("mediator_id", out.mediator_id);
    r.integer("arbitrator_id", out.arbitrator_id);
    r.boolean("litigation_risk", out.litigation_risk);
    r.integer_list("evidence_ids", out.evidence_ids);
    r.integer_list("contest_evidence_ids", out.contest_evidence_ids);
    r.integer("state_entered_at", out.state_entered_at);
    if (const json* total = r.object("order_total")) {
        JsonReader t(*total, errors, {"minor", "currency"});
        t.integer("minor", out.order_total.minor);
        t.string("currency", out.order_total.currency);
    }
    read_array(p, "offers", out.offers, errors, [](const json& j, Offer& o, FieldErrors& errs) {
        JsonReader ro(j, errs, {"seq", "from", "terms", "at"});
        ro.integer("seq", o.seq);
        ro.enumeration("from", o.from);
        detail::read_terms(ro, "terms", o.terms, errs);
        ro.integer("at", o.at);
    });
    if (const json* s = r.object("settlement", /*required=*/false)) {
        Settlement st;
        JsonReader rs(*s, errors, {"terms", "basis", "at"});
        detail::read_terms(rs, "terms", st.terms, errors);
        rs.enumeration("basis", st.basis);
        rs.integer("at", st.at);
        out.settlement = st;
    }
    if (const json* pr = r.object("proposal", /*required=*/false)) {
        Terms terms;
        bool approved = false;
        JsonReader rp(*pr, errors, {"terms", "approved", "buyer_consented", "merchant_consented"});
        detail::read_terms(rp, "terms", terms, errors);
        rp.boolean("approved", approved);
        rp.boolean("buyer_consented", out.buyer_consented);
        rp.boolean("merchant_consented", out.merchant_consented);
        out.proposal = terms;
        // The view says only whether someone approved; who is the server's to know (four-eyes is its check).
        if (approved) out.proposal_approver_id = -1;
    }
    if (const json* ru = r.object("ruling", /*required=*/false)) {
        Ruling ruling;
        std::int64_t points = 0;
        JsonReader rr(*ru, errors,
                      {"liability", "remedy", "reasoning", "at", "appeal_used", "arbitrator_id", "penalty_points"});
        rr.integer("arbitrator_id", ruling.arbitrator_id);  // an appeal goes to someone else
        rr.enumeration("liability", ruling.liability);
        detail::read_terms(rr, "remedy", ruling.remedy, errors);
        rr.string("reasoning", ruling.reasoning);
        rr.integer("at", ruling.at);
        rr.boolean("appeal_used", out.appeal_used);
        if (rr.integer("penalty_points", points, /*required=*/false)) {
            out.penalty = ViolationRecord{};
            out.penalty->points = static_cast<int>(points);
        }
        out.ruling = ruling;
    }
    if (const json* ex = r.object("execution", /*required=*/false)) {
        std::vector<std::string> steps;
        std::int64_t step = 0;
        JsonReader re(*ex, errors, {"plan", "step"});
        re.string_list("plan", steps);
        re.integer("step", step);
        for (const std::string& key : steps) {
            ExecutionStep value{};
            if (from_key(key, value)) out.plan.push_back(value);
            else errors.push_back({"execution.plan", ErrorCode::invalid_choice, 0});
        }
        out.step = step > 0 ? static_cast<std::size_t>(step) : 0;
    }
    r.string("return_tracking", out.return_tracking, /*required=*/false);
    r.string("reship_tracking", out.reship_tracking, /*required=*/false);
    ExternalBody body{};
    if (r.enumeration("referred_to", body, /*required=*/false)) out.referred_to = body;
    r.string("closing_summary", out.closing_summary, /*required=*/false);
    out.buyer_rating = read_rating(r, "buyer_rating", errors);
    out.merchant_rating = read_rating(r, "merchant_rating", errors);
    return errors;
}

}  // namespace accord::api
