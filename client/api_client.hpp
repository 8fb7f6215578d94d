// The client's intents: each sends one API request and updates AppState when the reply
// arrives on a later frame. Views call these; nothing here blocks.
#pragma once
#include "app_state.hpp"

namespace accord::client {

void restore_session(AppState& s);  // at start: is the cookie still signed in?
void sign_in(AppState& s);          // with s.login
void sign_out(AppState& s);
void load_cases(AppState& s);
void open_case(AppState& s, std::int64_t id);
void start_filing(AppState& s);     // opens the form and loads the orders
void submit_filing(AppState& s);

}  // namespace accord::client
