// ImGui's clipboard is the system's (bridges/clipboard.js): copy and cut put the active field's
// selection on it, paste takes its text, Chinese included, without permission prompts.
#pragma once

namespace accord::client::browser {

// Once, after the ImGui backend's init (which installs GLFW's page-local clipboard).
void clipboard_install();
// Before ImGui::NewFrame(): a ⌘ shortcut heard on macOS becomes ImGui's Ctrl shortcut for the frame.
void clipboard_begin_frame();
// After ImGui::Render(): publishes what a copy would take now; pasted text that ImGui's own
// Ctrl+V did not take (the browser's Paste menu, Ctrl+Shift+V) goes in as typed text.
void clipboard_end_frame();

}  // namespace accord::client::browser
