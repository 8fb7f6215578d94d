// What the client needs from the browser page, behind plain functions (browser_web.cpp).
#pragma once
#include <string>
#include <vector>

#include "accord/time.hpp"

namespace accord::client::browser {

Timestamp now_seconds();        // the browser's clock: predictions only, the server decides
double now_ms();                // high-resolution, for frame timing
float device_pixel_ratio();
void canvas_css_size(int& width, int& height);
// Sets the canvas' backing store (device pixels); Emscripten's GLFW hears of it and resizes the window.
void set_canvas_size(int width, int height);
// The CJK font fetched by bridges/boot.js before main(); empty if it failed.
std::vector<unsigned char> take_font();
// Keeps the hidden IME <textarea> focused (and at the caret, CSS px) while a text field is active.
void ime_sync(bool want_text, float x, float y);
// Publishes the app's state (JSON text) for browser tests: window.accordTest.state.
void publish_test_state(const std::string& json);
void set_document_lang(const char* lang);
// The canvas' CSS cursor ("default", "pointer", "text", ...); only changes touch the page.
void set_cursor(const char* css_cursor);

}  // namespace accord::client::browser
