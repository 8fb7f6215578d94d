#include "forms/local_drafts.hpp"

#include "forms/draft_codec.hpp"
#include "forms/text_buffer.hpp"
#include "platform/storage.hpp"

namespace accord::client {

namespace {

std::string storage_key(const AppState& s) {
    return "accord.drafts." + s.user->username;
}

// Everything not yet sent, the case on screen included; null when there is nothing.
nlohmann::json collect(const AppState& s) {
    std::map<std::int64_t, std::string> messages = s.message_drafts;
    std::map<std::int64_t, nlohmann::json> actions = s.action_drafts;
    if (s.case_id != 0 && s.message_text[0] != '\0') messages[s.case_id] = s.message_text;
    if (s.case_id != 0 && s.action.open) actions[s.case_id] = encode_action(s.action);
    if (!s.filing.open && messages.empty() && actions.empty()) return nullptr;
    nlohmann::json j = {{"v", 1}, {"messages", nlohmann::json::object()}, {"actions", nlohmann::json::object()}};
    const OrderSnapshot* order = selected_order(s);
    j["filing"] = s.filing.open ? encode_filing(s.filing, order ? order->order_ref : s.filing.wanted_order)
                                : nlohmann::json(nullptr);
    for (const auto& [id, text] : messages) j["messages"][std::to_string(id)] = text;
    for (const auto& [id, draft] : actions) j["actions"][std::to_string(id)] = draft;
    return j;
}

bool parse_id(const std::string& key, std::int64_t& out) {
    if (key.empty() || key.size() > 18 || key.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoll(key);
    return out > 0;
}

// Every form back to empty: before another user's drafts load, and when they are forgotten.
void clear_drafts(AppState& s) {
    s.filing = FilingDraft{};
    s.message_text[0] = '\0';
    s.action = ActionDraft{};
    s.message_drafts.clear();
    s.action_drafts.clear();
    s.drafts_saved.clear();
}

}  // namespace

void load_local_drafts(AppState& s) {
    clear_drafts(s);
    if (!s.user) return;
    const std::optional<std::string> text = browser::storage_get(storage_key(s));
    if (!text) return;
    s.drafts_saved = *text;
    const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return;
    if (j.contains("filing") && j["filing"].is_object()) s.filing = decode_filing(j["filing"]);
    std::int64_t id = 0;
    if (j.contains("messages") && j["messages"].is_object())
        for (auto it = j["messages"].begin(); it != j["messages"].end(); ++it)
            if (parse_id(it.key(), id) && it.value().is_string()) s.message_drafts[id] = it.value().get<std::string>();
    if (j.contains("actions") && j["actions"].is_object())
        for (auto it = j["actions"].begin(); it != j["actions"].end(); ++it)
            if (parse_id(it.key(), id) && decode_action(it.value())) s.action_drafts[id] = it.value();
}

void save_local_drafts(AppState& s) {
    if (!s.user || s.screen != Screen::cases) return;
    const nlohmann::json j = collect(s);
    const std::string text = j.is_null() ? "" : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text == s.drafts_saved) return;
    if (text.empty())
        browser::storage_remove(storage_key(s));
    else
        browser::storage_set(storage_key(s), text);
    s.drafts_saved = text;
}

void forget_local_drafts(AppState& s) {
    if (s.user) browser::storage_remove(storage_key(s));
    clear_drafts(s);
}

void switch_case_forms(AppState& s, std::int64_t from, std::int64_t to) {
    if (from != 0) {
        if (s.message_text[0] != '\0')
            s.message_drafts[from] = s.message_text;
        else
            s.message_drafts.erase(from);
        if (s.action.open)
            s.action_drafts[from] = encode_action(s.action);
        else
            s.action_drafts.erase(from);
    }
    s.message_text[0] = '\0';
    s.action = ActionDraft{};
    if (auto it = s.message_drafts.find(to); it != s.message_drafts.end()) {
        copy_text(s.message_text, it->second);
        s.message_drafts.erase(it);
    }
    if (auto it = s.action_drafts.find(to); it != s.action_drafts.end()) {
        if (std::optional<ActionDraft> d = decode_action(it->second)) s.action = *d;
        s.action_drafts.erase(it);
    }
}

bool has_unsent_forms(const AppState& s) {
    if (s.screen != Screen::cases) return false;
    if (has_typed(s.filing) || s.message_text[0] != '\0') return true;
    // An action form as it opened holds only what the case already says: nothing to lose yet.
    return s.action.open && s.seen && encode_action(s.action) != encode_action(start_draft(s.action.action, *s.seen));
}

}  // namespace accord::client
