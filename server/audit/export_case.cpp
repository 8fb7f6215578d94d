#include "audit/export_case.hpp"

#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "accord/case_codec.hpp"
#include "accord/json_reader.hpp"
#include "audit/tar_writer.hpp"
#include "audit/verify.hpp"
#include "db/case_store.hpp"
#include "db/event_log.hpp"
#include "db/evidence_repository.hpp"
#include "db/message_repository.hpp"
#include "evidence/evidence_files.hpp"

namespace accord::audit {

namespace {

// Re-checks the archive with nothing but Python 3: each event's SHA-256 over its length-prefixed
// fields and the link to the previous event, and every file against SHA256SUMS.
const char* kVerifyScript = R"PY(#!/usr/bin/env python3
"""Checks this case file without Accord: python3 verify_case.py (run inside the unpacked folder)."""
import hashlib, json, sys

def event_hash(e):
    text = ""
    for part in [str(e["dispute_id"]), str(e["seq"]), e["action"], str(e["actor_id"]), str(e["at"]),
                 e["reason"], e["payload"], e["prev_hash"]]:
        text += str(len(part.encode("utf-8"))) + ":" + part
    data = text.encode("utf-8")
    if e.get("visibility", "all") != "all":
        data += ("v:" + e["visibility"]).encode("utf-8")
    return hashlib.sha256(data).hexdigest()

ok = True
events = json.load(open("timeline.json", encoding="utf-8"))["events"]
prev = "0" * 64
for i, e in enumerate(events):
    if e["seq"] != i + 1 or e["prev_hash"] != prev or event_hash(e) != e["hash"]:
        print("BROKEN at event", e["seq"]); ok = False; break
    prev = e["hash"]
case_sha = hashlib.sha256(open("case.json", "rb").read()).hexdigest()
recorded = [json.loads(e["payload"]).get("case_sha256") for e in events]
recorded = [r for r in recorded if r]
if recorded and recorded[-1] != case_sha:
    print("case.json differs from the state the last event recorded"); ok = False
for line in open("SHA256SUMS", encoding="utf-8"):
    digest, name = line.rstrip("\n").split("  ", 1)
    if hashlib.sha256(open(name, "rb").read()).hexdigest() != digest:
        print("BROKEN file", name); ok = False
print("OK: the hash chain of %d events and every file check out" % len(events) if ok else "FAILED: see above")
sys.exit(0 if ok else 1)
)PY";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* extension(const std::string& media_type) {
    if (media_type == "image/jpeg") return ".jpg";
    if (media_type == "image/png") return ".png";
    if (media_type == "image/webp") return ".webp";
    if (media_type == "application/pdf") return ".pdf";
    if (media_type == "video/mp4") return ".mp4";
    return ".bin";
}

}  // namespace

std::string export_case(db::Database& db, const auth::ChainKey& key, const std::string& data_dir, std::int64_t id,
                        const std::string& out_path) {
    const auto row = db::load_case_row(db, id);
    if (!row) throw std::runtime_error("no case " + std::to_string(id));
    const Report report = verify_case(db, key, data_dir, id);
    const long long now = static_cast<long long>(std::time(nullptr));

    // case.json is the stored document byte for byte: its SHA-256 is the one the chain recorded.
    std::vector<std::pair<std::string, std::string>> files;
    files.emplace_back("case.json", row->body);
    nlohmann::json timeline = nlohmann::json::array();
    for (const db::CaseEvent& e : db::list_events(db, id))
        timeline.push_back({{"dispute_id", e.dispute_id}, {"seq", e.seq}, {"action", e.action},
                            {"actor_id", e.actor_id}, {"at", e.at}, {"reason", e.reason}, {"payload", e.payload},
                            {"prev_hash", e.prev_hash}, {"hash", e.hash}, {"visibility", e.visibility},
                            {"gseq", e.gseq}, {"mac", e.mac}});
    files.emplace_back("timeline.json", nlohmann::json{{"events", timeline}}.dump(2));
    nlohmann::json messages = nlohmann::json::array();
    for (const db::MessageRecord& m : db::list_messages(db, id))
        messages.push_back({{"id", m.id}, {"author_id", m.author_id}, {"author_name", m.author_name},
                            {"author_role", m.author_role}, {"visibility", to_key(m.visibility)}, {"body", m.body},
                            {"body_sha256", auth::sha256_hex(m.body)}, {"at", m.at}});
    files.emplace_back("messages.json", nlohmann::json{{"messages", messages}}.dump(2));
    nlohmann::json evidence = nlohmann::json::array();
    for (const db::EvidenceRecord& e : db::list_evidence(db, id)) {
        const std::string name = "evidence/" + std::to_string(e.id) + extension(e.media_type);
        files.emplace_back(name, read_file(evidence::file_path(data_dir, id, e.id)));
        evidence.push_back({{"id", e.id}, {"file", name}, {"original_name", e.file_name},
                            {"media_type", e.media_type}, {"size_bytes", e.size_bytes}, {"sha256", e.sha256},
                            {"uploader_id", e.uploader_id}, {"at", e.at}});
    }
    files.emplace_back("evidence.json", nlohmann::json{{"evidence", evidence}}.dump(2));
    files.emplace_back("verification.txt",
                       "Accord case file AC-" + std::to_string(id) + ", exported at " + std::to_string(now) +
                           " (Unix time)\n\nVerification by the platform (hash chain, keyed MACs, files):\n" +
                           format_report(report) +
                           "\nTo check without Accord: unpack, then run `python3 verify_case.py` or "
                           "`sha256sum -c SHA256SUMS`.\nEach event's hash is SHA-256 over its fields as "
                           "length:value pairs (dispute_id, seq, action, actor_id, at, reason, payload, prev_hash);\n"
                           "prev_hash links it to the event before; the last event that changed the case carries "
                           "case_sha256, the SHA-256 of case.json.\n");
    std::string sums;
    for (const auto& [name, content] : files) sums += auth::sha256_hex(content) + "  " + name + "\n";

    TarWriter tar(out_path);
    const std::string dir = "AC-" + std::to_string(id) + "/";
    for (const auto& [name, content] : files) tar.add(dir + name, content, now);
    tar.add(dir + "SHA256SUMS", sums, now);
    tar.add(dir + "verify_case.py", kVerifyScript, now);
    tar.finish();
    return format_report(report);
}

}  // namespace accord::audit
