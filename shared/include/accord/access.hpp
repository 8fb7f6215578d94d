// Who may see which cases, and what of the buyer's personal data they see.
#pragma once
#include <cstdint>

#include "accord/dispute.hpp"
#include "accord/order.hpp"
#include "accord/role.hpp"

namespace accord {

// The set of cases a viewer may list. Stores turn this into their own query.
struct CaseScope {
    enum class Kind { all, of_buyer, of_merchant } kind = Kind::all;
    std::int64_t id = 0;  // buyer id or merchant id
};

CaseScope case_scope(const Viewer& viewer);
bool can_view(const Dispute& d, const Viewer& viewer);
// The orders a viewer may file on, as a store query: none, one buyer's, or all (support agents
// file on any buyer's behalf). Mirrors can_file_on() for listing.
struct OrderScope {
    enum class Kind { none, of_buyer, all } kind = Kind::none;
    std::int64_t buyer_id = 0;
};
OrderScope order_scope(const Viewer& viewer);

// Buyers file their own disputes; support agents file on a buyer's behalf. Nobody else files.
bool may_file(const Viewer& viewer);
// Who files a case of this kind: a buyer against a merchant, a merchant (of a shop) against a buyer or the
// platform, and support any kind on the filer's behalf.
bool may_file(const Viewer& viewer, CaseKind kind);
// Which orders a viewer may file on: a buyer their own, a support agent any (on a buyer's behalf).
bool can_file_on(const OrderSnapshot& order, const Viewer& viewer);
// By kind: as above against a merchant; a merchant on its own shop's orders against a buyer (support on any);
// no order at all against the platform.
bool can_file_on(const OrderSnapshot& order, const Viewer& viewer, CaseKind kind);

// Merchants see the buyer's phone and address only when the remedy needs them to ship
// something to the buyer (reissue, exchange, repair); the name is always masked to the surname.
bool merchant_needs_contact(Remedy remedy);
// The case as this viewer may see it (contact masked where the policy says so).
Dispute redacted_for(const Dispute& d, const Viewer& viewer);

// "13812345678" -> "138****5678"; "上海市浦东新区…" -> "上海市****"; "张伟" -> "张*".
std::string mask_phone(const std::string& phone);
std::string mask_address(const std::string& address);
std::string mask_name(const std::string& name);

}  // namespace accord
