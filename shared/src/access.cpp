#include "accord/access.hpp"

#include "accord/filing.hpp"  // utf8_length

namespace accord {

CaseScope case_scope(const Viewer& viewer) {
    switch (viewer.role) {
        case Role::buyer: return {CaseScope::Kind::of_buyer, viewer.user_id};
        case Role::merchant: return {CaseScope::Kind::of_merchant, viewer.merchant_id};
        case Role::support:
        case Role::mediator:
        case Role::arbitrator:
        case Role::approver:
        case Role::admin: return {CaseScope::Kind::all, 0};
    }
    // A value outside the enum sees nothing: the scope of buyer 0, who owns no case.
    return {CaseScope::Kind::of_buyer, 0};  // GCOVR_EXCL_LINE
}

bool can_view(const Dispute& d, const Viewer& viewer) {
    const CaseScope scope = case_scope(viewer);
    switch (scope.kind) {
        case CaseScope::Kind::of_buyer: return d.buyer_id == scope.id;
        case CaseScope::Kind::of_merchant: return scope.id != 0 && d.merchant_id == scope.id;
        case CaseScope::Kind::all: return true;
    }
    return false;
}

OrderScope order_scope(const Viewer& viewer) {
    if (viewer.role == Role::buyer) return {OrderScope::Kind::of_buyer, viewer.user_id};
    if (viewer.role == Role::support) return {OrderScope::Kind::all, 0};
    return {OrderScope::Kind::none, 0};
}

bool may_file(const Viewer& viewer) { return viewer.role == Role::buyer || viewer.role == Role::support; }

bool may_file(const Viewer& viewer, CaseKind kind) {
    if (viewer.role == Role::support) return true;
    switch (kind) {
        case CaseKind::buyer_vs_merchant: return viewer.role == Role::buyer;
        case CaseKind::merchant_vs_buyer:
        case CaseKind::merchant_vs_platform: return viewer.role == Role::merchant && viewer.merchant_id != 0;
    }
    return false;  // GCOVR_EXCL_LINE: a value outside the enum
}

bool can_file_on(const OrderSnapshot& order, const Viewer& viewer, CaseKind kind) {
    switch (kind) {
        case CaseKind::buyer_vs_merchant: return can_file_on(order, viewer);
        case CaseKind::merchant_vs_buyer:
            return viewer.role == Role::support ||
                   (viewer.role == Role::merchant && viewer.merchant_id != 0 && order.merchant_id == viewer.merchant_id);
        case CaseKind::merchant_vs_platform: return false;
    }
    return false;  // GCOVR_EXCL_LINE: a value outside the enum
}

bool can_file_on(const OrderSnapshot& order, const Viewer& viewer) {
    if (viewer.role == Role::buyer) return order.buyer_id == viewer.user_id;
    return viewer.role == Role::support;
}

bool merchant_needs_contact(Remedy remedy) {
    return remedy == Remedy::reissue || remedy == Remedy::exchange || remedy == Remedy::repair;
}

// Byte offset just past the first `n` code points of a UTF-8 string.
static std::size_t utf8_prefix_bytes(const std::string& s, std::size_t n) {
    std::size_t i = 0, seen = 0;
    while (i < s.size()) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (seen == n) break;
            ++seen;
        }
        ++i;
    }
    return i;
}

std::string mask_phone(const std::string& phone) {
    // Keep the first 3 and last 4 characters only when at least 4 stay hidden (a mainland
    // mobile number has 11 digits); shorter numbers are masked whole. Counted in code points
    // so that a full-width digit is never cut in half.
    const std::size_t n = utf8_length(phone);
    if (n < 11) return std::string(n, '*');
    return phone.substr(0, utf8_prefix_bytes(phone, 3)) + "****" + phone.substr(utf8_prefix_bytes(phone, n - 4));
}

std::string mask_address(const std::string& address) {
    if (address.empty()) return address;
    return address.substr(0, utf8_prefix_bytes(address, 3)) + "****";
}

std::string mask_name(const std::string& name) {
    if (name.empty()) return name;
    return name.substr(0, utf8_prefix_bytes(name, 1)) + "*";
}

Dispute redacted_for(const Dispute& d, const Viewer& viewer) {
    Dispute out = d;
    out.contact_redacted = false;
    if (viewer.role == Role::merchant) {
        out.buyer_id = 0;  // the buyer's account id is none of the merchant's business
        out.buyer.name = mask_name(d.buyer.name);
        if (!merchant_needs_contact(d.requested_remedy)) {
            out.buyer.phone = mask_phone(d.buyer.phone);
            out.buyer.address = mask_address(d.buyer.address);
        }
        out.contact_redacted = true;
    }
    return out;
}

}  // namespace accord
