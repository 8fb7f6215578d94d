// Arbitration (纠纷裁决): the ruling, and the assessment of each piece of evidence.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "accord/error_code.hpp"
#include "accord/offers.hpp"
#include "accord/penalties.hpp"

namespace accord {

enum class Liability { merchant, buyer, shared, undetermined, platform };

template <>
struct EnumTable<Liability> {
    static constexpr EnumEntry<Liability> entries[] = {
        {Liability::merchant, "merchant", "商家责任", "Merchant liable"},
        {Liability::buyer, "buyer", "买家责任", "Buyer liable"},
        {Liability::shared, "shared", "双方共同责任", "Shared liability"},
        {Liability::undetermined, "undetermined", "无法认定", "Undetermined"},
        {Liability::platform, "platform", "平台责任", "Platform liable"},
    };
};

struct Ruling {
    Liability liability = Liability::undetermined;
    Terms remedy;             // what the merchant must do; amount may be 0 when the claim is dismissed
    std::string reasoning;    // written reasoning, required (裁决理由)
    std::optional<Violation> violation;  // a rule the merchant broke, charged as penalty points
    bool force_majeure = false;          // proven force majeure: no points
    std::int64_t arbitrator_id = 0;
    Timestamp at = 0;
};

// Whether the ruling upholds the claim of a case of this kind (and so orders its remedy carried out): the
// liability is neither the claimant's nor undetermined. A buyer's claim is upheld when the merchant, both or
// the platform are liable; a merchant's claim when the buyer (or the platform), or both, are.
bool ruling_upholds(CaseKind kind, Liability liability);
// Reasoning of 20..5000 characters; a remedy when the claim is upheld, nothing otherwise; a violation (a
// merchant's penalty) only when the merchant is (co-)liable; terms valid.
FieldErrors validate_ruling(const Ruling& r, const Money& order_total, CaseKind kind = CaseKind::buyer_vs_merchant);

// Each piece of evidence is assessed on three counts (证据的真实性、关联性、合法性).
enum class Finding { accepted, doubtful, rejected };

template <>
struct EnumTable<Finding> {
    static constexpr EnumEntry<Finding> entries[] = {
        {Finding::accepted, "accepted", "采信", "Accepted"},
        {Finding::doubtful, "doubtful", "存疑", "Doubtful"},
        {Finding::rejected, "rejected", "不予采信", "Rejected"},
    };
};

struct EvidenceAssessment {
    std::int64_t evidence_id = 0;
    Finding authenticity = Finding::doubtful;
    Finding relevance = Finding::doubtful;
    Finding legality = Finding::doubtful;
    std::string note;
    std::int64_t assessor_id = 0;
    Timestamp at = 0;
};

// An item counts for the decision only if accepted on all three counts.
bool evidence_admissible(const EvidenceAssessment& a);
// evidence_id > 0; a note (<= 1000 characters) is required whenever a count is not accepted.
FieldErrors validate_assessment(const EvidenceAssessment& a);

// The mediator may order a product inspection or third-party test; the rule says who pays:
// the party found at fault, advanced by the one who asked (here: payer chosen up front).
struct InspectionOrder {
    std::string what;  // e.g. "第三方质检：耳机左声道"
    Party payer = Party::platform;
    Timestamp at = 0;
};
FieldErrors validate_inspection(const InspectionOrder& o);

}  // namespace accord
