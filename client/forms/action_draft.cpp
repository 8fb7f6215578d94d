#include "forms/action_draft.hpp"

#include <cstring>
#include <sstream>

#include "accord/money.hpp"

namespace accord::client {

namespace {

template <std::size_t N>
void copy(char (&dest)[N], const std::string& text) {
    std::strncpy(dest, text.c_str(), N - 1);
    dest[N - 1] = '\0';
}

std::string yuan(std::int64_t minor) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(minor / 100),
                  static_cast<long long>(minor % 100));
    return buf;
}

void fill_terms(TermsDraft& t, const Terms& from) {
    t.remedy = static_cast<int>(from.remedy);
    copy(t.amount, yuan(from.amount.minor));
    t.payer = static_cast<int>(from.payer);
    copy(t.platform_amount, from.platform_amount.minor > 0 ? yuan(from.platform_amount.minor) : "");
    copy(t.text, from.terms);
}

Terms terms_of(const TermsDraft& t, const std::string& currency) {
    Terms out;
    out.remedy = static_cast<Remedy>(t.remedy);
    std::int64_t minor = 0;
    out.amount = {parse_amount(t.amount, minor) ? minor : 0, currency};
    out.payer = static_cast<Payer>(t.payer);
    std::int64_t share = 0;
    // As on the wire: the payer alone decides the platform's share unless the cost is shared.
    if (out.payer == Payer::shared)
        share = parse_amount(t.platform_amount, share) ? share : 0;
    else
        share = out.payer == Payer::platform ? out.amount.minor : 0;
    out.platform_amount = {share, currency};
    out.terms = t.text;
    return out;
}

std::vector<std::string> lines(const char* text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(line);
    }
    return out;
}

}  // namespace

ActionDraft start_draft(Action action, const Case& c) {
    ActionDraft d;
    d.open = true;
    d.action = action;
    d.triage = c.triage;
    d.triage.category = c.dispute.category;
    // What is on the table: the latest offer, else the claim itself.
    const Terms claim{
        c.dispute.requested_remedy, c.dispute.amount, "", Payer::merchant, {0, c.dispute.amount.currency}};
    fill_terms(d.terms, c.offers.empty() ? claim : c.offers.back().terms);
    fill_terms(d.ruling_remedy, c.proposal ? *c.proposal : claim);
    if (!c.offers.empty()) d.offer_seq = c.offers.back().seq;
    if (!c.evidence_ids.empty()) d.assessment.evidence_id = c.evidence_ids.front();
    return d;
}

ActionRequest to_request(const ActionDraft& d, const Case& c, const Actor& actor, Timestamp now) {
    const std::string currency = c.order_total.currency.empty() ? c.dispute.amount.currency : c.order_total.currency;
    ActionRequest r;
    r.action = d.action;
    r.actor = actor;
    r.at = now;
    r.reason = d.reason;
    r.triage = d.triage;
    r.items = lines(d.items);
    r.evidence_ids.assign(d.evidence_ids.begin(), d.evidence_ids.end());
    r.terms = terms_of(d.terms, currency);
    r.target = d.action == Action::accept_offer ? d.offer_seq : d.assignee_id;
    r.assessment = d.assessment;
    r.assessment.note = d.assessment_note;
    r.inspection = d.inspection;
    r.inspection.what = d.inspection_what;
    r.ruling.liability = static_cast<Liability>(d.liability);
    r.ruling.remedy = terms_of(d.ruling_remedy, currency);
    r.ruling.reasoning = d.reasoning;
    if (d.violation >= 0) r.ruling.violation = static_cast<Violation>(d.violation);
    r.ruling.force_majeure = d.force_majeure;
    r.tracking_number = d.tracking_number;
    r.inspection_passed = d.inspection_passed;
    r.external = static_cast<ExternalBody>(d.external);
    r.rating.score = d.score;
    r.rating.comment = d.rating_comment;
    return r;
}

}  // namespace accord::client
