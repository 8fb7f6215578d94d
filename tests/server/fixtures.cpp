#include "fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

namespace accord::test {

namespace {

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string text_or_dash(const json& j) { return j.is_string() ? j.get<std::string>() : std::string("-"); }

// What came back, for a failed REQUIRE's message.
std::string reply_text(const httplib::Result& r) {
    if (!r) return "no reply (" + httplib::to_string(r.error()) + ")";
    return std::to_string(r->status) + " " + r->body.substr(0, 600);
}

}  // namespace

std::string case_path(std::int64_t id, const std::string& tail) {
    return "/api/v1/disputes/" + std::to_string(id) + tail;
}

std::int64_t user_id(const ServerProcess& server, const std::string& username) {
    return sql_int(server.db_path(), "SELECT id FROM users WHERE username = " + quoted(username));
}

json get_ok(Session& s, const std::string& path) {
    auto r = s.get(path);
    INFO("GET ", path, " -> ", reply_text(r));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    json body = body_of(r);
    REQUIRE(body.is_object());
    return body;
}

json view(Session& s, std::int64_t id) { return get_ok(s, case_path(id)); }

std::string state_of(Session& s, std::int64_t id) { return view(s, id)["dispute"]["state"].get<std::string>(); }

json events(Session& s, std::int64_t id) {
    const json body = get_ok(s, case_path(id, "/events"));
    CHECK(body["chain_valid"] == true);
    return body["events"];
}

std::vector<std::string> timeline(const json& events) {
    std::vector<std::string> out;
    for (const json& e : events)
        out.push_back(text_or_dash(e["action"]) + " " + text_or_dash(e["relation"]) + " " + text_or_dash(e["from"]) +
                      ">" + text_or_dash(e["to"]));
    return out;
}

std::vector<std::string> timeline(Session& s, std::int64_t id) { return timeline(events(s, id)); }

std::vector<json> events_of(const json& events, const std::string& action) {
    std::vector<json> out;
    for (const json& e : events)
        if (e["action"] == action) out.push_back(e);
    return out;
}

bool offers(const json& view, const std::string& action) {
    const json& list = view["available_actions"];
    return std::find(list.begin(), list.end(), json(action)) != list.end();
}

std::int64_t file_case(Session& s, const json& form) {
    auto r = s.post("/api/v1/disputes", form.dump());
    INFO("filing ", form.dump(), " -> ", reply_text(r));
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["dispute"]["id"].get<std::int64_t>();
}

std::int64_t etag_version(const std::string& tag) {
    if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"') return -1;
    const std::string inner = tag.substr(1, tag.size() - 2);
    const std::string digits = inner.substr(0, inner.find('-'));
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
    return std::stoll(digits);
}

httplib::Result post_action(Session& s, std::int64_t id, const json& body, std::optional<std::int64_t> if_match) {
    httplib::Headers h = s.headers();
    if (if_match) h.emplace("If-Match", "\"" + std::to_string(*if_match) + "\"");
    return s.http.Post(case_path(id, "/actions"), h, body.dump(), "application/json");
}

json act(Session& s, std::int64_t id, const json& body) {
    auto r = post_action(s, id, body);
    INFO("action ", body.dump(), " on case ", id, " -> ", reply_text(r));
    REQUIRE(r);
    REQUIRE(r->status == 200);
    json reply = body_of(r);
    REQUIRE(reply.is_object());
    CHECK(etag_version(r->get_header_value("ETag")) == reply["version"].get<std::int64_t>());
    return reply;
}

void refused(Session& s, std::int64_t id, const json& body, int status, const std::string& code,
             const std::string& field) {
    INFO("action ", body.dump(), " on case ", id);
    expect_error(post_action(s, id, body), status, code, field);
}

json triage(const std::string& category, const std::string& priority, const std::string& queue) {
    return {{"category", category}, {"priority", priority}, {"queue", queue}, {"root_cause", "other"}};
}

json accept_case(const std::string& category) { return {{"action", "accept_case"}, {"triage", triage(category)}}; }

json terms(const std::string& remedy, std::int64_t amount_minor, const std::string& payer, std::int64_t platform_minor) {
    json t = {{"remedy", remedy}, {"amount_minor", amount_minor}, {"currency", "CNY"}, {"payer", payer}};
    if (platform_minor >= 0) t["platform_amount_minor"] = platform_minor;
    return t;
}

std::vector<std::string> finish_execution(SharedServer& w, std::int64_t id) {
    const std::string db = w.server().db_path();
    Session staff = w.as("support");
    const json d = view(staff, id)["dispute"];
    const std::string kind = d["kind"].get<std::string>();
    const std::string buyer =
        kind == "merchant_vs_platform"
            ? std::string()
            : sql_text(db, "SELECT username FROM users WHERE id = " + std::to_string(d["buyer_id"].get<std::int64_t>()));
    const std::string merchant =
        sql_text(db, "SELECT username FROM users WHERE role = 'merchant' AND merchant_id = " +
                         std::to_string(d["merchant_id"].get<std::int64_t>()) + " ORDER BY id LIMIT 1");
    const std::string claimant = kind == "buyer_vs_merchant" ? buyer : merchant;
    const std::string respondent = kind == "buyer_vs_merchant"    ? merchant
                                   : kind == "merchant_vs_buyer" ? buyer
                                                                 : std::string("support");
    std::vector<std::string> done;
    for (int guard = 0; guard < 8; ++guard) {
        const json v = view(staff, id);
        if (v["dispute"]["state"] != "execution") break;
        const json& ex = v["progress"]["execution"];
        const std::string step = ex["plan"][ex["step"].get<std::size_t>()].get<std::string>();
        const bool claimants = step == "return_shipment" || step == "buyer_confirmation";
        Session who = w.as(claimants ? claimant : respondent);
        json body = {{"action", "complete_step"}};
        if (step == "return_shipment" || step == "reship") body["tracking_number"] = "SF1234567890";
        const json reply = act(who, id, body);
        CHECK(reply["event"]["detail"] == step);
        done.push_back(step);
    }
    CHECK(state_of(staff, id) == "closed");
    return done;
}

std::int64_t timeout_count(const ServerProcess& server, std::int64_t id) {
    return sql_int(server.db_path(), "SELECT COUNT(*) FROM dispute_events WHERE action = 'timeout'" +
                                         (id == 0 ? std::string() : " AND dispute_id = " + std::to_string(id)));
}

std::int64_t advance(SharedServer& w, std::int64_t seconds) {
    const std::int64_t before = timeout_count(w.server());
    w.advance_clock(seconds);  // everything due has fired when it answers, by whichever thread
    return timeout_count(w.server()) - before;
}

std::int64_t advance_past(SharedServer& w, Session& s, std::int64_t id, const std::string& kind) {
    const json v = view(s, id);
    std::optional<std::int64_t> due;
    for (const json& d : v["deadlines"])
        if (d["kind"] == kind && d["paused"] == false) due = d["due"].get<std::int64_t>();
    INFO("deadlines: ", v["deadlines"].dump());
    REQUIRE(due.has_value());
    const std::int64_t now = server_now(w.server());
    REQUIRE(*due >= now);
    return advance(w, *due - now + 1);
}

// --- evidence ---------------------------------------------------------------------------------

// `head`, then filler up to `size` bytes (cut to `size` when shorter than the head).
static std::string filled(const std::string& head, std::size_t size) {
    std::string out(size, 'x');
    for (std::size_t i = head.size(); i < size; i += 4096) out[i] = static_cast<char>('a' + (i / 4096) % 26);
    out.replace(0, std::min(size, head.size()), head, 0, std::min(size, head.size()));
    return out;
}

std::string jpeg_bytes(std::size_t size) { return filled(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11), size); }
std::string png_bytes(std::size_t size) { return filled(std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16), size); }
std::string pdf_bytes(std::size_t size) { return filled("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", size); }
std::string exe_bytes(std::size_t size) {
    return filled(std::string("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF", 14), size);
}

std::string multipart_body(const std::vector<Part>& parts) {
    std::string body;
    for (const Part& p : parts) {
        body += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + p.name + "\"";
        if (!p.file_name.empty()) body += "; filename=\"" + p.file_name + "\"";
        body += "\r\nContent-Type: " + p.content_type + "\r\n\r\n" + p.content + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

httplib::Result upload(Session& s, std::int64_t id, const std::string& file_name, const std::string& bytes,
                       const std::string& part_name) {
    return s.post(case_path(id, "/evidence"), multipart_body({{part_name, file_name, "image/jpeg", bytes}}),
                  kMultipartType);
}

std::int64_t upload_ok(Session& s, std::int64_t id, const std::string& file_name, const std::string& bytes) {
    auto r = upload(s, id, file_name, bytes);
    INFO("upload of ", file_name, " to case ", id, " -> ", reply_text(r));
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return body_of(r)["evidence"]["id"].get<std::int64_t>();
}

// --- what a request leaves behind -------------------------------------------------------------

std::ostream& operator<<(std::ostream& os, const Footprint& f) {
    return os << "{disputes " << f.disputes << ", cases " << f.cases << ", events " << f.events << ", messages "
              << f.messages << ", evidence " << f.evidence << ", files " << f.files << "}";
}

std::vector<std::string> evidence_files(const ServerProcess& server) {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(server.data_dir()) / "evidence";
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(root, ec)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(root, ec))
        if (entry.is_regular_file()) out.push_back(fs::relative(entry.path(), root).string());
    std::sort(out.begin(), out.end());
    return out;
}

Footprint footprint(const ServerProcess& server) {
    const std::string db = server.db_path();
    return {sql_int(db, "SELECT COUNT(*) FROM disputes"),       sql_int(db, "SELECT COUNT(*) FROM cases"),
            sql_int(db, "SELECT COUNT(*) FROM dispute_events"), sql_int(db, "SELECT COUNT(*) FROM messages"),
            sql_int(db, "SELECT COUNT(*) FROM evidence"),
            static_cast<std::int64_t>(evidence_files(server).size())};
}

// --- the error shape ----------------------------------------------------------------------------

static void expect_error_body(int status_got, int status, const std::string& content_type, const std::string& body,
                              const std::string& code, const std::string& field) {
    INFO("reply: ", status_got, " ", body.substr(0, 600));
    CHECK(status_got == status);
    CHECK(content_type.rfind("application/json", 0) == 0);
    const json b = json::parse(body, nullptr, false);
    REQUIRE(b.is_object());
    REQUIRE(b.contains("error"));
    const json& e = b["error"];
    CHECK(e["code"] == code);
    CHECK(e["field"] == field);
    REQUIRE(e["message"].is_string());
    CHECK(!e["message"].get<std::string>().empty());
}

void expect_error(const httplib::Result& r, int status, const std::string& code, const std::string& field) {
    INFO("no reply: ", (r ? std::string("-") : httplib::to_string(r.error())));
    REQUIRE(r);
    expect_error_body(r->status, status, r->get_header_value("Content-Type"), r->body, code, field);
}

void expect_error(const RawResponse& r, int status, const std::string& code, const std::string& field) {
    expect_error_body(r.status, status, r.header("Content-Type"), r.body, code, field);
}

}  // namespace accord::test
