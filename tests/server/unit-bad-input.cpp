// Bad requests against the real server: each gets its documented 4xx status and the one JSON
// error shape {"error":{"code","message","field"}} naming the culprit, and none writes anything.
#include <doctest/doctest.h>

#include "probes.hpp"
#include "server_process.hpp"

using namespace accord::test;
using nlohmann::json;

namespace {

SharedServer shared;

const std::string kHeadphones = "TB20261101-0001";  // buyer's, 899.00 CNY, delivered 5 days ago

std::pair<std::int64_t, std::int64_t> rows(const ServerProcess& server) {
    return {sql_int(server.db_path(), "SELECT COUNT(*) FROM disputes"),
            sql_int(server.db_path(), "SELECT COUNT(*) FROM dispute_events")};
}

void check_error_body(const std::string& content_type, const std::string& body, const std::string& code,
                      const std::string& field) {
    CHECK(content_type.rfind("application/json", 0) == 0);
    const json b = json::parse(body, nullptr, false);
    REQUIRE(b.is_object());
    REQUIRE(b.contains("error"));
    const json& e = b["error"];
    CHECK(e["code"] == code);
    CHECK(e["field"] == field);
    REQUIRE(e["message"].is_string());
    CHECK(!e["message"].get<std::string>().empty());
}

void check_error(const httplib::Result& r, int status, const std::string& code, const std::string& field = "") {
    REQUIRE(r);
    CHECK(r->status == status);
    check_error_body(r->get_header_value("Content-Type"), r->body, code, field);
}

void check_error(const RawResponse& r, int status, const std::string& code, const std::string& field = "") {
    CHECK(r.status == status);
    check_error_body(r.header("Content-Type"), r.body, code, field);
}

// POSTs a filing body that is the valid one with `key` set to `value` (or removed when null).
httplib::Result file_with(Session& s, const std::string& key, const json& value, bool remove = false) {
    json form = filing_body(kHeadphones);
    if (remove)
        form.erase(key);
    else
        form[key] = value;
    return s.post("/api/v1/disputes", form.dump());
}

}  // namespace

TEST_CASE("filing bodies that are not a JSON object are refused before anything is written") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const auto before = rows(server);

    SUBCASE("malformed JSON: 400 malformed_json") {
        for (const std::string& body :
             {std::string(R"({"order_ref":)"), std::string("{'order_ref':'x'}"), std::string(""),
              std::string(R"({"a":1}})"), std::string("nul"), std::string("{\"description\":\"\xff\xfe\"}")}) {
            CAPTURE(body);
            check_error(buyer.post("/api/v1/disputes", body), 400, "malformed_json");
        }
    }
    SUBCASE("the media type is matched exactly but case-insensitively, parameters aside") {
        auto r = server.client().Post("/api/v1/session", R"({"username":"buyer","password":"accord-demo"})",
                                      "Application/JSON; Charset=UTF-8");
        REQUIRE(r);
        CHECK(r->status == 200);
    }
    SUBCASE("a body that is not application/json: 415 unsupported_media_type") {
        const std::string body = filing_body(kHeadphones).dump();
        for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/json", "application/xml",
                                 "multipart/form-data; boundary=xyz", "multipart/form-data",
                                 "application/jsonfoo", "application/json-patch+json"}) {
            const std::string type_text = type;
            CAPTURE(type_text);
            check_error(buyer.post("/api/v1/disputes", body, type), 415, "unsupported_media_type");
        }
        // No Content-Type at all.
        const RawResponse raw =
            raw_http(server.port(), "POST /api/v1/disputes HTTP/1.1\r\nHost: x\r\nCookie: " + buyer.cookie +
                                        "\r\nContent-Length: " + std::to_string(body.size()) +
                                        "\r\nConnection: close\r\n\r\n" + body);
        check_error(raw, 415, "unsupported_media_type");
    }
    SUBCASE("a body over 64 KiB: 413 body_too_large") {
        json form = filing_body(kHeadphones);
        form["description"] = std::string(64 * 1024, 'x');
        check_error(buyer.post("/api/v1/disputes", form.dump()), 413, "body_too_large");
        // Exactly 64 KiB is read, then refused for what it says (description too long).
        form["description"] = "";
        const std::size_t bare = form.dump().size();
        form["description"] = std::string(64 * 1024 - bare, 'y');
        const std::string exact = form.dump();
        REQUIRE(exact.size() == 64 * 1024);
        check_error(buyer.post("/api/v1/disputes", exact), 422, "too_long", "description");
    }
    SUBCASE("a chunked body, large or small: 411 length_required (only a declared length can be checked)") {
        json form = filing_body(kHeadphones);
        form["description"] = std::string(100 * 1024, 'x');
        const std::string body = form.dump();
        std::string chunked;
        for (std::size_t at = 0; at < body.size(); at += 8192) {
            const std::string part = body.substr(at, 8192);
            char size[16];
            std::snprintf(size, sizeof size, "%zx", part.size());
            chunked += std::string(size) + "\r\n" + part + "\r\n";
        }
        chunked += "0\r\n\r\n";
        const RawResponse raw =
            raw_http(server.port(), "POST /api/v1/disputes HTTP/1.1\r\nHost: x\r\nCookie: " + buyer.cookie +
                                        "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                        "Connection: close\r\n\r\n" +
                                        chunked);
        check_error(raw, 411, "length_required");
        // cpp-httplib would read a chunked body whole, so none is accepted, however small.
        const std::string small = filing_body(kHeadphones).dump();
        char size[16];
        std::snprintf(size, sizeof size, "%zx", small.size());
        check_error(raw_http(server.port(), "POST /api/v1/disputes HTTP/1.1\r\nHost: x\r\nCookie: " + buyer.cookie +
                                                "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                                                "Connection: close\r\n\r\n" +
                                                size + "\r\n" + small + "\r\n0\r\n\r\n"),
                    411, "length_required");
    }
    SUBCASE("a POST body without Content-Length: 411 length_required, answered at once") {
        // cpp-httplib would read such a body until the client closes the connection.
        const RawResponse raw =
            raw_http(server.port(), "POST /api/v1/disputes HTTP/1.1\r\nHost: x\r\nCookie: " + buyer.cookie +
                                        "\r\nContent-Type: application/json\r\n"
                                        "Connection: close\r\n\r\n{}");
        check_error(raw, 411, "length_required");
    }
    SUBCASE("a compressed body: 415 unsupported_media_type (no inflating of zip bombs)") {
        for (const char* coding : {"gzip", "br", "deflate"}) {
            const std::string coding_text = coding;
            CAPTURE(coding_text);
            httplib::Headers h = buyer.headers();
            h.emplace("Content-Encoding", coding);
            check_error(buyer.http.Post("/api/v1/disputes", h, std::string(64, '\x1f'), "application/json"), 415,
                        "unsupported_media_type");
        }
        // Sign-in bodies too: this check runs before any route.
        Session anon{server.client(), "", "en"};
        httplib::Headers h = anon.headers();
        h.emplace("Content-Encoding", "gzip");
        check_error(anon.http.Post("/api/v1/session", h, std::string(64, '\x1f'), "application/json"), 415,
                    "unsupported_media_type");
    }
    SUBCASE("JSON that is not an object: 400 wrong_type") {
        for (const char* body : {"[]", R"([{"order_ref":"TB20261101-0001"}])", "null", "42", R"("text")", "true"}) {
            const std::string body_text = body;
            CAPTURE(body_text);
            check_error(buyer.post("/api/v1/disputes", body), 400, "wrong_type", "");
        }
    }

    CHECK(rows(server) == before);
}

TEST_CASE("filing fields that do not decode get 400 naming the field") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const auto before = rows(server);

    SUBCASE("an unknown field: unknown_field, field = the key") {
        auto r = file_with(buyer, "colour", "red");
        check_error(r, 400, "unknown_field", "colour");
        CHECK(body_of(r)["error"]["message"] == "colour is not a known field");
        // A near-miss of a real key is just as unknown, and so is a key of the reply shape.
        check_error(file_with(buyer, "amount", 5000), 400, "unknown_field", "amount");
        check_error(file_with(buyer, "state", "closed"), 400, "unknown_field", "state");
        check_error(file_with(buyer, "buyer_id", 1), 400, "unknown_field", "buyer_id");
    }
    SUBCASE("wrong types: wrong_type") {
        check_error(file_with(buyer, "amount_minor", "5000"), 400, "wrong_type", "amount_minor");
        check_error(file_with(buyer, "amount_minor", 50.5), 400, "wrong_type", "amount_minor");
        check_error(file_with(buyer, "amount_minor", 5000.0), 400, "wrong_type", "amount_minor");
        check_error(file_with(buyer, "amount_minor", true), 400, "wrong_type", "amount_minor");
        check_error(file_with(buyer, "description", 1234567890123), 400, "wrong_type", "description");
        check_error(file_with(buyer, "description", json::array({"a"})), 400, "wrong_type", "description");
        check_error(file_with(buyer, "order_ref", 20261101), 400, "wrong_type", "order_ref");
        check_error(file_with(buyer, "category", 2), 400, "wrong_type", "category");
        check_error(file_with(buyer, "channel", json::object()), 400, "wrong_type", "channel");
        check_error(file_with(buyer, "currency", 156), 400, "wrong_type", "currency");
        // 1e30 is a float to JSON; 2^64-1 is an integer beyond int64.
        check_error(buyer.post("/api/v1/disputes", R"({"order_ref":"TB20261101-0001","category":"quality_defect",)"
                                                   R"("requested_remedy":"full_refund","amount_minor":1e30,)"
                                                   R"("description":"耳机左耳没有声音，换了设备也一样。"})"),
                    400, "wrong_type", "amount_minor");
        check_error(buyer.post("/api/v1/disputes", R"({"order_ref":"TB20261101-0001","category":"quality_defect",)"
                                                   R"("requested_remedy":"full_refund",)"
                                                   R"("amount_minor":18446744073709551615,)"
                                                   R"("description":"耳机左耳没有声音，换了设备也一样。"})"),
                    400, "invalid_format", "amount_minor");
    }
    SUBCASE("unknown enum values: invalid_choice") {
        check_error(file_with(buyer, "category", "broken"), 400, "invalid_choice", "category");
        check_error(file_with(buyer, "category", "Quality_Defect"), 400, "invalid_choice", "category");
        check_error(file_with(buyer, "category", ""), 400, "invalid_choice", "category");
        check_error(file_with(buyer, "requested_remedy", "everything"), 400, "invalid_choice", "requested_remedy");
        check_error(file_with(buyer, "channel", "fax"), 400, "invalid_choice", "channel");
    }
    SUBCASE("missing required fields: required") {
        for (const char* key : {"order_ref", "category", "requested_remedy", "amount_minor", "description"}) {
            const std::string key_text = key;
            CAPTURE(key_text);
            check_error(file_with(buyer, key, nullptr, /*remove=*/true), 400, "required", key);
            check_error(file_with(buyer, key, nullptr), 400, "required", key);  // null counts as missing
        }
        // An empty object names every missing field in details.
        auto r = buyer.post("/api/v1/disputes", "{}");
        check_error(r, 400, "required", "order_ref");
        const json details = body_of(r)["error"]["details"];
        REQUIRE(details.is_array());
        std::vector<std::string> fields;
        for (const json& d : details) {
            CHECK(d["code"] == "required");
            fields.push_back(d["field"].get<std::string>());
        }
        CHECK(fields ==
              std::vector<std::string>{"order_ref", "category", "requested_remedy", "amount_minor", "description"});
    }

    CHECK(rows(server) == before);
}

TEST_CASE("filings that decode but break a rule get 422 naming the field") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const auto before = rows(server);

    SUBCASE("amounts") {
        check_error(file_with(buyer, "amount_minor", 0), 422, "must_be_positive", "amount_minor");
        check_error(file_with(buyer, "amount_minor", -100), 422, "must_be_positive", "amount_minor");
        check_error(file_with(buyer, "amount_minor", 89901), 422, "exceeds_order_total", "amount_minor");
        check_error(file_with(buyer, "amount_minor", 9223372036854775807LL), 422, "exceeds_order_total",
                    "amount_minor");
    }
    SUBCASE("currency") {
        check_error(file_with(buyer, "currency", "USD"), 422, "currency_mismatch", "currency");
        check_error(file_with(buyer, "currency", "cny"), 422, "invalid_format", "currency");
        check_error(file_with(buyer, "currency", ""), 422, "invalid_format", "currency");
    }
    SUBCASE("order reference") {
        check_error(file_with(buyer, "order_ref", ""), 422, "required", "order_ref");
        check_error(file_with(buyer, "order_ref", "../../etc/passwd"), 422, "invalid_format", "order_ref");
        check_error(file_with(buyer, "order_ref", "TB' OR '1'='1"), 422, "invalid_format", "order_ref");
        check_error(file_with(buyer, "order_ref", std::string(65, 'A')), 422, "too_long", "order_ref");
        check_error(file_with(buyer, "order_ref", "TB20261101-0001 "), 422, "invalid_format", "order_ref");
    }
    SUBCASE("description length counts characters, not bytes") {
        check_error(file_with(buyer, "description", ""), 422, "required", "description");
        check_error(file_with(buyer, "description", "太短了"), 422, "too_short", "description");
        std::string long_text;
        for (int i = 0; i < 2001; ++i) long_text += "长";
        check_error(file_with(buyer, "description", long_text), 422, "too_long", "description");
    }
    SUBCASE("several problems at once are all listed, the first one on top") {
        json form = filing_body(kHeadphones);
        form["amount_minor"] = 0;
        form["description"] = "短";
        form["currency"] = "USD";
        auto r = buyer.post("/api/v1/disputes", form.dump());
        check_error(r, 422, "must_be_positive", "amount_minor");
        const json details = body_of(r)["error"]["details"];
        std::vector<std::string> fields;
        for (const json& d : details) fields.push_back(d["field"].get<std::string>());
        CHECK(fields == std::vector<std::string>{"amount_minor", "currency", "description"});
    }

    CHECK(rows(server) == before);
}

TEST_CASE("the language changes the message, never the code") {
    Session en = shared.as("buyer", "en");
    Session zh = shared.as("buyer", "zh-CN");
    Session none = shared.as("buyer", "");

    auto r_en = file_with(en, "description", "太短了");
    auto r_zh = file_with(zh, "description", "太短了");
    check_error(r_en, 422, "too_short", "description");
    check_error(r_zh, 422, "too_short", "description");
    CHECK(body_of(r_en)["error"]["message"] == "description needs at least 10 characters");
    CHECK(body_of(r_zh)["error"]["message"] == "问题描述：至少需要 10 个字");
    // Chinese is the default; ?lang= beats the header; a full Accept-Language list is understood.
    CHECK(body_of(file_with(none, "description", "太短了"))["error"]["message"] == "问题描述：至少需要 10 个字");
    auto q = en.post("/api/v1/disputes?lang=zh-CN", [] {
        json f = filing_body(kHeadphones);
        f["description"] = "太短了";
        return f.dump();
    }());
    CHECK(body_of(q)["error"]["message"] == "问题描述：至少需要 10 个字");
    Session listy = shared.as("buyer", "en-US,en;q=0.9,zh-CN;q=0.8");
    CHECK(body_of(file_with(listy, "description", "太短了"))["error"]["message"] ==
          "description needs at least 10 characters");

    // Request-level errors too.
    auto m_en = en.post("/api/v1/disputes", "{");
    auto m_zh = zh.post("/api/v1/disputes", "{");
    check_error(m_en, 400, "malformed_json");
    check_error(m_zh, 400, "malformed_json");
    CHECK(body_of(m_en)["error"]["message"] == "The request body is not valid JSON");
    CHECK(body_of(m_zh)["error"]["message"] == "请求不是有效的 JSON");
    auto nf_en = en.get("/api/v1/disputes/abc");
    auto nf_zh = zh.get("/api/v1/disputes/abc");
    check_error(nf_en, 404, "not_found");
    check_error(nf_zh, 404, "not_found");
    CHECK(body_of(nf_en)["error"]["message"] == "Not found");
    CHECK(body_of(nf_zh)["error"]["message"] == "未找到");
}

TEST_CASE("case ids that are not a visible case get 404 not_found") {
    Session buyer = shared.as("buyer");
    Session admin = shared.as("admin");  // sees every case: only the id itself can be at fault
    for (const char* id : {"abc", "0", "-1", "99999", "1.5", "1abc", "+1", "0x1", "%20", "99999999999999999999",
                           "9223372036854775807", "-9223372036854775808"}) {
        const std::string id_text = id;
        CAPTURE(id_text);
        for (Session* s : {&buyer, &admin}) {
            check_error(s->get(std::string("/api/v1/disputes/") + id), 404, "not_found");
            check_error(s->get(std::string("/api/v1/disputes/") + id + "/events"), 404, "not_found");
        }
    }
    // Paths that do not name a case at all.
    check_error(buyer.get("/api/v1/disputes/"), 404, "not_found");
    check_error(buyer.get("/api/v1/disputes/1/"), 404, "not_found");
    check_error(buyer.get("/api/v1/disputes/1/events/"), 404, "not_found");
    check_error(buyer.get("/api/v1/disputes/1/2"), 404, "not_found");
}

TEST_CASE("bad paging parameters get 400 naming the parameter") {
    Session support = shared.as("support");
    for (const char* limit : {"abc", "0", "-1", "201", "1.5", "", "10abc", "99999999999999999999"}) {
        const std::string limit_text = limit;
        CAPTURE(limit_text);
        check_error(support.get(std::string("/api/v1/disputes?limit=") + limit), 400, "invalid_format", "limit");
    }
    for (const char* before : {"abc", "-5", "", "1e3"}) {
        const std::string before_text = before;
        CAPTURE(before_text);
        check_error(support.get(std::string("/api/v1/disputes?before=") + before), 400, "invalid_format", "before");
    }
    auto r = support.get("/api/v1/disputes?limit=abc");
    CHECK(body_of(r)["error"]["message"] == "limit has an invalid format");
    // The limits themselves are fine.
    for (const char* ok : {"?limit=1", "?limit=200", "?before=1", "?limit=5&before=99999"}) {
        const std::string ok_text = ok;
        CAPTURE(ok_text);
        auto g = support.get(std::string("/api/v1/disputes") + ok);
        REQUIRE(g);
        CHECK(g->status == 200);
    }
}

TEST_CASE("calls without a valid session get 401 not_authenticated and write nothing") {
    const ServerProcess& server = shared.server();
    const auto before = rows(server);
    const std::string form = filing_body(kHeadphones).dump();
    for (const std::string& cookie : {std::string(""), std::string("accord_session=deadbeef"),
                                      std::string("accord_session="), std::string("other=1")}) {
        CAPTURE(cookie);
        Session anon{server.client(), cookie, "en"};
        for (const char* path :
             {"/api/v1/session", "/api/v1/disputes", "/api/v1/disputes/1", "/api/v1/disputes/1/events",
              "/api/v1/disputes/abc", "/api/v1/orders", "/api/v1/disputes?limit=abc"}) {
            const std::string path_text = path;
            CAPTURE(path_text);
            check_error(anon.get(path), 401, "not_authenticated");
        }
        check_error(anon.post("/api/v1/disputes", form), 401, "not_authenticated");
        check_error(anon.post("/api/v1/disputes", "{"), 401, "not_authenticated");
    }
    // A signed-out session's cookie no longer works.
    Session gone = sign_in(server, "buyer2");
    auto out = gone.http.Delete("/api/v1/session", gone.headers());
    REQUIRE(out);
    CHECK(out->status == 204);
    check_error(gone.post("/api/v1/disputes", form), 401, "not_authenticated");
    CHECK(rows(server) == before);
}

TEST_CASE("sign-in bodies that do not decode get 400 naming the field") {
    const ServerProcess& server = shared.server();
    Session anon{server.client(), "", "en"};
    const std::int64_t sessions_before = sql_int(server.db_path(), "SELECT COUNT(*) FROM sessions");
    struct Bad {
        const char* body;
        const char* code;
        const char* field;
    };
    for (const Bad& b : {
             Bad{R"({"password":"accord-demo"})", "required", "username"},
             Bad{R"({"username":"","password":"accord-demo"})", "required", "username"},
             Bad{R"({"username":null,"password":"accord-demo"})", "required", "username"},
             Bad{R"({"username":42,"password":"accord-demo"})", "wrong_type", "username"},
             Bad{R"({"username":["buyer"],"password":"accord-demo"})", "wrong_type", "username"},
             Bad{R"({"username":"buyer"})", "required", "password"},
             Bad{R"({"username":"buyer","password":""})", "required", "password"},
             Bad{R"({"username":"buyer","password":1234})", "wrong_type", "password"},
             Bad{R"({"username":"buyer","password":"accord-demo","remember":true})", "unknown_field", "remember"},
             Bad{R"(["buyer","accord-demo"])", "wrong_type", ""},
             Bad{"{", "malformed_json", ""},
         }) {
        const std::string b_body_text = b.body;
        CAPTURE(b_body_text);
        auto r = anon.post("/api/v1/session", b.body);
        check_error(r, 400, b.code, b.field);
        CHECK(r->get_header_value("Set-Cookie").empty());
    }
    auto form =
        anon.post("/api/v1/session", "username=buyer&password=accord-demo", "application/x-www-form-urlencoded");
    check_error(form, 415, "unsupported_media_type");
    CHECK(form->get_header_value("Set-Cookie").empty());
    CHECK(sql_int(server.db_path(), "SELECT COUNT(*) FROM sessions") == sessions_before);
}

TEST_CASE("unknown API paths get a JSON 404, known ones with another method 405") {
    const ServerProcess& server = shared.server();
    Session buyer = shared.as("buyer");
    const auto before = rows(server);
    for (const char* path : {"/api/v1/nope", "/api/v1", "/api/v1/", "/api/v2/disputes", "/api/v1/dispute",
                             "/api/v1/disputes/1/evidence", "/api/", "/api/v1/health/x"}) {
        const std::string path_text = path;
        CAPTURE(path_text);
        check_error(buyer.get(path), 404, "not_found");
    }
    check_error(buyer.post("/api/v1/nope", "{}"), 404, "not_found");
    // (unit-http-codes.cpp checks the Allow header of each.)
    check_error(buyer.post("/api/v1/disputes/1", "{}"), 405, "method_not_allowed");
    check_error(
        buyer.http.Put("/api/v1/disputes", buyer.headers(), filing_body(kHeadphones).dump(), "application/json"), 405,
        "method_not_allowed");
    check_error(buyer.http.Delete("/api/v1/disputes/1", buyer.headers()), 405, "method_not_allowed");
    // Without a session the answer is the same 404, in the default language.
    Session anon{server.client(), "", ""};
    auto r = anon.get("/api/v1/nope");
    check_error(r, 404, "not_found");
    CHECK(body_of(r)["error"]["message"] == "未找到");
    CHECK(rows(server) == before);
}
