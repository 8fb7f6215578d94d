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
// Opens the form (resuming a draft in progress) and loads the orders; `order_ref` picks the order.
void start_filing(AppState& s, const std::string& order_ref = "");
void submit_filing(AppState& s);

void load_events(AppState& s);
void load_messages(AppState& s);
void send_message(AppState& s);        // s.message_text, staff-only when s.message_staff_only
void load_evidence(AppState& s);
void load_staff(AppState& s, Role role);  // once per session: who a case can be assigned to
// The open action form's problems as the shared checks see them (empty when none or no form is open).
FieldErrors action_errors(const AppState& s);
void submit_action(AppState& s);       // s.action on the open case, guarded by its ETag
void poll(AppState& s);                // each frame: refreshes the open case and the list now and then

}  // namespace accord::client
