// Keeps the page's address and the app in step, both ways: what the user does shows in the
// address (a new history entry per page, the same entry while a page changes), and Back,
// Forward, reload or a pasted link take the app there, through the sign-in screen when needed.
#pragma once
#include "app_state.hpp"

namespace accord::client {

// At start: the address the page was opened on is where to go once the session is known.
void navigation_start(AppState& s);
// Each frame, after the views: follow the address if it moved, then write where the user is.
void navigation_frame(AppState& s);
// Where the user is, as an address names it.
Route route_of(const AppState& s);
// Takes the signed-in app to `r` (permissions from the shared model; the server has the last word).
void go(AppState& s, const Route& r);

}  // namespace accord::client
