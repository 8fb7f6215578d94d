// GET/POST /api/v1/disputes/{id}/messages: the parties and the staff working a case write to
// each other; staff keep internal notes (visibility "staff") the parties never see. Every
// message also enters the case's event chain (by its SHA-256), so none can be altered unseen.
#include "accord/access.hpp"
#include "accord/messages.hpp"
#include "auth/crypto.hpp"
#include "cases/case_service.hpp"
#include "db/message_repository.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/case_in_path.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

namespace {

nlohmann::json message_json(const db::MessageRecord& m) {
    return {{"id", m.id},           {"author_id", m.author_id}, {"author_name", m.author_name},
            {"author_role", m.author_role}, {"visibility", to_key(m.visibility)}, {"body", m.body},
            {"at", m.at}};
}

void post_message(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    const Lang lang = http::request_lang(req);
    auto user = http::require_user(app, req, res);
    if (!user) return;
    auto body = http::read_json_body(req, res);
    if (!body) return;
    MessageForm form;
    if (FieldErrors errors = api::decode(*body, form); !errors.empty())
        return http::send_field_errors(res, 400, errors, lang);
    if (FieldErrors errors = validate_message(form, user->role); !errors.empty())
        return http::send_field_errors(res, 422, errors, lang);

    auto writer = app.db.write();
    db::Database& db = *writer;
    db::Transaction tx(db);
    const Actor actor = cases::actor_for(db, *user);
    const auto stored = case_in_path(db, req, res, actor.viewer);
    if (!stored) return;
    const std::int64_t id = stored->c.dispute.id;
    if (!takes_part(stored->c, actor)) return http::send_error(res, 403, ErrorCode::not_assigned, lang);
    db::MessageRecord m{0, id, user->id, user->display_name, std::string(to_key(user->role)), form.visibility,
                        form.body, app.now()};
    m.id = db::insert_message(db, m);
    const std::string visibility = to_key(form.visibility);
    // The history names the writer's relation to the case, like every other event.
    cases::record_side_event(app, db, id, "message", user->id, m.at,
                             {{"message_id", m.id},
                              {"visibility", visibility},
                              {"body_sha256", auth::sha256_hex(m.body)},
                              {"relation", to_key(relation_to(stored->c, actor))}},
                             visibility);
    tx.commit();
    res.set_header("Location", std::string(api::kPrefix) + "/disputes/" + std::to_string(id) + "/messages");
    http::send_json(res, 201, {{"message", message_json(m)}});
}

}  // namespace

void register_message_routes(httplib::Server& server, AppContext& app) {
    server.Post(R"(/api/v1/disputes/([^/]+)/messages)",
                [&app](const httplib::Request& req, httplib::Response& res) { post_message(app, req, res); });

    server.Get(R"(/api/v1/disputes/([^/]+)/messages)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        std::vector<db::MessageRecord> messages;
        {
            auto reader = app.db.read();
            const auto stored = case_in_path(*reader, req, res, user->viewer());
            if (!stored) return;
            messages = db::list_messages(*reader, stored->c.dispute.id);
        }
        nlohmann::json list = nlohmann::json::array();
        for (const db::MessageRecord& m : messages) {
            if (!may_read(m.visibility, user->role)) continue;
            nlohmann::json j = message_json(m);
            // A merchant sees the buyer as the case shows them: surname only, no account id.
            if (user->role == Role::merchant && m.author_role == "buyer") {
                j["author_name"] = mask_name(m.author_name);
                j["author_id"] = 0;
            }
            list.push_back(std::move(j));
        }
        http::send_json(res, 200, {{"messages", std::move(list)}});
    });
}

}  // namespace accord::routes
