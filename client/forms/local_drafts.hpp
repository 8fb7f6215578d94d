// Half-written forms live in the browser, per user: the filing form, each case's message and
// action form. A reload, a closed tab or a dropped connection loses nothing; sending a form
// clears its draft. (Kept in the browser only: the server keeps no drafts yet.)
#pragma once
#include "app_state.hpp"

namespace accord::client {

// After sign-in: the user's drafts from the browser (none of the previous user's stay in memory).
void load_local_drafts(AppState& s);
// Each frame: writes the drafts when they changed.
void save_local_drafts(AppState& s);
// A deliberate sign-out: a shared computer keeps nothing of what the user was writing.
void forget_local_drafts(AppState& s);
// Another case opens: the message and action form on screen stay with their case, and the new
// case's come back.
void switch_case_forms(AppState& s, std::int64_t from, std::int64_t to);
// A form holds something typed and not sent (leaving the page asks first).
bool has_unsent_forms(const AppState& s);

}  // namespace accord::client
