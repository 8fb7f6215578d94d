// One draw function per screen or pane. They read AppState, and turn clicks into intents
// (api_client.hpp); they never wait for the network.
#pragma once
#include "app_state.hpp"

namespace accord::client {

void draw_login_view(AppState& s);
void draw_top_bar(AppState& s);
void draw_case_list_view(AppState& s);
void draw_case_detail_view(AppState& s);
void draw_filing_view(AppState& s);
// Parts of the case pane.
void draw_action_panel(AppState& s);
void draw_messages_view(AppState& s);
void draw_evidence_view(AppState& s);

}  // namespace accord::client
