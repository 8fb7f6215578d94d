#include "forms/draft_codec.hpp"

#include "forms/text_buffer.hpp"

namespace accord::client {

namespace {

template <std::size_t N>
void get_text(const nlohmann::json& j, const char* key, char (&dest)[N]) {
    if (!j.contains(key) || !j[key].is_string()) return;
    const std::string& text = j[key].get_ref<const std::string&>();
    // Cut at a character boundary: a buffer that shrank must not end in half a character.
    std::size_t len = std::min(text.size(), N - 1);
    while (len > 0 && len < text.size() && (static_cast<unsigned char>(text[len]) & 0xC0) == 0x80) --len;
    std::memcpy(dest, text.data(), len);
    dest[len] = '\0';
}

template <typename E>
void get_enum(const nlohmann::json& j, const char* key, E& out) {
    if (j.contains(key) && j[key].is_string()) from_key(j[key].get<std::string>(), out);
}

// The draft keeps some choices as ints (what the combos edit); on the wire of the draft they are keys.
template <typename E>
nlohmann::json key_of(int value) {
    return to_key(static_cast<E>(value));
}
template <typename E>
void get_enum_int(const nlohmann::json& j, const char* key, int& out) {
    E value = static_cast<E>(out);
    get_enum(j, key, value);
    out = static_cast<int>(value);
}

bool get_bool(const nlohmann::json& j, const char* key, bool fallback) {
    return j.contains(key) && j[key].is_boolean() ? j[key].get<bool>() : fallback;
}

std::int64_t get_int(const nlohmann::json& j, const char* key, std::int64_t fallback) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<std::int64_t>() : fallback;
}

nlohmann::json encode_terms(const TermsDraft& t) {
    return {{"remedy", key_of<Remedy>(t.remedy)},
            {"amount", t.amount},
            {"payer", key_of<Payer>(t.payer)},
            {"platform_amount", t.platform_amount},
            {"text", t.text}};
}

void decode_terms(const nlohmann::json& j, TermsDraft& t) {
    if (!j.is_object()) return;
    get_enum_int<Remedy>(j, "remedy", t.remedy);
    get_text(j, "amount", t.amount);
    get_enum_int<Payer>(j, "payer", t.payer);
    get_text(j, "platform_amount", t.platform_amount);
    get_text(j, "text", t.text);
}

}  // namespace

nlohmann::json encode_filing(const FilingDraft& d, const std::string& order_ref) {
    return {{"order_ref", order_ref}, {"category", key_of<Category>(d.category)}, {"remedy", key_of<Remedy>(d.remedy)},
            {"amount", d.amount},     {"amount_typed", d.amount_typed},           {"description", d.description}};
}

FilingDraft decode_filing(const nlohmann::json& j) {
    FilingDraft d;
    if (!j.is_object()) return d;
    d.open = true;
    if (j.contains("order_ref") && j["order_ref"].is_string()) d.wanted_order = j["order_ref"].get<std::string>();
    get_enum_int<Category>(j, "category", d.category);
    get_enum_int<Remedy>(j, "remedy", d.remedy);
    get_text(j, "amount", d.amount);
    d.amount_typed = get_bool(j, "amount_typed", false);
    get_text(j, "description", d.description);
    return d;
}

bool has_typed(const FilingDraft& d) {
    return d.open && (d.description[0] != '\0' || d.amount_typed);
}

nlohmann::json encode_action(const ActionDraft& d) {
    nlohmann::json evidence = nlohmann::json::array();
    for (std::int64_t id : d.evidence_ids) evidence.push_back(id);
    return {
        {"action", to_key(d.action)},
        {"reason", d.reason},
        {"triage",
         {{"category", to_key(d.triage.category)},
          {"priority", to_key(d.triage.priority)},
          {"queue", to_key(d.triage.queue)},
          {"root_cause", to_key(d.triage.root_cause)},
          {"personal_safety", d.triage.personal_safety}}},
        {"items", d.items},
        {"evidence_ids", evidence},
        {"terms", encode_terms(d.terms)},
        {"offer_seq", d.offer_seq},
        {"assignee_id", d.assignee_id},
        {"assessment",
         {{"evidence_id", d.assessment.evidence_id},
          {"authenticity", to_key(d.assessment.authenticity)},
          {"relevance", to_key(d.assessment.relevance)},
          {"legality", to_key(d.assessment.legality)},
          {"note", d.assessment_note}}},
        {"inspection", {{"what", d.inspection_what}, {"payer", to_key(d.inspection.payer)}}},
        {"liability", key_of<Liability>(d.liability)},
        {"ruling_remedy", encode_terms(d.ruling_remedy)},
        {"reasoning", d.reasoning},
        {"violation", d.violation < 0 ? nlohmann::json(nullptr) : key_of<Violation>(d.violation)},
        {"force_majeure", d.force_majeure},
        {"tracking_number", d.tracking_number},
        {"inspection_passed", d.inspection_passed},
        {"external", key_of<ExternalBody>(d.external)},
        {"score", d.score},
        {"rating_comment", d.rating_comment},
    };
}

std::optional<ActionDraft> decode_action(const nlohmann::json& j) {
    ActionDraft d;
    if (!j.is_object() || !j.contains("action") || !j["action"].is_string() ||
        !from_key(j["action"].get<std::string>(), d.action))
        return std::nullopt;
    d.open = true;
    get_text(j, "reason", d.reason);
    if (j.contains("triage") && j["triage"].is_object()) {
        const nlohmann::json& t = j["triage"];
        get_enum(t, "category", d.triage.category);
        get_enum(t, "priority", d.triage.priority);
        get_enum(t, "queue", d.triage.queue);
        get_enum(t, "root_cause", d.triage.root_cause);
        d.triage.personal_safety = get_bool(t, "personal_safety", false);
    }
    get_text(j, "items", d.items);
    if (j.contains("evidence_ids") && j["evidence_ids"].is_array())
        for (const auto& id : j["evidence_ids"])
            if (id.is_number_integer()) d.evidence_ids.insert(id.get<std::int64_t>());
    if (j.contains("terms")) decode_terms(j["terms"], d.terms);
    d.offer_seq = get_int(j, "offer_seq", 0);
    d.assignee_id = get_int(j, "assignee_id", 0);
    if (j.contains("assessment") && j["assessment"].is_object()) {
        const nlohmann::json& a = j["assessment"];
        d.assessment.evidence_id = get_int(a, "evidence_id", 0);
        get_enum(a, "authenticity", d.assessment.authenticity);
        get_enum(a, "relevance", d.assessment.relevance);
        get_enum(a, "legality", d.assessment.legality);
        get_text(a, "note", d.assessment_note);
    }
    if (j.contains("inspection") && j["inspection"].is_object()) {
        get_text(j["inspection"], "what", d.inspection_what);
        get_enum(j["inspection"], "payer", d.inspection.payer);
    }
    get_enum_int<Liability>(j, "liability", d.liability);
    if (j.contains("ruling_remedy")) decode_terms(j["ruling_remedy"], d.ruling_remedy);
    get_text(j, "reasoning", d.reasoning);
    if (j.contains("violation") && j["violation"].is_string()) {
        Violation v{};
        if (from_key(j["violation"].get<std::string>(), v)) d.violation = static_cast<int>(v);
    }
    d.force_majeure = get_bool(j, "force_majeure", false);
    get_text(j, "tracking_number", d.tracking_number);
    d.inspection_passed = get_bool(j, "inspection_passed", true);
    get_enum_int<ExternalBody>(j, "external", d.external);
    d.score = static_cast<int>(get_int(j, "score", 5));
    get_text(j, "rating_comment", d.rating_comment);
    return d;
}

}  // namespace accord::client
