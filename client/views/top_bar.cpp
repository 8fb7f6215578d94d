// The bar across the top: product name, who is signed in, language switch, sign out.
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

void draw_top_bar(AppState& s) {
    // On a phone the product name gives way to who is signed in and the two buttons.
    if (!s.narrow) ImGui::TextUnformatted(tr(Str::app_title, s.lang));
    if (!s.user) return;
    std::string who = s.user->display_name + " · " + label(s.user->role, s.lang);
    if (!s.user->merchant_name.empty() && !s.narrow) who += " · " + s.user->merchant_name;
    const float em = ImGui::GetFontSize();
    const float buttons = ImGui::CalcTextSize(tr(Str::switch_language, s.lang)).x +
                          ImGui::CalcTextSize(tr(Str::sign_out, s.lang)).x + em * 3.0f;
    const float right = ImGui::CalcTextSize(who.c_str()).x + buttons;
    if (!s.narrow) ImGui::SameLine(std::max(ImGui::GetContentRegionAvail().x - right, em * 14.0f));
    ImGui::TextColored(kMutedColor, "%s", who.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::switch_language, s.lang))) s.lang = s.lang == Lang::zh_CN ? Lang::en : Lang::zh_CN;
    mark(s, "lang.toggle");
    ImGui::SameLine();
    if (ImGui::SmallButton(tr(Str::sign_out, s.lang))) sign_out(s);
    mark(s, "signout");
    ImGui::Separator();
}

}  // namespace accord::client
