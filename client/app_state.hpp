// Everything the client knows, in one struct the views read and the API client updates.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/api.hpp"
#include "accord/case.hpp"
#include "accord/deadlines.hpp"
#include "accord/dispute.hpp"
#include "accord/error_code.hpp"
#include "accord/filing.hpp"
#include "accord/lang.hpp"
#include "accord/order.hpp"
#include "forms/action_draft.hpp"
#include "nav/route.hpp"

namespace accord::client {

enum class Screen { starting, login, cases };
enum class Pane { none, detail, filing };

// One server call's progress, shown where the user is looking.
struct RequestStatus {
    bool busy = false;
    std::string error;  // human message, in the UI language
};

struct LoginDraft {
    char username[64] = "";
    char password[128] = "";
};

struct FilingDraft {
    bool open = false;         // started and neither sent nor cancelled: kept across screens and reloads
    int order_index = -1;      // into AppState::orders
    std::string wanted_order;  // an order named before the orders arrived (an address, a restored draft)
    int category = static_cast<int>(Category::quality_defect);
    int remedy = static_cast<int>(Remedy::return_and_refund);
    char amount[32] = "";
    bool amount_typed = false;      // the user changed the amount: picking an order no longer sets it
    char description[8192] = "";  // room for 2,000 characters of up to 4 bytes each
    bool show_errors = false;     // after the first submit attempt
    FieldErrors server_errors;    // what the server said on the last attempt
    FieldErrors shown_errors;     // what the form shows now (for the test hook)
};

struct CaseEventView {
    std::int64_t seq = 0;
    std::string action;    // an Action's key, or a side event (file, add_evidence, message, ...)
    std::string relation;  // who acted, as their relation to the case (case_buyer, support, system, ...)
    std::string from, to;  // states, when the step moved the case
    std::string reason, detail;
    Timestamp at = 0;
};

struct MessageView {
    std::int64_t id = 0;
    std::string author_name, author_role, visibility, body;
    Timestamp at = 0;
};

struct EvidenceView {
    std::int64_t id = 0;
    std::string file_name, media_type, sha256, download;
    std::int64_t size_bytes = 0;
    Timestamp at = 0;
};

// A file on its way up (bridges/upload.js sends it; progress arrives every few hundred ms).
struct UploadView {
    int id = 0;
    std::int64_t case_id = 0;
    std::string file_name;
    double loaded = 0, total = 0;
    bool done = false;
    std::string error;  // the server's refusal, in the UI language
};

struct StaffMember {
    std::int64_t id = 0;
    std::string display_name;
};

// The case list's filters: what the user narrowed it to.
struct ListFilter {
    int state = -1;            // -1: any
    bool mine_to_act = false;  // only cases with something for me to do
    bool overdue_only = false;
    char search[64] = "";
};

// The last API call, for the test hook.
struct LastApi {
    std::string method, path, code;
    int status = 0;
};

// The page's address as the app keeps it in step (nav/navigation).
struct NavState {
    std::optional<Route> target;          // where to go once signed in (a link, Back, a reload)
    std::optional<Route> published;       // the route the address names now (nullopt: not yet written)
    std::string published_text;           // ... and its text, as location.hash holds it
    int changes = 0;                      // the bridge's count of moves under the app, last seen
};

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
};

struct AppState {
    Lang lang = Lang::zh_CN;
    Screen screen = Screen::starting;
    Pane pane = Pane::none;
    std::optional<api::UserInfo> user;

    LoginDraft login;
    RequestStatus login_status;

    std::vector<Dispute> cases;
    RequestStatus cases_status;

    ListFilter filter;
    std::map<std::int64_t, Timestamp> seen_updates;  // case id -> updated_at the user last saw (badge)
    bool list_baseline_taken = false;
    std::map<std::int64_t, Timestamp> next_due;  // case id -> its next deadline (0: none), from the list

    std::int64_t case_id = 0;  // the case the detail pane shows or is loading (its address)
    std::optional<Dispute> current;
    std::optional<Case> seen;     // the open case as its view showed it (decode_case_view)
    std::vector<Action> actions;  // what the server says this user may do on it now
    std::string etag;             // the view's ETag: If-None-Match when polling, If-Match when acting
    double last_poll_ms = 0;
    std::vector<CaseEventView> events;
    std::vector<Deadline> deadlines;       // computed by the server with the shared rules
    std::int64_t server_clock_offset = 0;  // server time minus browser time: countdowns follow the server
    bool chain_valid = true;
    RequestStatus detail_status;

    std::vector<OrderSnapshot> orders;
    RequestStatus orders_status;
    FilingDraft filing;
    RequestStatus filing_status;
    FilingRules filing_rules;                 // as the server sent them with the session
    std::vector<std::string> evidence_types;  // media types the server takes, as sent with the session

    ActionDraft action;  // the action form open on the current case
    RequestStatus action_status;
    FieldErrors action_shown_errors;  // what the open form shows now (for the test hook)
    std::vector<MessageView> messages;
    RequestStatus messages_status;
    char message_text[8004] = "";
    bool message_staff_only = false;
    // Forms of the cases not on screen, kept until their case opens again (forms/local_drafts).
    std::map<std::int64_t, std::string> message_drafts;
    std::map<std::int64_t, nlohmann::json> action_drafts;
    std::string drafts_saved;  // the drafts as last written to the browser's storage
    std::vector<EvidenceView> evidence;
    std::int64_t evidence_remaining = -1;  // bytes the case may still take (-1: unknown)
    std::int64_t evidence_max_file = 0;
    RequestStatus evidence_status;
    std::vector<UploadView> uploads;
    std::map<int, std::vector<StaffMember>> staff;  // by Role, for the assignment pickers
    double last_list_poll_ms = 0;

    NavState nav;
    std::string notice;  // a one-line success message ("Dispute filed AC-000003")
    LastApi last_api;
    int writes_sent = 0;                  // requests other than GET sent so far (for the test hook: "nothing was sent")
    std::map<std::string, Rect> widgets;  // named widget rectangles (CSS px), for tests
    float dpr = 1.0f;
    bool narrow = false;  // a phone-sized window: one pane at a time
};

// The form as the model sees it, built from the draft (amount text parsed to minor units).
FilingForm filing_form(const AppState& s);
// The order the draft points at, or nullptr.
const OrderSnapshot* selected_order(const AppState& s);
// The state the test hook publishes (JSON text).
std::string test_state_json(const AppState& s);

}  // namespace accord::client
