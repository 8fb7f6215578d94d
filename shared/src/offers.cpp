#include "accord/offers.hpp"

#include "accord/filing.hpp"

namespace accord {

bool remedy_pays_money(Remedy r) {
    return r == Remedy::full_refund || r == Remedy::return_and_refund || r == Remedy::partial_refund ||
           r == Remedy::compensation;
}

FieldErrors validate_terms(const Terms& t, const Money& order_total) {
    FieldErrors errors;
    if (t.amount.currency != order_total.currency) errors.push_back({"currency", ErrorCode::currency_mismatch, 0});
    if (t.amount.minor < 0 || (t.amount.minor == 0 && remedy_pays_money(t.remedy)))
        errors.push_back({"amount_minor", ErrorCode::must_be_positive, 0});
    else if (t.amount.minor > order_total.minor) errors.push_back({"amount_minor", ErrorCode::exceeds_order_total, 0});
    if (!is_valid_utf8(t.terms)) errors.push_back({"terms", ErrorCode::invalid_format, 0});
    else if (utf8_length(t.terms) > 500) errors.push_back({"terms", ErrorCode::too_long, 500});

    const std::int64_t share = t.platform_amount.minor;
    if (share != 0 && t.platform_amount.currency != t.amount.currency) {  // nothing paid has no currency to mind
        errors.push_back({"currency", ErrorCode::currency_mismatch, 0});
        return errors;
    }
    switch (t.payer) {
        case Payer::merchant:
            if (share != 0) errors.push_back({"platform_amount_minor", ErrorCode::not_applicable, 0});
            break;
        case Payer::platform:
            if (share != t.amount.minor) errors.push_back({"platform_amount_minor", ErrorCode::must_equal_amount, 0});
            break;
        case Payer::shared:
            if (share <= 0 || share >= t.amount.minor)
                errors.push_back({"platform_amount_minor", ErrorCode::share_out_of_range, 0});
            break;
    }
    return errors;
}

Terms with_payer(Terms t, Payer payer, std::int64_t platform_minor) {
    t.payer = payer;
    t.platform_amount.currency = t.amount.currency;
    switch (payer) {
        case Payer::merchant: t.platform_amount.minor = 0; break;
        case Payer::platform: t.platform_amount.minor = t.amount.minor; break;
        case Payer::shared: t.platform_amount.minor = platform_minor; break;
    }
    return t;
}

}  // namespace accord
