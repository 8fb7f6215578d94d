#include <emscripten.h>

#include <cstdlib>

#include "platform/history.hpp"

namespace accord::client::browser {

// clang-format off
EM_JS(char*, accord_history_hash, (), {
    const text = window.accordHistory ? window.accordHistory.hash() : location.hash;
    const len = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(len);
    stringToUTF8(text, ptr, len);
    return ptr;
});
EM_JS(int, accord_history_changes, (), { return window.accordHistory ? window.accordHistory.changes() : 0; });
EM_JS(void, accord_history_go, (const char* hash, const char* title, int push), {
    if (window.accordHistory) window.accordHistory.go(UTF8ToString(hash), UTF8ToString(title), push !== 0);
});
EM_JS(void, accord_history_warn, (int on), {
    if (window.accordHistory) window.accordHistory.setLeaveWarning(on !== 0);
});
// clang-format on

std::string location_hash() {
    char* text = accord_history_hash();
    std::string out = text ? text : "";
    std::free(text);
    return out;
}

int address_changes() {
    return accord_history_changes();
}

void set_address(const std::string& hash, const std::string& title, bool push) {
    accord_history_go(hash.c_str(), title.c_str(), push ? 1 : 0);
}

void set_leave_warning(bool on) {
    static int current = -1;  // only changes cross into the page
    if (current == (on ? 1 : 0)) return;
    current = on ? 1 : 0;
    accord_history_warn(current);
}

}  // namespace accord::client::browser
