// The case's evidence: what is on file (download), uploads under way (progress, cancel, the server's refusal),
// and the budget left, as the server states it, before the user chooses a file.
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "platform/uploads.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

static std::string size_text(double bytes) {
    char buf[32];
    if (bytes >= 1024.0 * 1024.0)
        std::snprintf(buf, sizeof buf, "%.1f MB", bytes / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.0f KB", bytes / 1024.0 < 1 ? 1 : bytes / 1024.0);
    return buf;
}

void draw_evidence_view(AppState& s) {
    section(tr(Str::evidence, s.lang));
    request_error(s.evidence_status);
    if (s.evidence.empty()) muted_wrapped(tr(Str::no_evidence, s.lang));
    for (const EvidenceView& e : s.evidence) {
        ImGui::PushID(static_cast<int>(e.id));
        if (ImGui::SmallButton(tr(Str::download, s.lang))) browser::download(e.download);
        mark(s, ("evidence.download." + std::to_string(e.id)).c_str());
        ImGui::SameLine();
        ImGui::Text("#%lld %s", static_cast<long long>(e.id), e.file_name.c_str());
        ImGui::SameLine();
        ImGui::TextColored(kMutedColor, "%s · %s · %s", e.media_type.c_str(),
                           size_text(static_cast<double>(e.size_bytes)).c_str(), format_minutes(e.at).c_str());
        mark(s, ("evidence.item." + std::to_string(e.id)).c_str());
        ImGui::PopID();
    }
    for (UploadView& u : s.uploads) {
        if (!s.current || u.case_id != s.current->id) continue;
        ImGui::PushID(u.id);
        ImGui::TextUnformatted(u.file_name.c_str());
        if (!u.error.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kErrorColor, "%s: %s", tr(Str::upload_failed, s.lang), u.error.c_str());
            mark(s, "evidence.upload_error");
            ImGui::SameLine();
            if (ImGui::SmallButton("×")) u.case_id = 0;  // dismissed: no longer shown
        } else {
            const float fraction = u.total > 0 ? static_cast<float>(u.loaded / u.total) : 0.0f;
            const std::string overlay =
                std::string(tr(Str::uploading, s.lang)) + " " + size_text(u.loaded) + " / " + size_text(u.total);
            ImGui::ProgressBar(fraction, ImVec2(ImGui::GetFontSize() * 16.0f, 0), overlay.c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton(tr(Str::cancel, s.lang))) browser::cancel_upload(u.id);
            mark(s, "evidence.upload_cancel");
        }
        ImGui::PopID();
    }
    if (!s.seen || !s.user) return;
    const Actor actor{s.user->viewer(), false, ApprovalLevel::team_lead};
    if (!may_upload_evidence(*s.seen, actor)) return;
    if (s.evidence_remaining >= 0) {
        char budget[160];
        std::snprintf(budget, sizeof budget, tr(Str::evidence_budget, s.lang),
                      size_text(static_cast<double>(s.evidence_max_file)).c_str(),
                      size_text(static_cast<double>(s.evidence_remaining)).c_str());
        muted_wrapped(budget);
    }
    if (ImGui::Button(tr(Str::upload, s.lang))) browser::pick_files();
    mark(s, "evidence.upload");
    ImGui::SameLine();
    ImGui::TextColored(kMutedColor, "%s", tr(Str::drop_hint, s.lang));
}

}  // namespace accord::client
