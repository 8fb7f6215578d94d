#include "i18n/strings.hpp"

namespace accord::client {

namespace {

struct Entry {
    Str key;
    const char* zh;
    const char* en;
};

constexpr Entry kStrings[] = {
    {Str::app_title, "Accord 纠纷处理中心", "Accord Resolution Center"},
    {Str::sign_in_title, "登录", "Sign in"},
    {Str::username, "用户名", "Username"},
    {Str::password, "密码", "Password"},
    {Str::sign_in, "登录", "Sign in"},
    {Str::signing_in, "正在登录…", "Signing in…"},
    {Str::demo_hint, "演示账号：buyer、merchant、support、mediator、admin 等，密码均为 accord-demo",
     "Demo accounts: buyer, merchant, support, mediator, admin, … — password accord-demo"},
    {Str::switch_language, "English", "中文"},
    {Str::sign_out, "退出", "Sign out"},
    {Str::my_cases, "我的纠纷", "My disputes"},
    {Str::shop_cases, "本店纠纷", "Disputes against my shop"},
    {Str::all_cases, "全部纠纷", "All disputes"},
    {Str::new_dispute, "发起纠纷", "File a dispute"},
    {Str::refresh, "刷新", "Refresh"},
    {Str::loading, "加载中…", "Loading…"},
    {Str::no_cases, "暂无纠纷", "No disputes yet"},
    {Str::select_case, "请在左侧选择一个案件，或发起新的纠纷。", "Pick a case on the left, or file a new dispute."},
    {Str::col_case, "案件编号", "Case"},
    {Str::col_order, "订单号", "Order"},
    {Str::col_category, "类型", "Category"},
    {Str::col_amount, "金额", "Amount"},
    {Str::col_state, "状态", "State"},
    {Str::col_created, "提交时间", "Filed at"},
    {Str::col_merchant, "商家", "Merchant"},
    {Str::buyer, "买家", "Buyer"},
    {Str::phone, "电话", "Phone"},
    {Str::address, "地址", "Address"},
    {Str::remedy, "诉求", "Requested remedy"},
    {Str::description, "问题描述", "Description"},
    {Str::channel, "渠道", "Channel"},
    {Str::redacted_note, "买家个人信息已按隐私规则脱敏", "The buyer's personal data is redacted under the privacy rules"},
    {Str::history, "处理记录", "History"},
    {Str::order, "订单", "Order"},
    {Str::choose_order, "请选择订单", "Choose an order"},
    {Str::no_orders, "没有可以申请的订单", "No orders to file on"},
    {Str::category, "纠纷类型", "Category"},
    {Str::amount_yuan, "金额（元）", "Amount (CNY)"},
    {Str::submit, "提交", "Submit"},
    {Str::submitting, "正在提交…", "Submitting…"},
    {Str::cancel, "取消", "Cancel"},
    {Str::filed_notice, "已提交纠纷", "Dispute filed"},
    {Str::network_error, "无法连接服务器，请稍后重试", "Cannot reach the server, please try again"},
    {Str::order_total, "订单金额", "Order total"},
    {Str::filing_deadline, "申请截止", "File by"},
    {Str::chain_ok, "记录完整（哈希链校验通过）", "History intact (hash chain verified)"},
    {Str::chain_broken, "警告：记录校验失败", "Warning: history failed verification"},
    {Str::fix_errors, "请先修正标红的内容", "Please fix the fields marked in red"},
    {Str::delivered, "已签收", "Delivered"},
    {Str::not_delivered, "未签收", "Not delivered"},
    {Str::server_outdated, "服务器版本已更新，请刷新页面", "The server was updated: please reload the page"},
    {Str::count_chars, "字", "characters"},
    {Str::in_progress, "处理中", "in progress"},
    {Str::deadlines, "处理期限", "Deadlines"},
    {Str::due_at, "截止", "due"},
    {Str::time_left, "剩余", "left"},
    {Str::overdue_by, "已超时", "overdue by"},
    {Str::paused, "已暂停，剩余", "paused with"},
    {Str::days, "天", "d"},
};

}  // namespace

const char* tr(Str s, Lang lang) {
    for (const Entry& e : kStrings)
        if (e.key == s) return lang == Lang::zh_CN ? e.zh : e.en;
    return "?";
}

}  // namespace accord::client
