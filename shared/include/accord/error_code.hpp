// Stable machine codes for every error the model or the API reports, with their
// zh-CN / en messages. Clients switch on the code; people read the message.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "accord/enum_table.hpp"

namespace accord {

enum class ErrorCode {
    // field-level (validation)
    required, too_short, too_long, invalid_format, invalid_choice, wrong_type, unknown_field,
    must_be_positive, exceeds_order_total, currency_mismatch, unknown_order,
    filing_window_closed, channel_not_allowed, already_disputed, out_of_range, not_ascending,
    safety_is_urgent, too_many, duplicate, not_applicable, must_equal_amount, share_out_of_range,
    // lifecycle (may this actor take this action on this case now?)
    action_not_allowed_in_state, case_finished, not_assigned, cannot_accept_own_offer, four_eyes,
    approval_level_too_low, already_done, window_closed, deadline_not_reached,
    // request-level
    version_conflict, file_too_large, evidence_quota_exceeded, unsupported_file_type,
    malformed_json, unsupported_media_type, length_required, body_too_large, not_authenticated, invalid_credentials, forbidden,
    not_found, method_not_allowed, not_acceptable, uri_too_long, too_many_attempts, server_busy, not_ready, internal
};

// `{limit}` in a message is replaced by FieldError::limit.
template <>
struct EnumTable<ErrorCode> {
    static constexpr EnumEntry<ErrorCode> entries[] = {
        {ErrorCode::required, "required", "必填", "is required"},
        {ErrorCode::too_short, "too_short", "至少需要 {limit} 个字", "needs at least {limit} characters"},
        {ErrorCode::too_long, "too_long", "最多 {limit} 个字", "allows at most {limit} characters"},
        {ErrorCode::invalid_format, "invalid_format", "格式不正确", "has an invalid format"},
        {ErrorCode::invalid_choice, "invalid_choice", "不是可选的值", "is not one of the allowed values"},
        {ErrorCode::wrong_type, "wrong_type", "类型不正确", "has the wrong type"},
        {ErrorCode::unknown_field, "unknown_field", "是未知字段", "is not a known field"},
        {ErrorCode::must_be_positive, "must_be_positive", "必须大于 0", "must be greater than 0"},
        {ErrorCode::exceeds_order_total, "exceeds_order_total", "不能超过订单金额", "cannot exceed the order total"},
        {ErrorCode::currency_mismatch, "currency_mismatch", "与订单币种不一致", "differs from the order's currency"},
        {ErrorCode::unknown_order, "unknown_order", "不是您的订单", "is not one of your orders"},
        {ErrorCode::filing_window_closed, "filing_window_closed", "已超过 {limit} 天的申请期限",
         "is past the {limit}-day filing window"},
        {ErrorCode::already_disputed, "already_disputed", "该订单已有处理中的纠纷", "already has a dispute in progress"},
        {ErrorCode::channel_not_allowed, "channel_not_allowed", "仅客服代为登记时可选", "may only be set by a support agent"},
        {ErrorCode::out_of_range, "out_of_range", "超出允许范围", "is outside the allowed range"},
        {ErrorCode::not_ascending, "not_ascending", "与其他档位的高低顺序不符", "is out of order with the other tiers"},
        {ErrorCode::safety_is_urgent, "safety_is_urgent", "涉及人身安全的案件须为紧急并转专家组",
         "must be urgent and specialist when personal safety is involved"},
        {ErrorCode::too_many, "too_many", "最多 {limit} 项", "allows at most {limit} items"},
        {ErrorCode::duplicate, "duplicate", "与前面的内容重复", "repeats an earlier item"},
        {ErrorCode::not_applicable, "not_applicable", "此情形下不适用", "does not apply here"},
        {ErrorCode::must_equal_amount, "must_equal_amount", "由平台承担时须等于方案金额",
         "must equal the amount when the platform pays"},
        {ErrorCode::share_out_of_range, "share_out_of_range", "共同承担时须大于 0 且小于方案金额",
         "must be more than 0 and less than the amount when the cost is shared"},
        {ErrorCode::action_not_allowed_in_state, "action_not_allowed_in_state", "案件当前状态下不能执行此操作",
         "This action is not possible in the case's current state"},
        {ErrorCode::case_finished, "case_finished", "案件已终结", "The case is finished"},
        {ErrorCode::not_assigned, "not_assigned", "您不是本案的承办人", "You are not assigned to this case"},
        {ErrorCode::cannot_accept_own_offer, "cannot_accept_own_offer", "不能接受自己提出的方案",
         "You cannot accept your own offer"},
        {ErrorCode::four_eyes, "four_eyes", "提出人不能审批自己的方案（四眼原则）",
         "The proposer cannot approve their own proposal (four-eyes rule)"},
        {ErrorCode::approval_level_too_low, "approval_level_too_low", "该金额需要更高一级审批",
         "This amount needs a higher approval level"},
        {ErrorCode::already_done, "already_done", "已经办理过", "This was already done"},
        {ErrorCode::window_closed, "window_closed", "已超过期限", "The time allowed has passed"},
        {ErrorCode::deadline_not_reached, "deadline_not_reached", "期限未到", "The deadline has not passed yet"},
        {ErrorCode::version_conflict, "version_conflict", "案件已被他人更新，请查看最新内容后重试",
         "The case was changed by someone else: review the latest version and try again"},
        {ErrorCode::file_too_large, "file_too_large", "文件不能超过 {limit} 字节", "The file is larger than {limit} bytes"},
        {ErrorCode::evidence_quota_exceeded, "evidence_quota_exceeded", "本案证据总大小不能超过 {limit} 字节",
         "The case's evidence would exceed {limit} bytes in total"},
        {ErrorCode::unsupported_file_type, "unsupported_file_type", "仅支持 JPEG、PNG、WebP、PDF 和 MP4 文件",
         "Only JPEG, PNG, WebP, PDF and MP4 files are accepted"},
        {ErrorCode::malformed_json, "malformed_json", "请求不是有效的 JSON", "The request body is not valid JSON"},
        {ErrorCode::unsupported_media_type, "unsupported_media_type", "请求须为 application/json",
         "The request body must be application/json"},
        {ErrorCode::length_required, "length_required", "请求须声明 Content-Length", "The request must declare its Content-Length"},
        {ErrorCode::body_too_large, "body_too_large", "请求内容过大", "The request body is too large"},
        {ErrorCode::not_authenticated, "not_authenticated", "请先登录", "Please sign in first"},
        {ErrorCode::invalid_credentials, "invalid_credentials", "用户名或密码错误", "Wrong username or password"},
        {ErrorCode::forbidden, "forbidden", "您无权执行此操作", "You are not allowed to do this"},
        {ErrorCode::not_found, "not_found", "未找到", "Not found"},
        {ErrorCode::method_not_allowed, "method_not_allowed", "不支持该请求方法", "Method not allowed"},
        {ErrorCode::not_acceptable, "not_acceptable", "没有浏览器可接受的内容编码", "No encoding the browser accepts is available"},
        {ErrorCode::uri_too_long, "uri_too_long", "请求地址过长", "The request URI is too long"},
        {ErrorCode::too_many_attempts, "too_many_attempts", "尝试次数过多，请稍后再试",
         "Too many attempts: please wait and try again"},
        {ErrorCode::server_busy, "server_busy", "服务器繁忙，请稍后再试", "The server is busy: please try again shortly"},
        {ErrorCode::not_ready, "not_ready", "服务尚未就绪", "The service is not ready"},
        {ErrorCode::internal, "internal", "服务器内部错误", "Internal server error"},
    };
};

// One problem with one field of a form or request body. `field` is the JSON key.
struct FieldError {
    std::string field;
    ErrorCode code = ErrorCode::required;
    std::int64_t limit = 0;  // the number a message quotes (max length, window days)
};

using FieldErrors = std::vector<FieldError>;

// The message alone ("必填"), with {limit} filled in.
std::string error_text(ErrorCode code, Lang lang, std::int64_t limit = 0);
// The message naming the field ("描述：必填" / "description is required").
std::string field_error_message(const FieldError& e, Lang lang);
// The display name of a JSON field in a language ("description" -> "问题描述").
std::string field_label(const std::string& field, Lang lang);
// The first error for `field`, or nullptr.
const FieldError* find_error(const FieldErrors& errors, const std::string& field);

}  // namespace accord
