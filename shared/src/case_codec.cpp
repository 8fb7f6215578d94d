#include "accord/case_codec.hpp"

#include "accord/api.hpp"
#include "accord/api_lifecycle.hpp"
#include "accord/json_reader.hpp"

namespace accord::api {

using nlohmann::json;

namespace {

json money(const Money& m) { return {{"minor", m.minor}, {"currency", m.currency}}; }

// Runs `read` on the object under `key` (when present), naming its errors "key.field".
template <typename F>
bool nested(JsonReader& parent, const char* key, FieldErrors& errors, std::initializer_list<const char*> keys, F&& read,
            bool required = true) {
    const json* o = parent.object(key, required);
    if (o == nullptr) return false;
    const std::size_t from = errors.size();
    JsonReader r(*o, errors, keys);
    read(r);
    for (std::size_t i = from; i < errors.size(); ++i) errors[i].field = std::string(key) + "." + errors[i].field;
    return true;
}

void read_money(JsonReader& parent, const char* key, Money& out, FieldErrors& errors) {
    nested(parent, key, errors, {"minor", "currency"}, [&](JsonReader& r) {
        r.integer("minor", out.minor);
        r.string("currency", out.currency);
    });
}

json terms(const Terms& t) { return encode(t); }

void read_terms(JsonReader& parent, const char* key, Terms& out, FieldErrors& errors, bool required = true) {
    nested(
        parent, key, errors, {"remedy", "amount_minor", "currency", "terms", "payer", "platform_amount_minor"},
        [&](JsonReader& r) {
            r.enumeration("remedy", out.remedy);
            r.integer("amount_minor", out.amount.minor);
            r.string("currency", out.amount.currency);
            r.string("terms", out.terms);
            r.enumeration("payer", out.payer);
            r.integer("platform_amount_minor", out.platform_amount.minor);
            out.platform_amount.currency = out.amount.currency;
        },
        required);
}

// A JSON array under `key`, each element decoded by `read`; errors named "key[i].field".
template <typename T, typename F>
void read_array(JsonReader& parent, const json& j, const char* key, std::vector<T>& out, FieldErrors& errors,
                std::initializer_list<const char*> keys, F&& read) {
    out.clear();
    if (!parent.has(key)) {
        errors.push_back({key, ErrorCode::required, 0});
        return;
    }
    const json& arr = j.at(key);
    if (!arr.is_array()) {
        errors.push_back({key, ErrorCode::wrong_type, 0});
        return;
    }
    for (std::size_t i = 0; i < arr.size(); ++i) {
        const std::size_t from = errors.size();
        T value;
        JsonReader r(arr[i], errors, keys);
        read(r, arr[i], value);
        for (std::size_t e = from; e < errors.size(); ++e)
            errors[e].field = std::string(key) + "[" + std::to_string(i) + "]." + errors[e].field;
        out.push_back(std::move(value));
    }
}

void read_ids(JsonReader& parent, const json& j, const char* key, std::vector<std::int64_t>& out, FieldErrors& errors) {
    out.clear();
    if (!parent.has(key) || !j.at(key).is_array()) {
        errors.push_back({key, parent.has(key) ? ErrorCode::wrong_type : ErrorCode::required, 0});
        return;
    }
    for (const json& v : j.at(key)) {
        if (!v.is_number_integer()) {
            errors.push_back({key, ErrorCode::wrong_type, 0});
            return;
        }
        out.push_back(v.get<std::int64_t>());
    }
}

}  // namespace

json encode_case(const Case& c) {
    json offers = json::array();
    for (const Offer& o : c.offers)
        offers.push_back(
            {{"seq", o.seq}, {"from", to_key(o.from)}, {"author_id", o.author_id}, {"terms", terms(o.terms)}, {"at", o.at}});
    json assessments = json::array();
    for (const EvidenceAssessment& a : c.assessments)
        assessments.push_back({{"evidence_id", a.evidence_id},
                               {"authenticity", to_key(a.authenticity)},
                               {"relevance", to_key(a.relevance)},
                               {"legality", to_key(a.legality)},
                               {"note", a.note},
                               {"assessor_id", a.assessor_id},
                               {"at", a.at}});
    json inspections = json::array();
    for (const InspectionOrder& o : c.inspections)
        inspections.push_back({{"what", o.what}, {"payer", to_key(o.payer)}, {"at", o.at}});
    json plan = json::array();
    for (ExecutionStep s : c.plan) plan.push_back(to_key(s));

    json j = {{"dispute", encode(c.dispute)},
              {"order_total", money(c.order_total)},
              {"triage",
               {{"category", to_key(c.triage.category)},
                {"priority", to_key(c.triage.priority)},
                {"queue", to_key(c.triage.queue)},
                {"root_cause", to_key(c.triage.root_cause)},
                {"personal_safety", c.triage.personal_safety}}},
              {"info_items", c.info_items},
              {"mediator_id", c.mediator_id},
              {"arbitrator_id", c.arbitrator_id},
              {"offers", offers},
              {"settlement", nullptr},
              {"proposal", nullptr},
              {"proposer_id", c.proposer_id},
              {"proposal_approver_id", c.proposal_approver_id},
              {"notify_risk", c.notify_risk},
              {"buyer_consented", c.buyer_consented},
              {"merchant_consented", c.merchant_consented},
              {"evidence_ids", c.evidence_ids},
              {"contest_evidence_ids", c.contest_evidence_ids},
              {"assessments", assessments},
              {"inspections", inspections},
              {"ruling", nullptr},
              {"appeal_used", c.appeal_used},
              {"penalty", nullptr},
              {"plan", plan},
              {"step", c.step},
              {"return_tracking", c.return_tracking},
              {"reship_tracking", c.reship_tracking},
              {"litigation_risk", c.litigation_risk},
              {"referred_to", nullptr},
              {"closing_summary", c.closing_summary},
              {"buyer_rating", nullptr},
              {"merchant_rating", nullptr},
              {"state_entered_at", c.state_entered_at},
              {"step_entered_at", c.step_entered_at},
              {"first_response_at", c.first_response_at},
              {"platform_paused_seconds", c.platform_paused_seconds},
              {"platform_paused_since", c.platform_paused_since},
              {"resolved_at", c.resolved_at},
              {"overdue_noted", c.overdue_noted}};
    if (c.settlement)
        j["settlement"] = {{"terms", terms(c.settlement->terms)},
                           {"basis", to_key(c.settlement->basis)},
                           {"offer_seq", c.settlement->offer_seq},
                           {"at", c.settlement->at}};
    if (c.proposal) j["proposal"] = terms(*c.proposal);
    if (c.ruling) {
        j["ruling"] = {{"liability", to_key(c.ruling->liability)},
                       {"remedy", terms(c.ruling->remedy)},
                       {"reasoning", c.ruling->reasoning},
                       {"violation", nullptr},
                       {"force_majeure", c.ruling->force_majeure},
                       {"arbitrator_id", c.ruling->arbitrator_id},
                       {"at", c.ruling->at}};
        if (c.ruling->violation) j["ruling"]["violation"] = to_key(*c.ruling->violation);
    }
    if (c.penalty)
        j["penalty"] = {{"dispute_id", c.penalty->dispute_id},
                        {"violation", to_key(c.penalty->violation)},
                        {"at", c.penalty->at},
                        {"force_majeure", c.penalty->force_majeure},
                        {"points", c.penalty->points}};
    if (c.referred_to) j["referred_to"] = to_key(*c.referred_to);
    const auto rating = [](const Rating& r) { return json{{"score", r.score}, {"comment", r.comment}, {"at", r.at}}; };
    if (c.buyer_rating) j["buyer_rating"] = rating(*c.buyer_rating);
    if (c.merchant_rating) j["merchant_rating"] = rating(*c.merchant_rating);
    return j;
}

FieldErrors decode_case(const json& j, Case& out) {
    FieldErrors errors;
    out = Case{};
    JsonReader r(j, errors,
                 {"dispute", "order_total", "triage", "info_items", "mediator_id", "arbitrator_id", "offers",
                  "settlement", "proposal", "proposer_id", "proposal_approver_id", "notify_risk", "buyer_consented",
                  "merchant_consented", "evidence_ids", "contest_evidence_ids", "assessments", "inspections",
                  "ruling", "appeal_used", "penalty", "plan", "step",
                  "return_tracking", "reship_tracking", "litigation_risk", "referred_to", "closing_summary",
                  "buyer_rating", "merchant_rating",
                  "state_entered_at", "step_entered_at", "first_response_at", "platform_paused_seconds",
                  "platform_paused_since", "resolved_at", "overdue_noted"});
    if (!r.is_object()) return errors;
    // A null optional is "absent": only an object (or a key string) sets it.
    auto present = [&](const char* key) { return r.has(key) && !j.at(key).is_null(); };

    if (const json* d = r.object("dispute")) {
        for (FieldError e : decode(*d, out.dispute)) {
            e.field = "dispute." + e.field;
            errors.push_back(e);
        }
    }
    read_money(r, "order_total", out.order_total, errors);
    nested(r, "triage", errors, {"category", "priority", "queue", "root_cause", "personal_safety"}, [&](JsonReader& t) {
        t.enumeration("category", out.triage.category);
        t.enumeration("priority", out.triage.priority);
        t.enumeration("queue", out.triage.queue);
        t.enumeration("root_cause", out.triage.root_cause);
        t.boolean("personal_safety", out.triage.personal_safety);
    });
    r.string_list("info_items", out.info_items);
    r.integer("mediator_id", out.mediator_id);
    r.integer("arbitrator_id", out.arbitrator_id);
    read_array(r, j, "offers", out.offers, errors, {"seq", "from", "author_id", "terms", "at"},
               [&](JsonReader& o, const json&, Offer& v) {
                   o.integer("seq", v.seq);
                   o.enumeration("from", v.from);
                   o.integer("author_id", v.author_id);
                   read_terms(o, "terms", v.terms, errors);
                   o.integer("at", v.at);
               });
    if (present("settlement")) {
        Settlement s;
        nested(r, "settlement", errors, {"terms", "basis", "offer_seq", "at"}, [&](JsonReader& o) {
            read_terms(o, "terms", s.terms, errors);
            o.enumeration("basis", s.basis);
            o.integer("offer_seq", s.offer_seq);
            o.integer("at", s.at);
        });
        out.settlement = s;
    } else if (!r.has("settlement")) {
        errors.push_back({"settlement", ErrorCode::required, 0});
    }
    if (present("proposal")) {
        Terms t;
        read_terms(r, "proposal", t, errors);
        out.proposal = t;
    } else if (!r.has("proposal")) {
        errors.push_back({"proposal", ErrorCode::required, 0});
    }
    r.integer("proposer_id", out.proposer_id);
    r.integer("proposal_approver_id", out.proposal_approver_id);
    r.boolean("notify_risk", out.notify_risk);
    r.boolean("buyer_consented", out.buyer_consented);
    r.boolean("merchant_consented", out.merchant_consented);
    read_ids(r, j, "evidence_ids", out.evidence_ids, errors);
    read_ids(r, j, "contest_evidence_ids", out.contest_evidence_ids, errors);
    read_array(r, j, "assessments", out.assessments, errors,
               {"evidence_id", "authenticity", "relevance", "legality", "note", "assessor_id", "at"},
               [&](JsonReader& a, const json&, EvidenceAssessment& v) {
                   a.integer("evidence_id", v.evidence_id);
                   a.enumeration("authenticity", v.authenticity);
                   a.enumeration("relevance", v.relevance);
                   a.enumeration("legality", v.legality);
                   a.string("note", v.note);
                   a.integer("assessor_id", v.assessor_id);
                   a.integer("at", v.at);
               });
    read_array(r, j, "inspections", out.inspections, errors, {"what", "payer", "at"},
               [&](JsonReader& o, const json&, InspectionOrder& v) {
                   o.string("what", v.what);
                   o.enumeration("payer", v.payer);
                   o.integer("at", v.at);
               });
    if (present("ruling")) {
        Ruling ru;
        nested(r, "ruling", errors,
               {"liability", "remedy", "reasoning", "violation", "force_majeure", "arbitrator_id", "at"},
               [&](JsonReader& o) {
                   o.enumeration("liability", ru.liability);
                   read_terms(o, "remedy", ru.remedy, errors);
                   o.string("reasoning", ru.reasoning);
                   Violation v{};
                   if (o.has("violation") && !j.at("ruling").at("violation").is_null() &&
                       o.enumeration("violation", v))
                       ru.violation = v;
                   o.boolean("force_majeure", ru.force_majeure);
                   o.integer("arbitrator_id", ru.arbitrator_id);
                   o.integer("at", ru.at);
               });
        out.ruling = ru;
    } else if (!r.has("ruling")) {
        errors.push_back({"ruling", ErrorCode::required, 0});
    }
    r.boolean("appeal_used", out.appeal_used);
    if (present("penalty")) {
        ViolationRecord p;
        nested(r, "penalty", errors, {"dispute_id", "violation", "at", "force_majeure", "points"}, [&](JsonReader& o) {
            o.integer("dispute_id", p.dispute_id);
            o.enumeration("violation", p.violation);
            o.integer("at", p.at);
            o.boolean("force_majeure", p.force_majeure);
            std::int64_t points = 0;
            o.integer("points", points);
            p.points = static_cast<int>(points);
        });
        out.penalty = p;
    } else if (!r.has("penalty")) {
        errors.push_back({"penalty", ErrorCode::required, 0});
    }
    std::vector<std::string> plan;
    r.string_list("plan", plan);
    for (const std::string& key : plan) {
        ExecutionStep s{};
        if (!from_key(key, s)) errors.push_back({"plan", ErrorCode::invalid_choice, 0});
        else out.plan.push_back(s);
    }
    std::int64_t step = 0;
    r.integer("step", step);
    out.step = static_cast<std::size_t>(step < 0 ? 0 : step);
    r.string("return_tracking", out.return_tracking);
    r.string("reship_tracking", out.reship_tracking);
    r.boolean("litigation_risk", out.litigation_risk);
    if (present("referred_to")) {
        ExternalBody b{};
        if (r.enumeration("referred_to", b)) out.referred_to = b;
    } else if (!r.has("referred_to")) {
        errors.push_back({"referred_to", ErrorCode::required, 0});
    }
    r.string("closing_summary", out.closing_summary);
    for (const auto& [key, slot] : {std::pair{"buyer_rating", &out.buyer_rating},
                                    std::pair{"merchant_rating", &out.merchant_rating}}) {
        if (present(key)) {
            Rating rating;
            nested(r, key, errors, {"score", "comment", "at"}, [&](JsonReader& o) {
                std::int64_t score = 0;
                o.integer("score", score);
                rating.score = static_cast<int>(score);
                o.string("comment", rating.comment);
                o.integer("at", rating.at);
            });
            *slot = rating;
        } else if (!r.has(key)) {
            errors.push_back({key, ErrorCode::required, 0});
        }
    }
    r.integer("state_entered_at", out.state_entered_at);
    r.integer("step_entered_at", out.step_entered_at);
    r.integer("first_response_at", out.first_response_at);
    r.integer("platform_paused_seconds", out.platform_paused_seconds);
    r.integer("platform_paused_since", out.platform_paused_since);
    r.integer("resolved_at", out.resolved_at);
    r.string_list("overdue_noted", out.overdue_noted);
    return errors;
}

}  // namespace accord::api
