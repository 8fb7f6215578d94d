// Small drawing helpers shared by the views.
#pragma once
#include <imgui.h>

#include "accord/enum_table.hpp"
#include "accord/error_code.hpp"
#include "app_state.hpp"

namespace accord::client {

inline const ImVec4 kErrorColor{0.80f, 0.10f, 0.10f, 1.0f};
inline const ImVec4 kMutedColor{0.45f, 0.45f, 0.50f, 1.0f};
inline const ImVec4 kOkColor{0.10f, 0.55f, 0.25f, 1.0f};

// Records the last drawn item's rectangle under `name` for the test hook.
void mark(AppState& s, const char* name);
// Red text under a field, naming the problem in the UI language (nothing if e is null).
void field_error(const FieldError* e, Lang lang);
// A request's error message, if any, in red.
void request_error(const RequestStatus& status);
void label_value(const char* label, const std::string& value);
// Grey explanatory text that wraps at the window's edge.
void muted_wrapped(const char* text);
// A titled separator between parts of a pane.
void section(const char* title);

// A combo over one of the model's enums, labelled in the UI language.
template <typename E>
bool enum_combo(AppState& s, const char* id, const char* test_name, int& value) {
    bool changed = false;
    const char* preview = label(static_cast<E>(value), s.lang);
    if (ImGui::BeginCombo(id, preview)) {
        int i = 0;
        for (const auto& e : EnumTable<E>::entries) {
            ImGui::PushID(i++);
            const bool selected = static_cast<int>(e.value) == value;
            if (ImGui::Selectable(s.lang == Lang::zh_CN ? e.zh : e.en, selected)) {
                value = static_cast<int>(e.value);
                changed = true;
            }
            mark(s, (std::string(test_name) + "." + e.key).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    mark(s, test_name);
    return changed;
}

}  // namespace accord::client
