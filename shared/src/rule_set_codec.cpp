#include "accord/rule_set_codec.hpp"

#include <limits>
#include <utility>

#include "accord/api.hpp"
#include "accord/json_reader.hpp"

namespace accord {

namespace {

using nlohmann::json;

// Every deadline by its wire name, in the order GET /api/v1/rules lists them.
template <typename Rules, typename F>
void each_deadline(Rules& d, F&& f) {
    f("first_response", d.first_response);
    f("triage", d.triage);
    f("info_reply", d.info_reply);
    f("merchant_response", d.merchant_response);
    f("merchant_response_after_sales", d.merchant_response_after_sales);
    f("negotiation", d.negotiation);
    f("proposal_review", d.proposal_review);
    f("consent", d.consent);
    f("appeal_window", d.appeal_window);
    f("return_shipment", d.return_shipment);
    f("merchant_inspection", d.merchant_inspection);
    f("refund", d.refund);
    f("reship", d.reship);
    f("buyer_confirmation", d.buyer_confirmation);
    f("resolution_normal", d.resolution_normal);
    f("resolution_urgent", d.resolution_urgent);
}

template <typename Thresholds, typename F>
void each_sanction(Thresholds& t, F&& f) {
    f("window_days", t.window_days);
    f("restrict_recommendations", t.restrict_recommendations);
    f("restrict_marketing", t.restrict_marketing);
    f("restrict_listings", t.restrict_listings);
    f("blacklist", t.blacklist);
}

void prefix(FieldErrors& out, FieldErrors in, const std::string& path) {
    for (FieldError& e : in) {
        e.field = e.field.empty() ? path : path + "." + e.field;
        out.push_back(std::move(e));
    }
}

// An int member from an integer that may not fit one: out of range rather than truncated.
bool read_int(JsonReader& r, const char* key, int& out, FieldErrors& errors) {
    std::int64_t v = 0;
    if (!r.integer(key, v, /*required=*/false)) return false;
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
        errors.push_back({key, ErrorCode::out_of_range, 0});
        return false;
    }
    out = static_cast<int>(v);
    return true;
}

// Runs `read` on the object under `key` (when present), its errors prefixed with `key`.
template <typename F>
void section(const json& j, const char* key, FieldErrors& errors, F&& read) {
    const auto it = j.find(key);
    if (it == j.end()) return;
    FieldErrors inner;
    if (!it->is_object()) inner.push_back({"", ErrorCode::wrong_type, 0});
    else read(*it, inner);
    prefix(errors, std::move(inner), key);
}

}  // namespace

json encode_rule_set(const RuleSet& r) {
    json deadlines = json::object();
    each_deadline(r.deadlines, [&](const char* name, const Duration& d) {
        deadlines[name] = {{"amount", d.amount}, {"unit", to_key(d.unit)}};
    });
    json points = json::object();
    for (const auto& e : EnumTable<Violation>::entries) points[e.key] = r.penalties.points(e.value);
    json sanctions = json::object();
    each_sanction(r.sanctions, [&](const char* name, const int& v) { sanctions[name] = v; });
    return {{"deadlines", std::move(deadlines)},
            {"filing", api::encode(r.filing)},
            {"auto_grant", {{"enabled", r.auto_grant_enabled}, {"max_minor", r.auto_grant_max_minor}}},
            {"high_value_min_minor", r.high_value_min_minor},
            {"penalties", {{"points", std::move(points)}}},
            {"sanctions", std::move(sanctions)},
            {"approvals",
             {{"manager_threshold_minor", r.approvals.manager_threshold_minor}, {"currency", r.approvals.currency}}}};
}

FieldErrors decode_rule_set(const json& j, RuleSet& out) {
    FieldErrors errors;
    RuleSet r;  // from the defaults, not from `out`: the document is the whole rule set
    JsonReader top(j, errors,
                   {"deadlines", "filing", "auto_grant", "high_value_min_minor", "penalties", "sanctions", "approvals"});
    if (!top.is_object()) return errors;

    section(j, "deadlines", errors, [&](const json& d, FieldErrors& errs) {
        JsonReader names(d, errs,
                         {"first_response", "triage", "info_reply", "merchant_response", "merchant_response_after_sales",
                          "negotiation", "proposal_review", "consent", "appeal_window", "return_shipment",
                          "merchant_inspection", "refund", "reship", "buyer_confirmation", "resolution_normal",
                          "resolution_urgent"});
        each_deadline(r.deadlines, [&](const char* name, Duration& duration) {
            section(d, name, errs, [&](const json& one, FieldErrors& e) {
                // Both halves: an amount alone would silently keep the old unit (24 days, not hours).
                JsonReader reader(one, e, {"amount", "unit"});
                reader.enumeration("unit", duration.unit);
                std::int64_t amount = 0;
                if (reader.integer("amount", amount)) {
                    if (amount < std::numeric_limits<int>::min() || amount > std::numeric_limits<int>::max())
                        e.push_back({"amount", ErrorCode::out_of_range, 0});
                    else
                        duration.amount = static_cast<int>(amount);
                }
            });
        });
    });
    section(j, "filing", errors, [&](const json& f, FieldErrors& errs) {
        // Keys left out keep their defaults; the shared decoder then checks every one.
        json whole = api::encode(r.filing);
        for (auto it = f.begin(); it != f.end(); ++it) whole[it.key()] = it.value();
        errs = api::decode(whole, r.filing);
    });
    section(j, "auto_grant", errors, [&](const json& a, FieldErrors& errs) {
        JsonReader reader(a, errs, {"enabled", "max_minor"});
        reader.boolean("enabled", r.auto_grant_enabled, false);
        reader.integer("max_minor", r.auto_grant_max_minor, false);
    });
    top.integer("high_value_min_minor", r.high_value_min_minor, false);
    section(j, "penalties", errors, [&](const json& p, FieldErrors& errs) {
        JsonReader reader(p, errs, {"points"});
        section(p, "points", errs, [&](const json& pts, FieldErrors& e) {
            for (auto it = pts.begin(); it != pts.end(); ++it) {
                Violation v{};
                if (!from_key(it.key(), v)) {
                    e.push_back({it.key(), ErrorCode::unknown_field, 0});
                    continue;
                }
                if (!it->is_number_integer()) {
                    e.push_back({it.key(), ErrorCode::wrong_type, 0});
                    continue;
                }
                // Range checked here, before narrowing to int; validate() repeats it on the set.
                const auto points = it->is_number_unsigned() && it->get<std::uint64_t>() > 1'000'000
                                        ? std::int64_t{1'000'000}
                                        : it->get<std::int64_t>();
                if (points < 0 || points > PenaltyTable::kMaxPoints) e.push_back({it.key(), ErrorCode::out_of_range, 0});
                else r.penalties.set(v, static_cast<int>(points));
            }
        });
    });
    section(j, "sanctions", errors, [&](const json& s, FieldErrors& errs) {
        JsonReader reader(s, errs,
                          {"window_days", "restrict_recommendations", "restrict_marketing", "restrict_listings",
                           "blacklist"});
        each_sanction(r.sanctions, [&](const char* name, int& v) { read_int(reader, name, v, errs); });
    });
    section(j, "approvals", errors, [&](const json& a, FieldErrors& errs) {
        JsonReader reader(a, errs, {"manager_threshold_minor", "currency"});
        reader.integer("manager_threshold_minor", r.approvals.manager_threshold_minor, false);
        reader.string("currency", r.approvals.currency, false);
    });

    // The rules' own checks, on the whole set, so every problem is reported at once (a value
    // refused above kept its valid default and is not reported twice); their names mapped to
    // where the value sits in the document.
    const std::size_t decoding_errors = errors.size();
    for (FieldError e : validate_rule_set(r)) {
        if (e.field == "auto_grant_max_minor") e.field = "auto_grant.max_minor";
        else if (e.field.rfind("deadlines.", 0) == 0 && e.field.find('.', 10) == std::string::npos)
            e.field += ".amount";
        bool reported = false;
        for (std::size_t i = 0; i < decoding_errors; ++i) reported = reported || errors[i].field == e.field;
        if (!reported) errors.push_back(std::move(e));
    }
    if (errors.empty()) out = std::move(r);
    return errors;
}

}  // namespace accord
