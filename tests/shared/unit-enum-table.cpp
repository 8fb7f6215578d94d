// Every enum's table: wire keys, labels, and coverage of every value.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "accord/case.hpp"
#include "accord/dispute.hpp"
#include "accord/error_code.hpp"
#include "accord/role.hpp"

using namespace accord;

namespace {

// The last enumerator of each enum: a value added after it without a table entry fails the
// coverage test below once this list is updated, and the table size check catches a gap.
template <typename E>
struct Last;
template <> struct Last<Role> { static constexpr Role value = Role::admin; };
template <> struct Last<Category> { static constexpr Category value = Category::other; };
template <> struct Last<Remedy> { static constexpr Remedy value = Remedy::compensation; };
template <> struct Last<Channel> { static constexpr Channel value = Channel::social; };
template <> struct Last<DisputeState> { static constexpr DisputeState value = DisputeState::referred_external; };
template <> struct Last<ErrorCode> { static constexpr ErrorCode value = ErrorCode::internal; };
template <> struct Last<ExternalBody> { static constexpr ExternalBody value = ExternalBody::third_party_mediation; };
template <> struct Last<CaseKind> { static constexpr CaseKind value = CaseKind::merchant_vs_platform; };
template <> struct Last<Payer> { static constexpr Payer value = Payer::shared; };
template <> struct Last<Liability> { static constexpr Liability value = Liability::platform; };
template <> struct Last<SanctionTier> { static constexpr SanctionTier value = SanctionTier::blacklist; };

// Every enum the tests below run on; a new enum with a table joins here and in Last above.
#define ACCORD_ENUMS Role, Category, Remedy, Channel, DisputeState, ErrorCode, ExternalBody, SanctionTier, CaseKind, Payer, Liability

bool is_snake_case(const std::string& key) {
    if (key.empty() || key.front() == '_' || key.back() == '_') return false;
    for (const char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

}  // namespace

TEST_CASE_TEMPLATE("an enum table covers every value once, with a unique snake_case key", E, ACCORD_ENUMS) {
    const int count = static_cast<int>(Last<E>::value) + 1;
    CHECK(enum_count<E>() == static_cast<std::size_t>(count));

    std::set<std::string> keys;
    std::set<int> values;
    for (const auto& e : EnumTable<E>::entries) {
        CAPTURE(e.key);
        CHECK(is_snake_case(e.key));
        CHECK(keys.insert(e.key).second);
        CHECK(values.insert(static_cast<int>(e.value)).second);
    }
    // The enums count up from 0 without gaps: every value has an entry.
    for (int i = 0; i < count; ++i) {
        CAPTURE(i);
        CHECK(values.count(i) == 1);
        CHECK(std::string(to_key(static_cast<E>(i))).size() > 0);
    }
}

TEST_CASE_TEMPLATE("to_key and from_key round-trip", E, ACCORD_ENUMS) {
    for (const auto& e : EnumTable<E>::entries) {
        CAPTURE(e.key);
        CHECK(std::string(to_key(e.value)) == e.key);
        E back = Last<E>::value;
        REQUIRE(from_key(e.key, back));
        CHECK(back == e.value);
        // Keys are exact: no case folding, no trimming, no prefixes.
        E untouched = Last<E>::value;
        std::string upper = e.key;
        for (char& c : upper)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        CHECK_FALSE(from_key(upper, untouched));
        CHECK_FALSE(from_key(std::string(e.key) + " ", untouched));
        CHECK_FALSE(from_key(" " + std::string(e.key), untouched));
        CHECK_FALSE(from_key(std::string(e.key).substr(0, std::string(e.key).size() - 1), untouched));
        CHECK(untouched == Last<E>::value);
    }
}

TEST_CASE_TEMPLATE("from_key rejects unknown keys and leaves the output alone", E, ACCORD_ENUMS) {
    for (const char* key : {"", "unknown", "0", "null", "买家", "filed_", "-"}) {
        CAPTURE(key);
        E out = Last<E>::value;
        CHECK_FALSE(from_key(key, out));
        CHECK(out == Last<E>::value);
    }
}

TEST_CASE_TEMPLATE("labels exist in both languages", E, ACCORD_ENUMS) {
    for (const auto& e : EnumTable<E>::entries) {
        CAPTURE(e.key);
        CHECK(std::string(label(e.value, Lang::zh_CN)).size() > 0);
        CHECK(std::string(label(e.value, Lang::en)).size() > 0);
        CHECK(std::string(label(e.value, Lang::zh_CN)) == e.zh);
        CHECK(std::string(label(e.value, Lang::en)) == e.en);
    }
}

TEST_CASE_TEMPLATE("a value outside the table has no key and no label", E, ACCORD_ENUMS) {
    const E outside = static_cast<E>(static_cast<int>(Last<E>::value) + 1);
    CHECK(std::string(to_key(outside)).empty());
    CHECK(std::string(label(outside, Lang::zh_CN)).empty());
    CHECK(std::string(label(outside, Lang::en)).empty());
}

TEST_CASE("a few keys the database and the client rely on") {
    CHECK(std::string(to_key(Role::support)) == "support");
    CHECK(std::string(to_key(Category::not_received)) == "not_received");
    CHECK(std::string(to_key(Remedy::return_and_refund)) == "return_and_refund");
    CHECK(std::string(to_key(Channel::hotline)) == "hotline");
    CHECK(std::string(to_key(DisputeState::awaiting_merchant)) == "awaiting_merchant");
    CHECK(std::string(to_key(ErrorCode::filing_window_closed)) == "filing_window_closed");
    CHECK(std::string(label(Role::buyer, Lang::zh_CN)) == "买家");
    CHECK(std::string(label(DisputeState::closed, Lang::en)) == "Closed");
}

TEST_CASE("is_staff: everyone but buyers and merchants") {
    for (const auto& e : EnumTable<Role>::entries) {
        CAPTURE(e.key);
        CHECK(is_staff(e.value) == (e.value != Role::buyer && e.value != Role::merchant));
    }
}
