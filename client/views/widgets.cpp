#include "views/widgets.hpp"

namespace accord::client {

void mark(AppState& s, const char* name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.widgets[name] = Rect{a.x / s.dpr, a.y / s.dpr, (b.x - a.x) / s.dpr, (b.y - a.y) / s.dpr};
}

void field_error(const FieldError* e, Lang lang) {
    if (e == nullptr) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", error_text(e->code, lang, e->limit).c_str());
    ImGui::PopStyleColor();
}

void request_error(const RequestStatus& status) {
    if (status.error.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::TextWrapped("%s", status.error.c_str());
    ImGui::PopStyleColor();
}

void label_value(const char* label, const std::string& value) {
    ImGui::TextColored(kMutedColor, "%s", label);
    ImGui::SameLine(ImGui::GetFontSize() * 7.0f);
    ImGui::TextWrapped("%s", value.c_str());
}

void muted_wrapped(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

void section(const char* title) {
    ImGui::Spacing();
    ImGui::TextColored(kMutedColor, "%s", title);
    ImGui::Separator();
}

}  // namespace accord::client
