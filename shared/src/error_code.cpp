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
    // lifecycle actions
    {"action", "操作", "action"},
    {"reason", "理由", "reason"},
    {"items", "补充材料清单", "items"},
    {"terms", "方案", "terms"},
    {"remedy", "处理方式", "remedy"},
    {"amount", "金额", "amount"},
    {"offer_seq", "方案编号", "offer_seq"},
    {"target", "对象", "target"},
    {"assignee_id", "承办人", "assignee_id"},
    {"evidence_id", "证据编号", "evidence_id"},
    {"evidence_ids", "证据", "evidence_ids"},
    {"authenticity", "真实性", "authenticity"},
    {"relevance", "关联性", "relevance"},
    {"legality", "合法性", "legality"},
    {"note", "说明", "note"},
    {"what", "检测内容", "what"},
    {"payer", "费用承担方", "payer"},
    {"platform_amount", "平台承担金额", "platform_amount"},
    {"platform_amount_minor", "平台承担金额", "platform_amount_minor"},
    {"liability", "责任认定", "liability"},
    {"reasoning", "裁决理由", "reasoning"},
    {"violation", "违规类型", "violation"},
    {"force_majeure", "不可抗力", "force_majeure"},
    {"tracking_number", "物流单号", "tracking_number"},
    {"inspection_passed", "验货结果", "inspection_passed"},
    {"external", "外部机构", "external"},
    {"rating", "满意度评价", "rating"},
    {"score", "评分", "score"},
    {"comment", "评价内容", "comment"},
    {"priority", "优先级", "priority"},
    {"queue", "处理队列", "queue"},
    {"root_cause", "根本原因", "root_cause"},
    {"personal_safety", "人身安全", "personal_safety"},
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
    // A nested path ("ruling.remedy.amount_minor", "items[2]") reads in Chinese as its last
    // named segment; English keeps the exact path, which is what an integrator needs.
    if (lang == Lang::zh_CN) {
        std::string last = field.substr(field.find_last_of('.') == std::string::npos ? 0 : field.find_last_of('.') + 1);
        const std::string index = last.find('[') == std::string::npos ? "" : last.substr(last.find('['));
        last = last.substr(0, last.find('['));
        for (const auto& f : kFieldLabels)
            if (last == f.field && last != field) return std::string(f.zh) + index;
    }
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
