#include "accord/money.hpp"

#include <cstdio>

namespace accord {

std::string format_money(const Money& m) {
    // Negate in unsigned arithmetic: -INT64_MIN does not fit an int64 (undefined behaviour).
    const std::uint64_t abs = m.minor < 0 ? 0 - static_cast<std::uint64_t>(m.minor) : static_cast<std::uint64_t>(m.minor);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s %s%llu.%02llu", m.currency.c_str(), m.minor < 0 ? "-" : "",
                  static_cast<unsigned long long>(abs / 100), static_cast<unsigned long long>(abs % 100));
    return buf;
}

bool parse_amount(const std::string& text, std::int64_t& minor_out) {
    std::int64_t units = 0;
    std::size_t i = 0;
    if (text.empty()) return false;
    for (; i < text.size() && text[i] != '.'; ++i) {
        if (text[i] < '0' || text[i] > '9' || i >= 12) return false;
        units = units * 10 + (text[i] - '0');
    }
    if (i == 0) return false;
    std::int64_t cents = 0;
    if (i < text.size()) {
        const std::size_t decimals = text.size() - i - 1;
        if (decimals < 1 || decimals > 2) return false;
        for (std::size_t j = i + 1; j < text.size(); ++j) {
            if (text[j] < '0' || text[j] > '9') return false;
            cents = cents * 10 + (text[j] - '0');
        }
        if (decimals == 1) cents *= 10;
    }
    minor_out = units * 100 + cents;
    return true;
}

bool is_currency_code(const std::string& code) {
    if (code.size() != 3) return false;
    for (char c : code)
        if (c < 'A' || c > 'Z') return false;
    return true;
}

}  // namespace accord
