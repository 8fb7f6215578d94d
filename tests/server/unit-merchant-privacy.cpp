// A merchant sees the buyer of its cases as "the buyer": masked contact, and never the buyer's
// account id, in the case, the case list or the timeline; staff and the buyer see the id.
#include <doctest/doctest.h>

#include <regex>

#include "fixtures.hpp"

using namespace accord::test;

TEST_CASE("merchants never see the buyer's account id, in the case, the list or the timeline") {
    SharedServer w;
    Session buyer = w.as("buyer");
    Session merchant = w.as("merchant");
    Session support = w.as("support");
    const std::int64_t buyer_id = user_id(w.server(), "buyer");
    const std::int64_t id = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop)));

    CHECK(view(merchant, id)["dispute"]["buyer_id"] == 0);
    const json listed = get_ok(merchant, "/api/v1/disputes");  // kept: a range-for over a temporary's member dangles
    REQUIRE(!listed["disputes"].empty());
    for (const json& d : listed["disputes"]) CHECK(d["buyer_id"] == 0);
    const json seen_by_merchant = events(merchant, id);
    REQUIRE(!seen_by_merchant.empty());
    CHECK(seen_by_merchant[0]["action"] == "file");
    CHECK(seen_by_merchant[0]["relation"] == "case_buyer");
    CHECK(seen_by_merchant[0]["actor_id"] == 0);

    // The buyer and the staff still see who it is.
    CHECK(view(buyer, id)["dispute"]["buyer_id"] == buyer_id);
    CHECK(view(support, id)["dispute"]["buyer_id"] == buyer_id);
    CHECK(events(support, id)[0]["actor_id"] == buyer_id);
}

TEST_CASE("merchants name the buyer by a per-case alias: stable on a case, different on the buyer's next case") {
    SharedServer w;
    Session buyer = w.as("buyer");
    Session merchant = w.as("merchant");
    const std::int64_t first = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop)));
    const std::int64_t second = file_case(buyer, filing_body(add_order(w.server(), "buyer", kDigitalShop)));

    const std::string alias = view(merchant, first)["dispute"]["buyer_alias"];
    CHECK(std::regex_match(alias, std::regex("B-[0-9A-HJKMNP-TV-Z]{8}")));
    CHECK(view(merchant, first)["dispute"]["buyer_alias"] == alias);  // stable
    CHECK(view(buyer, first)["dispute"]["buyer_alias"] == alias);     // the same words for everyone
    CHECK(view(merchant, second)["dispute"]["buyer_alias"] != alias);  // two cases cannot be tied together
    const json listed = get_ok(merchant, "/api/v1/disputes");
    bool found = false;
    for (const json& d : listed["disputes"])
        if (d["id"] == first) {
            found = true;
            CHECK(d["buyer_alias"] == alias);
        }
    CHECK(found);
    // Never stored: the case document on disk has no alias to leak or to go stale.
    CHECK(sql_int(w.server().db_path(), "SELECT COUNT(*) FROM cases WHERE body LIKE '%buyer_alias%'") == 0);
}
