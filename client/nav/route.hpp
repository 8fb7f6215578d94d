// Where the user is, as the page's address names it: every screen and every case has one
// (#/cases/12, #/file?order=TB…), so Back/Forward, reload and a link opened in a new tab land on
// the same place. Pure text in, text out: no browser, no app state (tested natively).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "accord/dispute.hpp"

namespace accord::client {

enum class Page { sign_in, cases, case_view, filing };

// The case list's filters, as far as an address carries them.
struct ListQuery {
    std::optional<DisputeState> state;
    bool overdue = false;
    std::string search;
    bool operator==(const ListQuery&) const = default;
};

struct Route {
    Page page = Page::cases;
    std::int64_t case_id = 0;  // case_view
    std::string order_ref;     // filing: the order to file on (empty: the form preselects one)
    ListQuery list;            // cases and case_view: the list beside the case
    std::string next;          // sign_in: the address to land on once signed in ("#/cases/12"), empty for the list
    bool operator==(const Route&) const = default;
};

// "#/cases/12?state=filed" → the route; nullopt for an address the client has no screen for.
// "", "#" and "#/" are the case list.
std::optional<Route> parse_route(std::string_view hash);
// The route's address, percent-encoded the way the browser keeps location.hash, so the two
// compare equal and a reload reads back the same route.
std::string format_route(const Route& r);
// Going from `from` to `to` opens another page (a history entry for Back) rather than changing
// the one on screen (its filters, the order picked in the form), which replaces the entry.
bool is_new_page(const Route& from, const Route& to);

}  // namespace accord::client
