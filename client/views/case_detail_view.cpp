// One case: what was filed, the buyer's contact (redacted for merchants), and its history.
#include "i18n/strings.hpp"
#include "platform/browser.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

// "1天 03:25:09" / "1d 03:25:09" ("03:25:09" under a day): a countdown that ticks every second.
static std::string format_span(std::int64_t seconds, Lang lang) {
    if (seconds < 0) seconds = -seconds;
    char buf[48];
    const std::int64_t days = seconds / kSecondsPerDay, rest = seconds % kSecondsPerDay;
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
    return days > 0 ? std::to_string(days) + tr(Str::days, lang) + " " + buf : std::string(buf);
}

static void draw_deadlines(AppState& s) {
    if (s.deadlines.empty()) return;
    section(tr(Str::deadlines, s.lang));
    const Timestamp now = browser::now_seconds() + s.server_clock_offset;  // the server's clock decides
    for (const Deadline& d : s.deadlines) {
        const std::string who = std::string(label(d.kind, s.lang)) + " · " + label(d.on, s.lang);
        if (d.paused) {
            ImGui::BulletText("%s  %s %s", who.c_str(), tr(Str::paused, s.lang), format_span(d.remaining, s.lang).c_str());
            continue;
        }
        const std::int64_t left = d.due - now;
        ImGui::BulletText("%s  %s %s", who.c_str(), tr(Str::due_at, s.lang), format_minutes(d.due).c_str());
        ImGui::SameLine();
        ImGui::TextColored(left >= 0 ? kMutedColor : kErrorColor, "%s %s",
                           tr(left >= 0 ? Str::time_left : Str::overdue_by, s.lang), format_span(left, s.lang).c_str());
    }
}

void draw_case_detail_view(AppState& s) {
    if (!s.notice.empty()) ImGui::TextColored(kOkColor, "%s", s.notice.c_str());
    request_error(s.detail_status);
    if (!s.current) {
        if (s.detail_status.busy) ImGui::TextColored(kMutedColor, "%s", tr(Str::loading, s.lang));
        return;
    }
    const Dispute& d = *s.current;
    ImGui::SetWindowFontScale(1.25f);
    ImGui::Text("%s  %s", case_number(d.id).c_str(), label(d.state, s.lang));
    ImGui::SetWindowFontScale(1.0f);
    mark(s, "detail.title");
    ImGui::Separator();
    label_value(tr(Str::col_order, s.lang), d.order_ref);
    label_value(tr(Str::col_merchant, s.lang), d.merchant_name);
    label_value(tr(Str::col_category, s.lang), label(d.category, s.lang));
    label_value(tr(Str::remedy, s.lang), label(d.requested_remedy, s.lang));
    label_value(tr(Str::col_amount, s.lang), format_money(d.amount));
    label_value(tr(Str::channel, s.lang), label(d.channel, s.lang));
    label_value(tr(Str::col_created, s.lang), format_minutes(d.created_at));
    label_value(tr(Str::description, s.lang), d.description);
    mark(s, "detail.description");
    ImGui::Spacing();
    section(tr(Str::buyer, s.lang));
    label_value(tr(Str::buyer, s.lang), d.buyer.name);
    label_value(tr(Str::phone, s.lang), d.buyer.phone);
    mark(s, "detail.phone");
    label_value(tr(Str::address, s.lang), d.buyer.address);
    if (d.contact_redacted) ImGui::TextColored(kMutedColor, "%s", tr(Str::redacted_note, s.lang));

    draw_deadlines(s);
    ImGui::Spacing();
    section(tr(Str::history, s.lang));
    for (const CaseEventView& e : s.events)
        ImGui::BulletText("%s  %s", format_minutes(e.at).c_str(),
                          e.action == "file" ? tr(Str::filed_notice, s.lang) : e.action.c_str());
    if (!s.events.empty())
        ImGui::TextColored(s.chain_valid ? kOkColor : kErrorColor, "%s",
                           tr(s.chain_valid ? Str::chain_ok : Str::chain_broken, s.lang));
}

}  // namespace accord::client
