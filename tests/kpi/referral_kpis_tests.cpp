#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

model::Contact referred(std::string id, std::optional<std::string> owner, double created_day,
                        std::optional<std::string> referred_by, std::optional<std::string> channel) {
    model::Contact c = contact(std::move(id), std::move(owner), created_day);
    c.referred_by = std::move(referred_by);
    c.channel = std::move(channel);
    return c;
}

}  // namespace

TEST_CASE("referrals_count credits the referrer's owner and the owner of a referral lead without referrer",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.contacts = {
        contact("r", "ana", 100),
        referred("c1", "bob", 950, "r", std::nullopt),        // referred by ana's contact
        referred("c2", "ana", 960, std::nullopt, "referral"), // ana's referral lead, no referrer
        referred("c3", "bob", 970, "r", "referral"),          // the referrer decides, not bob's ownership
        referred("c4", "bob", 800, "r", std::nullopt),        // created before W
        referred("c5", "bob", 1000.5, std::nullopt, "referral"),  // created after as_of
        referred("c6", "bob", 975, std::nullopt, "web"),
    };
    const Scorecard card = compute_scorecard(data, config());
    // ana: c1, c2, c3 = 3; bob: none (c3 names a referrer, c5 does not exist yet, c6 is not a referral)
    CHECK(kpi_of(card, "ana", "referrals_count").value == 3.0);
    CHECK(kpi_of(card, "bob", "referrals_count").value == 0.0);
    CHECK(card.team.at("referrals_count").value == 3.0);
}
