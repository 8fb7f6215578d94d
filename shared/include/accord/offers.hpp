// Offers and counter-offers between the parties (双方协商), the mediator's proposal, and the
// settlement an accepted offer becomes.
#pragma once
#include <cstdint>
#include <string>

#include "accord/dispute.hpp"
#include "accord/error_code.hpp"

namespace accord {

enum class Party { buyer, merchant, platform };

template <>
struct EnumTable<Party> {
    static constexpr EnumEntry<Party> entries[] = {
        {Party::buyer, "buyer", "买家", "Buyer"},
        {Party::merchant, "merchant", "商家", "Merchant"},
        {Party::platform, "platform", "平台", "Platform"},
    };
};

// Who pays for a remedy (PRODUCT.md: every offer, proposal and ruling says who pays). The platform's share
// is what its compensation approval rule looks at (approvals.hpp).
enum class Payer { merchant, platform, shared };

template <>
struct EnumTable<Payer> {
    static constexpr EnumEntry<Payer> entries[] = {
        {Payer::merchant, "merchant", "商家", "Merchant"},
        {Payer::platform, "platform", "平台", "Platform"},
        {Payer::shared, "shared", "共同承担", "Shared"},
    };
};

// What is offered: a remedy, an amount (never above the order total), who pays it, and free-text terms.
struct Terms {
    Remedy remedy = Remedy::full_refund;
    Money amount;
    std::string terms;  // e.g. "退货运费由商家承担"
    Payer payer = Payer::merchant;
    // What the platform pays of `amount`: 0 when the merchant pays, all of it when the platform pays,
    // strictly between when they share. Same currency as `amount`.
    Money platform_amount = {};
};

struct Offer {
    std::int64_t seq = 0;  // 1, 2, ... in the order made; the history is never rewritten
    Party from = Party::buyer;
    std::int64_t author_id = 0;
    Terms terms;
    Timestamp at = 0;
};

// What the case settled on, and how: by agreement, by the merchant accepting the claim,
// by the mediator's proposal, by ruling, or by a timeout rule (auto-grant).
enum class SettlementBasis { merchant_accepted, offer_accepted, mediation, ruling, auto_granted };

template <>
struct EnumTable<SettlementBasis> {
    static constexpr EnumEntry<SettlementBasis> entries[] = {
        {SettlementBasis::merchant_accepted, "merchant_accepted", "商家同意", "Merchant accepted the claim"},
        {SettlementBasis::offer_accepted, "offer_accepted", "协商一致", "Offer accepted"},
        {SettlementBasis::mediation, "mediation", "调解", "Mediation"},
        {SettlementBasis::ruling, "ruling", "裁决", "Ruling"},
        {SettlementBasis::auto_granted, "auto_granted", "超时自动支持", "Granted on timeout"},
    };
};

struct Settlement {
    Terms terms;
    SettlementBasis basis = SettlementBasis::offer_accepted;
    std::int64_t offer_seq = 0;  // for offer_accepted
    Timestamp at = 0;
};

// Remedies that move money need an amount > 0; exchange, repair and reissue may carry 0.
bool remedy_pays_money(Remedy r);
// Amount within 0..order total in the order's currency; terms <= 500 characters; the platform's share fits
// the payer (field "platform_amount": not_applicable when the merchant pays, must_equal_amount when the
// platform pays, share_out_of_range unless 0 < share < amount when shared).
FieldErrors validate_terms(const Terms& t, const Money& order_total);
// The usual terms for a payer: the platform pays nothing, everything, or (shared) the given share.
Terms with_payer(Terms t, Payer payer, std::int64_t platform_minor = 0);

}  // namespace accord
