#include "accord/api.hpp"

#include "accord/json_reader.hpp"

namespace accord::api {

using nlohmann::json;

FieldErrors decode(const json& j, LoginRequest& out) {
    FieldErrors errors;
    JsonReader r(j, errors, {"username", "password"});
    if (r.string("username", out.username) && out.username.empty())
        errors.push_back({"username", ErrorCode::required, 0});
    if (r.string("password", out.password) && out.password.empty())
        errors.push_back({"password", ErrorCode::required, 0});
    return errors;
}

json encode(const LoginRequest& r) { return {{"username", r.username}, {"password", r.password}}; }

json encode(const UserInfo& u) {
    return {{"id", u.id},           {"username", u.username},       {"display_name", u.display_name},
            {"role", to_key(u.role)}, {"merchant_id", u.merchant_id}, {"merchant_name", u.merchant_name}};
}

FieldErrors decode(const json& j, UserInfo& out) {
    FieldErrors errors;
    JsonReader r(j, errors, {"id", "username", "display_name", "role", "merchant_id", "merchant_name"});
    r.integer("id", out.id);
    r.string("username", out.username);
    r.string("display_name", out.display_name);
    r.enumeration("role", out.role);
    r.integer("merchant_id", out.merchant_id);
    r.string("merchant_name", out.merchant_name);
    return errors;
}

static json encode(const Money& m) { return {{"minor", m.minor}, {"currency", m.currency}}; }

static void decode_money(JsonReader& parent, const json& j, const char* key, Money& out, FieldErrors& errors) {
    if (!parent.has(key)) {
        errors.push_back({key, ErrorCode::required, 0});
        return;
    }
    const std::size_t from = errors.size();
    JsonReader r(j.at(key), errors, {"minor", "currency"});
    r.integer("minor", out.minor);
    r.string("currency", out.currency);
    for (std::size_t i = from; i < errors.size(); ++i)  // named by path: "amount.minor"
        errors[i].field = errors[i].field.empty() ? key : std::string(key) + "." + errors[i].field;
}

json encode(const OrderSnapshot& o) {
    return {{"order_ref", o.order_ref},       {"buyer_id", o.buyer_id},     {"merchant_id", o.merchant_id},
            {"merchant_name", o.merchant_name}, {"item_title", o.item_title}, {"total", encode(o.total)},
            {"placed_at", o.placed_at},       {"delivered_at", o.delivered_at}, {"open_dispute_id", o.open_dispute_id}};
}

FieldErrors decode(const json& j, OrderSnapshot& out) {
    FieldErrors errors;
    JsonReader r(j, errors,
                 {"order_ref", "buyer_id", "merchant_id", "merchant_name", "item_title", "total", "placed_at",
                  "delivered_at", "open_dispute_id"});
    r.string("order_ref", out.order_ref);
    r.integer("buyer_id", out.buyer_id);
    r.integer("merchant_id", out.merchant_id);
    r.string("merchant_name", out.merchant_name);
    r.string("item_title", out.item_title);
    decode_money(r, j, "total", out.total, errors);
    r.integer("placed_at", out.placed_at);
    r.integer("delivered_at", out.delivered_at);
    r.integer("open_dispute_id", out.open_dispute_id, /*required=*/false);
    return errors;
}

json encode(const FilingForm& f) {
    return {{"kind", to_key(f.kind)},       {"order_ref", f.order_ref},     {"category", to_key(f.category)},
            {"requested_remedy", to_key(f.requested_remedy)}, {"amount_minor", f.amount_minor},
            {"currency", f.currency},       {"description", f.description},
            {"channel", to_key(f.channel)}};
}

FieldErrors decode(const json& j, FilingForm& out) {
    FieldErrors errors;
    JsonReader r(j, errors,
                 {"kind", "order_ref", "category", "requested_remedy", "amount_minor", "currency", "description",
                  "channel"});
    if (!r.is_object()) return errors;
    r.enumeration("kind", out.kind, /*required=*/false);  // buyer_vs_merchant unless stated
    // A case against the platform has no order; whether one is needed is validate_filing()'s to say.
    r.string("order_ref", out.order_ref, /*required=*/out.kind != CaseKind::merchant_vs_platform);
    r.enumeration("category", out.category);
    r.enumeration("requested_remedy", out.requested_remedy);
    r.integer("amount_minor", out.amount_minor);
    r.string("currency", out.currency, /*required=*/false);
    r.string("description", out.description);
    r.enumeration("channel", out.channel, /*required=*/false);
    return errors;
}

json encode(const Dispute& d) {
    json j = {{"id", d.id},
              {"case_number", case_number(d.id)},
              {"kind", to_key(d.kind)},
              {"order_ref", d.order_ref},
              {"buyer_id", d.buyer_id},
              {"buyer", {{"name", d.buyer.name}, {"phone", d.buyer.phone}, {"address", d.buyer.address}}},
              {"contact_redacted", d.contact_redacted},
              {"merchant_id", d.merchant_id},
              {"merchant_name", d.merchant_name},
              {"category", to_key(d.category)},
              {"requested_remedy", to_key(d.requested_remedy)},
              {"amount", encode(d.amount)},
              {"description", d.description},
              {"channel", to_key(d.channel)},
              {"state", to_key(d.state)},
              {"created_at", d.created_at},
              {"updated_at", d.updated_at}};
    if (!d.buyer_alias.empty()) j["buyer_alias"] = d.buyer_alias;  // only in what is shown
    return j;
}

FieldErrors decode(const json& j, Dispute& out) {
    FieldErrors errors;
    JsonReader r(j, errors,
                 {"id", "case_number", "kind", "order_ref", "buyer_id", "buyer", "contact_redacted", "merchant_id",
                  "merchant_name", "category", "requested_remedy", "amount", "description", "channel", "state",
                  "created_at", "updated_at", "buyer_alias"});
    if (!r.is_object()) return errors;
    r.integer("id", out.id);
    r.enumeration("kind", out.kind, /*required=*/false);  // documents from before merchant filing: a buyer's case
    r.string("order_ref", out.order_ref);
    r.integer("buyer_id", out.buyer_id);
    if (r.has("buyer")) {
        JsonReader b(j.at("buyer"), errors, {"name", "phone", "address"});
        b.string("name", out.buyer.name);
        b.string("phone", out.buyer.phone);
        b.string("address", out.buyer.address);
    } else {
        errors.push_back({"buyer", ErrorCode::required, 0});
    }
    r.boolean("contact_redacted", out.contact_redacted);
    r.integer("merchant_id", out.merchant_id);
    r.string("merchant_name", out.merchant_name);
    r.enumeration("category", out.category);
    r.enumeration("requested_remedy", out.requested_remedy);
    decode_money(r, j, "amount", out.amount, errors);
    r.string("description", out.description);
    r.enumeration("channel", out.channel);
    r.enumeration("state", out.state);
    r.integer("created_at", out.created_at);
    r.integer("updated_at", out.updated_at);
    r.string("buyer_alias", out.buyer_alias, /*required=*/false);
    return errors;
}

static json detail(const FieldError& e, Lang lang) {
    // `limit` travels too: a client re-rendering the detail in its own language needs it.
    return {{"field", e.field}, {"code", to_key(e.code)}, {"message", field_error_message(e, lang)}, {"limit", e.limit}};
}

json error_body(ErrorCode code, Lang lang, const std::string& field) {
    std::string message = error_text(code, lang);
    if (!field.empty()) message = field_error_message({field, code, 0}, lang);
    return {{"error", {{"code", to_key(code)}, {"message", message}, {"field", field}}}};
}

json encode(const FilingRules& r) {
    return {{"description_min_chars", r.description_min_chars},
            {"description_max_chars", r.description_max_chars},
            {"order_ref_max_chars", r.order_ref_max_chars},
            {"filing_window_days", r.filing_window_days},
            {"not_received_window_days", r.not_received_window_days},
            {"no_order_amount_max_minor", r.no_order_amount_max_minor}};
}

FieldErrors decode(const json& j, FilingRules& out) {
    FieldErrors errors;
    JsonReader r(j, errors,
                 {"description_min_chars", "description_max_chars", "order_ref_max_chars", "filing_window_days",
                  "not_received_window_days", "no_order_amount_max_minor"});
    auto small = [&](const char* key, int& field) {
        std::int64_t v = 0;
        if (!r.integer(key, v)) return;
        if (v < 0 || v > 1'000'000) errors.push_back({key, ErrorCode::out_of_range, 0});
        else field = static_cast<int>(v);
    };
    small("description_min_chars", out.description_min_chars);
    small("description_max_chars", out.description_max_chars);
    small("order_ref_max_chars", out.order_ref_max_chars);
    small("filing_window_days", out.filing_window_days);
    small("not_received_window_days", out.not_received_window_days);
    if (r.integer("no_order_amount_max_minor", out.no_order_amount_max_minor) && out.no_order_amount_max_minor <= 0)
        errors.push_back({"no_order_amount_max_minor", ErrorCode::must_be_positive, 0});
    if (errors.empty() && out.description_min_chars > out.description_max_chars)
        errors.push_back({"description_min_chars", ErrorCode::not_ascending, 0});
    return errors;
}

json error_body(const FieldErrors& errors, Lang lang) {
    if (errors.empty()) return error_body(ErrorCode::internal, lang);
    json body = {{"error", detail(errors.front(), lang)}};
    json details = json::array();
    for (const auto& e : errors) details.push_back(detail(e, lang));
    body["error"]["details"] = std::move(details);
    return body;
}

ApiError decode_error(const std::string& body, const std::string& fallback) {
    ApiError out{"", fallback, "", {}};
    const json j = parse_json(body);
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return out;
    const json& e = j["error"];
    if (e.contains("code") && e["code"].is_string()) out.code = e["code"].get<std::string>();
    if (e.contains("message") && e["message"].is_string()) out.message = e["message"].get<std::string>();
    if (e.contains("field") && e["field"].is_string()) out.field = e["field"].get<std::string>();
    if (e.contains("details") && e["details"].is_array()) {
        for (const auto& d : e["details"]) {
            if (!d.is_object() || !d.contains("field") || !d.contains("code")) continue;
            if (!d["field"].is_string() || !d["code"].is_string()) continue;
            FieldError fe;
            fe.field = d["field"].get<std::string>();
            if (d.contains("limit") && d["limit"].is_number_integer()) fe.limit = d["limit"].get<std::int64_t>();
            if (from_key(d["code"].get<std::string>(), fe.code)) out.details.push_back(fe);
        }
    }
    return out;
}

}  // namespace accord::api
