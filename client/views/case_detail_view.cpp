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
        // What the deadline is, whose move it is, and what happens when it passes.
        const std::string who = std::string(label(d.kind, s.lang)) + " · " + tr(Str::whose_move, s.lang) + " " +
                                label(d.on, s.lang) + " · " + tr(Str::when_passed, s.lang) + " " +
                                label(d.consequence, s.lang);
        // Wrapped: on a phone the line is longer than the pane is wide.
        ImGui::Bullet();
        if (d.paused) {
            ImGui::TextWrapped("%s  %s %s", who.c_str(), tr(Str::paused, s.lang), format_span(d.remaining, s.lang).c_str());
            continue;
        }
        const std::int64_t left = d.due - now;
        ImGui::TextWrapped("%s  %s %s", who.c_str(), tr(Str::due_at, s.lang), format_minutes(d.due).c_str());
        ImGui::Indent();
        ImGui::TextColored(left >= 0 ? kMutedColor : kErrorColor, "%s %s",
                           tr(left >= 0 ? Str::time_left : Str::overdue_by, s.lang), format_span(left, s.lang).c_str());
        ImGui::Unindent();
    }
}

static std::string terms_text(const Terms& t, Lang lang) {
    std::string out = std::string(label(t.remedy, lang)) + " " + format_money(t.amount);
    if (t.payer != Payer::merchant) out += std::string(" · ") + tr(Str::payer, lang) + " " + label(t.payer, lang);
    if (!t.terms.empty()) out += " · " + t.terms;
    return out;
}

// Where the case stands: what was asked for, offered, proposed, ruled and is being carried out.
static void draw_progress(AppState& s) {
    if (!s.seen) return;
    const Case& c = *s.seen;
    const bool any = !c.info_items.empty() || !c.offers.empty() || c.proposal || c.ruling || !c.plan.empty() ||
                     c.referred_to || !c.closing_summary.empty();
    if (!any) return;
    section(tr(Str::progress_title, s.lang));
    if (!c.info_items.empty()) {
        ImGui::TextUnformatted(tr(Str::info_items, s.lang));
        for (const std::string& item : c.info_items) ImGui::BulletText("%s", item.c_str());
    }
    if (!c.offers.empty()) {
        ImGui::TextUnformatted(tr(Str::offers, s.lang));
        for (const Offer& o : c.offers)
            ImGui::BulletText("#%lld %s · %s · %s", static_cast<long long>(o.seq), label(o.from, s.lang),
                              terms_text(o.terms, s.lang).c_str(), format_minutes(o.at).c_str());
    }
    if (c.proposal) {
        ImGui::Text("%s: %s", tr(Str::proposal, s.lang), terms_text(*c.proposal, s.lang).c_str());
        mark(s, "detail.proposal");
        ImGui::TextColored(kMutedColor, "%s · %s %s · %s %s",
                           tr(c.proposal_approver_id != 0 ? Str::approved : Str::awaiting_review, s.lang),
                           label(Party::buyer, s.lang), c.buyer_consented ? tr(Str::consented, s.lang) : "—",
                           label(Party::merchant, s.lang), c.merchant_consented ? tr(Str::consented, s.lang) : "—");
    }
    if (c.ruling) {
        ImGui::Text("%s: %s · %s", tr(Str::ruling, s.lang), label(c.ruling->liability, s.lang),
                    terms_text(c.ruling->remedy, s.lang).c_str());
        mark(s, "detail.ruling");
        ImGui::TextWrapped("%s: %s", tr(Str::reasoning, s.lang), c.ruling->reasoning.c_str());
        if (c.penalty) ImGui::TextColored(kMutedColor, "%s %d", tr(Str::penalty_points, s.lang), c.penalty->points);
        if (c.appeal_used) ImGui::TextColored(kMutedColor, "%s", tr(Str::appeal_used, s.lang));
    }
    if (!c.plan.empty()) {
        ImGui::TextUnformatted(tr(Str::execution, s.lang));
        for (std::size_t i = 0; i < c.plan.size(); ++i)
            ImGui::BulletText("%s %s", i < c.step ? "✓" : i == c.step ? "→" : " ", label(c.plan[i], s.lang));
    }
    if (!c.return_tracking.empty()) label_value(tr(Str::tracking, s.lang), c.return_tracking);
    if (!c.reship_tracking.empty()) label_value(tr(Str::tracking, s.lang), c.reship_tracking);
    if (c.referred_to) label_value(tr(Str::referred_to, s.lang), label(*c.referred_to, s.lang));
    if (!c.closing_summary.empty()) label_value(tr(Str::closing_summary, s.lang), c.closing_summary);
}

// Every step: when, who (as their relation to the case), what, from which state to which, and why.
static void draw_history(AppState& s) {
    section(tr(Str::history, s.lang));
    for (const CaseEventView& e : s.events) {
        Action action{};
        Relation rel{};
        const char* what = e.action == "file"           ? tr(Str::filed_notice, s.lang)
                           : from_key(e.action, action) ? label(action, s.lang)
                                                        : e.action.c_str();
        const char* who = from_key(e.relation, rel) ? label(rel, s.lang) : "";
        ImGui::BulletText("%s  %s  %s", format_minutes(e.at).c_str(), who, what);
        DisputeState from{}, to{};
        if (from_key(e.from, from) && from_key(e.to, to) && from != to) {
            ImGui::SameLine();
            ImGui::TextColored(kMutedColor, "%s → %s", label(from, s.lang), label(to, s.lang));
        }
        if (!e.reason.empty()) {
            ImGui::Indent();
            ImGui::PushStyleColor(ImGuiCol_Text, kMutedColor);
            ImGui::TextWrapped("%s", e.reason.c_str());
            ImGui::PopStyleColor();
            ImGui::Unindent();
        }
    }
    if (!s.events.empty())
        ImGui::TextColored(s.chain_valid ? kOkColor : kErrorColor, "%s",
                           tr(s.chain_valid ? Str::chain_ok : Str::chain_broken, s.lang));
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
    draw_action_panel(s);  // what the user came to do, first
    section(tr(Str::case_details, s.lang));
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
    // The case's alias beside the (masked) name: what a merchant quotes to name this buyer.
    label_value(tr(Str::buyer, s.lang), d.buyer_alias.empty() ? d.buyer.name : d.buyer.name + "  " + d.buyer_alias);
    mark(s, "detail.buyer");
    label_value(tr(Str::phone, s.lang), d.buyer.phone);
    mark(s, "detail.phone");
    label_value(tr(Str::address, s.lang), d.buyer.address);
    if (d.contact_redacted) ImGui::TextColored(kMutedColor, "%s", tr(Str::redacted_note, s.lang));

    draw_deadlines(s);
    draw_progress(s);
    draw_evidence_view(s);
    draw_messages_view(s);
    draw_history(s);
}

}  // namespace accord::client
