// The list of cases the user may see, newest first.
#include "accord/access.hpp"
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

void draw_case_list_view(AppState& s) {
    const Viewer viewer = s.user->viewer();
    const Str title = viewer.role == Role::buyer ? Str::my_cases : viewer.role == Role::merchant ? Str::shop_cases
                                                                                                 : Str::all_cases;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(title, s.lang));
    ImGui::SameLine();
    if (may_file(viewer)) {
        if (ImGui::Button(tr(Str::new_dispute, s.lang))) start_filing(s);
        mark(s, "cases.new");
        ImGui::SameLine();
    }
    ImGui::BeginDisabled(s.cases_status.busy);
    if (ImGui::Button(tr(Str::refresh, s.lang))) load_cases(s);
    mark(s, "cases.refresh");
    ImGui::EndDisabled();
    if (s.cases_status.busy) {
        ImGui::SameLine();
        ImGui::TextColored(kMutedColor, "%s", tr(Str::loading, s.lang));
    }
    request_error(s.cases_status);

    if (s.cases.empty() && !s.cases_status.busy) {
        ImGui::TextColored(kMutedColor, "%s", tr(Str::no_cases, s.lang));
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("cases", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::col_case, s.lang));
    ImGui::TableSetupColumn(tr(Str::col_category, s.lang));
    ImGui::TableSetupColumn(tr(Str::col_amount, s.lang));
    ImGui::TableSetupColumn(tr(Str::col_state, s.lang));
    ImGui::TableSetupColumn(tr(Str::col_created, s.lang));
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;  // thousands of rows cost only the visible ones
    clipper.Begin(static_cast<int>(s.cases.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Dispute& d = s.cases[static_cast<std::size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(d.id));
            const bool selected = s.pane == Pane::detail && s.current && s.current->id == d.id;
            if (ImGui::Selectable(case_number(d.id).c_str(), selected, ImGuiSelectableFlags_SpanAllColumns))
                open_case(s, d.id);
            mark(s, ("cases.row." + std::to_string(d.id)).c_str());
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label(d.category, s.lang));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_money(d.amount).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label(d.state, s.lang));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_minutes(d.created_at).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace accord::client
