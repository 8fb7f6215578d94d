// Money as integer minor units (fen for CNY): no floating point anywhere near an amount.
#pragma once
#include <cstdint>
#include <string>

namespace accord {

struct Money {
    std::int64_t minor = 0;
    std::string currency = "CNY";
};

inline bool operator==(const Money& a, const Money& b) {
    return a.minor == b.minor && a.currency == b.currency;
}

// "¥1,234.50" style display: "CNY 1234.50".
std::string format_money(const Money& m);
// Parses "12", "12.5", "12.50" into minor units (2 decimals); false on anything else.
bool parse_amount(const std::string& text, std::int64_t& minor_out);
// A currency code is three upper-case ASCII letters (ISO 4217 shape).
bool is_currency_code(const std::string& code);

}  // namespace accord
