// The list of cases the user may see: a buyer's own, a merchant's shop inbox, the staff's queue. Filters by
// state, overdue and search; merchants and staff see the most urgent deadline first; a dot marks cases that
// changed since the user last looked.
#include <algorithm>
#include <cstring>

#include "accord/access.hpp"
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "platform/browser.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

namespace {

bool contains_text(const std::string& hay, const char* needle) {
    return needle[0] == '\0' || hay.find(needle) != std::string::npos;
}

Timestamp due_of(const AppState& s, std::int64_t id) {
    auto it = s.next_due.find(id);
    return it == s.next_due.end() ? 0 : it->second;
}

// The rows to show, in order: filtered, then by next deadline for those who work a queue.
std::vector<const Dispute*> visible_rows(const AppState& s, Timestamp now) {
    std::vector<const Dispute*> rows;
    for (const Dispute& d : s.cases) {
        if (s.filter.state >= 0 && static_cast<int>(d.state) != s.filter.state) continue;
        const Timestamp due = due_of(s, d.id);
        if (s.filter.overdue_only && (due == 0 || due > now)) continue;
        if (!contains_text(case_number(d.id) + " " + d.order_ref + " " + d.merchant_name + " " + d.description,
                           s.filter.search))
            continue;
        rows.push_back(&d);
    }
    if (s.user && s.user->role != Role::buyer)
        std::stable_sort(rows.begin(), rows.end(), [&](const Dispute* a, const Dispute* b) {
            const Timestamp da = due_of(s, a->id), db = due_of(s, b->id);
            if ((da == 0) != (db == 0)) return da != 0;  // cases with a deadline first
            return da < db;
        });
    return rows;
}

void draw_filters(AppState& s) {
    const float em = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(em * 9.0f);
    const char* preview =
        s.filter.state < 0 ? tr(Str::any_state, s.lang) : label(static_cast<DisputeState>(s.filter.state), s.lang);
    if (ImGui::BeginCombo("##state_filter", preview)) {
        if (ImGui::Selectable(tr(Str::any_state, s.lang), s.filter.state < 0)) s.filter.state = -1;
        for (const auto& e : EnumTable<DisputeState>::entries) {
            if (ImGui::Selectable(s.lang == Lang::zh_CN ? e.zh : e.en, s.filter.state == static_cast<int>(e.value)))
                s.filter.state = static_cast<int>(e.value);
            mark(s, (std::string("filter.state.") + e.key).c_str());
        }
        ImGui::EndCombo();
    }
    mark(s, "filter.state");
    ImGui::SameLine();
    ImGui::Checkbox(tr(Str::overdue_only, s.lang), &s.filter.overdue_only);
    mark(s, "filter.overdue");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##search", tr(Str::search_hint, s.lang), s.filter.search, sizeof s.filter.search);
    mark(s, "filter.search");
}

}  // namespace

void draw_case_list_view(AppState& s) {
    const Viewer viewer = s.user->viewer();
    const Str title = viewer.role == Role::buyer      ? Str::my_cases
                      : viewer.role == Role::merchant ? Str::shop_cases
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
    draw_filters(s);
    const Timestamp now = browser::now_seconds() + s.server_clock_offset;
    const std::vector<const Dispute*> rows = visible_rows(s, now);

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    // A phone keeps the columns that decide what to open: the case, its state, its next deadline.
    const bool wide = !s.narrow;
    if (!ImGui::BeginTable("cases", wide ? 5 : 3, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr(Str::col_case, s.lang));
    if (wide) {
        ImGui::TableSetupColumn(tr(Str::col_category, s.lang));
        ImGui::TableSetupColumn(tr(Str::col_amount, s.lang));
    }
    ImGui::TableSetupColumn(tr(Str::col_state, s.lang));
    ImGui::TableSetupColumn(tr(Str::next_due, s.lang));
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;  // thousands of rows cost only the visible ones
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const Dispute& d = *rows[static_cast<std::size_t>(row)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(d.id));
            const bool selected = s.pane == Pane::detail && s.current && s.current->id == d.id;
            auto seen = s.seen_updates.find(d.id);
            const bool changed = !selected && (seen == s.seen_updates.end() || seen->second < d.updated_at);
            const std::string text = case_number(d.id) + (changed ? "  ●" : "");
            if (ImGui::Selectable(text.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) open_case(s, d.id);
            mark(s, ("cases.row." + std::to_string(d.id)).c_str());
            ImGui::PopID();
            if (wide) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(label(d.category, s.lang));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(format_money(d.amount).c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label(d.state, s.lang));
            ImGui::TableNextColumn();
            const Timestamp due = due_of(s, d.id);
            if (due == 0)
                ImGui::TextColored(kMutedColor, "—");
            else
                ImGui::TextColored(due < now ? kErrorColor : kMutedColor, "%s", format_minutes(due).c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace accord::client
