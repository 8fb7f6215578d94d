#include "cases/case_service.hpp"

#include "accord/access.hpp"
#include "accord/api_lifecycle.hpp"
#include "accord/case_codec.hpp"
#include "accord/deadlines.hpp"
#include "db/dispute_repository.hpp"
#include "db/user_repository.hpp"
#include "ops/calendar.hpp"

namespace accord::cases {

// The calendar in force: the built-in years plus DATA_DIR/holidays.tsv (ops/calendar.hpp).
LifecycleContext lifecycle_context(const AppContext& app) { return {app.config.rules, ops::calendar_in_force()}; }

Actor actor_for(db::Database& db, const api::UserInfo& user) {
    Actor a;
    a.viewer = user.viewer();
    a.approval_level = db::approval_level(db, user.id);
    return a;
}

db::CaseEvent record(AppContext& app, db::Database& db, const Case& next, std::int64_t version, const std::string& action,
                     std::int64_t actor_id, Timestamp at, const std::string& reason, nlohmann::json payload,
                     const std::string& visibility) {
    // The event carries the hash of the case document it produced: the stored row is in the chain.
    payload["case_version"] = version;
    payload["case_sha256"] = auth::sha256_hex(api::encode_case(next).dump());
    const db::CaseEvent e = db::append_event(db, app.chain_key, next.dispute.id, action, actor_id, at, reason,
                                             payload.dump(), visibility);
    const auto due = next_due_at(next, app.config.rules, ops::calendar_in_force());
    db::store_case(db, app.chain_key, next, version, due, e.seq, e.hash);
    db::update_dispute_summary(db, next.dispute);
    return e;
}

ActOutcome act(AppContext& app, std::int64_t id, ActionRequest request, std::optional<std::int64_t> expected_version) {
    ActOutcome out;
    auto writer = app.db.write();
    db::Database& db = *writer;
    db::Transaction tx(db);
    auto stored = db::load_case(db, id);
    if (!stored || (!request.actor.system && !can_view(stored->c.dispute, request.actor.viewer))) return out;
    out.stored = *stored;
    if (expected_version && *expected_version != stored->version) {
        out.status = ActStatus::stale;
        return out;
    }
    request.at = app.now();
    out.result = apply(stored->c, request, lifecycle_context(app));
    if (!out.result.ok) {
        out.status = ActStatus::refused;
        return out;
    }
    const TransitionEvent& ev = out.result.event;
    nlohmann::json payload = {{"request", api::encode(request)},
                              {"relation", to_key(ev.relation)},
                              {"from", to_key(ev.from)},
                              {"to", to_key(ev.to)},
                              {"detail", ev.detail}};
    record(app, db, out.result.next, stored->version + 1, to_key(request.action), ev.actor_id, ev.at, ev.reason,
           std::move(payload));
    tx.commit();
    out.stored = {out.result.next, stored->version + 1};
    out.status = ActStatus::done;
    app.wake_scheduler();
    return out;
}

Dispute shown_to(const AppContext& app, const Dispute& d, const Viewer& viewer) {
    Dispute out = redacted_for(d, viewer);
    if (d.buyer_id == 0) return out;  // a case against the platform has no buyer
    // 8 characters of Crockford base32 (no I, L, O, U): 40 bits, read aloud without confusion.
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const std::string mac =
        auth::hmac_sha256_hex(app.chain_key, "buyer-alias:" + std::to_string(d.id) + ":" + std::to_string(d.buyer_id));
    out.buyer_alias = "B-";
    for (std::size_t i = 0; i < 8; ++i)
        out.buyer_alias += kAlphabet[std::stoi(mac.substr(i * 2, 2), nullptr, 16) % 32];
    return out;
}

nlohmann::json case_view(AppContext& app, const db::StoredCase& stored, const Actor& actor, Timestamp now) {
    const LifecycleContext ctx = lifecycle_context(app);
    nlohmann::json deadlines = nlohmann::json::array();
    for (const Deadline& d : open_deadlines(stored.c, ctx.rules, ctx.calendar)) deadlines.push_back(api::encode(d));
    nlohmann::json actions = nlohmann::json::array();
    for (Action a : available_actions(stored.c, actor, now, ctx)) actions.push_back(to_key(a));
    return {{"dispute", api::encode(shown_to(app, stored.c.dispute, actor.viewer))},
            {"progress", api::encode_progress(stored.c)},
            {"deadlines", std::move(deadlines)},
            {"available_actions", std::move(actions)},
            {"version", stored.version},
            {"server_time", now}};
}

}  // namespace accord::cases

#include "db/order_repository.hpp"

namespace accord::cases {

int adopt_legacy_cases(AppContext& app, db::Database& db) {
    // Cases filed before the case store are adopted once, at the first start of a server that has
    // one; after that every filing stores its document in the same transaction. The mark spares
    // every later start a join over the whole table (12 s at 1M cases).
    {
        db::Query done = db.statement("SELECT 1 FROM settings WHERE key = 'legacy_cases_adopted'");
        if (done.step()) return 0;
    }
    std::vector<std::int64_t> ids;
    {
        db::Query s = db.statement(
            "SELECT d.id FROM disputes d LEFT JOIN cases c ON c.dispute_id = d.id WHERE c.dispute_id IS NULL ORDER BY d.id");
        while (s.step()) ids.push_back(s.integer(0));
    }
    db::Transaction tx(db);
    for (std::int64_t id : ids) {
        const auto d = db::find_dispute(db, id);
        const auto order = d ? db::find_order(db, d->order_ref) : std::nullopt;
        if (!d || !order) throw db::DbError("case " + std::to_string(id) + " has no order to rebuild it from");
        Case c = open_case(*d, order->total, {}, app.config.rules.high_value_min_minor);
        c.dispute.state = d->state;
        const auto events = db::list_events(db, id);
        const std::int64_t head_seq = events.empty() ? 0 : events.back().seq;
        const std::string head_hash = events.empty() ? std::string(64, '0') : events.back().hash;
        db::store_case(db, app.chain_key, c, 1, next_due_at(c, app.config.rules, ops::calendar_in_force()), head_seq,
                       head_hash);
    }
    db::Query mark = db.statement(
        "INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('legacy_cases_adopted', 'true', ?1)");
    mark.bind(1, app.now());
    mark.run();
    tx.commit();
    return static_cast<int>(ids.size());
}

}  // namespace accord::cases

namespace accord::cases {

db::CaseEvent record_side_event(AppContext& app, db::Database& db, std::int64_t id, const std::string& action, std::int64_t actor_id,
                                Timestamp at, const nlohmann::json& payload, const std::string& visibility) {
    const auto row = db::load_case_row(db, id);
    if (!row) throw db::DbError("no stored case " + std::to_string(id));
    const db::CaseEvent e =
        db::append_event(db, app.chain_key, id, action, actor_id, at, "", payload.dump(), visibility);
    db::reseal_case(db, app.chain_key, *row, e.seq, e.hash);
    return e;
}

}  // namespace accord::cases
