#include "accord/filing.hpp"

namespace accord {

std::size_t utf8_length(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool is_valid_utf8(const std::string& s) {
    // RFC 3629 (the same rule nlohmann::json applies when it dumps a string): no overlong
    // forms, no UTF-16 surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c < 0x80) {
            len = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;  // overlong below U+0800
            if (c == 0xED) hi = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;  // overlong below U+10000
            if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
        }
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char b = static_cast<unsigned char>(s[i + k]);
            if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) return false;
        }
        i += len;
    }
    return true;
}

static bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string trim_spaces(const std::string& s) {
    // ASCII white space and the ideographic space U+3000 (E3 80 80), which Chinese IMEs type.
    static const std::string kIdeographicSpace = "\xE3\x80\x80";
    std::size_t begin = 0, end = s.size();
    while (begin < end) {
        if (is_ascii_space(s[begin])) ++begin;
        else if (s.compare(begin, 3, kIdeographicSpace) == 0) begin += 3;
        else break;
    }
    while (end > begin) {
        if (is_ascii_space(s[end - 1])) --end;
        else if (end - begin >= 3 && s.compare(end - 3, 3, kIdeographicSpace) == 0) end -= 3;
        else break;
    }
    return s.substr(begin, end - begin);
}

static bool is_order_ref_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

Timestamp filing_deadline(const OrderSnapshot& order, Category category, const FilingRules& rules) {
    if (category == Category::not_received || order.delivered_at == 0)
        return order.placed_at + rules.not_received_window_days * kSecondsPerDay;
    return order.delivered_at + rules.filing_window_days * kSecondsPerDay;
}

static void check_description_and_channel(const FilingForm& form, const Viewer& filer, const FilingRules& rules,
                                          FieldErrors& errors) {
    auto add = [&](const char* field, ErrorCode code, std::int64_t limit = 0) {
        errors.push_back({field, code, limit});
    };
    const std::size_t desc_len = utf8_length(trim_spaces(form.description));
    if (!is_valid_utf8(form.description)) {
        add("description", ErrorCode::invalid_format);
    } else if (desc_len == 0) {
        add("description", ErrorCode::required);
    } else if (desc_len < static_cast<std::size_t>(rules.description_min_chars)) {
        add("description", ErrorCode::too_short, rules.description_min_chars);
    } else if (desc_len > static_cast<std::size_t>(rules.description_max_chars)) {
        add("description", ErrorCode::too_long, rules.description_max_chars);
    }

    // Parties file for themselves from the web or the app; recording a hotline, e-mail or
    // social-media complaint is the support agent's job.
    const bool self_service = form.channel == Channel::web || form.channel == Channel::app;
    if (!self_service && filer.role != Role::support) add("channel", ErrorCode::channel_not_allowed);
}

Money claim_ceiling(const FilingForm& form, const OrderSnapshot* order, const FilingRules& rules) {
    if (order != nullptr && form.kind != CaseKind::merchant_vs_platform) return order->total;
    return Money{rules.no_order_amount_max_minor, form.currency};
}

FieldErrors validate_filing(const FilingForm& form, const OrderSnapshot* order, const Viewer& filer,
                            Timestamp now, const FilingRules& rules) {
    FieldErrors errors;
    auto add = [&](const char* field, ErrorCode code, std::int64_t limit = 0) {
        errors.push_back({field, code, limit});
    };

    // Who files which kind: buyers against merchants, merchants against buyers or the platform; support
    // records any kind on the filer's behalf.
    const bool by_merchant = form.kind != CaseKind::buyer_vs_merchant;
    if (filer.role != Role::support && (filer.role == Role::merchant) != by_merchant)
        add("kind", ErrorCode::not_applicable);
    const Remedy remedy = form.requested_remedy;
    const bool money_remedy =
        remedy == Remedy::full_refund || remedy == Remedy::partial_refund || remedy == Remedy::compensation;
    if (by_merchant && !money_remedy) add("requested_remedy", ErrorCode::not_applicable);

    if (form.kind == CaseKind::merchant_vs_platform) {
        // A dispute with the platform itself: its contract or its policy, and no order.
        if (form.category != Category::contract && form.category != Category::platform_policy)
            add("category", ErrorCode::not_applicable);
        if (!form.order_ref.empty()) add("order_ref", ErrorCode::not_applicable);
        if (form.amount_minor <= 0) add("amount_minor", ErrorCode::must_be_positive);
        else if (form.amount_minor > rules.no_order_amount_max_minor) add("amount_minor", ErrorCode::out_of_range);
        if (!is_currency_code(form.currency)) add("currency", ErrorCode::invalid_format);
        check_description_and_channel(form, filer, rules, errors);
        return errors;
    }

    bool order_ref_ok = false;
    if (form.order_ref.empty()) {
        add("order_ref", ErrorCode::required);
    } else if (form.order_ref.size() > static_cast<std::size_t>(rules.order_ref_max_chars)) {
        add("order_ref", ErrorCode::too_long, rules.order_ref_max_chars);
    } else {
        order_ref_ok = true;
        for (char c : form.order_ref)
            if (!is_order_ref_char(c)) order_ref_ok = false;
        if (!order_ref_ok) add("order_ref", ErrorCode::invalid_format);
    }
    // A merchant files only on its own shop's orders (support on the merchant's behalf, on any; anyone else
    // was told above that the kind is not theirs).
    const bool own_shop = order == nullptr || form.kind != CaseKind::merchant_vs_buyer || filer.role != Role::merchant ||
                          (filer.merchant_id != 0 && order->merchant_id == filer.merchant_id);
    if (order_ref_ok && (order == nullptr || !own_shop)) add("order_ref", ErrorCode::unknown_order);
    // One case per order at a time: new facts go into the open case, not a second one.
    if (order != nullptr && order->open_dispute_id != 0) add("order_ref", ErrorCode::already_disputed);

    if (form.amount_minor <= 0) {
        add("amount_minor", ErrorCode::must_be_positive);
    } else if (order != nullptr && form.currency == order->total.currency &&
               form.amount_minor > order->total.minor) {
        add("amount_minor", ErrorCode::exceeds_order_total);
    }

    if (!is_currency_code(form.currency)) {
        add("currency", ErrorCode::invalid_format);
    } else if (order != nullptr && form.currency != order->total.currency) {
        add("currency", ErrorCode::currency_mismatch);
    }

    check_description_and_channel(form, filer, rules, errors);

    if (order != nullptr && now > filing_deadline(*order, form.category, rules)) {
        const bool from_order_date = form.category == Category::not_received || order->delivered_at == 0;
        add("order_ref", ErrorCode::filing_window_closed,
            from_order_date ? rules.not_received_window_days : rules.filing_window_days);
    }
    return errors;
}

}  // namespace accord
