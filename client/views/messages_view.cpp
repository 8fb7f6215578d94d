// The case's messages: the parties and the staff working the case write to each other; staff may keep an
// internal note the parties never see (the server decides who reads what; this shows what it sent).
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

void draw_messages_view(AppState& s) {
    section(tr(Str::messages, s.lang));
    request_error(s.messages_status);
    if (s.messages.empty()) muted_wrapped(tr(Str::no_messages, s.lang));
    for (const MessageView& m : s.messages) {
        ImGui::PushID(static_cast<int>(m.id));
        Role role{};
        const char* who = from_key(m.author_role, role) ? label(role, s.lang) : m.author_role.c_str();
        ImGui::TextColored(kMutedColor, "%s · %s · %s", m.author_name.c_str(), who, format_minutes(m.at).c_str());
        if (m.visibility == "staff") {
            ImGui::SameLine();
            ImGui::TextColored(kErrorColor, "[%s]", tr(Str::internal_tag, s.lang));
        }
        ImGui::TextWrapped("%s", m.body.c_str());
        ImGui::PopID();
    }
    if (!s.current || !s.user) return;
    ImGui::PushItemWidth(-1);
    ImGui::InputTextMultiline("##message", s.message_text, sizeof s.message_text,
                              ImVec2(-1, ImGui::GetFontSize() * 3.5f));
    mark(s, "message.text");
    ImGui::PopItemWidth();
    if (is_staff(s.user->role)) {
        ImGui::Checkbox(tr(Str::staff_only, s.lang), &s.message_staff_only);
        mark(s, "message.staff_only");
        ImGui::SameLine();
    }
    ImGui::BeginDisabled(s.messages_status.busy || s.message_text[0] == '\0');
    if (ImGui::Button(tr(Str::send, s.lang))) send_message(s);
    mark(s, "message.send");
    ImGui::EndDisabled();
}

}  // namespace accord::client
