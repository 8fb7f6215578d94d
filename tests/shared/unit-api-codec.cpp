// The JSON wire format shared by server and client.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "accord/api.hpp"
#include "accord/json_reader.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;
using nlohmann::json;

namespace {

FilingForm sample_form() {
    FilingForm f;
    f.order_ref = "TB-20261123-0001";
    f.category = Category::counterfeit;
    f.requested_remedy = Remedy::partial_refund;
    f.amount_minor = 12345;
    f.currency = "USD";
    f.description = "收到的是假货，包装和正品不一样";
    f.channel = Channel::hotline;
    return f;
}

json form_body() {
    return json{{"order_ref", "TB-1"},
                {"category", "quality_defect"},
                {"requested_remedy", "return_and_refund"},
                {"amount_minor", 89900},
                {"currency", "CNY"},
                {"description", "耳机左边没有声音，要求退货退款"},
                {"channel", "app"}};
}

Dispute sample_dispute() {
    Dispute d;
    d.id = 42;
    d.order_ref = "TB-1";
    d.buyer_id = 7;
    d.buyer = {"张*", "138****5678", "上海市****"};
    d.merchant_id = 3;
    d.merchant_name = "声学旗舰店";
    d.category = Category::not_as_described;
    d.requested_remedy = Remedy::exchange;
    d.amount = {-5, "EUR"};
    d.description = "颜色与描述不符";
    d.channel = Channel::social;
    d.state = DisputeState::mediation_review;
    d.created_at = -86400;
    d.updated_at = std::numeric_limits<std::int64_t>::max();
    d.contact_redacted = true;
    return d;
}

// Exactly one error, for `field`, with `code`.
void check_single_error(const FieldErrors& errors, const std::string& field, ErrorCode code) {
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == field);
    CHECK(to_key(errors[0].code) == std::string(to_key(code)));
}

}  // namespace

TEST_CASE("the API constants") {
    CHECK(api::kVersion == 1);
    CHECK(std::string(api::kPrefix) == "/api/v1");
    CHECK(std::string(api::kSessionCookie) == "accord_session");
    CHECK(api::kMaxBodyBytes == 65536);
}

// --- round trips -------------------------------------------------------------

TEST_CASE("FilingForm round-trips through JSON") {
    const FilingForm f = sample_form();
    const json j = api::encode(f);
    CHECK(j.at("category") == "counterfeit");
    CHECK(j.at("requested_remedy") == "partial_refund");
    CHECK(j.at("channel") == "hotline");
    CHECK(j.at("amount_minor") == 12345);

    // Through text too, as on the wire.
    FilingForm back;
    const FieldErrors errors = api::decode(parse_json(j.dump()), back);
    CHECK(errors.empty());
    CHECK(back.order_ref == f.order_ref);
    CHECK(back.category == f.category);
    CHECK(back.requested_remedy == f.requested_remedy);
    CHECK(back.amount_minor == f.amount_minor);
    CHECK(back.currency == f.currency);
    CHECK(back.description == f.description);
    CHECK(back.channel == f.channel);
}

TEST_CASE("FilingForm: the kind of case, and no order against the platform") {
    FilingForm f = sample_form();
    CHECK(api::encode(f).at("kind") == "buyer_vs_merchant");
    f.kind = CaseKind::merchant_vs_buyer;
    FilingForm back;
    REQUIRE(api::decode(api::encode(f), back).empty());
    CHECK(back.kind == CaseKind::merchant_vs_buyer);
    // Against the platform the order may be left out; otherwise it is required, and the kind is checked.
    json j = api::encode(f);
    j.erase("order_ref");
    CHECK(api::decode(j, back).size() == 1);
    j["kind"] = "merchant_vs_platform";
    FilingForm none;
    CHECK(api::decode(j, none).empty());
    CHECK(none.kind == CaseKind::merchant_vs_platform);
    CHECK(none.order_ref.empty());
    j["kind"] = "platform_vs_everyone";
    const FieldErrors e = api::decode(j, none);
    REQUIRE_FALSE(e.empty());
    CHECK(e[0].field == "kind");
    CHECK(e[0].code == ErrorCode::invalid_choice);
    // Left out: a buyer's complaint.
    j = api::encode(sample_form());
    j.erase("kind");
    FilingForm fresh;
    REQUIRE(api::decode(j, fresh).empty());
    CHECK(fresh.kind == CaseKind::buyer_vs_merchant);
    // Disputes carry their kind (optional when reading: a stored case from before is a buyer's).
    Dispute d = sample_dispute();
    d.kind = CaseKind::merchant_vs_platform;
    Dispute dback;
    REQUIRE(api::decode(api::encode(d), dback).empty());
    CHECK(dback.kind == CaseKind::merchant_vs_platform);
    json dj = api::encode(sample_dispute());
    dj.erase("kind");
    Dispute old;
    REQUIRE(api::decode(dj, old).empty());
    CHECK(old.kind == CaseKind::buyer_vs_merchant);
}

TEST_CASE("every category, remedy and channel survives the FilingForm codec") {
    for (const auto& c : EnumTable<Category>::entries)
        for (const auto& r : EnumTable<Remedy>::entries)
            for (const auto& ch : EnumTable<Channel>::entries) {
                FilingForm f = sample_form();
                f.category = c.value;
                f.requested_remedy = r.value;
                f.channel = ch.value;
                FilingForm back;
                REQUIRE(api::decode(api::encode(f), back).empty());
                CHECK(back.category == f.category);
                CHECK(back.requested_remedy == f.requested_remedy);
                CHECK(back.channel == f.channel);
            }
}

TEST_CASE("Dispute round-trips through JSON, with its case number") {
    const Dispute d = sample_dispute();
    const json j = api::encode(d);
    CHECK(j.at("case_number") == "AC-000042");
    CHECK(j.at("state") == "mediation_review");
    CHECK(j.at("amount") == json{{"minor", -5}, {"currency", "EUR"}});
    CHECK(j.at("buyer").at("name") == "张*");

    Dispute back;
    const FieldErrors errors = api::decode(parse_json(j.dump()), back);
    CHECK(errors.empty());
    CHECK(back.id == d.id);
    CHECK(back.order_ref == d.order_ref);
    CHECK(back.buyer_id == d.buyer_id);
    CHECK(back.buyer.name == d.buyer.name);
    CHECK(back.buyer.phone == d.buyer.phone);
    CHECK(back.buyer.address == d.buyer.address);
    CHECK(back.merchant_id == d.merchant_id);
    CHECK(back.merchant_name == d.merchant_name);
    CHECK(back.category == d.category);
    CHECK(back.requested_remedy == d.requested_remedy);
    CHECK(back.amount == d.amount);
    CHECK(back.description == d.description);
    CHECK(back.channel == d.channel);
    CHECK(back.state == d.state);
    CHECK(back.created_at == d.created_at);
    CHECK(back.updated_at == d.updated_at);
    CHECK(back.contact_redacted == d.contact_redacted);
}

TEST_CASE("every dispute state survives the Dispute codec") {
    for (const auto& s : EnumTable<DisputeState>::entries) {
        CAPTURE(s.key);
        Dispute d = sample_dispute();
        d.state = s.value;
        Dispute back;
        REQUIRE(api::decode(api::encode(d), back).empty());
        CHECK(back.state == s.value);
    }
}

TEST_CASE("Dispute decoding is strict too") {
    SUBCASE("missing buyer") {
        json j = api::encode(sample_dispute());
        j.erase("buyer");
        Dispute back;
        check_single_error(api::decode(j, back), "buyer", ErrorCode::required);
    }
    SUBCASE("missing amount") {
        json j = api::encode(sample_dispute());
        j.erase("amount");
        Dispute back;
        check_single_error(api::decode(j, back), "amount", ErrorCode::required);
    }
    SUBCASE("unknown state") {
        json j = api::encode(sample_dispute());
        j["state"] = "lost";
        Dispute back;
        check_single_error(api::decode(j, back), "state", ErrorCode::invalid_choice);
    }
    SUBCASE("contact_redacted must be a boolean") {
        json j = api::encode(sample_dispute());
        j["contact_redacted"] = 1;
        Dispute back;
        check_single_error(api::decode(j, back), "contact_redacted", ErrorCode::wrong_type);
    }
    SUBCASE("an unknown key inside buyer") {
        json j = api::encode(sample_dispute());
        j["buyer"]["email"] = "a@example.com";
        Dispute back;
        const FieldErrors errors = api::decode(j, back);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::unknown_field);
    }
    SUBCASE("a buyer that is not an object") {
        json j = api::encode(sample_dispute());
        j["buyer"] = "张伟";
        Dispute back;
        const FieldErrors errors = api::decode(j, back);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].code == ErrorCode::wrong_type);
    }
    SUBCASE("not an object") {
        Dispute back;
        check_single_error(api::decode(json::array(), back), "", ErrorCode::wrong_type);
    }
}

TEST_CASE("OrderSnapshot round-trips through JSON") {
    const OrderSnapshot o = sample_order();
    OrderSnapshot back;
    const FieldErrors errors = api::decode(parse_json(api::encode(o).dump()), back);
    CHECK(errors.empty());
    CHECK(back.order_ref == o.order_ref);
    CHECK(back.buyer_id == o.buyer_id);
    CHECK(back.merchant_id == o.merchant_id);
    CHECK(back.merchant_name == o.merchant_name);
    CHECK(back.item_title == o.item_title);
    CHECK(back.total == o.total);
    CHECK(back.placed_at == o.placed_at);
    CHECK(back.delivered_at == o.delivered_at);

    SUBCASE("a missing total is required") {
        json j = api::encode(o);
        j.erase("total");
        OrderSnapshot out;
        check_single_error(api::decode(j, out), "total", ErrorCode::required);
    }
    SUBCASE("a total with a mistyped amount") {
        json j = api::encode(o);
        j["total"]["minor"] = "899.00";
        OrderSnapshot out;
        const FieldErrors errs = api::decode(j, out);
        REQUIRE(errs.size() == 1);
        CHECK(errs[0].code == ErrorCode::wrong_type);
    }
}

TEST_CASE("UserInfo round-trips through JSON, and yields its viewer") {
    api::UserInfo u;
    u.id = 55;
    u.username = "shop3";
    u.display_name = "声学旗舰店客服";
    u.role = Role::merchant;
    u.merchant_id = 3;
    u.merchant_name = "声学旗舰店";

    const json j = api::encode(u);
    CHECK(j.at("role") == "merchant");
    api::UserInfo back;
    CHECK(api::decode(parse_json(j.dump()), back).empty());
    CHECK(back.id == u.id);
    CHECK(back.username == u.username);
    CHECK(back.display_name == u.display_name);
    CHECK(back.role == u.role);
    CHECK(back.merchant_id == u.merchant_id);
    CHECK(back.merchant_name == u.merchant_name);

    const Viewer v = back.viewer();
    CHECK(v.user_id == 55);
    CHECK(v.role == Role::merchant);
    CHECK(v.merchant_id == 3);

    SUBCASE("every role") {
        for (const auto& r : EnumTable<Role>::entries) {
            CAPTURE(r.key);
            api::UserInfo x = u;
            x.role = r.value;
            api::UserInfo y;
            REQUIRE(api::decode(api::encode(x), y).empty());
            CHECK(y.role == r.value);
        }
    }
    SUBCASE("an unknown role") {
        json bad = j;
        bad["role"] = "superuser";
        api::UserInfo y;
        check_single_error(api::decode(bad, y), "role", ErrorCode::invalid_choice);
    }
}

TEST_CASE("LoginRequest round-trips and rejects blank or missing credentials") {
    const api::LoginRequest r{"buyer1", "密码 with spaces"};
    api::LoginRequest back;
    CHECK(api::decode(parse_json(api::encode(r).dump()), back).empty());
    CHECK(back.username == r.username);
    CHECK(back.password == r.password);

    SUBCASE("blank username") {
        api::LoginRequest out;
        check_single_error(api::decode(json{{"username", ""}, {"password", "x"}}, out), "username",
                           ErrorCode::required);
    }
    SUBCASE("blank password") {
        api::LoginRequest out;
        check_single_error(api::decode(json{{"username", "x"}, {"password", ""}}, out), "password",
                           ErrorCode::required);
    }
    SUBCASE("missing password") {
        api::LoginRequest out;
        check_single_error(api::decode(json{{"username", "x"}}, out), "password", ErrorCode::required);
    }
    SUBCASE("numeric password") {
        api::LoginRequest out;
        check_single_error(api::decode(json{{"username", "x"}, {"password", 1234}}, out), "password",
                           ErrorCode::wrong_type);
    }
    SUBCASE("unknown key") {
        api::LoginRequest out;
        check_single_error(api::decode(json{{"username", "x"}, {"password", "y"}, {"remember", true}}, out),
                           "remember", ErrorCode::unknown_field);
    }
    SUBCASE("not an object") {
        api::LoginRequest out;
        check_single_error(api::decode(json("buyer1"), out), "", ErrorCode::wrong_type);
    }
}

// --- strict decoding of the filing form -----------------------------------------

TEST_CASE("a well-formed filing body decodes without errors") {
    FilingForm f;
    CHECK(api::decode(form_body(), f).empty());
    CHECK(f.order_ref == "TB-1");
    CHECK(f.category == Category::quality_defect);
    CHECK(f.requested_remedy == Remedy::return_and_refund);
    CHECK(f.amount_minor == 89900);
    CHECK(f.currency == "CNY");
    CHECK(f.channel == Channel::app);
}

TEST_CASE("channel and currency are optional, defaulting to web and CNY") {
    json j = form_body();
    j.erase("channel");
    j.erase("currency");
    FilingForm f;
    CHECK(api::decode(j, f).empty());
    CHECK(f.channel == Channel::web);
    CHECK(f.currency == "CNY");

    SUBCASE("null counts as absent") {
        j["channel"] = nullptr;
        j["currency"] = nullptr;
        FilingForm g;
        CHECK(api::decode(j, g).empty());
        CHECK(g.channel == Channel::web);
        CHECK(g.currency == "CNY");
    }
    SUBCASE("but when present they must be right") {
        j["channel"] = "fax";
        FilingForm g;
        check_single_error(api::decode(j, g), "channel", ErrorCode::invalid_choice);
    }
}

TEST_CASE("an unknown key is an error naming the key") {
    json j = form_body();
    j["priority"] = "high";
    FilingForm f;
    check_single_error(api::decode(j, f), "priority", ErrorCode::unknown_field);

    SUBCASE("each unknown key is named") {
        j["buyer_id"] = 8;
        const FieldErrors errors = api::decode(j, f);
        REQUIRE(errors.size() == 2);
        CHECK(find_error(errors, "priority") != nullptr);
        REQUIRE(find_error(errors, "buyer_id") != nullptr);
        CHECK(find_error(errors, "buyer_id")->code == ErrorCode::unknown_field);
    }
}

TEST_CASE("a value of the wrong JSON type is wrong_type") {
    struct Row {
        const char* name;
        const char* key;
        json value;
    };
    const Row rows[] = {
        {"amount as a string", "amount_minor", "899.00"},
        {"amount as a float", "amount_minor", 899.5},
        {"amount as a whole float", "amount_minor", 899.0},
        {"amount as a boolean", "amount_minor", true},
        {"amount as an object", "amount_minor", json{{"minor", 1}}},
        {"description as a number", "description", 42},
        {"description as an array", "description", json::array({"a"})},
        {"order_ref as a number", "order_ref", 1},
        {"category as a number", "category", 2},
        {"remedy as a boolean", "requested_remedy", false},
        {"currency as a number", "currency", 156},
        {"channel as an object", "channel", json::object()},
    };
    for (const Row& row : rows) {
        CAPTURE(row.name);
        json j = form_body();
        j[row.key] = row.value;
        FilingForm f;
        check_single_error(api::decode(j, f), row.key, ErrorCode::wrong_type);
    }
}

TEST_CASE("an enum value outside its table is invalid_choice") {
    struct Row {
        const char* key;
        const char* value;
    };
    const Row rows[] = {
        {"category", "fraud"},           {"category", ""},         {"category", "Quality_Defect"},
        {"category", "quality_defect "}, {"requested_remedy", "refund"}, {"requested_remedy", "全额退款"},
        {"channel", "WEB"},              {"channel", "phone"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.key);
        CAPTURE(row.value);
        json j = form_body();
        j[row.key] = row.value;
        FilingForm f;
        check_single_error(api::decode(j, f), row.key, ErrorCode::invalid_choice);
    }
}

TEST_CASE("each required key is required, also when null") {
    for (const char* key : {"order_ref", "category", "requested_remedy", "amount_minor", "description"}) {
        CAPTURE(key);
        json missing = form_body();
        missing.erase(key);
        FilingForm f;
        check_single_error(api::decode(missing, f), key, ErrorCode::required);

        json null = form_body();
        null[key] = nullptr;
        FilingForm g;
        check_single_error(api::decode(null, g), key, ErrorCode::required);
    }
}

TEST_CASE("an empty object lists every required key") {
    FilingForm f;
    const FieldErrors errors = api::decode(json::object(), f);
    CHECK(errors.size() == 5);
    for (const char* key : {"order_ref", "category", "requested_remedy", "amount_minor", "description"}) {
        CAPTURE(key);
        const FieldError* e = find_error(errors, key);
        REQUIRE(e != nullptr);
        CHECK(e->code == ErrorCode::required);
    }
}

TEST_CASE("a body that is not an object is a single wrong_type error for the whole body") {
    for (const char* text : {"[]", "[1,2]", "\"TB-1\"", "42", "true", "null"}) {
        CAPTURE(text);
        FilingForm f;
        check_single_error(api::decode(parse_json(text), f), "", ErrorCode::wrong_type);
    }
}

TEST_CASE("integers: the full int64 range, nothing beyond") {
    struct Row {
        const char* literal;
        bool ok;
        std::int64_t value;
        ErrorCode code;
    };
    const Row rows[] = {
        {"9223372036854775807", true, std::numeric_limits<std::int64_t>::max(), ErrorCode::required},
        {"-9223372036854775808", true, std::numeric_limits<std::int64_t>::min(), ErrorCode::required},
        {"-1", true, -1, ErrorCode::required},
        {"0", true, 0, ErrorCode::required},
        {"9223372036854775808", false, 0, ErrorCode::invalid_format},
        {"18446744073709551615", false, 0, ErrorCode::invalid_format},
        {"99999999999999999999", false, 0, ErrorCode::wrong_type},  // beyond uint64: parsed as a float
        {"1e3", false, 0, ErrorCode::wrong_type},
    };
    for (const Row& row : rows) {
        CAPTURE(row.literal);
        std::string text = form_body().dump();
        const std::string amount = "\"amount_minor\":89900";
        REQUIRE(text.find(amount) != std::string::npos);
        text.replace(text.find(amount), amount.size(), std::string("\"amount_minor\":") + row.literal);
        const json j = parse_json(text);
        REQUIRE_FALSE(j.is_discarded());
        FilingForm f;
        const FieldErrors errors = api::decode(j, f);
        if (row.ok) {
            CHECK(errors.empty());
            CHECK(f.amount_minor == row.value);
        } else {
            check_single_error(errors, "amount_minor", row.code);
        }
    }
}

TEST_CASE("decode_list reads an array under a key, stopping at the first bad element") {
    const Dispute d1 = sample_dispute();
    Dispute d2 = sample_dispute();
    d2.id = 43;

    SUBCASE("good list") {
        const json j = {{"disputes", {api::encode(d1), api::encode(d2)}}};
        std::vector<Dispute> out;
        CHECK(api::decode_list(j, "disputes", out).empty());
        REQUIRE(out.size() == 2);
        CHECK(out[0].id == 42);
        CHECK(out[1].id == 43);
    }
    SUBCASE("empty list clears the output") {
        std::vector<Dispute> out(3);
        CHECK(api::decode_list(json{{"disputes", json::array()}}, "disputes", out).empty());
        CHECK(out.empty());
    }
    SUBCASE("orders too") {
        std::vector<OrderSnapshot> out;
        CHECK(api::decode_list(json{{"orders", json::array({api::encode(sample_order())})}}, "orders", out).empty());
        REQUIRE(out.size() == 1);
        CHECK(out[0].item_title == "无线降噪耳机");
    }
    SUBCASE("a bad element") {
        json bad = api::encode(d2);
        bad["state"] = "nonsense";
        const json j = {{"disputes", {api::encode(d1), bad, api::encode(d1)}}};
        std::vector<Dispute> out;
        check_single_error(api::decode_list(j, "disputes", out), "state", ErrorCode::invalid_choice);
        CHECK(out.size() == 1);  // what came before the bad element
    }
    SUBCASE("missing key, wrong type, not an object") {
        std::vector<Dispute> out;
        check_single_error(api::decode_list(json{{"cases", json::array()}}, "disputes", out), "disputes",
                           ErrorCode::wrong_type);
        check_single_error(api::decode_list(json{{"disputes", json::object()}}, "disputes", out), "disputes",
                           ErrorCode::wrong_type);
        check_single_error(api::decode_list(json::array(), "disputes", out), "disputes", ErrorCode::wrong_type);
    }
}

// --- error bodies ---------------------------------------------------------------

TEST_CASE("error_body for a request-level error") {
    SUBCASE("zh-CN") {
        const json j = api::error_body(ErrorCode::not_authenticated, Lang::zh_CN);
        REQUIRE(j.contains("error"));
        const json& e = j.at("error");
        CHECK(e.at("code") == "not_authenticated");
        CHECK(e.at("message") == "请先登录");
        CHECK(e.at("field") == "");
        CHECK((!e.contains("details") || e.at("details").empty()));
    }
    SUBCASE("en") {
        const json e = api::error_body(ErrorCode::body_too_large, Lang::en).at("error");
        CHECK(e.at("code") == "body_too_large");
        CHECK(e.at("message") == "The request body is too large");
        CHECK(e.at("field") == "");
    }
    SUBCASE("naming a field") {
        const json zh = api::error_body(ErrorCode::required, Lang::zh_CN, "description").at("error");
        CHECK(zh.at("code") == "required");
        CHECK(zh.at("field") == "description");
        CHECK(zh.at("message") == "问题描述：必填");
        const json en = api::error_body(ErrorCode::required, Lang::en, "description").at("error");
        CHECK(en.at("message") == "description is required");
    }
}

TEST_CASE("error_body for field errors: the first on top, all in details") {
    const FieldErrors errors = {{"description", ErrorCode::too_short, 10},
                                {"channel", ErrorCode::channel_not_allowed, 0},
                                {"order_ref", ErrorCode::filing_window_closed, 15}};
    SUBCASE("zh-CN") {
        const json e = api::error_body(errors, Lang::zh_CN).at("error");
        CHECK(e.at("code") == "too_short");
        CHECK(e.at("field") == "description");
        CHECK(e.at("message") == "问题描述：至少需要 10 个字");
        const json& details = e.at("details");
        REQUIRE(details.is_array());
        REQUIRE(details.size() == 3);
        CHECK(details[0] ==
              json{{"field", "description"}, {"code", "too_short"}, {"message", "问题描述：至少需要 10 个字"},
                   {"limit", 10}});
        CHECK(details[1].at("field") == "channel");
        CHECK(details[1].at("code") == "channel_not_allowed");
        CHECK(details[1].at("message") == "渠道：仅客服代为登记时可选");
        CHECK(details[2].at("message") == "订单号：已超过 15 天的申请期限");
        CHECK(details[2].at("limit") == 15);
    }
    SUBCASE("en") {
        const json e = api::error_body(errors, Lang::en).at("error");
        CHECK(e.at("message") == "description needs at least 10 characters");
        const json& details = e.at("details");
        REQUIRE(details.size() == 3);
        CHECK(details[1].at("message") == "channel may only be set by a support agent");
        CHECK(details[2].at("message") == "order_ref is past the 15-day filing window");
    }
    SUBCASE("no errors at all is an internal error") {
        const json e = api::error_body(FieldErrors{}, Lang::en).at("error");
        CHECK(e.at("code") == "internal");
        CHECK(e.at("message") == "Internal server error");
    }
}

TEST_CASE("decode_error reads our error shape back") {
    const FieldErrors errors = {{"description", ErrorCode::too_short, 10}, {"amount_minor", ErrorCode::must_be_positive, 0}};
    const api::ApiError e = api::decode_error(api::error_body(errors, Lang::zh_CN).dump(), "出错了");
    CHECK(e.code == "too_short");
    CHECK(e.message == "问题描述：至少需要 10 个字");
    CHECK(e.field == "description");
    REQUIRE(e.details.size() == 2);
    CHECK(e.details[0].field == "description");
    CHECK(e.details[0].code == ErrorCode::too_short);
    CHECK(e.details[1].field == "amount_minor");
    CHECK(e.details[1].code == ErrorCode::must_be_positive);

    SUBCASE("details keep their limit, so a client can word them again") {
        CHECK(e.details[0].limit == 10);
        CHECK(field_error_message(e.details[0], Lang::en) == "description needs at least 10 characters");
    }
    SUBCASE("a request-level error") {
        const api::ApiError r = api::decode_error(api::error_body(ErrorCode::forbidden, Lang::en).dump(), "x");
        CHECK(r.code == "forbidden");
        CHECK(r.message == "You are not allowed to do this");
        CHECK(r.field == "");
        CHECK(r.details.empty());
    }
    SUBCASE("details with unknown codes or missing parts are skipped") {
        const json body = {{"error",
                            {{"code", "x"},
                             {"message", "m"},
                             {"details",
                              {json{{"field", "a"}, {"code", "from_the_future"}}, json{{"field", "b"}},
                               json{{"code", "required"}}, json{{"field", 1}, {"code", "required"}}, json("junk"),
                               json{{"field", "c"}, {"code", "required"}}}}}}};
        const api::ApiError r = api::decode_error(body.dump(), "fallback");
        REQUIRE(r.details.size() == 1);
        CHECK(r.details[0].field == "c");
        CHECK(r.details[0].code == ErrorCode::required);
    }
}

TEST_CASE("decode_error falls back on anything that is not our shape") {
    const char* bodies[] = {
        "",
        "<html><body>502 Bad Gateway</body></html>",
        "{\"error\":",
        "[]",
        "\"error\"",
        "42",
        "null",
        "{}",
        "{\"error\":\"boom\"}",
        "{\"error\":[\"boom\"]}",
        "{\"message\":\"boom\"}",
    };
    for (const char* body : bodies) {
        CAPTURE(body);
        const api::ApiError e = api::decode_error(body, "网络错误");
        CHECK(e.code == "");
        CHECK(e.message == "网络错误");
        CHECK(e.field == "");
        CHECK(e.details.empty());
    }

    SUBCASE("an error object with mistyped members keeps the fallback for those") {
        const api::ApiError e = api::decode_error(R"({"error":{"code":5,"message":null,"field":"x"}})", "fb");
        CHECK(e.code == "");
        CHECK(e.message == "fb");
        CHECK(e.field == "x");
    }
}

TEST_CASE("case_number pads to six digits") {
    CHECK(case_number(0) == "AC-000000");
    CHECK(case_number(42) == "AC-000042");
    CHECK(case_number(999999) == "AC-999999");
    CHECK(case_number(1234567) == "AC-1234567");
}
