#include "accord/execution.hpp"

namespace accord {

std::vector<ExecutionStep> execution_plan(Remedy remedy) {
    using S = ExecutionStep;
    switch (remedy) {
        case Remedy::return_and_refund: return {S::return_shipment, S::merchant_inspection, S::refund, S::buyer_confirmation};
        case Remedy::exchange:
        case Remedy::repair: return {S::return_shipment, S::merchant_inspection, S::reship, S::buyer_confirmation};
        case Remedy::reissue: return {S::reship, S::buyer_confirmation};
        case Remedy::full_refund:
        case Remedy::partial_refund:
        case Remedy::compensation: return {S::refund, S::buyer_confirmation};
    }
    return {S::buyer_confirmation};  // GCOVR_EXCL_LINE: every remedy is handled above
}

Party step_actor(ExecutionStep step) {
    return step == ExecutionStep::return_shipment || step == ExecutionStep::buyer_confirmation ? Party::buyer
                                                                                               : Party::merchant;
}

bool step_needs_tracking(ExecutionStep step) {
    return step == ExecutionStep::return_shipment || step == ExecutionStep::reship;
}

bool is_tracking_number(const std::string& s) {
    if (s.size() < 6 || s.size() > 40) return false;
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

}  // namespace accord
