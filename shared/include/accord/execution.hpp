// Carrying out the remedy (方案执行与跟踪): the steps each remedy takes, who acts at each,
// and what each step needs.
#pragma once
#include <vector>

#include "accord/dispute.hpp"
#include "accord/offers.hpp"

namespace accord {

enum class ExecutionStep { return_shipment, merchant_inspection, refund, reship, buyer_confirmation };

template <>
struct EnumTable<ExecutionStep> {
    static constexpr EnumEntry<ExecutionStep> entries[] = {
        {ExecutionStep::return_shipment, "return_shipment", "买家退货", "Buyer ships the return"},
        {ExecutionStep::merchant_inspection, "merchant_inspection", "商家验货", "Merchant inspects the return"},
        {ExecutionStep::refund, "refund", "原路退款", "Refund to the original payment"},
        {ExecutionStep::reship, "reship", "商家发货（换货/维修/补发）", "Merchant ships (exchange / repair / reissue)"},
        {ExecutionStep::buyer_confirmation, "buyer_confirmation", "买家确认", "Buyer confirms"},
    };
};

// Return & refund: ship back → inspect → refund → confirm. Exchange and repair: ship back →
// inspect → ship out → confirm. Reissue: ship out → confirm. Money-only remedies: pay → confirm.
std::vector<ExecutionStep> execution_plan(Remedy remedy);
// Who carries out a step.
Party step_actor(ExecutionStep step);
// Steps that hand over goods need a carrier tracking number.
bool step_needs_tracking(ExecutionStep step);
// A tracking number: 6..40 characters of A-Z, a-z, 0-9 and '-'.
bool is_tracking_number(const std::string& s);

}  // namespace accord
