// Validation of the filing form (shared by client and server).
#include <doctest/doctest.h>

#include <optional>

#include <functional>
#include <string>

#include "accord/filing.hpp"
#include "accord/json_reader.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;

static FilingForm good_form() {
    FilingForm f;
    f.order_ref = "TB-1";
    f.category = Category::quality_defect;
    f.requested_remedy = Remedy::return_and_refund;
    f.amount_minor = 89900;
    f.currency = "CNY";
    f.description = "耳机左边没有声音，要求退货退款";
    return f;
}

TEST_CASE("a complete filing within the window has no errors") {
    const Timestamp now = 1'790'000'000;
    const OrderSnapshot o = order_delivered(now - 2 * kSecondsPerDay);
    CHECK(validate_filing(good_form(), &o, Viewer{7, Role::buyer, 0}, now).empty());
}

// ---------------------------------------------------------------------------
// The rules one by one.

namespace {

const Viewer kBuyerViewer{kOrderBuyer, Role::buyer, 0};
const Viewer kSupportViewer{20, Role::support, 0};

// What a test changes in the otherwise valid filing.
struct Filing {
    FilingForm form = good_form();
    OrderSnapshot order = order_delivered(kNow - 2 * kSecondsPerDay);
    bool order_known = true;
    Viewer filer = kBuyerViewer;
    Timestamp now = kNow;

    FieldErrors validate(const FilingRules& rules = {}) const {
        return validate_filing(form, order_known ? &order : nullptr, filer, now, rules);
    }
};

std::string describe_with_limits(const FieldErrors& errors) {
    std::string s;
    for (const auto& e : errors) s += e.field + "/" + to_key(e.code) + "/" + std::to_string(e.limit) + " ";
    return s;
}

}  // namespace

TEST_CASE("each broken rule yields exactly its own error") {
    struct Row {
        const char* name;
        std::function<void(Filing&)> change;
        const char* field;
        ErrorCode code;
        std::int64_t limit;
    };
    const Row rows[] = {
        {"order_ref empty", [](Filing& c) { c.form.order_ref = ""; }, "order_ref", ErrorCode::required, 0},
        {"order_ref 65 chars", [](Filing& c) { c.form.order_ref = std::string(65, 'A'); }, "order_ref",
         ErrorCode::too_long, 64},
        {"order_ref with a space", [](Filing& c) { c.form.order_ref = "TB 1"; }, "order_ref", ErrorCode::invalid_format,
         0},
        {"order_ref with a slash", [](Filing& c) { c.form.order_ref = "TB/1"; }, "order_ref", ErrorCode::invalid_format,
         0},
        {"order_ref with a dot", [](Filing& c) { c.form.order_ref = "TB.1"; }, "order_ref", ErrorCode::invalid_format,
         0},
        {"order_ref in Chinese", [](Filing& c) { c.form.order_ref = "订单1"; }, "order_ref", ErrorCode::invalid_format,
         0},
        {"order_ref with a newline", [](Filing& c) { c.form.order_ref = "TB-1\n"; }, "order_ref",
         ErrorCode::invalid_format, 0},
        {"unknown order", [](Filing& c) { c.order_known = false; }, "order_ref", ErrorCode::unknown_order, 0},
        {"amount zero", [](Filing& c) { c.form.amount_minor = 0; }, "amount_minor", ErrorCode::must_be_positive, 0},
        {"amount negative", [](Filing& c) { c.form.amount_minor = -1; }, "amount_minor", ErrorCode::must_be_positive,
         0},
        {"amount one fen above the total", [](Filing& c) { c.form.amount_minor = 89901; }, "amount_minor",
         ErrorCode::exceeds_order_total, 0},
        {"currency differs from the order's", [](Filing& c) { c.form.currency = "USD"; }, "currency",
         ErrorCode::currency_mismatch, 0},
        {"currency differs and amount above total: only the currency is reported",
         [](Filing& c) {
             c.form.currency = "USD";
             c.form.amount_minor = 999999;
         },
         "currency", ErrorCode::currency_mismatch, 0},
        {"currency lower case", [](Filing& c) { c.form.currency = "cny"; }, "currency", ErrorCode::invalid_format, 0},
        {"currency empty", [](Filing& c) { c.form.currency = ""; }, "currency", ErrorCode::invalid_format, 0},
        {"currency four letters", [](Filing& c) { c.form.currency = "CNYY"; }, "currency", ErrorCode::invalid_format,
         0},
        {"description empty", [](Filing& c) { c.form.description = ""; }, "description", ErrorCode::required, 0},
        {"description one character", [](Filing& c) { c.form.description = "坏"; }, "description", ErrorCode::too_short,
         10},
        // 9 characters but 27 bytes: the minimum counts characters, not bytes.
        {"description 9 Chinese characters", [](Filing& c) { c.form.description = repeat("坏", 9); }, "description",
         ErrorCode::too_short, 10},
        {"description 9 ASCII characters", [](Filing& c) { c.form.description = "123456789"; }, "description",
         ErrorCode::too_short, 10},
        // 2001 characters, 6003 bytes.
        {"description 2001 Chinese characters", [](Filing& c) { c.form.description = repeat("坏", 2001); },
         "description", ErrorCode::too_long, 2000},
        {"description 2001 ASCII characters", [](Filing& c) { c.form.description = std::string(2001, 'x'); },
         "description", ErrorCode::too_long, 2000},
        {"description with a stray byte", [](Filing& c) { c.form.description = "耳机左边没有声音\xFF要求退货"; },
         "description", ErrorCode::invalid_format, 0},
        {"description with a truncated character",
         [](Filing& c) { c.form.description = "耳机左边没有声音要求退货\xE5\xBC"; }, "description",
         ErrorCode::invalid_format, 0},
        {"buyer records a hotline call", [](Filing& c) { c.form.channel = Channel::hotline; }, "channel",
         ErrorCode::channel_not_allowed, 0},
        {"buyer records an e-mail", [](Filing& c) { c.form.channel = Channel::email; }, "channel",
         ErrorCode::channel_not_allowed, 0},
        {"buyer records a social-media post", [](Filing& c) { c.form.channel = Channel::social; }, "channel",
         ErrorCode::channel_not_allowed, 0},
        {"one second past the 15-day window after delivery",
         [](Filing& c) { c.now = c.order.delivered_at + 15 * kSecondsPerDay + 1; }, "order_ref",
         ErrorCode::filing_window_closed, 15},
        {"not received: one second past 30 days from the order date",
         [](Filing& c) {
             c.form.category = Category::not_received;
             c.now = c.order.placed_at + 30 * kSecondsPerDay + 1;
         },
         "order_ref", ErrorCode::filing_window_closed, 30},
        {"undelivered order: one second past 30 days from the order date",
         [](Filing& c) {
             c.order.delivered_at = 0;
             c.now = c.order.placed_at + 30 * kSecondsPerDay + 1;
         },
         "order_ref", ErrorCode::filing_window_closed, 30},
    };

    for (const Row& row : rows) {
        CAPTURE(row.name);
        Filing c;
        row.change(c);
        const FieldErrors errors = c.validate();
        CAPTURE(describe_with_limits(errors));
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == row.field);
        CHECK(errors[0].code == row.code);
        CHECK(errors[0].limit == row.limit);
    }
}

TEST_CASE("the edges of each rule are still valid") {
    struct Row {
        const char* name;
        std::function<void(Filing&)> change;
    };
    const Row rows[] = {
        {"order_ref of exactly 64 characters", [](Filing& c) { c.form.order_ref = std::string(64, 'A'); }},
        {"order_ref with every allowed character", [](Filing& c) { c.form.order_ref = "AZaz09-_"; }},
        {"amount of one fen", [](Filing& c) { c.form.amount_minor = 1; }},
        {"amount equal to the order total", [](Filing& c) { c.form.amount_minor = 89900; }},
        {"description of exactly 10 Chinese characters", [](Filing& c) { c.form.description = repeat("坏", 10); }},
        {"description of exactly 10 ASCII characters", [](Filing& c) { c.form.description = "1234567890"; }},
        {"description of exactly 2000 Chinese characters", [](Filing& c) { c.form.description = repeat("坏", 2000); }},
        {"description with emoji (4-byte characters)",
         [](Filing& c) { c.form.description = repeat("\xF0\x9F\x98\x80", 10); }},
        {"buyer on the app", [](Filing& c) { c.form.channel = Channel::app; }},
        {"support on the web",
         [](Filing& c) {
             c.filer = kSupportViewer;
             c.form.channel = Channel::web;
         }},
        {"support records a hotline call",
         [](Filing& c) {
             c.filer = kSupportViewer;
             c.form.channel = Channel::hotline;
         }},
        {"support records an e-mail",
         [](Filing& c) {
             c.filer = kSupportViewer;
             c.form.channel = Channel::email;
         }},
        {"support records a social-media post",
         [](Filing& c) {
             c.filer = kSupportViewer;
             c.form.channel = Channel::social;
         }},
        {"exactly at the 15-day deadline", [](Filing& c) { c.now = c.order.delivered_at + 15 * kSecondsPerDay; }},
        {"the moment of delivery", [](Filing& c) { c.now = c.order.delivered_at; }},
        {"not received: exactly at 30 days from the order date",
         [](Filing& c) {
             c.form.category = Category::not_received;
             c.now = c.order.placed_at + 30 * kSecondsPerDay;
         }},
        {"not received: past 15 days after delivery but within 30 from the order",
         [](Filing& c) {
             c.form.category = Category::not_received;
             c.now = c.order.delivered_at + 20 * kSecondsPerDay;
         }},
        {"undelivered order: exactly at 30 days from the order date",
         [](Filing& c) {
             c.order.delivered_at = 0;
             c.now = c.order.placed_at + 30 * kSecondsPerDay;
         }},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        Filing c;
        row.change(c);
        const FieldErrors errors = c.validate();
        CAPTURE(describe_with_limits(errors));
        CHECK(errors.empty());
    }
}

TEST_CASE("without an order, nothing is checked against one") {
    Filing c;
    c.order_known = false;
    c.form.amount_minor = 99'999'999;             // above the (unknown) total
    c.form.currency = "USD";                     // differs from the (unknown) currency
    c.now = kNow + 1000 * kSecondsPerDay;        // long past any window
    const FieldErrors errors = c.validate();
    CAPTURE(describe_with_limits(errors));
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "order_ref");
    CHECK(errors[0].code == ErrorCode::unknown_order);
}

TEST_CASE("a malformed order_ref is not also reported as an unknown order") {
    Filing c;
    c.order_known = false;
    c.form.order_ref = "TB 1";
    const FieldErrors errors = c.validate();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == ErrorCode::invalid_format);
}

TEST_CASE("every problem is reported at once") {
    Filing c;
    c.form.order_ref = "";
    c.form.amount_minor = 0;
    c.form.currency = "rmb";
    c.form.description = "";
    c.form.channel = Channel::hotline;
    c.now = c.order.delivered_at + 100 * kSecondsPerDay;
    const FieldErrors errors = c.validate();
    CAPTURE(describe_with_limits(errors));
    CHECK(errors.size() == 6);

    auto has = [&](const char* field, ErrorCode code, std::int64_t limit) {
        for (const auto& e : errors)
            if (e.field == field && e.code == code && e.limit == limit) return true;
        return false;
    };
    CHECK(has("order_ref", ErrorCode::required, 0));
    CHECK(has("order_ref", ErrorCode::filing_window_closed, 15));
    CHECK(has("amount_minor", ErrorCode::must_be_positive, 0));
    CHECK(has("currency", ErrorCode::invalid_format, 0));
    CHECK(has("description", ErrorCode::required, 0));
    CHECK(has("channel", ErrorCode::channel_not_allowed, 0));
}

TEST_CASE("the channel rule per role: only support agents record hotline, e-mail and social media") {
    for (const auto& role_entry : EnumTable<Role>::entries) {
        for (const auto& channel_entry : EnumTable<Channel>::entries) {
            CAPTURE(role_entry.key);
            CAPTURE(channel_entry.key);
            Filing c;
            c.filer = Viewer{kOrderBuyer, role_entry.value, 0};
            c.form.channel = channel_entry.value;
            const bool self_service = channel_entry.value == Channel::web || channel_entry.value == Channel::app;
            const bool allowed = self_service || role_entry.value == Role::support;
            const FieldErrors errors = c.validate();
            CHECK((find_error(errors, "channel") == nullptr) == allowed);
        }
    }
}

TEST_CASE("validate_filing applies tuned rules and quotes their limits") {
    FilingRules rules;
    rules.description_min_chars = 3;
    rules.description_max_chars = 5;
    rules.order_ref_max_chars = 4;
    rules.filing_window_days = 7;
    rules.not_received_window_days = 10;

    SUBCASE("shorter order_ref limit") {
        Filing c;
        c.form.order_ref = "TB-12";
        c.order.order_ref = "TB-12";
        c.form.description = "坏了坏了";
        const FieldErrors errors = c.validate(rules);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::too_long);
        CHECK(errors[0].limit == 4);
    }
    SUBCASE("description bounds") {
        Filing c;
        c.form.description = "坏了";
        FieldErrors errors = c.validate(rules);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::too_short);
        CHECK(errors[0].limit == 3);

        c.form.description = "坏了坏了坏了";
        errors = c.validate(rules);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::too_long);
        CHECK(errors[0].limit == 5);

        c.form.description = "坏了坏了坏";
        CHECK(c.validate(rules).empty());
    }
    SUBCASE("filing windows") {
        Filing c;
        c.form.description = "坏了坏了";
        c.now = c.order.delivered_at + 7 * kSecondsPerDay;
        CHECK(c.validate(rules).empty());
        c.now += 1;
        FieldErrors errors = c.validate(rules);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::filing_window_closed);
        CHECK(errors[0].limit == 7);

        c.form.category = Category::not_received;
        c.now = c.order.placed_at + 10 * kSecondsPerDay + 1;
        errors = c.validate(rules);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].limit == 10);
    }
}

TEST_CASE("filing_deadline counts from delivery, or from the order date when nothing was delivered") {
    const OrderSnapshot delivered = order_delivered(kNow);
    OrderSnapshot undelivered = delivered;
    undelivered.delivered_at = 0;

    for (const auto& entry : EnumTable<Category>::entries) {
        CAPTURE(entry.key);
        if (entry.value == Category::not_received)
            CHECK(filing_deadline(delivered, entry.value) == delivered.placed_at + 30 * kSecondsPerDay);
        else
            CHECK(filing_deadline(delivered, entry.value) == delivered.delivered_at + 15 * kSecondsPerDay);
        CHECK(filing_deadline(undelivered, entry.value) == undelivered.placed_at + 30 * kSecondsPerDay);
    }

    FilingRules rules;
    rules.filing_window_days = 7;
    rules.not_received_window_days = 45;
    CHECK(filing_deadline(delivered, Category::counterfeit, rules) == delivered.delivered_at + 7 * kSecondsPerDay);
    CHECK(filing_deadline(delivered, Category::not_received, rules) == delivered.placed_at + 45 * kSecondsPerDay);
}

TEST_CASE("utf8_length counts code points") {
    struct Row {
        const char* text;
        std::size_t length;
    };
    const Row rows[] = {
        {"", 0},
        {"abc", 3},
        {"张伟", 2},
        {"耳机左边没有声音", 8},
        {"caf\xC3\xA9", 4},               // é: 2 bytes
        {"\xF0\x9F\x98\x80", 1},          // 😀: 4 bytes
        {"a张\xF0\x9F\x98\x80" "b", 4},  // mixed widths
        {"１２３", 3},                     // full-width digits
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        CHECK(utf8_length(row.text) == row.length);
    }
}

namespace {

const char* const kValidUtf8[] = {
    "plain ASCII",
    "耳机左边没有声音",
    "\xC2\x80",              // U+0080, smallest 2-byte
    "\xDF\xBF",              // U+07FF, largest 2-byte
    "\xE0\xA0\x80",          // U+0800, smallest 3-byte
    "\xED\x9F\xBF",          // U+D7FF, just below the surrogates
    "\xEE\x80\x80",          // U+E000, just above the surrogates
    "\xEF\xBF\xBF",          // U+FFFF
    "\xF0\x90\x80\x80",      // U+10000, smallest 4-byte
    "\xF0\x9F\x98\x80",      // 😀
    "\xF4\x8F\xBF\xBF",      // U+10FFFF, the last code point
};

struct BadUtf8 {
    const char* name;
    const char* bytes;
};

const BadUtf8 kInvalidUtf8[] = {
    {"truncated 2-byte at end", "ab\xC3"},
    {"truncated 3-byte at end", "张\xE5\xBC"},
    {"truncated 3-byte, one byte", "\xE5"},
    {"truncated 4-byte at end", "\xF0\x9F\x98"},
    {"truncated 3-byte in the middle", "\xE5\xBC" "abc"},
    {"lone continuation byte", "\x80"},
    {"continuation byte after ASCII", "a\xBF" "b"},
    {"lead byte followed by ASCII", "\xC3\x28"},
    {"3-byte with bad third byte", "\xE5\xBC\x28"},
    {"byte FE", "\xFE"},
    {"byte FF", "\xFF"},
    {"overlong NUL", "\xC0\x80"},
    {"overlong slash", "\xC0\xAF"},
    {"overlong C1", "\xC1\xBF"},
    {"overlong 3-byte", "\xE0\x80\xAF"},
    {"overlong 3-byte U+07FF", "\xE0\x9F\xBF"},
    {"overlong 4-byte", "\xF0\x80\x80\xAF"},
    {"overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF"},
    {"high surrogate U+D800", "\xED\xA0\x80"},
    {"low surrogate U+DFFF", "\xED\xBF\xBF"},
    {"above U+10FFFF", "\xF4\x90\x80\x80"},
    {"lead byte F5", "\xF5\x80\x80\x80"},
    {"lead byte F7", "\xF7\xBF\xBF\xBF"},
    {"5-byte form", "\xF8\x88\x80\x80\x80"},
    {"6-byte form", "\xFC\x84\x80\x80\x80\x80"},
};

}  // namespace

TEST_CASE("is_valid_utf8 accepts well-formed UTF-8 up to U+10FFFF") {
    CHECK(is_valid_utf8(""));
    for (const char* text : kValidUtf8) {
        CAPTURE(text);
        CHECK(is_valid_utf8(text));
    }
    CHECK(is_valid_utf8(std::string("a\0b", 3)));  // NUL is a valid code point
}

TEST_CASE("is_valid_utf8 rejects truncated, stray, overlong, surrogate and out-of-range sequences") {
    for (const BadUtf8& row : kInvalidUtf8) {
        CAPTURE(row.name);
        CHECK_FALSE(is_valid_utf8(row.bytes));
    }
}

TEST_CASE("is_valid_utf8 agrees with the JSON parser, so a valid description always encodes") {
    // nlohmann::json refuses (parse) or throws on (dump) exactly the strings that are not UTF-8.
    for (const char* text : kValidUtf8) {
        CAPTURE(text);
        CHECK(is_valid_utf8(text));
        CHECK_FALSE(parse_json(std::string("\"") + text + "\"").is_discarded());
    }
    for (const BadUtf8& row : kInvalidUtf8) {
        CAPTURE(row.name);
        CHECK(parse_json(std::string("\"") + row.bytes + "\"").is_discarded() == !is_valid_utf8(row.bytes));
    }
    // Every non-ASCII lead byte with every second byte, followed by 0, 1 or 2 continuation
    // bytes: the two must agree on each sequence.
    int disagreements = 0;
    for (int a = 0x80; a <= 0xFF; ++a)
        for (int b = 0; b <= 0xFF; ++b) {
            if (b == '"' || b == '\\' || b < 0x20) continue;  // not string content in JSON
            std::string bytes{static_cast<char>(a), static_cast<char>(b)};
            for (int tail = 0; tail < 3; ++tail) {
                const bool json_ok = !parse_json("\"" + bytes + "\"").is_discarded();
                if (json_ok != is_valid_utf8(bytes) && ++disagreements <= 5)
                    FAIL_CHECK("bytes " << a << " " << b << " + " << tail << " x 0x80: json " << json_ok);
                bytes += '\x80';
            }
        }
    CHECK(disagreements == 0);
}

TEST_CASE("a description of spaces is no description, padding does not count") {
    const OrderSnapshot o = order_delivered(kNow - 2 * kSecondsPerDay);
    FilingForm f = good_form();
    // A copy, not a pointer: the errors vector dies with the call.
    auto description_error = [&]() -> std::optional<FieldError> {
        const FieldErrors errors = validate_filing(f, &o, kBuyerViewer, kNow);
        const FieldError* e = find_error(errors, "description");
        return e ? std::optional<FieldError>(*e) : std::nullopt;
    };
    f.description = "          ";
    REQUIRE(description_error().has_value());
    CHECK(description_error()->code == ErrorCode::required);
    f.description = "\xE3\x80\x80\xE3\x80\x80 \t\n";
    CHECK(description_error()->code == ErrorCode::required);
    f.description = "   耳机坏了   ";  // 4 characters once trimmed
    CHECK(description_error()->code == ErrorCode::too_short);
    f.description = "\xE3\x80\x80耳机左边没有声音，要求退款\xE3\x80\x80";
    CHECK_FALSE(description_error().has_value());
    CHECK(trim_spaces("  a b  ") == "a b");
    CHECK(trim_spaces("") == "");
    CHECK(trim_spaces("\xE3\x80\x80") == "");
}

TEST_CASE("an order with a dispute in progress cannot get a second one") {
    OrderSnapshot o = order_delivered(kNow - 2 * kSecondsPerDay);
    CHECK(validate_filing(good_form(), &o, kBuyerViewer, kNow).empty());
    o.open_dispute_id = 12;
    const FieldErrors e = validate_filing(good_form(), &o, kBuyerViewer, kNow);
    REQUIRE(e.size() == 1);
    CHECK(e[0].field == "order_ref");
    CHECK(e[0].code == ErrorCode::already_disputed);
}

// ---------------------------------------------------------------------------
// Merchant-filed cases (seed 001: 商家在发现纠纷后，应及时通过平台的客服系统进行登记).

namespace {

const Viewer kMerchantViewer{30, Role::merchant, kOrderShop};  // the shop of order_delivered()
const Viewer kOtherMerchantViewer{31, Role::merchant, 4};

FilingForm merchant_vs_buyer_form() {
    FilingForm f = good_form();
    f.kind = CaseKind::merchant_vs_buyer;
    f.category = Category::after_sales;
    f.requested_remedy = Remedy::compensation;
    f.amount_minor = 20000;
    f.description = "买家退回的商品已被人为损坏，要求赔偿";
    return f;
}

FilingForm merchant_vs_platform_form() {
    FilingForm f;
    f.kind = CaseKind::merchant_vs_platform;
    f.category = Category::platform_policy;
    f.requested_remedy = Remedy::compensation;
    f.amount_minor = 150000;
    f.description = "平台误判我店违规并扣除保证金，要求退还";
    return f;
}

}  // namespace

TEST_CASE("merchant v. buyer: on an order of the merchant's own shop, money remedies, within the order total") {
    const OrderSnapshot o = order_delivered(kNow - 2 * kSecondsPerDay);
    CHECK(validate_filing(merchant_vs_buyer_form(), &o, kMerchantViewer, kNow).empty());
    CHECK(validate_filing(merchant_vs_buyer_form(), &o, kSupportViewer, kNow).empty());  // on its behalf
    // Another shop's order is no order of theirs.
    CHECK(describe(validate_filing(merchant_vs_buyer_form(), &o, kOtherMerchantViewer, kNow)) ==
          "order_ref/unknown_order ");
    CHECK(describe(validate_filing(merchant_vs_buyer_form(), nullptr, kMerchantViewer, kNow)) ==
          "order_ref/unknown_order ");
    // A buyer does not file against a buyer.
    CHECK(describe(validate_filing(merchant_vs_buyer_form(), &o, kBuyerViewer, kNow)) == "kind/not_applicable ");
    // Nor does a merchant file a buyer's complaint.
    CHECK(describe(validate_filing(good_form(), &o, kMerchantViewer, kNow)) == "kind/not_applicable ");
    FilingForm f = merchant_vs_buyer_form();
    f.requested_remedy = Remedy::reissue;
    CHECK(describe(validate_filing(f, &o, kMerchantViewer, kNow)) == "requested_remedy/not_applicable ");
    f = merchant_vs_buyer_form();
    f.amount_minor = 89901;
    CHECK(describe(validate_filing(f, &o, kMerchantViewer, kNow)) == "amount_minor/exceeds_order_total ");
    CHECK(claim_ceiling(f, &o) == o.total);
}

TEST_CASE("merchant v. platform: contract or policy, no order, a positive amount within the rules' ceiling") {
    CHECK(validate_filing(merchant_vs_platform_form(), nullptr, kMerchantViewer, kNow).empty());
    FilingForm f = merchant_vs_platform_form();
    f.category = Category::contract;
    CHECK(validate_filing(f, nullptr, kMerchantViewer, kNow).empty());
    for (const Category c : {Category::quality_defect, Category::after_sales, Category::other}) {
        CAPTURE(to_key(c));
        f.category = c;
        CHECK(describe(validate_filing(f, nullptr, kMerchantViewer, kNow)) == "category/not_applicable ");
    }
    f = merchant_vs_platform_form();
    f.order_ref = "TB-1";
    const OrderSnapshot o = order_delivered(kNow);
    CHECK(describe(validate_filing(f, &o, kMerchantViewer, kNow)) == "order_ref/not_applicable ");
    f = merchant_vs_platform_form();
    f.amount_minor = 0;
    CHECK(describe(validate_filing(f, nullptr, kMerchantViewer, kNow)) == "amount_minor/must_be_positive ");
    const FilingRules rules;
    f.amount_minor = rules.no_order_amount_max_minor;
    CHECK(validate_filing(f, nullptr, kMerchantViewer, kNow).empty());
    f.amount_minor += 1;
    CHECK(describe(validate_filing(f, nullptr, kMerchantViewer, kNow)) == "amount_minor/out_of_range ");
    f = merchant_vs_platform_form();
    f.requested_remedy = Remedy::exchange;
    f.description = "短";
    f.channel = Channel::hotline;
    f.currency = "cny";
    CHECK(describe(validate_filing(f, nullptr, kMerchantViewer, kNow)) ==
          "requested_remedy/not_applicable currency/invalid_format description/too_short channel/channel_not_allowed ");
    CHECK(describe(validate_filing(merchant_vs_platform_form(), nullptr, kBuyerViewer, kNow)) ==
          "kind/not_applicable ");
    // No order: the ceiling bounds the case's offers and rulings.
    CHECK(claim_ceiling(merchant_vs_platform_form(), nullptr) == Money{rules.no_order_amount_max_minor, "CNY"});
}
