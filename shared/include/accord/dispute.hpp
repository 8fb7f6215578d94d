// The dispute case: what was filed, against whom, and where it stands.
#pragma once
#include <cstdint>
#include <string>

#include "accord/enum_table.hpp"
#include "accord/money.hpp"
#include "accord/time.hpp"

namespace accord {

enum class Category {
    not_received, damaged_in_transit, quality_defect, not_as_described, counterfeit,
    after_sales, refusal_to_fulfil, contract, platform_policy, other
};

template <>
struct EnumTable<Category> {
    static constexpr EnumEntry<Category> entries[] = {
        {Category::not_received, "not_received", "未收到货/物流延误", "Not received / delivery delay"},
        {Category::damaged_in_transit, "damaged_in_transit", "货物损坏", "Damaged in transit"},
        {Category::quality_defect, "quality_defect", "商品质量问题", "Quality defect"},
        {Category::not_as_described, "not_as_described", "与描述不符", "Not as described"},
        {Category::counterfeit, "counterfeit", "假冒伪劣", "Counterfeit"},
        {Category::after_sales, "after_sales", "售后服务", "After-sales service"},
        {Category::refusal_to_fulfil, "refusal_to_fulfil", "成交不卖", "Refusal to fulfil"},
        {Category::contract, "contract", "合同纠纷", "Merchant–platform contract"},
        {Category::platform_policy, "platform_policy", "平台政策", "Platform policy"},
        {Category::other, "other", "其他", "Other"},
    };
};

enum class Remedy { full_refund, return_and_refund, exchange, repair, reissue, partial_refund, compensation };

template <>
struct EnumTable<Remedy> {
    static constexpr EnumEntry<Remedy> entries[] = {
        {Remedy::full_refund, "full_refund", "全额退款", "Full refund"},
        {Remedy::return_and_refund, "return_and_refund", "退货退款", "Return & refund"},
        {Remedy::exchange, "exchange", "换货", "Exchange"},
        {Remedy::repair, "repair", "维修", "Repair"},
        {Remedy::reissue, "reissue", "补发", "Reissue"},
        {Remedy::partial_refund, "partial_refund", "部分退款", "Partial refund"},
        {Remedy::compensation, "compensation", "赔偿/优惠券", "Compensation / coupon"},
    };
};

// Where the complaint came in: buyers file on the web or in the app, support agents
// record the other channels when filing on a buyer's behalf.
enum class Channel { web, app, hotline, email, social };

template <>
struct EnumTable<Channel> {
    static constexpr EnumEntry<Channel> entries[] = {
        {Channel::web, "web", "网页", "Web"},
        {Channel::app, "app", "App", "App"},
        {Channel::hotline, "hotline", "热线电话", "Hotline"},
        {Channel::email, "email", "电子邮件", "E-mail"},
        {Channel::social, "social", "社交媒体", "Social media"},
    };
};

// The lifecycle states (PRODUCT.md "The case lifecycle"). Transitions live in lifecycle.hpp.
enum class DisputeState {
    filed, info_requested, rejected, awaiting_merchant, negotiation, mediation,
    mediation_review, awaiting_consent, arbitration, ruled, execution, closed,
    withdrawn, appealed, referred_external
};

template <>
struct EnumTable<DisputeState> {
    static constexpr EnumEntry<DisputeState> entries[] = {
        {DisputeState::filed, "filed", "已受理", "Filed"},
        {DisputeState::info_requested, "info_requested", "待补充材料", "Information requested"},
        {DisputeState::rejected, "rejected", "不予受理", "Rejected"},
        {DisputeState::awaiting_merchant, "awaiting_merchant", "待商家举证", "Awaiting merchant"},
        {DisputeState::negotiation, "negotiation", "双方协商", "Negotiation"},
        {DisputeState::mediation, "mediation", "平台调解", "Mediation"},
        {DisputeState::mediation_review, "mediation_review", "调解方案审核", "Proposal under review"},
        {DisputeState::awaiting_consent, "awaiting_consent", "待双方确认", "Awaiting consent"},
        {DisputeState::arbitration, "arbitration", "仲裁", "Arbitration"},
        {DisputeState::ruled, "ruled", "已裁决", "Ruled"},
        {DisputeState::execution, "execution", "方案执行", "Execution"},
        {DisputeState::closed, "closed", "已结案", "Closed"},
        {DisputeState::withdrawn, "withdrawn", "已撤诉", "Withdrawn"},
        {DisputeState::appealed, "appealed", "申诉中", "Appealed"},
        {DisputeState::referred_external, "referred_external", "已移交外部", "Referred externally"},
    };
};

// Who filed against whom. Buyers file against a merchant (the default). A merchant files too (seed 001:
// 商家在发现纠纷后，应及时通过平台的客服系统进行登记): against a buyer, on one of its own orders, or against
// the platform (contract or platform policy), where no order applies.
//
// The lifecycle keeps its state and action names and reads them by role in the case: the claimant (who
// filed) and the respondent (who answers the claim). awaiting_merchant is "awaiting the respondent", and
// merchant_accept / merchant_offer / merchant_contest are the respondent's answers: in a merchant-versus-buyer
// case the BUYER takes them. Against the platform there is no party to answer: an accepted case goes
// straight to mediation, and the platform's staff carry out what the platform owes.
enum class CaseKind { buyer_vs_merchant, merchant_vs_buyer, merchant_vs_platform };

template <>
struct EnumTable<CaseKind> {
    static constexpr EnumEntry<CaseKind> entries[] = {
        {CaseKind::buyer_vs_merchant, "buyer_vs_merchant", "买家投诉商家", "Buyer v. merchant"},
        {CaseKind::merchant_vs_buyer, "merchant_vs_buyer", "商家投诉买家", "Merchant v. buyer"},
        {CaseKind::merchant_vs_platform, "merchant_vs_platform", "商家与平台纠纷", "Merchant v. platform"},
    };
};

// The buyer's personal data on a case; redacted for merchants (redaction.hpp).
struct BuyerContact {
    std::string name;
    std::string phone;
    std::string address;
};

struct Dispute {
    std::int64_t id = 0;
    CaseKind kind = CaseKind::buyer_vs_merchant;
    std::string order_ref;  // empty for merchant_vs_platform
    std::int64_t buyer_id = 0;  // 0 for merchant_vs_platform
    BuyerContact buyer;
    std::int64_t merchant_id = 0;
    std::string merchant_name;
    Category category = Category::other;
    Remedy requested_remedy = Remedy::full_refund;
    Money amount;
    std::string description;
    Channel channel = Channel::web;
    DisputeState state = DisputeState::filed;
    Timestamp created_at = 0;
    Timestamp updated_at = 0;
    bool contact_redacted = false;  // true when `buyer` was masked for the viewer
    // The buyer's handle on this case ("B-7K3QF2"), set by the server in what it shows, never
    // stored: a merchant names the buyer by it and cannot tie two cases to one buyer.
    std::string buyer_alias;
};

// "AC-000042": the case number people quote on the phone.
std::string case_number(std::int64_t id);

}  // namespace accord
