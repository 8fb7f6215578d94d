#include "accord/ruling.hpp"

#include "accord/case.hpp"
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

bool ruling_upholds(CaseKind kind, Liability liability) {
    if (liability == Liability::undetermined) return false;
    switch (claimant_of(kind)) {
        case Party::buyer: return liability != Liability::buyer;
        case Party::merchant: return liability != Liability::merchant;
        case Party::platform: return true;  // GCOVR_EXCL_LINE: the platform never files
    }
    return false;  // GCOVR_EXCL_LINE: a value outside the enum
}

FieldErrors validate_ruling(const Ruling& r, const Money& order_total, CaseKind kind) {
    FieldErrors errors;
    check_text(errors, "reasoning", r.reasoning, 20, 5000);
    // A dismissed claim may order nothing; an upheld one needs a remedy that holds.
    if (ruling_upholds(kind, r.liability)) {
        for (FieldError e : validate_terms(r.remedy, order_total)) {
            e.field = "remedy." + e.field;
            errors.push_back(e);
        }
    } else {
        if (r.remedy.amount.minor != 0) errors.push_back({"remedy.amount_minor", ErrorCode::not_applicable, 0});
        if (r.remedy.platform_amount.minor != 0) errors.push_back({"remedy.platform_amount_minor", ErrorCode::not_applicable, 0});
    }
    const bool merchant_liable = r.liability == Liability::merchant || r.liability == Liability::shared;
    if (r.violation && !merchant_liable) errors.push_back({"violation", ErrorCode::not_applicable, 0});
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
