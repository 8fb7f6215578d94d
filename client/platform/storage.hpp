// The browser's localStorage: what should outlive a reload (drafts, the language). Never the
// password or the session, which the HttpOnly cookie holds. Quietly does nothing where storage
// is refused (private windows, full quota): the app works, it just forgets on reload.
#pragma once
#include <optional>
#include <string>

namespace accord::client::browser {

std::optional<std::string> storage_get(const std::string& key);
void storage_set(const std::string& key, const std::string& value);
void storage_remove(const std::string& key);

}  // namespace accord::client::browser
