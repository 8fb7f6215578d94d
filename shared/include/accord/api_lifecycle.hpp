// The wire format of lifecycle actions and of a case's progress (offers, deadlines, ruling,
// execution), shared by the server (decodes, enforces) and the client (encodes, displays).
//
//   POST /api/v1/disputes/{id}/actions
//   {"action":"make_offer","reason":"…","terms":{"remedy":"partial_refund","amount_minor":30000,"currency":"CNY","terms":"…"}}
//
// Each action accepts only its own keys; the actor and the time come from the session and the
// server's clock, never from the body.
#pragma once
#include <nlohmann/json.hpp>

#include "accord/deadlines.hpp"
#include "accord/lifecycle.hpp"

namespace accord::api {

// Strict: unknown action, keys the action does not take, wrong types and bad enum values are errors.
// The payload's own rules (lengths, amounts, four-eyes, ...) are apply()'s job.
FieldErrors decode(const nlohmann::json& j, ActionRequest& out);
nlohmann::json encode(const ActionRequest& r);

nlohmann::json encode(const Terms& t);
nlohmann::json encode(const Deadline& d);
FieldErrors decode(const nlohmann::json& j, Deadline& out);
// The case's progress as a viewer may see it: everything but the buyer's contact (see access.hpp).
nlohmann::json encode_progress(const Case& c);
// The case view a client was shown (GET /disputes/{id}: {"dispute": ..., "progress": ...}) read back into the
// model's Case, so the client runs the same functions as the server on it (available_actions, check_payload).
// What the view does not carry keeps its default: who proposed or approved, assessments, inspections, and the
// clocks other than the state's.
FieldErrors decode_case_view(const nlohmann::json& view, Case& out);

}  // namespace accord::api
