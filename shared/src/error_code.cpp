#include "accord/error_code.hpp"

#include <cstring>

namespace accord {

namespace {

struct FieldLabel {
    const char* field;
    const char* zh;
    const char* en;
};

constexpr FieldLabel kFieldLabels[] = {
    {"order_ref", "订单号", "order_ref"},
    {"category", "纠纷类型", "category"},
    {"requested_remedy", "诉求", "requested_remedy"},
    {"amount_minor", "金额", "amount_minor"},
    {"currency", "币种", "currency"},
    {"description", "问题描述", "description"},
    {"channel", "渠道", "channel"},
    {"username", "用户名", "username"},
    {"password", "密码", "password"},
};

}  // namespace

std::string error_text(ErrorCode code, Lang lang, std::int64_t limit) {
    std::string text = label(code, lang);
    const std::string placeholder = "{limit}";
    const auto at = text.find(placeholder);
    if (at != std::string::npos) text.replace(at, placeholder.size(), std::to_string(limit));
    return text;
}

std::string field_label(const std::string& field, Lang lang) {
    for (const auto& f : kFieldLabels)
        if (field == f.field) return lang == Lang::zh_CN ? f.zh : f.en;
    return field;  // a key the table does not know is shown as itself
}

std::string field_error_message(const FieldError& e, Lang lang) {
    const std::string name = field_label(e.field, lang);
    return lang == Lang::zh_CN ? name + "：" + error_text(e.code, lang, e.limit)
                               : name + " " + error_text(e.code, lang, e.limit);
}

const FieldError* find_error(const FieldErrors& errors, const std::string& field) {
    for (const auto& e : errors)
        if (e.field == field) return &e;
    return nullptr;
}

}  // namespace accord
