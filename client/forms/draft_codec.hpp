// Half-written forms as JSON, so they outlive a reload or a dropped connection in the browser's
// storage (forms/local_drafts). Enums travel by their model keys, not their numbers, so a draft
// written by an older client still reads back. Pure: tested natively.
#pragma once
#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "forms/action_draft.hpp"

namespace accord::client {

// The filing form; `order_ref` is the order it is on (the draft keeps an index into a list
// that a reload fetches again).
nlohmann::json encode_filing(const FilingDraft& d, const std::string& order_ref);
// A fresh draft with what `j` holds; the order comes back as wanted_order.
FilingDraft decode_filing(const nlohmann::json& j);
// Whether the user typed anything a reload or a closed tab would lose.
bool has_typed(const FilingDraft& d);

nlohmann::json encode_action(const ActionDraft& d);
// nullopt when `j` is not a draft (or names an action this client does not know).
std::optional<ActionDraft> decode_action(const nlohmann::json& j);

}  // namespace accord::client
