// Everything the client knows, in one struct the views read and the API client updates.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/api.hpp"
#include "accord/deadlines.hpp"
#include "accord/dispute.hpp"
#include "accord/error_code.hpp"
#include "accord/filing.hpp"
#include "accord/lang.hpp"
#include "accord/order.hpp"

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
    int order_index = -1;  // into AppState::orders
    int category = static_cast<int>(Category::quality_defect);
    int remedy = static_cast<int>(Remedy::return_and_refund);
    char amount[32] = "";
    char description[8192] = "";  // room for 2,000 characters of up to 4 bytes each
    bool show_errors = false;       // after the first submit attempt
    FieldErrors server_errors;      // what the server said on the last attempt
    FieldErrors shown_errors;       // what the form shows now (for the test hook)
};

struct CaseEventView {
    std::int64_t seq = 0;
    std::string action;
    Timestamp at = 0;
};

// The last API call, for the test hook.
struct LastApi {
    std::string method, path, code;
    int status = 0;
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

    std::optional<Dispute> current;
    std::vector<CaseEventView> events;
    std::vector<Deadline> deadlines;      // computed by the server with the shared rules
    std::int64_t server_clock_offset = 0;  // server time minus browser time: countdowns follow the server
    bool chain_valid = true;
    RequestStatus detail_status;

    std::vector<OrderSnapshot> orders;
    RequestStatus orders_status;
    FilingDraft filing;
    RequestStatus filing_status;
    FilingRules filing_rules;  // as the server sent them with the session

    std::string notice;  // a one-line success message ("Dispute filed AC-000003")
    LastApi last_api;
    std::map<std::string, Rect> widgets;  // named widget rectangles (CSS px), for tests
    float dpr = 1.0f;
};

// The form as the model sees it, built from the draft (amount text parsed to minor units).
FilingForm filing_form(const AppState& s);
// The order the draft points at, or nullptr.
const OrderSnapshot* selected_order(const AppState& s);
// The state the test hook publishes (JSON text).
std::string test_state_json(const AppState& s);

}  // namespace accord::client
