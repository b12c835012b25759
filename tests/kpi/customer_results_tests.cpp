#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

const CustomerResult* find_customer(const Scorecard& card, const std::string& id) {
    for (const CustomerResult& c : card.customers) {
        if (c.customer_id == id) return &c;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a customer's lifetime value sums its won deals of any owner closed by as_of", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 100, 890, 900, "k1"), won("d2", "bob", 250, 940, 950, "k1"),
                  won("d3", "ana", 500, 990, 1001, "k1"),
                  deal("d4", "ana", model::DealStatus::lost, 999, 940, 950, "k1")};
    const Scorecard card = compute_scorecard(data, config());
    const CustomerResult* k1 = find_customer(card, "k1");
    REQUIRE(k1 != nullptr);
    // 100 + 250; the win after as_of and the lost deal do not count
    CHECK(k1->lifetime_value == 350.0);
}

TEST_CASE("churn_risk falls back to inactivity: 1 without a win in the H days up to as_of, else 0", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    // H = 365 days: active when a win closed in (day 635, day 1000]
    data.deals = {won("d1", "ana", 10, 900, 950, "recent"), won("d2", "ana", 10, 500, 600, "lapsed"),
                  won("d3", "ana", 10, 600, 635, "at_horizon"), won("d4", "ana", 10, 990, 1000, "at_as_of")};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(find_customer(card, "recent")->churn_risk == 0.0);
    CHECK(find_customer(card, "lapsed")->churn_risk == 1.0);
    CHECK(find_customer(card, "at_horizon")->churn_risk == 1.0);
    CHECK(find_customer(card, "at_as_of")->churn_risk == 0.0);
}

TEST_CASE("a contact whose only win closes after as_of is not yet a customer", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 990, 1001, "k1")};
    CHECK(compute_scorecard(data, config()).customers.empty());
}

TEST_CASE("the churn model reports that it is not fitted and that the inactivity rule was used", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(card.churn_model.fitted);
    CHECK_THAT(card.churn_model.note, Catch::Contains("not fitted") && Catch::Contains("inactivity"));
}
