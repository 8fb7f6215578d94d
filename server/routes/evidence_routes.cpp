// Evidence on a case:
//   POST /api/v1/disputes/{id}/evidence          multipart/form-data with one part "file"
//   GET  /api/v1/disputes/{id}/evidence          the list (name, type, size, SHA-256, who, when)
//   GET  /api/v1/disputes/{id}/evidence/{eid}    the file, as an attachment
// The body streams to a temp file; the type is decided by the first bytes, the size is checked
// as bytes arrive (per file and per case), the SHA-256 enters the case's event chain, and the
// row, the event and the file's move into place are one unit: a refused upload leaves nothing.
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "accord/access.hpp"
#include "accord/evidence.hpp"
#include "cases/case_service.hpp"
#include "db/evidence_repository.hpp"
#include "db/user_repository.hpp"
#include "evidence/evidence_files.hpp"
#include "http/params.hpp"
#include "http/reply.hpp"
#include "http/session_auth.hpp"
#include "routes/case_in_path.hpp"
#include "routes/routes.hpp"
#include "ops/metrics.hpp"

namespace accord::routes {

namespace {

nlohmann::json evidence_json(const db::EvidenceRecord& e, bool show_uploader) {
    nlohmann::json j = {{"id", e.id},
                        {"file_name", e.file_name},
                        {"media_type", e.media_type},
                        {"size_bytes", e.size_bytes},
                        {"sha256", e.sha256},
                        {"at", e.at},
                        {"uploader_id", show_uploader ? e.uploader_id : 0},
                        {"download", std::string(api::kPrefix) + "/disputes/" + std::to_string(e.dispute_id) +
                                         "/evidence/" + std::to_string(e.id)}};
    return j;
}

// RFC 5987 value characters: everything else as %XX of its UTF-8 bytes.
std::string percent_encode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char ch : text) {
        if (std::isalnum(ch) || std::strchr("!#$&+-.^_`|~", ch) != nullptr) {
            out += static_cast<char>(ch);
        } else {
            out += '%';
            out += kHex[ch >> 4];
            out += kHex[ch & 15];
        }
    }
    return out;
}

// The case a caller may add evidence to, or a reply saying why not.
bool may_add(const db::StoredCase& stored, const Actor& actor, httplib::Response& res, Lang lang) {
    if (is_terminal(stored.c.dispute.state)) {
        http::send_error(res, 409, ErrorCode::case_finished, lang);
        return false;
    }
    if (!may_upload_evidence(stored.c, actor)) {
        http::send_error(res, 403, ErrorCode::not_assigned, lang);
        return false;
    }
    return true;
}

void upload(AppContext& app, const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    const Lang lang = http::request_lang(req);
    res.set_header("Connection", "close");  // a refused upload leaves its body unread
    auto user = http::require_user(app, req, res);
    if (!user) return;
    if (!req.is_multipart_form_data())
        return http::send_error(res, 415, ErrorCode::unsupported_media_type, lang, "Content-Type");
    const EvidenceLimits limits = app.config.evidence;
    std::int64_t already = 0, id = 0;
    Actor actor;
    {
        // Refuses early, before the bytes arrive; all of it is checked again on the writer below.
        auto conn = app.db.read();
        actor = cases::actor_for(*conn, *user);
        const auto stored = case_in_path(*conn, req, res, actor.viewer);
        if (!stored) return;
        id = stored->c.dispute.id;
        if (!may_add(*stored, actor, res, lang)) return;
        already = db::evidence_bytes(*conn, id);
    }
    // Checked before a byte is read: the whole request cannot hold a file the case could take.
    const std::int64_t room = std::min(limits.max_file_bytes, limits.max_case_bytes - already);
    if (room <= 0) {
        nlohmann::json e = api::error_body(ErrorCode::evidence_quota_exceeded, lang, "file");
        e["error"]["message"] = error_text(ErrorCode::evidence_quota_exceeded, lang, limits.max_case_bytes);
        return http::send_json(res, 413, e);
    }

    evidence::Upload file(app.config.data_dir, room);
    std::string part_name, file_name, unexpected_part;
    int file_parts = 0;
    const bool read_ok = reader(
        [&](const httplib::MultipartFormData& part) {
            part_name = part.name;
            if (part.name != "file" || part.filename.empty()) {
                unexpected_part = part.name.empty() ? "(unnamed)" : part.name;
                return false;
            }
            file_name = part.filename;
            return ++file_parts == 1;  // one file per request
        },
        [&](const char* data, std::size_t size) { return file.write(data, size); });

    auto refuse_size = [&] {
        const bool case_limit = limits.max_case_bytes - already < limits.max_file_bytes;
        const ErrorCode code = case_limit ? ErrorCode::evidence_quota_exceeded : ErrorCode::file_too_large;
        const std::int64_t limit = case_limit ? limits.max_case_bytes : limits.max_file_bytes;
        nlohmann::json e = api::error_body(code, lang, "file");
        e["error"]["message"] = error_text(code, lang, limit);
        e["error"]["limit"] = limit;
        http::send_json(res, 413, e);
    };
    if (file.problem() == evidence::UploadProblem::too_large) return refuse_size();
    if (file.problem() == evidence::UploadProblem::unsupported_type)
        return http::send_error(res, 415, ErrorCode::unsupported_file_type, lang, "file");
    if (!unexpected_part.empty()) return http::send_error(res, 400, ErrorCode::unknown_field, lang, unexpected_part);
    if (file_parts > 1) return http::send_error(res, 400, ErrorCode::too_many, lang, "file");
    if (!read_ok && file.problem() == evidence::UploadProblem::none) {
        if (res.status == 413) return refuse_size();  // the declared length was above the server's cap
        return http::send_error(res, 400, ErrorCode::invalid_format, lang, "file");
    }
    if (file_parts == 0) return http::send_error(res, 400, ErrorCode::required, lang, "file");
    if (!file.finish()) {
        if (file.problem() == evidence::UploadProblem::unsupported_type)
            return http::send_error(res, 415, ErrorCode::unsupported_file_type, lang, "file");
        return http::send_error(res, 500, ErrorCode::internal, lang);
    }

    auto writer = app.db.write();
    db::Database& db = *writer;
    db::Transaction tx(db);
    const auto stored = db::load_case(db, id);  // it may have moved while the bytes arrived
    if (!stored) return http::send_error(res, 404, ErrorCode::not_found, lang);
    if (!may_add(*stored, actor, res, lang)) return;
    if (db::evidence_bytes(db, id) + file.size() > limits.max_case_bytes) {
        already = limits.max_case_bytes;  // refuse as over the case's limit
        return refuse_size();
    }
    const EvidenceType type = *file.type();
    db::EvidenceRecord rec{0, id, user->id, sanitize_file_name(file_name), media_type(type), file.size(),
                           file.sha256(), app.now()};
    rec.id = db::insert_evidence(db, rec);
    // The case lists its evidence (contests and assessments refer to it by id): a new version.
    Case next = stored->c;
    attach_evidence(next, rec.id, rec.at);
    cases::record(app, db, next, stored->version + 1, "add_evidence", user->id, rec.at, "",
                  {{"evidence_id", rec.id},
                   {"file_name", rec.file_name},
                   {"media_type", rec.media_type},
                   {"size_bytes", rec.size_bytes},
                   {"sha256", rec.sha256},
                   {"relation", to_key(relation_to(stored->c, actor))}});
    if (!file.commit(id, rec.id)) return http::send_error(res, 500, ErrorCode::internal, lang);
    try {
        tx.commit();
    } catch (...) {
        std::remove(evidence::file_path(app.config.data_dir, id, rec.id).c_str());
        throw;
    }
    ops::metrics().add_upload_bytes(rec.size_bytes);
    res.set_header("Connection", "keep-alive");
    res.set_header("Location", std::string(api::kPrefix) + "/disputes/" + std::to_string(id) + "/evidence/" +
                                   std::to_string(rec.id));
    http::send_json(res, 201, {{"evidence", evidence_json(rec, true)}});
}

}  // namespace

void register_evidence_routes(httplib::Server& server, AppContext& app) {
    server.Post(R"(/api/v1/disputes/([^/]+)/evidence)",
                [&app](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                    upload(app, req, res, reader);
                });

    server.Get(R"(/api/v1/disputes/([^/]+)/evidence)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto user = http::require_user(app, req, res);
        if (!user) return;
        std::vector<db::EvidenceRecord> files;
        {
            auto reader = app.db.read();
            const auto stored = case_in_path(*reader, req, res, user->viewer());
            if (!stored) return;
            files = db::list_evidence(*reader, stored->c.dispute.id);
        }
        nlohmann::json list = nlohmann::json::array();
        std::int64_t total = 0;
        for (const db::EvidenceRecord& e : files) {
            total += e.size_bytes;
            list.push_back(evidence_json(e, user->role != Role::merchant));
        }
        const EvidenceLimits& l = app.config.evidence;
        http::send_json(res, 200,
                        {{"evidence", std::move(list)},
                         {"limits",
                          {{"max_file_bytes", l.max_file_bytes},
                           {"max_case_bytes", l.max_case_bytes},
                           {"remaining_case_bytes", std::max<std::int64_t>(0, l.max_case_bytes - total)}}}});
    });

    server.Get(R"(/api/v1/disputes/([^/]+)/evidence/([^/]+))",
               [&app](const httplib::Request& req, httplib::Response& res) {
                   const Lang lang = http::request_lang(req);
                   auto user = http::require_user(app, req, res);
                   if (!user) return;
                   std::int64_t id = 0, eid = 0;
                   if (!http::parse_id(req.matches[1], id) || !http::parse_id(req.matches[2], eid))
                       return http::send_error(res, 404, ErrorCode::not_found, lang);
                   std::optional<db::EvidenceRecord> rec;
                   {
                       auto reader = app.db.read();
                       const auto d = db::load_case(*reader, id);
                       if (d && can_view(d->c.dispute, user->viewer())) rec = db::find_evidence(*reader, id, eid);
                   }
                   if (!rec) return http::send_error(res, 404, ErrorCode::not_found, lang);
                   std::ifstream in(evidence::file_path(app.config.data_dir, id, eid), std::ios::binary);
                   if (!in) return http::send_error(res, 500, ErrorCode::internal, lang);
                   std::ostringstream bytes;
                   bytes << in.rdbuf();
                   // Always a download, never rendered in our origin; the name in both forms
                   // (RFC 6266: an ASCII fallback and the UTF-8 original).
                   std::string ascii;
                   for (unsigned char ch : rec->file_name) ascii += (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\') ? static_cast<char>(ch) : '_';
                   res.set_header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" +
                                                             percent_encode(rec->file_name));
                   res.set_header("Cache-Control", "private, no-store");
                   res.set_header("X-Evidence-SHA256", rec->sha256);
                   res.set_content(bytes.str(), rec->media_type.c_str());
               });
}

}  // namespace accord::routes
