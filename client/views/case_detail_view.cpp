// One case: what was filed, the buyer's contact (redacted for merchants), and its history.
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

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
