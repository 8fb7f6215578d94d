// The page's address and its history (bridges/history.js): the app writes where the user is,
// and hears when Back, Forward or an edited address moved it.
#pragma once
#include <string>

namespace accord::client::browser {

std::string location_hash();  // "#/cases/12", percent-encoded as the browser keeps it
// Counts the moves made under the app (Back, Forward, an address typed or opened); the app
// reads location_hash() when the count changes.
int address_changes();
// Writes the address: a new history entry (push) or in place of the current one.
void set_address(const std::string& hash, const std::string& title, bool push);
// Whether leaving the page asks first (a form holds unsent text).
void set_leave_warning(bool on);

}  // namespace accord::client::browser
