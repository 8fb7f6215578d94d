#include "db/event_log.hpp"

#include "auth/crypto.hpp"

namespace accord::db {

// The hashed text: every field, length-prefixed so no two events can serialise alike.
static std::string event_hash(const CaseEvent& e) {
    std::string text;
    for (const std::string& part :
         {std::to_string(e.dispute_id), std::to_string(e.seq), e.action, std::to_string(e.actor_id),
          std::to_string(e.at), e.reason, e.payload, e.prev_hash}) {
        text += std::to_string(part.size());
        text += ':';
        text += part;
    }
    return auth::sha256_hex(text);
}

CaseEvent append_event(Database& db, std::int64_t dispute_id, const std::string& action, std::int64_t actor_id,
                       Timestamp at, const std::string& reason, const std::string& payload) {
    CaseEvent e{dispute_id, 1, action, actor_id, at, reason, payload, std::string(64, '0'), ""};
    Query last = db.statement("SELECT seq, hash FROM dispute_events WHERE dispute_id = ? ORDER BY seq DESC LIMIT 1");
    last.bind(1, dispute_id);
    if (last.step()) {
        e.seq = last.integer(0) + 1;
        e.prev_hash = last.text(1);
    }
    e.hash = event_hash(e);
    Query s = db.statement(
        "INSERT INTO dispute_events (dispute_id, seq, action, actor_id, at, reason, payload, prev_hash, hash) "
        "VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, e.dispute_id)
        .bind(2, e.seq)
        .bind(3, e.action)
        .bind(4, e.actor_id)
        .bind(5, e.at)
        .bind(6, e.reason)
        .bind(7, e.payload)
        .bind(8, e.prev_hash)
        .bind(9, e.hash);
    s.run();
    return e;
}

std::vector<CaseEvent> list_events(Database& db, std::int64_t dispute_id) {
    Query s = db.statement(
        "SELECT dispute_id, seq, action, actor_id, at, reason, payload, prev_hash, hash FROM dispute_events "
        "WHERE dispute_id = ? ORDER BY seq");
    s.bind(1, dispute_id);
    std::vector<CaseEvent> out;
    while (s.step())
        out.push_back({s.integer(0), s.integer(1), s.text(2), s.integer(3), s.integer(4), s.text(5), s.text(6),
                       s.text(7), s.text(8)});
    return out;
}

bool verify_chain(const std::vector<CaseEvent>& events) {
    std::string prev(64, '0');
    for (std::size_t i = 0; i < events.size(); ++i) {
        const CaseEvent& e = events[i];
        if (e.seq != static_cast<std::int64_t>(i) + 1 || e.prev_hash != prev || event_hash(e) != e.hash) return false;
        prev = e.hash;
    }
    return true;
}

}  // namespace accord::db
