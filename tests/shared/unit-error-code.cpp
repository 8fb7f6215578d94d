// Error codes and their messages in both languages.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "accord/error_code.hpp"

using namespace accord;

namespace {

const ErrorCode kCodesWithLimit[] = {ErrorCode::too_short, ErrorCode::too_long, ErrorCode::filing_window_closed,
                                     ErrorCode::too_many, ErrorCode::file_too_large,
                                     ErrorCode::evidence_quota_exceeded};

bool quotes_limit(ErrorCode code) {
    for (const ErrorCode c : kCodesWithLimit)
        if (c == code) return true;
    return false;
}

}  // namespace

TEST_CASE("every error code has a key and a message in both languages") {
    std::set<std::string> keys;
    for (const auto& e : EnumTable<ErrorCode>::entries) {
        CAPTURE(e.key);
        REQUIRE(e.key != nullptr);
        CHECK(std::string(e.key).size() > 0);
        CHECK(keys.insert(e.key).second);
        for (const Lang lang : {Lang::zh_CN, Lang::en}) {
            const std::string text = error_text(e.value, lang, 7);
            CHECK_FALSE(text.empty());
            // The placeholder is always filled in.
            CHECK(text.find("{limit}") == std::string::npos);
            CHECK(text.find('{') == std::string::npos);
            CHECK((text.find('7') != std::string::npos) == quotes_limit(e.value));
        }
        // The two languages really differ (no untranslated copy).
        CHECK(std::string(e.zh) != std::string(e.en));
    }
    CHECK(keys.size() == enum_count<ErrorCode>());
}

TEST_CASE("error_text fills in {limit}") {
    CHECK(error_text(ErrorCode::too_short, Lang::zh_CN, 10) == "至少需要 10 个字");
    CHECK(error_text(ErrorCode::too_short, Lang::en, 10) == "needs at least 10 characters");
    CHECK(error_text(ErrorCode::too_long, Lang::zh_CN, 2000) == "最多 2000 个字");
    CHECK(error_text(ErrorCode::too_long, Lang::en, 2000) == "allows at most 2000 characters");
    CHECK(error_text(ErrorCode::filing_window_closed, Lang::zh_CN, 15) == "已超过 15 天的申请期限");
    CHECK(error_text(ErrorCode::filing_window_closed, Lang::en, 30) == "is past the 30-day filing window");
    CHECK(error_text(ErrorCode::too_long, Lang::en) == "allows at most 0 characters");
    // A message without the placeholder ignores the limit.
    CHECK(error_text(ErrorCode::required, Lang::zh_CN, 99) == "必填");
    CHECK(error_text(ErrorCode::required, Lang::en, 99) == "is required");
}

TEST_CASE("field_error_message names the field in both languages") {
    struct Row {
        FieldError error;
        const char* zh;
        const char* en;
    };
    const Row rows[] = {
        {{"description", ErrorCode::required, 0}, "问题描述：必填", "description is required"},
        {{"description", ErrorCode::too_long, 2000}, "问题描述：最多 2000 个字", "description allows at most 2000 characters"},
        {{"order_ref", ErrorCode::unknown_order, 0}, "订单号：不是您的订单", "order_ref is not one of your orders"},
        {{"order_ref", ErrorCode::filing_window_closed, 15}, "订单号：已超过 15 天的申请期限",
         "order_ref is past the 15-day filing window"},
        {{"category", ErrorCode::invalid_choice, 0}, "纠纷类型：不是可选的值", "category is not one of the allowed values"},
        {{"requested_remedy", ErrorCode::required, 0}, "诉求：必填", "requested_remedy is required"},
        {{"amount_minor", ErrorCode::exceeds_order_total, 0}, "金额：不能超过订单金额",
         "amount_minor cannot exceed the order total"},
        {{"currency", ErrorCode::currency_mismatch, 0}, "币种：与订单币种不一致",
         "currency differs from the order's currency"},
        {{"channel", ErrorCode::channel_not_allowed, 0}, "渠道：仅客服代为登记时可选",
         "channel may only be set by a support agent"},
        {{"username", ErrorCode::required, 0}, "用户名：必填", "username is required"},
        {{"password", ErrorCode::wrong_type, 0}, "密码：类型不正确", "password has the wrong type"},
        // A field without a label is named by its key.
        {{"shoe_size", ErrorCode::unknown_field, 0}, "shoe_size：是未知字段", "shoe_size is not a known field"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.error.field);
        CHECK(field_error_message(row.error, Lang::zh_CN) == row.zh);
        CHECK(field_error_message(row.error, Lang::en) == row.en);
    }
}

TEST_CASE("field_label knows the form's fields and falls back to the key") {
    CHECK(std::string(field_label("description", Lang::zh_CN)) == "问题描述");
    CHECK(std::string(field_label("description", Lang::en)) == "description");
    CHECK(std::string(field_label("amount_minor", Lang::zh_CN)) == "金额");
    const std::string unknown = "shoe_size";
    CHECK(std::string(field_label(unknown, Lang::zh_CN)) == "shoe_size");
    CHECK(std::string(field_label(unknown, Lang::en)) == "shoe_size");
}

TEST_CASE("find_error returns the first error for a field, or nullptr") {
    const FieldErrors errors = {{"order_ref", ErrorCode::required, 0},
                                {"description", ErrorCode::too_short, 10},
                                {"description", ErrorCode::invalid_format, 0}};
    const FieldError* e = find_error(errors, "description");
    REQUIRE(e != nullptr);
    CHECK(e == &errors[1]);
    CHECK(e->code == ErrorCode::too_short);
    CHECK(e->limit == 10);
    CHECK(find_error(errors, "order_ref") == &errors[0]);
    CHECK(find_error(errors, "channel") == nullptr);
    CHECK(find_error(errors, "") == nullptr);
    CHECK(find_error(FieldErrors{}, "description") == nullptr);
}

TEST_CASE("nested fields read in Chinese by their last segment, in English by their path") {
    CHECK(field_label("ruling.remedy.amount_minor", Lang::zh_CN) == "金额");
    CHECK(field_label("ruling.remedy.amount_minor", Lang::en) == "ruling.remedy.amount_minor");
    CHECK(field_label("items[2]", Lang::zh_CN) == "补充材料清单[2]");
    CHECK(field_label("terms.reason_x", Lang::zh_CN) == "terms.reason_x");  // unknown last segment: the path
    CHECK(field_error_message({"triage.priority", ErrorCode::required, 0}, Lang::zh_CN) == "优先级：必填");
}
