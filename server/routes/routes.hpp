// One register function per API resource; app.cpp calls them all.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "app.hpp"

namespace accord::routes {

// The rules in force as clients see them (GET /api/v1/rules, and with the session).
nlohmann::json rules_json(const AppContext& app);

void register_health_routes(httplib::Server& server, AppContext& app);
void register_metrics_routes(httplib::Server& server, AppContext& app);
void register_session_routes(httplib::Server& server, AppContext& app);
void register_session_admin_routes(httplib::Server& server, AppContext& app);
void register_order_routes(httplib::Server& server, AppContext& app);
void register_dispute_routes(httplib::Server& server, AppContext& app);
void register_action_routes(httplib::Server& server, AppContext& app);
void register_rules_routes(httplib::Server& server, AppContext& app);
void register_message_routes(httplib::Server& server, AppContext& app);
void register_evidence_routes(httplib::Server& server, AppContext& app);
void register_staff_routes(httplib::Server& server, AppContext& app);

}  // namespace accord::routes
