#include "accord/ruling.hpp"

#include "accord/filing.hpp"

namespace accord {

static void check_text(FieldErrors& errors, const char* field, const std::string& text, std::size_t min,
                       std::size_t max) {
    const std::size_t n = utf8_length(text);
    if (!is_valid_utf8(text)) errors.push_back({field, ErrorCode::invalid_format, 0});
    else if (n == 0 && min > 0) errors.push_back({field, ErrorCode::required, 0});
    else if (n < min) errors.push_back({field, ErrorCode::too_short, static_cast<std::int64_t>(min)});
    else if (n > max) errors.push_back({field, ErrorCode::too_long, static_cast<std::int64_t>(max)});
}

FieldErrors validate_ruling(const Ruling& r, const Money& order_total) {
    FieldErrors errors;
    check_text(errors, "reasoning", r.reasoning, 20, 5000);
    // A dismissed claim (buyer liable / undetermined) may order nothing; otherwise the remedy must hold.
    const bool merchant_pays = r.liability == Liability::merchant || r.liability == Liability::shared;
    if (merchant_pays) {
        for (FieldError e : validate_terms(r.remedy, order_total)) {
            e.field = "remedy." + e.field;
            errors.push_back(e);
        }
    } else {
        if (r.remedy.amount.minor != 0) errors.push_back({"remedy.amount", ErrorCode::not_applicable, 0});
        if (r.remedy.platform_amount.minor != 0) errors.push_back({"remedy.platform_amount", ErrorCode::not_applicable, 0});
    }
    if (r.violation && !merchant_pays) errors.push_back({"violation", ErrorCode::not_applicable, 0});
    if (r.force_majeure && !r.violation) errors.push_back({"force_majeure", ErrorCode::not_applicable, 0});
    return errors;
}

bool evidence_admissible(const EvidenceAssessment& a) {
    return a.authenticity == Finding::accepted && a.relevance == Finding::accepted && a.legality == Finding::accepted;
}

FieldErrors validate_assessment(const EvidenceAssessment& a) {
    FieldErrors errors;
    if (a.evidence_id <= 0) errors.push_back({"evidence_id", ErrorCode::required, 0});
    check_text(errors, "note", a.note, evidence_admissible(a) ? 0 : 1, 1000);
    return errors;
}

FieldErrors validate_inspection(const InspectionOrder& o) {
    FieldErrors errors;
    check_text(errors, "what", o.what, 2, 500);
    return errors;
}

}  // namespace accord
