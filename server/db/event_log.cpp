#include "db/event_log.hpp"

namespace accord::db {

static const std::string kGenesis(64, '0');

// The hashed text: every field, length-prefixed so no two events can serialise alike.
std::string event_hash(const CaseEvent& e) {
    std::string text;
    for (const std::string& part :
         {std::to_string(e.dispute_id), std::to_string(e.seq), e.action, std::to_string(e.actor_id),
          std::to_string(e.at), e.reason, e.payload, e.prev_hash}) {
        text += std::to_string(part.size());
        text += ':';
        text += part;
    }
    // Visibility joined later: events that are visible to all hash as they always did.
    if (e.visibility != "all") text += "v:" + e.visibility;
    return auth::sha256_hex(text);
}

std::string event_mac(const auth::ChainKey& key, const CaseEvent& e, const std::string& prev_mac) {
    return auth::hmac_sha256_hex(key, "event:" + std::to_string(e.gseq) + ":" + e.hash + ":" + prev_mac);
}

static std::pair<std::int64_t, std::string> global_head(Database& db) {
    Query last = db.statement("SELECT gseq, mac FROM dispute_events WHERE gseq IS NOT NULL ORDER BY gseq DESC LIMIT 1");
    if (last.step()) return {last.integer(0), last.text(1)};
    return {0, kGenesis};
}

CaseEvent append_event(Database& db, const auth::ChainKey& key, std::int64_t dispute_id, const std::string& action,
                       std::int64_t actor_id, Timestamp at, const std::string& reason, const std::string& payload,
                       const std::string& visibility) {
    CaseEvent e{dispute_id, 1, action, actor_id, at, reason, payload, kGenesis, "", 0, "", visibility};
    {
        Query last =
            db.statement("SELECT seq, hash FROM dispute_events WHERE dispute_id = ? ORDER BY seq DESC LIMIT 1");
        last.bind(1, dispute_id);
        if (last.step()) {
            e.seq = last.integer(0) + 1;
            e.prev_hash = last.text(1);
        }
    }
    e.hash = event_hash(e);
    const auto [gseq, prev_mac] = global_head(db);
    e.gseq = gseq + 1;
    e.mac = event_mac(key, e, prev_mac);
    Query s = db.statement(
        "INSERT INTO dispute_events (dispute_id, seq, action, actor_id, at, reason, payload, prev_hash, hash, gseq, "
        "mac, visibility) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, e.dispute_id).bind(2, e.seq).bind(3, e.action);
    if (e.actor_id != 0) s.bind(4, e.actor_id);  // NULL: the system
    s.bind(5, e.at)
        .bind(6, e.reason)
        .bind(7, e.payload)
        .bind(8, e.prev_hash)
        .bind(9, e.hash)
        .bind(10, e.gseq)
        .bind(11, e.mac)
        .bind(12, e.visibility);
    s.run();
    return e;
}

std::vector<CaseEvent> list_events(Database& db, std::int64_t dispute_id) {
    Query s = db.statement(
        "SELECT dispute_id, seq, action, COALESCE(actor_id, 0), at, reason, payload, prev_hash, hash, COALESCE(gseq, 0), "
        "mac, "
        "visibility FROM dispute_events WHERE dispute_id = ? ORDER BY seq");
    s.bind(1, dispute_id);
    std::vector<CaseEvent> out;
    while (s.step())
        out.push_back({s.integer(0), s.integer(1), s.text(2), s.integer(3), s.integer(4), s.text(5), s.text(6),
                       s.text(7), s.text(8), s.integer(9), s.text(10), s.text(11)});
    return out;
}

bool verify_chain(const std::vector<CaseEvent>& events) {
    std::string prev = kGenesis;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const CaseEvent& e = events[i];
        if (e.seq != static_cast<std::int64_t>(i) + 1 || e.prev_hash != prev || event_hash(e) != e.hash) return false;
        prev = e.hash;
    }
    return true;
}

int seal_legacy_events(Database& db, const auth::ChainKey& key) {
    std::vector<CaseEvent> legacy;
    {
        Query s = db.statement(
            "SELECT dispute_id, seq, action, COALESCE(actor_id, 0), at, reason, payload, prev_hash, hash, 0, mac, visibility "
            // The partial index holds only unsealed events: empty once sealed, so a start does not
            // read every event (25 s at 1M cases); the few it finds are sorted afterwards.
            "FROM dispute_events INDEXED BY dispute_events_unsealed WHERE mac = '' ORDER BY rowid");
        while (s.step())
            legacy.push_back({s.integer(0), s.integer(1), s.text(2), s.integer(3), s.integer(4), s.text(5), s.text(6),
                              s.text(7), s.text(8), 0, "", s.text(11)});
    }
    if (legacy.empty()) return 0;
    Transaction tx(db);
    auto [gseq, prev_mac] = global_head(db);
    for (CaseEvent& e : legacy) {
        e.gseq = ++gseq;
        e.mac = event_mac(key, e, prev_mac);
        prev_mac = e.mac;
        Query u = db.statement("UPDATE dispute_events SET gseq = ?, mac = ? WHERE dispute_id = ? AND seq = ?");
        u.bind(1, e.gseq).bind(2, e.mac).bind(3, e.dispute_id).bind(4, e.seq);
        u.run();
    }
    tx.commit();
    return static_cast<int>(legacy.size());
}

bool has_events(Database& db) {
    Query s = db.statement("SELECT EXISTS (SELECT 1 FROM dispute_events)");
    return s.step() && s.integer(0) != 0;
}

}  // namespace accord::db
