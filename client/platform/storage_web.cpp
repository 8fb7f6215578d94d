#include <emscripten.h>

#include <cstdlib>

#include "platform/storage.hpp"

namespace accord::client::browser {

// clang-format off
EM_JS(char*, accord_storage_get, (const char* key), {
    let text = null;
    try { text = localStorage.getItem(UTF8ToString(key)); } catch (e) { return 0; }
    if (text === null) return 0;
    const len = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(len);
    stringToUTF8(text, ptr, len);
    return ptr;
});
EM_JS(void, accord_storage_set, (const char* key, const char* value), {
    try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});
EM_JS(void, accord_storage_remove, (const char* key), {
    try { localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});
// clang-format on

std::optional<std::string> storage_get(const std::string& key) {
    char* text = accord_storage_get(key.c_str());
    if (!text) return std::nullopt;
    std::string out = text;
    std::free(text);
    return out;
}

void storage_set(const std::string& key, const std::string& value) {
    accord_storage_set(key.c_str(), value.c_str());
}

void storage_remove(const std::string& key) {
    accord_storage_remove(key.c_str());
}

}  // namespace accord::client::browser
