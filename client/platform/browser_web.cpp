#include <emscripten.h>
#include <emscripten/html5.h>

#include <imgui.h>

#include <string>

#include "platform/browser.hpp"

namespace accord::client::browser {

// clang-format off
EM_JS(int, accord_font_size, (), { return Module.accordFont ? Module.accordFont.length : 0; });
EM_JS(void, accord_font_copy, (unsigned char* dest), {
    HEAPU8.set(Module.accordFont, dest);
    Module.accordFont = null;  // the app owns it now
});
EM_JS(void, accord_ime_sync, (int want, float x, float y), {
    if (window.accordIme) window.accordIme.sync(want !== 0, x, y);
});
EM_JS(void, accord_publish_state, (const char* json), {
    window.accordTest.state = JSON.parse(UTF8ToString(json));
    window.accordTest.updates++;
});
EM_JS(void, accord_set_lang, (const char* lang), { document.documentElement.lang = UTF8ToString(lang); });
EM_JS(void, accord_set_canvas_size, (int w, int h), { Browser.setCanvasSize(w, h); });
EM_JS(void, accord_set_cursor, (const char* cursor), { Module.canvas.style.cursor = UTF8ToString(cursor); });
// clang-format on

Timestamp now_seconds() { return static_cast<Timestamp>(emscripten_date_now() / 1000.0); }

double now_ms() { return emscripten_get_now(); }

float device_pixel_ratio() { return static_cast<float>(emscripten_get_device_pixel_ratio()); }

void canvas_css_size(int& width, int& height) {
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    width = static_cast<int>(w);
    height = static_cast<int>(h);
}

void set_canvas_size(int width, int height) { accord_set_canvas_size(width, height); }

std::vector<unsigned char> take_font() {
    std::vector<unsigned char> bytes(static_cast<std::size_t>(accord_font_size()));
    if (!bytes.empty()) accord_font_copy(bytes.data());
    return bytes;
}

void ime_sync(bool want_text, float x, float y) { accord_ime_sync(want_text ? 1 : 0, x, y); }

void publish_test_state(const std::string& json) { accord_publish_state(json.c_str()); }

void set_document_lang(const char* lang) { accord_set_lang(lang); }

void set_cursor(const char* css_cursor) {
    static std::string current;
    if (current == css_cursor) return;
    current = css_cursor;
    accord_set_cursor(css_cursor);
}

}  // namespace accord::client::browser

// Committed IME text (e.g. 拼音 → 商品质量问题) from bridges/ime.js.
extern "C" EMSCRIPTEN_KEEPALIVE void accord_ime_commit(const char* utf8) {
    if (ImGui::GetCurrentContext() != nullptr && utf8 != nullptr) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}
