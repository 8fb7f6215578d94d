#include "accord/offers.hpp"

#include "accord/filing.hpp"

namespace accord {

bool remedy_pays_money(Remedy r) {
    return r == Remedy::full_refund || r == Remedy::return_and_refund || r == Remedy::partial_refund ||
           r == Remedy::compensation;
}

FieldErrors validate_terms(const Terms& t, const Money& order_total) {
    FieldErrors errors;
    if (t.amount.currency != order_total.currency) errors.push_back({"amount", ErrorCode::currency_mismatch, 0});
    if (t.amount.minor < 0 || (t.amount.minor == 0 && remedy_pays_money(t.remedy)))
        errors.push_back({"amount", ErrorCode::must_be_positive, 0});
    else if (t.amount.minor > order_total.minor) errors.push_back({"amount", ErrorCode::exceeds_order_total, 0});
    if (!is_valid_utf8(t.terms)) errors.push_back({"terms", ErrorCode::invalid_format, 0});
    else if (utf8_length(t.terms) > 500) errors.push_back({"terms", ErrorCode::too_long, 500});
    return errors;
}

}  // namespace accord
