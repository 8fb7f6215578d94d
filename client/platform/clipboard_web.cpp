#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // the active field's text and selection, for what a copy would take

#include <cstdlib>
#include <string>

#include "platform/clipboard.hpp"

namespace accord::client::browser {

namespace {

std::string g_paste;         // the clipboard's text from the last paste event, until ImGui or the fallback takes it
bool g_paste_taken = false;  // ImGui's Ctrl+V asked for it this frame
std::string g_copied;        // ImGui's last copy (it keeps the pointer until the next call)
std::string g_published;     // the selection as bridges/clipboard.js last heard it

// A ⌘ shortcut turned into Ctrl for one frame: the real key state to put back after it.
struct Synthetic {
    int key = 0;
    bool ctrl = false, super = false, down = false;
};
Synthetic g_synthetic;

// clang-format off
EM_JS(char*, accord_clipboard_take_paste, (), {
    const text = window.accordClipboard ? window.accordClipboard.takePaste() : null;
    if (text === null) return 0;
    const len = lengthBytesUTF8(text) + 1;
    const ptr = _malloc(len);
    stringToUTF8(text, ptr, len);
    return ptr;
});
EM_JS(int, accord_clipboard_take_command, (), {
    return window.accordClipboard ? window.accordClipboard.takeCommand() : 0;
});
EM_JS(void, accord_clipboard_set_selection, (const char* text), {
    if (window.accordClipboard) window.accordClipboard.setSelection(UTF8ToString(text));
});
EM_JS(void, accord_clipboard_copied, (const char* text), {
    if (window.accordClipboard) window.accordClipboard.copied(UTF8ToString(text));
});
// clang-format on

// What ImGui 1.86 copies on Ctrl+C in the active field (InputTextEx's rule): the selection, or a
// single-line field's whole text; nothing from a password field.
std::string copy_candidate() {
    if (ImGui::GetCurrentContext() == nullptr) return {};
    const ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID());
    if (state == nullptr || (state->Flags & ImGuiInputTextFlags_Password) || state->TextW.Size == 0) return {};
    const bool multiline = (state->Flags & ImGuiInputTextFlags_Multiline) != 0;
    if (multiline && !state->HasSelection()) return {};
    const int begin = state->HasSelection() ? ImMin(state->Stb.select_start, state->Stb.select_end) : 0;
    const int end = state->HasSelection() ? ImMax(state->Stb.select_start, state->Stb.select_end) : state->CurLenW;
    const ImWchar* text = state->TextW.Data;
    std::string out(static_cast<std::size_t>(ImTextCountUtf8BytesFromStr(text + begin, text + end)) + 1, '\0');
    ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), text + begin, text + end);
    out.pop_back();
    return out;
}

}  // namespace

void clipboard_install() {
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = [](void*, const char* text) {
        g_copied = text ? text : "";
        accord_clipboard_copied(g_copied.c_str());
    };
    // Only what the browser handed over with a paste event: the system clipboard cannot be read
    // without a prompt, and pasting GLFW's page-local copy would be the wrong text.
    io.GetClipboardTextFn = [](void*) -> const char* {
        g_paste_taken = !g_paste.empty();
        return g_paste.c_str();
    };
}

void clipboard_begin_frame() {
    if (char* text = accord_clipboard_take_paste()) {
        g_paste = text;
        std::free(text);
    }
    const int key = accord_clipboard_take_command();
    if (key < GLFW_KEY_A || key > GLFW_KEY_Z) return;
    // Before NewFrame, so ImGui's modifier flags agree with the keys for the whole frame.
    ImGuiIO& io = ImGui::GetIO();
    g_synthetic = {key, io.KeyCtrl, io.KeySuper, io.KeysDown[key]};
    io.KeyCtrl = true;
    io.KeySuper = false;
    io.KeysDown[key] = true;
    io.KeysDownDuration[key] = -1.0f;  // a fresh press, even if the browser never sent the key's release
}

void clipboard_end_frame() {
    ImGuiIO& io = ImGui::GetIO();
    if (g_synthetic.key != 0) {
        io.KeyCtrl = g_synthetic.ctrl;
        io.KeySuper = g_synthetic.super;
        io.KeysDown[g_synthetic.key] = g_synthetic.down;
        g_synthetic = {};
    }
    if (!g_paste.empty()) {
        // Pasted without ImGui's Ctrl+V seeing it: the next frame types it into the active field.
        if (!g_paste_taken) io.AddInputCharactersUTF8(g_paste.c_str());
        g_paste.clear();
    }
    g_paste_taken = false;
    std::string candidate = copy_candidate();
    if (candidate != g_published) {
        g_published = std::move(candidate);
        accord_clipboard_set_selection(g_published.c_str());
    }
}

}  // namespace accord::client::browser
