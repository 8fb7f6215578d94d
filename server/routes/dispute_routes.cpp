// POST /api/v1/disputes (file), GET /api/v1/disputes (my cases), GET /api/v1/disputes/{id}
// (the stored case with its deadlines and the caller's actions), GET /api/v1/disputes/{id}/events
// (the case history). Later actions: action_routes.cpp.

#include "accord/access.hpp"
#include "accord/api.hpp"
#include "accord/api_lifecycle.hpp"
#include "accord/deadlines.hpp"
#include "accord/json_reader.hpp"
#include "auth/crypto.hpp"
#include "cases/case_service.hpp"
#include "db/dispute_repository.hpp"
#include "db/event_log.hpp"
#include "db/order_repository.hpp"
#include "db/user_repository.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/case_in_path.hpp"
#include "routes/routes.hpp"

namespace accord::routes {

static void file_dispute(AppContext& app, const httplib::Request& req, httplib::Response& res) {
    const Lang lang = http::request_lang(req);
    auto user = http::require_user(app, req, res);
    if (!user) return;
    const Viewer viewer = user->viewer();
    auto body = http::read_json_body(req, res);
    if (!body) return;

    FilingForm form;
    if (FieldErrors errors = api::decode(*body, form); !errors.empty())
        return http::send_field_errors(res, 400, errors, lang);
    if (!may_file(viewer, form.kind)) return http::send_error(res, 403, ErrorCode::forbidden, lang);

    // The writer from the first read: one open case per order is checked where the case is stored.
    auto writer = app.db.write();
    db::Database& db = *writer;
    const Timestamp now = app.now();
    std::optional<OrderSnapshot> order;
    if (!form.order_ref.empty()) order = db::find_order(db, form.order_ref);
    // Someone else's order looks like no order.
    if (order && !can_file_on(*order, viewer, form.kind)) order.reset();
    FieldErrors errors = validate_filing(form, order ? &*order : nullptr, viewer, now, app.config.rules.filing);
    // A case against the platform is the filer's own shop's: only a merchant account has one.
    if (form.kind == CaseKind::merchant_vs_platform && viewer.merchant_id == 0 && errors.empty())
        errors.push_back({"kind", ErrorCode::not_applicable, 0});
    if (!errors.empty()) return http::send_field_errors(res, 422, errors, lang);

    Dispute d;
    d.kind = form.kind;
    if (order) {
        const auto buyer = db::find_user(db, order->buyer_id);
        if (!buyer) return http::send_error(res, 500, ErrorCode::internal, lang);
        d.order_ref = order->order_ref;
        d.buyer_id = order->buyer_id;
        d.buyer = {buyer->info.display_name, buyer->phone, buyer->address};
        d.merchant_id = order->merchant_id;
        d.merchant_name = order->merchant_name;
    } else {
        d.merchant_id = viewer.merchant_id;
        d.merchant_name = user->merchant_name;
    }
    d.category = form.category;
    d.requested_remedy = form.requested_remedy;
    d.amount = {form.amount_minor, form.currency};
    d.description = form.description;
    d.channel = form.channel;
    d.state = DisputeState::filed;
    d.created_at = d.updated_at = now;

    // Filing is the case's first transition: stored, chained and scheduled like every other.
    db::Transaction tx(db);
    d.id = db::insert_dispute(db, d, viewer.user_id);
    const Case c = open_case(d, claim_ceiling(form, order ? &*order : nullptr, app.config.rules.filing), {},
                             app.config.rules.high_value_min_minor);
    // The history names who filed in their relation to the case, like every later step.
    const Actor actor = cases::actor_for(db, *user);
    cases::record(app, db, c, 1, "file", viewer.user_id, now, "",
                  {{"request", api::encode(form)},
                   {"relation", to_key(relation_to(c, actor))},
                   {"from", nullptr},
                   {"to", to_key(c.dispute.state)},
                   {"detail", ""}});
    tx.commit();
    app.wake_scheduler();

    res.set_header("Location", std::string(api::kPrefix) + "/disputes/" + std::to_string(d.id));
    res.set_header("ETag", http::version_tag(1));
    http::send_json(res, 201, cases::case_view(app, {c, 1}, actor, now));
}

using http::parse_count;
using http::parse_id;

void register_dispute_routes(httplib::Server& server, AppContext& app) {
    server.Post("/api/v1/disputes",
                [&app](const httplib::Request& req, httplib::Response& res) { file_dispute(app, req, res); });

    server.Get("/api/v1/disputes", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        const Lang lang = http::request_lang(req);
        std::int64_t limit = 50, before = 0;
        if (req.has_param("limit") && (!parse_id(req.get_param_value("limit"), limit) || limit > 200))
            return http::send_error(res, 400, ErrorCode::invalid_format, lang, "limit");
        // before=0 (what next_before says on the last page) means "from the newest".
        if (req.has_param("before") && !parse_count(req.get_param_value("before"), before))
            return http::send_error(res, 400, ErrorCode::invalid_format, lang, "before");
        const Viewer viewer = user->viewer();
        // One row more than asked tells whether another page exists, so the last page says 0.
        auto cases = db::list_disputes(*app.db.read(), case_scope(viewer), static_cast<int>(limit) + 1, before);
        const bool more = static_cast<std::int64_t>(cases.size()) > limit;
        if (more) cases.pop_back();
        nlohmann::json list = nlohmann::json::array();
        // When each case's next deadline falls due (0: nothing is due), so an inbox can put the
        // most urgent first. Beside the list, by case id, not inside each item: an item is
        // exactly the case's "dispute" (clients decode it strictly, unknown keys refused).
        nlohmann::json due = nlohmann::json::object();
        for (const db::ListedDispute& listed : cases) {
            list.push_back(api::encode(cases::shown_to(app, listed.dispute, viewer)));
            due[std::to_string(listed.dispute.id)] = listed.next_due_at;
        }
        const std::int64_t next = more ? cases.back().dispute.id : 0;
        http::send_json(res, 200, {{"disputes", std::move(list)}, {"next_due_at", std::move(due)}, {"next_before", next}});
    });

    server.Get(R"(/api/v1/disputes/([^/]+))", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        std::optional<db::StoredCase> stored;
        Actor actor;
        {
            auto reader = app.db.read();
            stored = case_in_path(*reader, req, res, user->viewer());
            if (!stored) return;
            actor = cases::actor_for(*reader, *user);
        }
        // Clients poll with If-None-Match: an unchanged view costs a 304 and no body. The view
        // depends on the version, on who asks (redaction, their actions) and on the clock (a
        // window that closed), so the tag is the version plus a digest of the view itself.
        nlohmann::json view = cases::case_view(app, *stored, actor, app.now());
        const Timestamp server_time = view["server_time"].get<Timestamp>();
        view.erase("server_time");
        const std::string tag = "\"" + std::to_string(stored->version) + "-" +
                                auth::sha256_hex(view.dump()).substr(0, 16) + "\"";
        view["server_time"] = server_time;
        res.set_header("ETag", tag);
        if (req.get_header_value("If-None-Match") == tag) {
            res.status = 304;
            return;
        }
        http::send_json(res, 200, view);
    });

    server.Get(R"(/api/v1/disputes/([^/]+)/events)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        std::optional<db::StoredCase> stored;
        std::vector<db::CaseEvent> events;
        {
            auto reader = app.db.read();
            stored = case_in_path(*reader, req, res, user->viewer());
            if (!stored) return;
            events = db::list_events(*reader, stored->c.dispute.id);
        }
        const bool staff = is_staff(user->role);
        // A merchant sees the buyer's steps as the buyer's (relation), not under an account id.
        const std::int64_t hidden_actor = user->role == Role::merchant ? stored->c.dispute.buyer_id : -1;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& e : events) {
            if (e.visibility == "staff" && !staff) continue;  // internal notes stay internal
            const nlohmann::json payload = parse_json(e.payload);
            auto field = [&](const char* key) {
                return payload.is_object() && payload.contains(key) ? payload[key] : nlohmann::json();
            };
            list.push_back({{"seq", e.seq}, {"action", e.action},
                            {"actor_id", e.actor_id == hidden_actor ? 0 : e.actor_id}, {"at", e.at},
                            {"reason", e.reason}, {"relation", field("relation")}, {"from", field("from")},
                            {"to", field("to")}, {"detail", field("detail")}, {"hash", e.hash}});
        }
        http::send_json(res, 200, {{"events", std::move(list)}, {"chain_valid", db::verify_chain(events)}});
    });
}

}  // namespace accord::routes
