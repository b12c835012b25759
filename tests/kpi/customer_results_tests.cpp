#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/customers_at_risk.hpp"
#include "plugin/kpi/dataset_index.hpp"
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

TEST_CASE("customers at risk: riskiest first, then the larger lifetime value, then the id; risk 0 is not listed",
          "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    // Inactivity rule, H = 365 days: a customer whose last win closed by day 635 has risk 1.
    data.deals = {won("d1", "ana", 10, 900, 950, "recent"),   // risk 0
                  won("d2", "ana", 100, 480, 500, "big"), won("d3", "bob", 500, 580, 600, "big"),  // 600, last bob
                  won("d4", "ana", 50, 540, 550, "m1"), won("d5", "bob", 50, 500, 520, "m0"),
                  won("d6", "zed", 20, 390, 400, "orphan")};  // zed is no seller
    const Scorecard card = compute_scorecard(data, config());
    const std::vector<CustomerAtRisk>& at_risk = card.customers_at_risk;
    REQUIRE(at_risk.size() == 4);
    CHECK(at_risk[0].customer_id == "big");
    CHECK(at_risk[0].churn_risk == 1.0);
    CHECK(at_risk[0].lifetime_value == 600.0);
    CHECK(at_risk[0].seller_id == "bob");  // who sold to it last, not first
    CHECK(at_risk[0].seller_name == "Seller bob");
    CHECK(at_risk[0].last_purchase_at == day(600));
    CHECK_FALSE(at_risk[0].expected_purchases_90d);  // the model is not fitted
    CHECK(at_risk[1].customer_id == "m0");  // 50 each: by id
    CHECK(at_risk[1].seller_id == "bob");
    CHECK(at_risk[2].customer_id == "m1");
    CHECK(at_risk[2].seller_id == "ana");
    CHECK(at_risk[3].customer_id == "orphan");
    CHECK(at_risk[3].seller_id == "zed");
    CHECK_FALSE(at_risk[3].seller_name);
}

TEST_CASE("customers at risk lists the 20 riskiest of more", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    // 25 lapsed customers (risk 1) worth 1 … 25: the 20 listed are worth 25 down to 6.
    for (int i = 1; i <= 25; ++i) {
        data.deals.push_back(won("d" + std::to_string(i), "ana", i, 400, 500, "k" + std::to_string(i)));
    }
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.customers_at_risk.size() == 20);
    CHECK(card.customers_at_risk.front().customer_id == "k25");
    CHECK(card.customers_at_risk.back().customer_id == "k6");
}

TEST_CASE("customers at risk leaves out a risk below 0.1%, as a fit on a ridge gives everyone", "[kpi][customer]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950, "near_zero"), won("d2", "ana", 10, 900, 950, "at_floor"),
                  won("d3", "ana", 10, 900, 950, "tiny")};
    const DatasetIndex index(data, CustomerEntity::contact, day(820), as_of);
    const std::vector<CustomerResult> customers{{"near_zero", 3.7e-10, 10.0, 0.19},
                                                {"at_floor", 0.001, 10.0, 0.19},
                                                {"tiny", 0.000999, 10.0, 0.19}};
    const std::vector<CustomerAtRisk> at_risk = customers_at_risk(index, customers, as_of, 20);
    REQUIRE(at_risk.size() == 1);
    CHECK(at_risk[0].customer_id == "at_floor");
    CHECK(at_risk[0].expected_purchases_90d == 0.19);
}
