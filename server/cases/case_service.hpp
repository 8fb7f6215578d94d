// The one way a case moves on the server. Filing, every lifecycle action of a user, and every
// timeout the scheduler fires come through here: load the stored case, let the shared model
// decide (apply()), then in one transaction store the new version, append the event to the
// chain and set when the scheduler must look at the case next.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "accord/api.hpp"
#include "accord/lifecycle.hpp"
#include "app.hpp"
#include "db/case_store.hpp"
#include "db/event_log.hpp"

namespace accord::cases {

LifecycleContext lifecycle_context(const AppContext& app);

// The signed-in user as the lifecycle sees them (role, shop, approval level), read on `db`.
Actor actor_for(db::Database& db, const api::UserInfo& user);

// Stores `next` as version `version` (1 for a new case) and appends the event describing the
// change, on `db`: the writer, in the caller's transaction.
db::CaseEvent record(AppContext& app, db::Database& db, const Case& next, std::int64_t version, const std::string& action,
                     std::int64_t actor_id, Timestamp at, const std::string& reason, nlohmann::json payload,
                     const std::string& visibility = "all");

enum class ActStatus {
    done,       // applied and stored
    not_found,  // no such case, or the actor may not see it
    stale,      // the caller's If-Match version is not the stored one
    refused,    // the model said no: see result.error / result.field_errors
};

struct ActOutcome {
    ActStatus status = ActStatus::not_found;
    ActionResult result;    // the model's answer
    db::StoredCase stored;  // the case after the action (or as it stands when refused / stale)
};

// Applies one action to case `id`, atomically. `expected_version`: the version the caller saw
// (If-Match); nothing means "whatever is current". Takes the writer itself.
ActOutcome act(AppContext& app, std::int64_t id, ActionRequest request, std::optional<std::int64_t> expected_version);

// What a viewer gets for a case: the dispute (redacted for them), its progress, its open
// deadlines with their consequences, the actions they may take now, and its version.
// The dispute as `viewer` may see it (redacted_for) with the buyer's per-case alias: an HMAC of
// the case and the buyer under the server's key, so it is stable on a case, differs between
// cases of one buyer, and does not give the buyer's id away.
Dispute shown_to(const AppContext& app, const Dispute& d, const Viewer& viewer);
nlohmann::json case_view(AppContext& app, const db::StoredCase& stored, const Actor& actor, Timestamp now);

}  // namespace accord::cases

namespace accord::cases {

// Cases filed before the server stored whole cases (schema v2) get their stored case once, at
// start: rebuilt from the disputes row and the order, chained to their existing history. `db`:
// the writer.
int adopt_legacy_cases(AppContext& app, db::Database& db);

}  // namespace accord::cases

namespace accord::cases {

// Appends an event that records something beside the lifecycle (a message, an evidence file)
// without changing the case document: the row's MAC moves to the new head of the chain. `db`:
// the writer, in the caller's transaction.
db::CaseEvent record_side_event(AppContext& app, db::Database& db, std::int64_t id, const std::string& action, std::int64_t actor_id,
                                Timestamp at, const nlohmann::json& payload, const std::string& visibility = "all");

}  // namespace accord::cases
