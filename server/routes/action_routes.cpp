// POST /api/v1/disputes/{id}/actions: every lifecycle action, one route. The body is
// {"action": "...", ...payload}; the actor and the time come from the session and the server's
// clock. If-Match (the case's version) guards against acting on a case someone else just moved.
#include "accord/access.hpp"
#include "accord/api_lifecycle.hpp"
#include "cases/case_service.hpp"
#include "db/user_repository.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

// The status of a refusal: who you are and what you may do (403) against where the case
// stands (409: it may change, or already did).
int status_for(ErrorCode code) {
    switch (code) {
        case ErrorCode::forbidden:
        case ErrorCode::not_assigned:
        case ErrorCode::four_eyes:
        case ErrorCode::approval_level_too_low: return 403;
        case ErrorCode::action_not_allowed_in_state:
        case ErrorCode::case_finished:
        case ErrorCode::cannot_accept_own_offer:
        case ErrorCode::already_done:
        case ErrorCode::window_closed:
        case ErrorCode::deadline_not_reached:
        case ErrorCode::version_conflict: return 409;
        default: return 422;
    }
}

void take_action(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    const Lang lang = http::request_lang(req);
    auto user = http::require_user(app, req, res);
    if (!user) return;
    std::int64_t id = 0;
    if (!http::parse_id(req.matches[1], id)) return http::send_error(res, 404, ErrorCode::not_found, lang);
    std::optional<std::int64_t> expected;
    // "*" matches any current version (RFC 9110): the same as sending none.
    if (req.has_header("If-Match") && req.get_header_value("If-Match") != "*") {
        expected = http::parse_version_tag(req.get_header_value("If-Match"));
        if (!expected) return http::send_error(res, 400, ErrorCode::invalid_format, lang, "If-Match");
    }
    auto body = http::read_json_body(req, res);
    if (!body) return;
    ActionRequest request;
    if (FieldErrors errors = api::decode(*body, request); !errors.empty())
        return http::send_field_errors(res, 400, errors, lang);
    // The scheduler's own action is never taken over the API.
    if (request.action == Action::timeout) return http::send_error(res, 403, ErrorCode::forbidden, lang, "action");
    {
        // Only decides a clearer refusal: act() reads the case again on the writer.
        auto reader = app.db.read();
        request.actor = cases::actor_for(*reader, *user);
        // An assignment names an account of the role it assigns: the model knows ids, not roles.
        // Checked where the model would let the actor assign, so a refusal still says why first.
        if ((request.action == Action::assign_mediator || request.action == Action::assign_arbitrator) &&
            request.target != 0) {
            const Role wanted = request.action == Action::assign_mediator ? Role::mediator : Role::arbitrator;
            const auto assignee = db::find_user(*reader, request.target);
            const auto stored = db::load_case(*reader, id);
            if ((!assignee || assignee->info.role != wanted) && stored && (!expected || *expected == stored->version) &&
                can_view(stored->c.dispute, request.actor.viewer) &&
                may(stored->c, request.action, request.actor, app.now(), cases::lifecycle_context(app)))
                return http::send_field_errors(res, 422, {{"assignee_id", ErrorCode::invalid_choice, 0}}, lang);
        }
    }

    const cases::ActOutcome out = cases::act(app, id, request, expected);
    const Timestamp now = app.now();
    switch (out.status) {
        case cases::ActStatus::not_found: return http::send_error(res, 404, ErrorCode::not_found, lang);
        case cases::ActStatus::stale: {
            nlohmann::json reply = api::error_body(ErrorCode::version_conflict, lang);
            reply["case"] = cases::case_view(app, out.stored, request.actor, now);
            res.set_header("ETag", http::version_tag(out.stored.version));
            return http::send_json(res, 409, reply);
        }
        case cases::ActStatus::refused: {
            if (!out.result.field_errors.empty()) return http::send_field_errors(res, 422, out.result.field_errors, lang);
            nlohmann::json reply = api::error_body(out.result.error, lang, "action");
            return http::send_json(res, status_for(out.result.error), reply);
        }
        case cases::ActStatus::done: {
            nlohmann::json reply = cases::case_view(app, out.stored, request.actor, now);
            reply["event"] = {{"action", to_key(out.result.event.action)},
                              {"from", to_key(out.result.event.from)},
                              {"to", to_key(out.result.event.to)},
                              {"detail", out.result.event.detail}};
            res.set_header("ETag", http::version_tag(out.stored.version));
            return http::send_json(res, 200, reply);
        }
    }
}

}  // namespace

void register_action_routes(httplib::Server& server, AppContext& app) {
    server.Post(R"(/api/v1/disputes/([^/]+)/actions)",
                [&app](const httplib::Request& req, httplib::Response& res) { take_action(app, req, res); });
}

}  // namespace accord::routes
