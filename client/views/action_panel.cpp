// What the user can do on the open case: one button per action the server offers (available_actions), and
// the form of the chosen one. The form shows the fields action_shape() names for it — one editor per payload
// key, below — runs the shared check_payload() before sending, and shows the server's field errors beside the
// fields. No rule is restated here: limits and permissions come from the model and the server.
#include <algorithm>
#include <cstring>

#include "api_client.hpp"
#include "i18n/strings.hpp"
#include "views/views.hpp"
#include "views/widgets.hpp"

namespace accord::client {

namespace {

struct FormContext {
    AppState& s;
    ActionDraft& d;
    const Case& c;
    const FieldErrors& errors;
    const FieldError* error(const char* field) const { return find_error(errors, field); }
    void show(const char* field) const { field_error(error(field), s.lang); }
};

void text_input(FormContext& f, const char* label_text, const char* id, char* buf, std::size_t size,
                bool multiline = false, ImGuiInputTextFlags flags = 0) {
    ImGui::TextUnformatted(label_text);
    const std::string imgui_id = std::string("##") + id;
    if (multiline)
        ImGui::InputTextMultiline(imgui_id.c_str(), buf, size, ImVec2(-1, ImGui::GetFontSize() * 4.5f), flags);
    else
        ImGui::InputText(imgui_id.c_str(), buf, size, flags);
    mark(f.s, (std::string("action.") + id).c_str());
}

// Terms: remedy, amount, who pays (and the platform's share when shared), the wording. `prefix` is the wire's
// ("terms" or "ruling.remedy"), for the errors and the test names.
void terms_editor(FormContext& f, TermsDraft& t, const std::string& prefix) {
    const Lang lang = f.s.lang;
    auto field = [&](const char* key) { return prefix + "." + key; };
    ImGui::TextUnformatted(tr(Str::remedy, lang));
    enum_combo<Remedy>(f.s, ("##" + field("remedy")).c_str(), ("action." + field("remedy")).c_str(), t.remedy);
    text_input(f, tr(Str::amount_yuan, lang), field("amount").c_str(), t.amount, sizeof t.amount, false,
               ImGuiInputTextFlags_CharsDecimal);
    if (f.c.order_total.minor > 0)
        ImGui::TextColored(kMutedColor, "%s %s", tr(Str::order_total, lang), format_money(f.c.order_total).c_str());
    f.show(field("amount_minor").c_str());
    ImGui::TextUnformatted(tr(Str::payer, lang));
    enum_combo<Payer>(f.s, ("##" + field("payer")).c_str(), ("action." + field("payer")).c_str(), t.payer);
    if (static_cast<Payer>(t.payer) == Payer::shared)
        text_input(f, tr(Str::platform_share, lang), field("platform_amount").c_str(), t.platform_amount,
                   sizeof t.platform_amount, false, ImGuiInputTextFlags_CharsDecimal);
    f.show(field("platform_amount").c_str());
    f.show(field("platform_amount_minor").c_str());
    text_input(f, tr(Str::terms_text, lang), field("terms").c_str(), t.text, sizeof t.text, true);
    f.show(field("terms").c_str());
}

void staff_picker(FormContext& f, Role role) {
    load_staff(f.s, role);
    const auto& list = f.s.staff[static_cast<int>(role)];
    const bool self_allowed = f.s.user->role == role;  // a mediator or arbitrator takes the case themselves
    std::string preview = f.d.assignee_id == 0 ? (self_allowed ? tr(Str::myself, f.s.lang) : "") : "";
    for (const StaffMember& m : list)
        if (m.id == f.d.assignee_id) preview = m.display_name;
    ImGui::TextUnformatted(tr(Str::assignee, f.s.lang));
    if (ImGui::BeginCombo("##assignee", preview.c_str())) {
        if (self_allowed && ImGui::Selectable(tr(Str::myself, f.s.lang), f.d.assignee_id == 0)) f.d.assignee_id = 0;
        for (const StaffMember& m : list) {
            ImGui::PushID(static_cast<int>(m.id));
            if (ImGui::Selectable(m.display_name.c_str(), m.id == f.d.assignee_id)) f.d.assignee_id = m.id;
            mark(f.s, ("action.assignee." + std::to_string(m.id)).c_str());
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    mark(f.s, "action.assignee");
    f.show("assignee_id");
}

std::string evidence_name(const AppState& s, std::int64_t id) {
    for (const EvidenceView& e : s.evidence)
        if (e.id == id) return e.file_name;
    return "#" + std::to_string(id);
}

// One editor per payload key (the wire's names, as action_shape() lists them).
void draw_key(FormContext& f, const std::string& key) {
    const Lang lang = f.s.lang;
    ActionDraft& d = f.d;
    if (key == "triage") {
        ImGui::TextUnformatted(tr(Str::category, lang));
        int category = static_cast<int>(d.triage.category), priority = static_cast<int>(d.triage.priority),
            queue = static_cast<int>(d.triage.queue), cause = static_cast<int>(d.triage.root_cause);
        enum_combo<Category>(f.s, "##triage.category", "action.triage.category", category);
        ImGui::TextUnformatted(tr(Str::priority, lang));
        enum_combo<Priority>(f.s, "##triage.priority", "action.triage.priority", priority);
        ImGui::TextUnformatted(tr(Str::queue, lang));
        enum_combo<Queue>(f.s, "##triage.queue", "action.triage.queue", queue);
        ImGui::TextUnformatted(tr(Str::root_cause, lang));
        enum_combo<RootCause>(f.s, "##triage.root_cause", "action.triage.root_cause", cause);
        d.triage.category = static_cast<Category>(category);
        d.triage.priority = static_cast<Priority>(priority);
        d.triage.queue = static_cast<Queue>(queue);
        d.triage.root_cause = static_cast<RootCause>(cause);
        ImGui::Checkbox(tr(Str::personal_safety, lang), &d.triage.personal_safety);
        mark(f.s, "action.triage.personal_safety");
        for (const FieldError& e : f.errors)
            if (e.field.rfind("triage.", 0) == 0) field_error(&e, lang);
    } else if (key == "items") {
        text_input(f, tr(Str::items, lang), "items", d.items, sizeof d.items, true);
        for (const FieldError& e : f.errors)
            if (e.field.rfind("items", 0) == 0) field_error(&e, lang);
    } else if (key == "evidence_ids") {
        ImGui::TextUnformatted(tr(Str::contest_evidence, lang));
        if (f.c.evidence_ids.empty()) ImGui::TextColored(kMutedColor, "%s", tr(Str::no_evidence, lang));
        for (std::int64_t id : f.c.evidence_ids) {
            bool on = d.evidence_ids.count(id) > 0;
            ImGui::PushID(static_cast<int>(id));
            if (ImGui::Checkbox(evidence_name(f.s, id).c_str(), &on)) {
                if (on)
                    d.evidence_ids.insert(id);
                else
                    d.evidence_ids.erase(id);
            }
            mark(f.s, ("action.evidence." + std::to_string(id)).c_str());
            ImGui::PopID();
        }
        f.show("evidence_ids");
    } else if (key == "terms") {
        terms_editor(f, d.terms, "terms");
    } else if (key == "offer_seq") {
        ImGui::TextUnformatted(tr(Str::latest_offer, lang));
        for (const Offer& o : f.c.offers)
            if (o.seq == d.offer_seq)
                ImGui::TextWrapped("#%lld %s · %s %s %s", static_cast<long long>(o.seq), label(o.from, lang),
                                   label(o.terms.remedy, lang), format_money(o.terms.amount).c_str(),
                                   o.terms.terms.c_str());
        f.show("offer_seq");
    } else if (key == "assignee_id") {
        staff_picker(f, d.action == Action::assign_arbitrator ? Role::arbitrator : Role::mediator);
    } else if (key == "assessment") {
        ImGui::TextUnformatted(tr(Str::evidence_item, lang));
        if (ImGui::BeginCombo("##assessment.evidence", evidence_name(f.s, d.assessment.evidence_id).c_str())) {
            for (std::int64_t id : f.c.evidence_ids) {
                ImGui::PushID(static_cast<int>(id));
                if (ImGui::Selectable(evidence_name(f.s, id).c_str(), id == d.assessment.evidence_id))
                    d.assessment.evidence_id = id;
                mark(f.s, ("action.assessment.evidence." + std::to_string(id)).c_str());
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        mark(f.s, "action.assessment.evidence");
        f.show("assessment.evidence_id");
        int a = static_cast<int>(d.assessment.authenticity), r = static_cast<int>(d.assessment.relevance),
            l = static_cast<int>(d.assessment.legality);
        ImGui::TextUnformatted(tr(Str::authenticity, lang));
        enum_combo<Finding>(f.s, "##assessment.authenticity", "action.assessment.authenticity", a);
        ImGui::TextUnformatted(tr(Str::relevance, lang));
        enum_combo<Finding>(f.s, "##assessment.relevance", "action.assessment.relevance", r);
        ImGui::TextUnformatted(tr(Str::legality, lang));
        enum_combo<Finding>(f.s, "##assessment.legality", "action.assessment.legality", l);
        d.assessment.authenticity = static_cast<Finding>(a);
        d.assessment.relevance = static_cast<Finding>(r);
        d.assessment.legality = static_cast<Finding>(l);
        text_input(f, tr(Str::note, lang), "assessment.note", d.assessment_note, sizeof d.assessment_note, true);
        f.show("assessment.note");
    } else if (key == "inspection") {
        text_input(f, tr(Str::inspection_what, lang), "inspection.what", d.inspection_what, sizeof d.inspection_what);
        f.show("inspection.what");
        int payer = static_cast<int>(d.inspection.payer);
        ImGui::TextUnformatted(tr(Str::payer, lang));
        enum_combo<Party>(f.s, "##inspection.payer", "action.inspection.payer", payer);
        d.inspection.payer = static_cast<Party>(payer);
    } else if (key == "ruling") {
        ImGui::TextUnformatted(tr(Str::liability, lang));
        enum_combo<Liability>(f.s, "##ruling.liability", "action.ruling.liability", d.liability);
        f.show("ruling.liability");
        terms_editor(f, d.ruling_remedy, "ruling.remedy");
        text_input(f, tr(Str::reasoning, lang), "ruling.reasoning", d.reasoning, sizeof d.reasoning, true);
        f.show("ruling.reasoning");
        ImGui::TextUnformatted(tr(Str::violation, lang));
        const char* preview = d.violation < 0 ? tr(Str::none, lang) : label(static_cast<Violation>(d.violation), lang);
        if (ImGui::BeginCombo("##ruling.violation", preview)) {
            if (ImGui::Selectable(tr(Str::none, lang), d.violation < 0)) d.violation = -1;
            for (const auto& e : EnumTable<Violation>::entries)
                if (ImGui::Selectable(lang == Lang::zh_CN ? e.zh : e.en, d.violation == static_cast<int>(e.value)))
                    d.violation = static_cast<int>(e.value);
            ImGui::EndCombo();
        }
        mark(f.s, "action.ruling.violation");
        ImGui::Checkbox(tr(Str::force_majeure, lang), &d.force_majeure);
        f.show("ruling.violation");
    } else if (key == "tracking_number") {
        if (step_needs_tracking(current_step(f.c))) {
            text_input(f, tr(Str::tracking, lang), "tracking_number", d.tracking_number, sizeof d.tracking_number);
            f.show("tracking_number");
        }
    } else if (key == "inspection_passed") {
        if (current_step(f.c) == ExecutionStep::merchant_inspection) {
            ImGui::Checkbox(tr(Str::inspection_passed, lang), &d.inspection_passed);
            mark(f.s, "action.inspection_passed");
        }
    } else if (key == "external") {
        ImGui::TextUnformatted(tr(Str::external_body, lang));
        enum_combo<ExternalBody>(f.s, "##external", "action.external", d.external);
    } else if (key == "rating") {
        ImGui::TextUnformatted(tr(Str::score, lang));
        ImGui::SliderInt("##rating.score", &d.score, 1, 5);
        mark(f.s, "action.rating.score");
        f.show("rating.score");
        text_input(f, tr(Str::comment, lang), "rating.comment", d.rating_comment, sizeof d.rating_comment, true);
        f.show("rating.comment");
    } else {
        // A key the model added that this client has no editor for yet: say so rather than send without it.
        ImGui::TextColored(kErrorColor, "%s", key.c_str());
    }
}

}  // namespace

void draw_action_panel(AppState& s) {
    if (!s.seen || !s.user) return;
    section(tr(Str::actions_title, s.lang));
    const bool offered = std::find(s.actions.begin(), s.actions.end(), s.action.action) != s.actions.end();
    if (s.actions.empty() && !s.action.open) {
        muted_wrapped(tr(Str::nothing_to_do, s.lang));
        return;
    }
    for (Action a : s.actions) {
        const bool chosen = s.action.open && s.action.action == a;
        if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(label(a, s.lang))) {
            s.action = chosen ? ActionDraft{} : start_draft(a, *s.seen);
            s.action_status = {};
        }
        if (chosen) ImGui::PopStyleColor();
        mark(s, (std::string("action.") + to_key(a)).c_str());
        // Wrap the buttons like words in a line.
        const float next = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + ImGui::GetFontSize() * 6.0f;
        if (a != s.actions.back() && next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();
    }
    s.action_shown_errors.clear();
    if (!s.action.open) return;

    // The shared checks on what is typed, once the user tried to send; the server's verdict for the rest.
    FieldErrors errors = s.action.show_errors ? action_errors(s) : FieldErrors{};
    for (const FieldError& e : s.action.server_errors)
        if (!find_error(errors, e.field)) errors.push_back(e);
    s.action_shown_errors = errors;
    FormContext f{s, s.action, *s.seen, errors};

    ImGui::Spacing();
    ImGui::PushItemWidth(-1);
    const ActionShape shape = action_shape(s.action.action);
    for (const std::string& key : shape.keys) draw_key(f, key);
    text_input(f, tr(shape.reason_required ? Str::reason_required : Str::reason_optional, s.lang), "reason",
               s.action.reason, sizeof s.action.reason, true);
    f.show("reason");
    ImGui::PopItemWidth();

    const float em = ImGui::GetFontSize();
    ImGui::BeginDisabled(s.action_status.busy || !offered);
    // "###submit": the button is labelled like the action's own button above, but must not share its ID.
    const std::string submit =
        std::string(s.action_status.busy ? tr(Str::submitting, s.lang) : label(s.action.action, s.lang)) + "###submit";
    if (ImGui::Button(submit.c_str(), ImVec2(0, em * 2.0f))) submit_action(s);
    mark(s, "action.submit");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::cancel, s.lang), ImVec2(em * 6.0f, em * 2.0f))) s.action = ActionDraft{};
    mark(s, "action.cancel");
    if (!errors.empty()) ImGui::TextColored(kErrorColor, "%s", tr(Str::fix_errors, s.lang));
    request_error(s.action_status);
}

}  // namespace accord::client
