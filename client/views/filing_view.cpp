// Filing a dispute. The shared validate_filing() runs every frame on the draft, so errors
// appear next to the fields before anything is sent; the server runs the same function again.
#include "accord/filing.hpp"
#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "platform/browser.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

static std::string order_label(const OrderSnapshot& o, Lang lang) {
    std::string label = o.order_ref + "  " + o.item_title + "  " + format_money(o.total);
    if (o.open_dispute_id != 0) label += "  (" + std::string(tr(Str::in_progress, lang)) + " " + case_number(o.open_dispute_id) + ")";
    return label;
}

void draw_filing_view(AppState& s) {
    const float em = ImGui::GetFontSize();
    ImGui::SetWindowFontScale(1.25f);
    ImGui::TextUnformatted(tr(Str::new_dispute, s.lang));
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Separator();
    request_error(s.orders_status);

    const FilingForm form = filing_form(s);
    const OrderSnapshot* order = selected_order(s);
    FieldErrors errors = validate_filing(form, order, s.user->viewer(), browser::now_seconds(), s.filing_rules);
    // The server's verdict wins for fields the local check passed (e.g. the window closed meanwhile).
    for (const FieldError& e : s.filing.server_errors)
        if (!find_error(errors, e.field)) errors.push_back(e);
    // Most errors wait for the first submit (nobody wants red before typing); a problem with the
    // chosen order itself (already disputed, too late) shows as soon as the order is picked.
    auto visible = [&](const FieldError& e) {
        return s.filing.show_errors || e.code == ErrorCode::already_disputed || e.code == ErrorCode::filing_window_closed;
    };
    s.filing.shown_errors.clear();
    for (const FieldError& e : errors)
        if (visible(e)) s.filing.shown_errors.push_back(e);
    auto error_for = [&](const char* field) { return find_error(s.filing.shown_errors, field); };

    ImGui::PushItemWidth(-1);
    ImGui::TextUnformatted(tr(Str::order, s.lang));
    if (s.orders.empty() && !s.orders_status.busy) {
        ImGui::TextColored(kMutedColor, "%s", tr(Str::no_orders, s.lang));
    } else if (ImGui::BeginCombo("##order", order ? order_label(*order, s.lang).c_str() : tr(Str::choose_order, s.lang))) {
        for (std::size_t i = 0; i < s.orders.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::Selectable(order_label(s.orders[i], s.lang).c_str(), static_cast<int>(i) == s.filing.order_index)) {
                s.filing.order_index = static_cast<int>(i);
                // A full refund of the order is the common claim: its total, until the user types another.
                if (!s.filing.amount_typed) {
                    const std::int64_t total = s.orders[i].total.minor;
                    std::snprintf(s.filing.amount, sizeof s.filing.amount, "%lld.%02lld",
                                  static_cast<long long>(total / 100), static_cast<long long>(total % 100));
                }
            }
            mark(s, ("filing.order." + s.orders[i].order_ref).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    mark(s, "filing.order");
    if (order) {
        const std::string delivered = order->delivered_at ? std::string(tr(Str::delivered, s.lang)) + " " +
                                                                format_minutes(order->delivered_at)
                                                          : tr(Str::not_delivered, s.lang);
        ImGui::TextColored(kMutedColor, "%s %s · %s · %s %s", tr(Str::order_total, s.lang),
                           format_money(order->total).c_str(), delivered.c_str(), tr(Str::filing_deadline, s.lang),
                           format_minutes(filing_deadline(*order, form.category, s.filing_rules)).c_str());
    }
    field_error(error_for("order_ref"), s.lang);

    ImGui::TextUnformatted(tr(Str::category, s.lang));
    enum_combo<Category>(s, "##category", "filing.category", s.filing.category);
    ImGui::TextUnformatted(tr(Str::remedy, s.lang));
    enum_combo<Remedy>(s, "##remedy", "filing.remedy", s.filing.remedy);

    ImGui::TextUnformatted(tr(Str::amount_yuan, s.lang));
    if (ImGui::InputText("##amount", s.filing.amount, sizeof s.filing.amount, ImGuiInputTextFlags_CharsDecimal))
        s.filing.amount_typed = true;
    mark(s, "filing.amount");
    field_error(error_for("amount_minor"), s.lang);
    field_error(error_for("currency"), s.lang);

    ImGui::TextUnformatted(tr(Str::description, s.lang));
    ImGui::SameLine();
    ImGui::TextColored(kMutedColor, "(%zu / %d %s)", utf8_length(s.filing.description),
                       s.filing_rules.description_max_chars, tr(Str::count_chars, s.lang));
    ImGui::InputTextMultiline("##description", s.filing.description, sizeof s.filing.description,
                              ImVec2(-1, em * 7.0f));
    mark(s, "filing.description");
    field_error(error_for("description"), s.lang);
    field_error(error_for("channel"), s.lang);
    ImGui::PopItemWidth();

    ImGui::Spacing();
    ImGui::BeginDisabled(s.filing_status.busy);
    if (ImGui::Button(s.filing_status.busy ? tr(Str::submitting, s.lang) : tr(Str::submit, s.lang),
                      ImVec2(em * 8.0f, em * 2.0f))) {
        s.filing.show_errors = true;
        s.filing.server_errors.clear();
        // Only well-formed drafts go to the server; the errors are on screen already.
        if (validate_filing(form, order, s.user->viewer(), browser::now_seconds(), s.filing_rules).empty()) submit_filing(s);
    }
    mark(s, "filing.submit");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::cancel, s.lang), ImVec2(em * 6.0f, em * 2.0f))) {
        s.filing = FilingDraft{};  // cancelling discards the draft
        s.pane = Pane::none;
    }
    mark(s, "filing.cancel");
    if (s.filing.show_errors && !errors.empty()) ImGui::TextColored(kErrorColor, "%s", tr(Str::fix_errors, s.lang));
    request_error(s.filing_status);
}

}  // namespace accord::client
