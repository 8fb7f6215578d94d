// Messages on a case (messages.hpp): what a message may say, who writes internal notes, who reads what, who
// writes on a case at all, and the strict wire form of a new message.
#include <doctest/doctest.h>

#include <string>

#include "accord/json_reader.hpp"
#include "accord/messages.hpp"
#include "fixtures.hpp"

using namespace accord;
using namespace accord::fixtures;
using nlohmann::json;

namespace {

const Role kPartyRoles[] = {Role::buyer, Role::merchant};

MessageForm message(std::string body, MessageVisibility visibility = MessageVisibility::all) {
    MessageForm m;
    m.body = std::move(body);
    m.visibility = visibility;
    return m;
}

FieldErrors decode_text(const std::string& text, MessageForm& out) {
    return api::decode(parse_json(text), out);
}

// A case with a mediator and an arbitrator assigned.
Case worked_case() {
    Case c = new_case();
    c.mediator_id = kMediator;
    c.arbitrator_id = kArbitrator;
    return c;
}

}  // namespace

// ---------------------------------------------------------------------------
// validate_message

TEST_CASE("validate_message: everyone writes to all, only staff roles write internal notes") {
    for (const auto& entry : EnumTable<Role>::entries) {
        CAPTURE(std::string(entry.key));
        CHECK(validate_message(message("请提供快递单号。"), entry.value).empty());
    }
    for (const Role role : kStaffRoles) {
        CAPTURE(std::string(to_key(role)));
        CHECK(validate_message(message("买家情绪激动，注意措辞。", MessageVisibility::staff), role).empty());
    }
    for (const Role role : kPartyRoles) {
        CAPTURE(std::string(to_key(role)));
        CHECK(describe(validate_message(message("只给平台看", MessageVisibility::staff), role)) ==
              "visibility/invalid_choice ");
    }
}

TEST_CASE("validate_message: a blank body is no message") {
    for (const char* blank : {"", " ", "\t\r\n", "  \n  ", "\xE3\x80\x80", "\xE3\x80\x80 \xE3\x80\x80\n"}) {
        CAPTURE(std::string(blank));
        CHECK(describe(validate_message(message(blank), Role::buyer)) == "body/required ");
        CHECK(describe(validate_message(message(blank, MessageVisibility::staff), Role::support)) == "body/required ");
    }
    // One character is enough.
    CHECK(validate_message(message("好"), Role::buyer).empty());
    CHECK(validate_message(message("  ?  "), Role::merchant).empty());
    // A blank internal note by a party: both problems at once.
    CHECK(describe(validate_message(message(" ", MessageVisibility::staff), Role::merchant)) ==
          "body/required visibility/invalid_choice ");
}

TEST_CASE("validate_message: at most 2000 characters after trimming, counted as characters") {
    CHECK(kMessageMaxChars == 2000);
    CHECK(validate_message(message(std::string(2000, 'a')), Role::buyer).empty());
    CHECK(validate_message(message(repeat("退", 2000)), Role::buyer).empty());  // 6000 bytes
    CHECK(validate_message(message(repeat("📦", 2000)), Role::buyer).empty());   // 8000 bytes
    for (const std::string& body : {std::string(2001, 'a'), repeat("退", 2001), repeat("退", 5000)}) {
        const FieldErrors e = validate_message(message(body), Role::support);
        REQUIRE(e.size() == 1);
        CHECK(e[0].field == "body");
        CHECK(e[0].code == ErrorCode::too_long);
        CHECK(e[0].limit == 2000);
    }
    // White space around the text does not count.
    CHECK(validate_message(message("\n" + repeat("退", 2000) + "\n"), Role::buyer).empty());
    CHECK(validate_message(message("  " + std::string(2000, 'a') + "\xE3\x80\x80"), Role::buyer).empty());
    CHECK(describe(validate_message(message(" " + std::string(2001, 'a') + " "), Role::buyer)) == "body/too_long ");
}

TEST_CASE("validate_message: the body must be valid UTF-8") {
    for (const char* bad : {"\xFF", "退款\xE9\x80", "\xC0\xAF", "\xED\xA0\x80"}) {
        CAPTURE(std::string(bad));
        CHECK(describe(validate_message(message(bad), Role::buyer)) == "body/invalid_format ");
    }
    CHECK(validate_message(message("emoji 👍 and 中文"), Role::buyer).empty());
}

// ---------------------------------------------------------------------------
// may_read and takes_part

TEST_CASE("may_read: messages to all are for everyone, internal notes for staff roles only") {
    for (const auto& entry : EnumTable<Role>::entries) {
        CAPTURE(std::string(entry.key));
        CHECK(may_read(MessageVisibility::all, entry.value));
    }
    for (const Role role : kStaffRoles) CHECK(may_read(MessageVisibility::staff, role));
    for (const Role role : kPartyRoles) CHECK_FALSE(may_read(MessageVisibility::staff, role));
}

TEST_CASE("takes_part: the case's parties and the staff working it, not other cases' mediators and arbitrators") {
    const Case c = worked_case();
    // The parties: the buyer, and any user of the merchant's shop.
    CHECK(takes_part(c, buyer()));
    CHECK(takes_part(c, merchant()));
    CHECK(takes_part(c, person(kMerchantUser + 50, Role::merchant, kShop)));
    // Staff: support, the assigned mediator and arbitrator, approvers and admins.
    CHECK(takes_part(c, support()));
    CHECK(takes_part(c, mediator(kMediator)));
    CHECK(takes_part(c, arbitrator(kArbitrator)));
    CHECK(takes_part(c, approver()));
    CHECK(takes_part(c, manager()));
    CHECK(takes_part(c, admin()));
    // Not: a mediator or arbitrator of other cases, the scheduler, other buyers and shops.
    CHECK_FALSE(takes_part(c, mediator(kOtherMediator)));
    CHECK_FALSE(takes_part(c, arbitrator(kOtherArbitrator)));
    CHECK_FALSE(takes_part(c, scheduler()));
    CHECK_FALSE(takes_part(c, person(kOtherBuyer, Role::buyer)));
    CHECK_FALSE(takes_part(c, person(kOtherMerchantUser, Role::merchant, kOtherShop)));
    CHECK_FALSE(takes_part(c, person(kMerchantUser, Role::merchant, 0)));    // a merchant user with no shop
    CHECK_FALSE(takes_part(c, person(kBuyer, Role::merchant, kOtherShop)));  // the buyer's id in another role
    // Before anyone is assigned, no mediator or arbitrator takes part.
    const Case fresh = new_case();
    CHECK_FALSE(takes_part(fresh, mediator(kMediator)));
    CHECK_FALSE(takes_part(fresh, arbitrator(kArbitrator)));
    CHECK(takes_part(fresh, support()));
}

TEST_CASE("takes_part: each relation to the case") {
    struct Row {
        Actor who;
        Relation relation;
        bool takes_part;
    };
    const Row rows[] = {
        {buyer(), Relation::case_buyer, true},
        {merchant(), Relation::case_merchant, true},
        {support(), Relation::support, true},
        {mediator(kMediator), Relation::assigned_mediator, true},
        {mediator(kOtherMediator), Relation::mediator, false},
        {arbitrator(kArbitrator), Relation::assigned_arbitrator, true},
        {arbitrator(kOtherArbitrator), Relation::arbitrator, false},
        {approver(), Relation::approver, true},
        {admin(), Relation::admin, true},
        {scheduler(), Relation::system, false},
        {person(kOtherBuyer, Role::buyer), Relation::outsider, false},
    };
    const Case c = worked_case();
    std::size_t relations = 0;
    for (const Row& row : rows) {
        CAPTURE(std::string(to_key(row.relation)));
        REQUIRE(relation_to(c, row.who) == row.relation);
        CHECK(takes_part(c, row.who) == row.takes_part);
        ++relations;
    }
    CHECK(relations == enum_count<Relation>());
}

// ---------------------------------------------------------------------------
// The wire form

TEST_CASE("decode MessageForm: body, and a visibility that defaults to all") {
    MessageForm m;
    CHECK(decode_text(R"({"body":"请在 48 小时内回复"})", m).empty());
    CHECK(m.body == "请在 48 小时内回复");
    CHECK(m.visibility == MessageVisibility::all);
    MessageForm note;
    CHECK(decode_text(R"({"body":"内部备注","visibility":"staff"})", note).empty());
    CHECK(note.visibility == MessageVisibility::staff);
    MessageForm all;
    CHECK(decode_text(R"({"body":"x","visibility":"all"})", all).empty());
    CHECK(all.visibility == MessageVisibility::all);
    MessageForm null_visibility;
    CHECK(decode_text(R"({"body":"x","visibility":null})", null_visibility).empty());
    CHECK(null_visibility.visibility == MessageVisibility::all);
    // Decoding checks the shape only: a blank body is validate_message's business.
    MessageForm blank;
    CHECK(decode_text(R"({"body":""})", blank).empty());
    // encode and decode are inverse.
    for (const MessageForm& form : {message("你好 👋"), message("注意", MessageVisibility::staff)}) {
        MessageForm back;
        CHECK(api::decode(api::encode(form), back).empty());
        CHECK(back.body == form.body);
        CHECK(back.visibility == form.visibility);
        CHECK(api::encode(form) == json{{"body", form.body}, {"visibility", to_key(form.visibility)}});
    }
}

TEST_CASE("decode MessageForm: visibility values other than all and staff are refused") {
    for (const char* value : {"internal", "STAFF", "Staff", "private", "", " staff", "parties"}) {
        CAPTURE(std::string(value));
        MessageForm m;
        CHECK(describe(api::decode(json{{"body", "x"}, {"visibility", value}}, m)) == "visibility/invalid_choice ");
    }
    for (const json& value : {json(1), json(true), json::array({"staff"}), json::object()}) {
        CAPTURE(value.dump());
        MessageForm m;
        CHECK(describe(api::decode(json{{"body", "x"}, {"visibility", value}}, m)) == "visibility/wrong_type ");
    }
}

TEST_CASE("decode MessageForm: unknown keys, a missing or mistyped body, not an object") {
    MessageForm m;
    CHECK(describe(decode_text(R"({"body":"x","author_id":7})", m)) == "author_id/unknown_field ");
    CHECK(describe(decode_text(R"({"body":"x","Visibility":"staff"})", m)) == "Visibility/unknown_field ");
    CHECK(describe(decode_text(R"({"body":"x","case_id":1,"at":0})", m)) == "at/unknown_field case_id/unknown_field ");
    CHECK(describe(decode_text(R"({})", m)) == "body/required ");
    CHECK(describe(decode_text(R"({"visibility":"staff"})", m)) == "body/required ");
    CHECK(describe(decode_text(R"({"body":null})", m)) == "body/required ");
    CHECK(describe(decode_text(R"({"body":5})", m)) == "body/wrong_type ");
    CHECK(describe(decode_text(R"({"body":["x"]})", m)) == "body/wrong_type ");
    CHECK(describe(decode_text(R"({"body":{"text":"x"}})", m)) == "body/wrong_type ");
    // Every problem at once.
    CHECK(describe(decode_text(R"({"body":1,"visibility":"secret","extra":true})", m)) ==
          "extra/unknown_field body/wrong_type visibility/invalid_choice ");
    for (const char* text : {R"([])", R"("hello")", "null", "42", R"([{"body":"x"}])", "{not json"}) {
        CAPTURE(std::string(text));
        CHECK(describe(decode_text(text, m)) == "/wrong_type ");
    }
}
