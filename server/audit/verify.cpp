#include "audit/verify.hpp"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "accord/case_codec.hpp"
#include "accord/json_reader.hpp"
#include "db/case_store.hpp"
#include "db/dispute_repository.hpp"
#include "db/event_log.hpp"
#include "db/evidence_repository.hpp"
#include "db/message_repository.hpp"
#include "evidence/evidence_files.hpp"

namespace accord::audit {

namespace {

std::string file_sha256(const std::string& path, std::int64_t& size, bool& found) {
    std::ifstream in(path, std::ios::binary);
    found = static_cast<bool>(in);
    size = 0;
    auth::Sha256Stream sha;
    char buf[65536];
    while (in) {
        in.read(buf, sizeof buf);
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        sha.update(buf, static_cast<std::size_t>(n));
        size += n;
    }
    return sha.hex();
}

// The listing row must say what the case document says.
void compare_listing(const Dispute& row, const Dispute& doc, std::vector<Finding>& out) {
    auto differs = [&](const char* field) {
        out.push_back({doc.id, 0, std::string("the disputes row differs from the stored case in ") + field});
    };
    if (row.state != doc.state) differs("state");
    if (row.category != doc.category) differs("category");
    if (row.amount.minor != doc.amount.minor || row.amount.currency != doc.amount.currency) differs("amount");
    if (row.description != doc.description) differs("description");
    if (row.order_ref != doc.order_ref) differs("order_ref");
    if (row.buyer_id != doc.buyer_id) differs("buyer_id");
    if (row.merchant_id != doc.merchant_id) differs("merchant_id");
    if (row.buyer.name != doc.buyer.name || row.buyer.phone != doc.buyer.phone || row.buyer.address != doc.buyer.address)
        differs("buyer contact");
    if (row.requested_remedy != doc.requested_remedy) differs("requested_remedy");
    if (row.kind != doc.kind) differs("kind");
    if (row.created_at != doc.created_at) differs("created_at");
}

void check_case(db::Database& db, const auth::ChainKey& key, const std::string& data_dir, std::int64_t id,
                Report& report) {
    auto& out = report.problems;
    const auto events = db::list_events(db, id);
    report.events += static_cast<std::int64_t>(events.size());
    // 1. The case's own SHA-256 chain: the first broken link is named.
    std::string prev(64, '0');
    for (std::size_t i = 0; i < events.size(); ++i) {
        const db::CaseEvent& e = events[i];
        if (e.seq != static_cast<std::int64_t>(i) + 1) {
            out.push_back({id, static_cast<std::int64_t>(i) + 1,
                           "event missing from the history (found seq " + std::to_string(e.seq) + " instead)"});
            return;
        }
        if (e.prev_hash != prev) {
            out.push_back({id, e.seq, "prev_hash does not link to event " + std::to_string(e.seq - 1)});
            return;
        }
        const std::string recomputed = db::event_hash(e);
        if (recomputed != e.hash) {
            out.push_back({id, e.seq, "event content differs from its hash (stored " + e.hash.substr(0, 16) +
                                          "…, recomputed " + recomputed.substr(0, 16) + "…)"});
            return;
        }
        prev = e.hash;
    }
    // 2. The stored case row: present, keyed MAC over it and the head of the history, and the
    // document the last event recorded.
    const auto row = db::load_case_row(db, id);
    if (!row) {
        out.push_back({id, 0, "the stored case row is missing"});
        return;
    }
    if (events.empty()) {
        out.push_back({id, 0, "the case has no history at all (its row says the last event is seq " +
                                  std::to_string(row->head_seq) + ")"});
        return;
    }
    if (row->head_seq != events.back().seq)
        out.push_back({id, events.back().seq + 1,
                       "history ends at seq " + std::to_string(events.back().seq) + " but the case row says seq " +
                           std::to_string(row->head_seq)});
    const std::string mac = db::case_mac(key, id, row->version, row->body, row->head_seq, events.back().hash);
    if (mac != row->mac) out.push_back({id, 0, "the case row's MAC does not match (row edited, or history cut)"});
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        const nlohmann::json p = parse_json(it->payload);
        if (!p.is_object() || !p.contains("case_sha256")) continue;
        if (p["case_sha256"] != auth::sha256_hex(row->body) || p.value("case_version", 0) != row->version)
            out.push_back({id, it->seq, "the stored case differs from the one event " + std::to_string(it->seq) +
                                            " recorded (version " + std::to_string(row->version) + ")"});
        break;
    }
    Case c;
    const nlohmann::json body = parse_json(row->body);
    if (body.is_discarded() || !api::decode_case(body, c).empty()) {
        out.push_back({id, 0, "the stored case document cannot be read"});
    } else if (const auto listing = db::find_dispute(db, id)) {
        compare_listing(*listing, c.dispute, out);
    } else {
        out.push_back({id, 0, "the disputes row is missing"});
    }
    // 3. Evidence and messages are the ones the chain recorded.
    std::map<std::int64_t, std::string> evidence_sha, message_sha;
    for (const db::CaseEvent& e : events) {
        const nlohmann::json p = parse_json(e.payload);
        if (!p.is_object()) continue;
        if (e.action == "add_evidence" && p.contains("evidence_id") && p.contains("sha256"))
            evidence_sha[p["evidence_id"].get<std::int64_t>()] = p["sha256"].get<std::string>();
        if (e.action == "message" && p.contains("message_id") && p.contains("body_sha256"))
            message_sha[p["message_id"].get<std::int64_t>()] = p["body_sha256"].get<std::string>();
    }
    for (const db::EvidenceRecord& ev : db::list_evidence(db, id)) {
        ++report.evidence_files;
        std::int64_t size = 0;
        bool found = false;
        const std::string sha = file_sha256(evidence::file_path(data_dir, id, ev.id), size, found);
        const auto recorded = evidence_sha.find(ev.id);
        if (recorded == evidence_sha.end()) out.push_back({id, 0, "evidence " + std::to_string(ev.id) + " is not in the history"});
        else if (recorded->second != ev.sha256)
            out.push_back({id, 0, "evidence " + std::to_string(ev.id) + "'s row differs from the SHA-256 in the history"});
        if (!found) out.push_back({id, 0, "evidence file " + std::to_string(ev.id) + " is missing"});
        else if (sha != ev.sha256 || size != ev.size_bytes)
            out.push_back({id, 0, "evidence file " + std::to_string(ev.id) + " differs from its recorded SHA-256"});
    }
    std::set<std::int64_t> seen_messages;
    for (const db::MessageRecord& m : db::list_messages(db, id)) {
        seen_messages.insert(m.id);
        const auto recorded = message_sha.find(m.id);
        if (recorded == message_sha.end() || recorded->second != auth::sha256_hex(m.body))
            out.push_back({id, 0, "message " + std::to_string(m.id) + " differs from the history"});
    }
    for (const auto& [mid, sha] : message_sha)
        if (!seen_messages.count(mid)) out.push_back({id, 0, "message " + std::to_string(mid) + " was deleted"});
}

std::vector<std::int64_t> ids(db::Database& db, const char* sql) {
    db::Query s = db.statement(sql);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

}  // namespace

Report verify_case(db::Database& db, const auth::ChainKey& key, const std::string& data_dir, std::int64_t id) {
    Report r;
    r.cases = 1;
    check_case(db, key, data_dir, id, r);
    return r;
}

Report verify_all(db::Database& db, const auth::ChainKey& key, const std::string& data_dir) {
    Report r;
    // Every case that any table knows of: a case deleted from one table still shows in another.
    const auto all = ids(db,
                         "SELECT id FROM disputes UNION SELECT dispute_id FROM cases UNION "
                         "SELECT dispute_id FROM dispute_events ORDER BY 1");
    for (std::int64_t id : all) {
        ++r.cases;
        check_case(db, key, data_dir, id, r);
    }
    // The global chain: every event in commit order, each MAC over its hash and the previous MAC.
    db::Query s = db.statement(
        "SELECT dispute_id, seq, action, COALESCE(actor_id, 0), at, reason, payload, prev_hash, hash, "
        "COALESCE(gseq, 0), mac, visibility FROM dispute_events ORDER BY gseq");
    std::string prev_mac(64, '0');
    std::int64_t expected = 1;
    while (s.step()) {
        db::CaseEvent e{s.integer(0), s.integer(1), s.text(2), s.integer(3), s.integer(4), s.text(5), s.text(6),
                        s.text(7), s.text(8), s.integer(9), s.text(10), s.text(11)};
        if (e.gseq != expected) {
            r.problems.push_back({e.dispute_id, e.seq,
                                  e.gseq == 0 ? std::string("event carries no place in the global chain")
                                              : "global chain broken: event " + std::to_string(expected) +
                                                    " of the whole log is missing (deleted history)"});
            break;
        }
        if (db::event_mac(key, e, prev_mac) != e.mac) {
            r.problems.push_back({e.dispute_id, e.seq, "MAC does not match (event edited, or the key is wrong)"});
            break;
        }
        prev_mac = e.mac;
        ++expected;
    }
    return r;
}

std::string describe(const Finding& f) {
    std::string where = f.dispute_id ? "case " + std::to_string(f.dispute_id) : std::string("log");
    if (f.seq) where += ", event " + std::to_string(f.seq);
    return where + ": " + f.what;
}

std::string format_report(const Report& r) {
    std::ostringstream out;
    out << "checked " << r.cases << " cases, " << r.events << " events, " << r.evidence_files << " evidence files\n";
    if (r.ok()) out << "OK: every record is whole and untampered\n";
    for (const Finding& f : r.problems) out << "BROKEN " << describe(f) << "\n";
    return out.str();
}

}  // namespace accord::audit
