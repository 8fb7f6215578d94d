// Fixtures for the lifecycle tests against the real server: the case API (view, actions,
// timeline), evidence uploads, the footprint a request leaves in the database and on disk, and
// the error shape. Each helper that expects success REQUIREs it and says what came back instead.
// The one place these live: test files include this header rather than copying helpers.
#pragma once
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "probes.hpp"
#include "server_process.hpp"

namespace accord::test {

using nlohmann::json;

// "/api/v1/disputes/7" + tail ("/events", "/actions", ...).
std::string case_path(std::int64_t id, const std::string& tail = "");
// A demo user's account id, read from the database.
std::int64_t user_id(const ServerProcess& server, const std::string& username);

// GET `path`, which must answer 200 with JSON.
json get_ok(Session& s, const std::string& path);
// The case view {dispute, progress, deadlines, available_actions, version, server_time}.
json view(Session& s, std::int64_t id);
std::string state_of(Session& s, std::int64_t id);
// GET /events: the "events" array (checks chain_valid).
json events(Session& s, std::int64_t id);
// Each event as "action relation from>to" ("-" for a missing value), e.g.
// "accept_case support filed>awaiting_merchant": a timeline compared in one CHECK.
std::vector<std::string> timeline(const json& events);
std::vector<std::string> timeline(Session& s, std::int64_t id);
// The events of one action, in order.
std::vector<json> events_of(const json& events, const std::string& action);
// Whether `actions` (a view's available_actions) lists `action`.
bool offers(const json& view, const std::string& action);

// POST /api/v1/disputes with `form`, which must answer 201; returns the new case's id.
std::int64_t file_case(Session& s, const json& form);

// The case version an ETag names ("7" or "7-<digest>", quoted); -1 when it is neither.
std::int64_t etag_version(const std::string& tag);

// POST /actions with `body` ({"action": ..., ...}) and If-Match when given.
httplib::Result post_action(Session& s, std::int64_t id, const json& body,
                            std::optional<std::int64_t> if_match = std::nullopt);
// The action must answer 200; returns the reply (case view + "event").
json act(Session& s, std::int64_t id, const json& body);
// The action must be refused with exactly this status, code and field.
void refused(Session& s, std::int64_t id, const json& body, int status, const std::string& code,
             const std::string& field = "action");

// Action payload pieces.
json triage(const std::string& category = "quality_defect", const std::string& priority = "normal",
            const std::string& queue = "frontline");
json accept_case(const std::string& category = "quality_defect");
// Terms; platform_minor < 0 leaves "platform_amount_minor" out (the payer alone decides it).
json terms(const std::string& remedy, std::int64_t amount_minor, const std::string& payer = "merchant",
           std::int64_t platform_minor = -1);

// Drives a case in execution to closed: each remaining step by whoever's step it is (the
// claimant ships back and confirms, the respondent inspects, pays and ships; the platform's
// steps by `support`), with tracking numbers where a step needs one. Returns the steps done.
std::vector<std::string> finish_execution(SharedServer& w, std::int64_t id);

// Timeout events in the history (every case's, or one case's).
std::int64_t timeout_count(const ServerProcess& server, std::int64_t id = 0);
// Moves the test clock forward and returns how many deadlines fired: counted in the history, as
// the reply's "fired" misses any the scheduler's own thread fired meanwhile.
std::int64_t advance(SharedServer& w, std::int64_t seconds);
// The same, just past the named running deadline of the case (REQUIREd open and running).
std::int64_t advance_past(SharedServer& w, Session& s, std::int64_t id, const std::string& kind);

// --- evidence ---------------------------------------------------------------------------------

// Files of each accepted type (right magic bytes, then filler), and a Windows executable.
std::string jpeg_bytes(std::size_t size = 2048);
std::string png_bytes(std::size_t size = 2048);
std::string pdf_bytes(std::size_t size = 2048);
std::string exe_bytes(std::size_t size = 2048);

struct Part {
    std::string name = "file";  // the form field
    std::string file_name;      // "" for a plain (non-file) field
    std::string content_type = "application/octet-stream";
    std::string content;
};
inline const std::string kBoundary = "----accord-test-boundary-7d93f2";
// A multipart/form-data body of these parts with kBoundary.
std::string multipart_body(const std::vector<Part>& parts);
inline const std::string kMultipartType = "multipart/form-data; boundary=" + kBoundary;

// POST /evidence with one part "file" (or the given part name).
httplib::Result upload(Session& s, std::int64_t id, const std::string& file_name, const std::string& bytes,
                       const std::string& part_name = "file");
// The upload must answer 201; returns the new evidence id.
std::int64_t upload_ok(Session& s, std::int64_t id, const std::string& file_name = "photo.jpg",
                       const std::string& bytes = jpeg_bytes());

// --- what a request leaves behind -------------------------------------------------------------

// Rows in each table the new routes write, and files under <data_dir>/evidence (temp files too).
struct Footprint {
    std::int64_t disputes = 0, cases = 0, events = 0, messages = 0, evidence = 0, files = 0;
    bool operator==(const Footprint&) const = default;
};
std::ostream& operator<<(std::ostream& os, const Footprint& f);
Footprint footprint(const ServerProcess& server);
// Every regular file under <data_dir>/evidence, relative to it ("12/5", "tmp/upload-Ab12Cd").
std::vector<std::string> evidence_files(const ServerProcess& server);

// --- the error shape ----------------------------------------------------------------------------

// A JSON error reply {"error":{"code","message","field"}} with this status, code and field.
void expect_error(const httplib::Result& r, int status, const std::string& code, const std::string& field = "");
void expect_error(const RawResponse& r, int status, const std::string& code, const std::string& field = "");

}  // namespace accord::test

// Timelines and step lists print in full when a CHECK fails.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
    static doctest::String convert(const std::vector<std::string>& v) {
        std::string out = "{";
        for (const std::string& s : v) out += (out.size() > 1 ? ", \"" : "\"") + s + "\"";
        return (out + "}").c_str();
    }
};
