// The sign-in screen.
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

void draw_login_view(AppState& s) {
    const float em = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::min(avail.x, em * 26.0f);
    ImGui::SetCursorPos(ImVec2((avail.x - width) * 0.5f, avail.y * 0.18f));
    ImGui::BeginChild("login", ImVec2(width, em * 22.0f), true);

    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextUnformatted(tr(Str::app_title, s.lang));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Spacing();
    ImGui::TextColored(kMutedColor, "%s", tr(Str::sign_in_title, s.lang));
    ImGui::Separator();
    ImGui::Spacing();

    ImGui::PushItemWidth(-1);
    ImGui::TextUnformatted(tr(Str::username, s.lang));
    bool enter = ImGui::InputText("##username", s.login.username, sizeof s.login.username,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    mark(s, "login.username");
    ImGui::TextUnformatted(tr(Str::password, s.lang));
    enter |= ImGui::InputText("##password", s.login.password, sizeof s.login.password,
                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    mark(s, "login.password");
    ImGui::PopItemWidth();
    ImGui::Spacing();

    ImGui::BeginDisabled(s.login_status.busy);
    const bool clicked = ImGui::Button(s.login_status.busy ? tr(Str::signing_in, s.lang) : tr(Str::sign_in, s.lang),
                                       ImVec2(-1, em * 2.0f));
    mark(s, "login.submit");
    ImGui::EndDisabled();
    if ((clicked || enter) && !s.login_status.busy) sign_in(s);
    request_error(s.login_status);

    ImGui::Spacing();
    muted_wrapped(tr(Str::demo_hint, s.lang));
    ImGui::Spacing();
    if (ImGui::SmallButton(tr(Str::switch_language, s.lang))) s.lang = s.lang == Lang::zh_CN ? Lang::en : Lang::zh_CN;
    mark(s, "lang.toggle");
    ImGui::EndChild();
}

}  // namespace accord::client
