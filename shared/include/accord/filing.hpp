// Filing a dispute (受理): the form a buyer (or an agent on their behalf) submits,
// the rules that bound it, and its validation. Client and server call the same function.
#pragma once
#include <cstdint>
#include <string>

#include "accord/dispute.hpp"
#include "accord/error_code.hpp"
#include "accord/order.hpp"
#include "accord/role.hpp"

namespace accord {

struct FilingForm {
    CaseKind kind = CaseKind::buyer_vs_merchant;
    std::string order_ref;  // none for merchant_vs_platform
    Category category = Category::quality_defect;
    Remedy requested_remedy = Remedy::full_refund;
    std::int64_t amount_minor = 0;
    std::string currency = "CNY";
    std::string description;
    Channel channel = Channel::web;
};

// Limits an admin may tune. Defaults follow the seeds (15-day window after delivery).
struct FilingRules {
    int description_min_chars = 10;
    int description_max_chars = 2000;
    int order_ref_max_chars = 64;
    int filing_window_days = 15;
    // Not received is counted from the order date: there is no delivery to count from.
    int not_received_window_days = 30;
    // A claim with no order (a merchant against the platform) has no order total to stay within: this bounds it.
    std::int64_t no_order_amount_max_minor = 10'000'000;  // 100,000.00
};

// Length in Unicode code points (what a person calls "characters", 字).
std::size_t utf8_length(const std::string& s);
bool is_valid_utf8(const std::string& s);
// Without leading and trailing white space (ASCII and the ideographic space 　): a description of
// spaces is no description.
std::string trim_spaces(const std::string& s);

// Validates a filing. `order` is the order named by form.order_ref as the filer may see it,
// or nullptr when there is no such order for them. Returns every problem at once.
// By kind (field "kind" not_applicable when the filer may not file this kind, see may_file() in access.hpp):
// - buyer_vs_merchant: the buyer's order (support files on a buyer's behalf);
// - merchant_vs_buyer: an order of the merchant's own shop (order_ref unknown_order otherwise); only money
//   remedies (full or partial refund, compensation: what the buyer owes the merchant);
// - merchant_vs_platform: categories contract and platform_policy only (category not_applicable), no order
//   (order_ref not_applicable when given), money remedies only, a positive amount up to
//   FilingRules::no_order_amount_max_minor (amount_minor out_of_range).
FieldErrors validate_filing(const FilingForm& form, const OrderSnapshot* order, const Viewer& filer,
                            Timestamp now, const FilingRules& rules = {});

// What no offer, proposal or ruling of the case may exceed (Case::order_total, open_case()): the order's total,
// or for a case without an order the rules' ceiling in the form's currency.
Money claim_ceiling(const FilingForm& form, const OrderSnapshot* order, const FilingRules& rules = {});

// The last moment a dispute may be filed on this order for this category.
Timestamp filing_deadline(const OrderSnapshot& order, Category category, const FilingRules& rules = {});

}  // namespace accord
