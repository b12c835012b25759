// The churn model inside the scorecard (KPIS.md §6): when it is fitted, what it writes on
// customers, and the seller-level expected_churn.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

const CustomerResult& customer(const Scorecard& card, const std::string& id) {
    for (const CustomerResult& c : card.customers) {
        if (c.customer_id == id) return c;
    }
    throw std::out_of_range("no customer " + id + " in the scorecard");
}

// `repeat_customers` customers of seller "bulk" buying at their own pace: the even ones stop after 2
// to 6 purchases, the odd ones keep buying up to as_of; plus 20 one-time buyers. Dropout differs
// between customers, so the likelihood has an interior maximum (with one common dropout
// probability a and b run off to infinity together).
model::Dataset bulk_customers(int repeat_customers) {
    model::Dataset data;
    data.sellers = {seller("bulk"), seller("ana"), seller("bob")};
    int deal_number = 0;
    const auto add_win = [&](const std::string& customer, double closed_day) {
        const std::string id = "d" + std::to_string(deal_number++);
        data.deals.push_back(won(id, "bulk", 100, closed_day - 10, closed_day, customer));
    };
    for (int i = 0; i < repeat_customers; ++i) {
        const double first = 100 + (i * 37) % 300;
        const double gap = 7 + (i * 13) % 30;
        const int purchases = i % 2 == 1 ? 1000 : 2 + (i * 7) % 5;
        for (int k = 0; k < purchases && first + k * gap < 1000; ++k) add_win("r" + std::to_string(i), first + k * gap);
    }
    for (int i = 0; i < 20; ++i) add_win("once" + std::to_string(i), 400 + i * 25);
    return data;
}

// P(alive) by FHL 2005 eq. (13) from the reported parameters.
double probability_alive_from(const ChurnModelSummary& m, double x, double t_x, double T) {
    if (x == 0) return 1;
    return 1 / (1 + *m.a / (*m.b + x - 1) * std::pow((*m.alpha + T) / (*m.alpha + t_x), *m.r + x));
}

}  // namespace

TEST_CASE("with fewer than 50 repeat customers the model is not fitted and the note says why", "[kpi][bgnbd]") {
    const Scorecard card = compute_scorecard(bulk_customers(49), config());
    CHECK_FALSE(card.churn_model.fitted);
    CHECK_FALSE(card.churn_model.r.has_value());
    CHECK_THAT(card.churn_model.note, Catch::Contains("49 customers with repeat purchases") &&
                                          Catch::Contains("at least 50") && Catch::Contains("inactivity"));
    // r0 bought on days 100 and 107: not active in (635, 1000]
    CHECK(customer(card, "r0").churn_risk == 1.0);
    CHECK_FALSE(customer(card, "r0").expected_purchases_90d.has_value());
}

TEST_CASE("with 50 repeat customers the model is fitted and churn_risk is 1 minus P(alive)", "[kpi][bgnbd]") {
    const Scorecard card = compute_scorecard(bulk_customers(50), config());
    const ChurnModelSummary& model = card.churn_model;
    REQUIRE(model.fitted);
    CHECK(model.converged);
    CHECK(model.log_likelihood.has_value());
    // r4 (even, stops): first = 100 + 148 = 248, gap = 7 + 52 % 30 = 29, 2 + 28 % 5 = 5 purchases on
    // days 248, 277, 306, 335, 364: x = 4, t_x = 116/7, T = 752/7.
    const CustomerResult& r4 = customer(card, "r4");
    CHECK(*r4.churn_risk == Approx(1 - probability_alive_from(model, 4, 116.0 / 7, 752.0 / 7)).epsilon(1e-9));
    REQUIRE(r4.expected_purchases_90d.has_value());
    CHECK(*r4.expected_purchases_90d >= 0);
    // A one-time buyer cannot have dropped out in BG/NBD.
    CHECK(customer(card, "once0").churn_risk == 0.0);
}

TEST_CASE("a fit on customers who all still buy reports the ridge instead of converging", "[kpi][bgnbd]") {
    // 60 customers each buying every `gap` days up to the day of as_of (so t_x = T: no sign of dropout),
    // at widely different rates: the likelihood keeps rising as a/(a+b) shrinks to 0.
    model::Dataset data;
    data.sellers = {seller("ana")};
    int deal_number = 0;
    for (int i = 0; i < 60; ++i) {
        const double gap = 5 + (i * 11) % 60;
        const int purchases = 2 + (i * 7) % 9;
        for (int k = 0; k < purchases; ++k) {
            data.deals.push_back(won("d" + std::to_string(deal_number++), "ana", 100, 100, 1000 - k * gap,
                                     "c" + std::to_string(i)));
        }
    }
    const Scorecard card = compute_scorecard(data, config());
    const ChurnModelSummary& model = card.churn_model;
    REQUIRE(model.fitted);
    CHECK_FALSE(model.converged);
    CHECK(model.diverged_parameters == std::vector<std::string>{"a", "b"});
    CHECK_THAT(model.note, Catch::Contains("did NOT converge") && Catch::Contains("a, b"));
}

TEST_CASE("expected_churn of a seller is the mean churn_risk of its active customers", "[kpi][bgnbd]") {
    model::Dataset data = bulk_customers(60);
    data.deals.push_back(won("a1", "ana", 10, 890, 900, "r0"));   // r0 active for ana
    data.deals.push_back(won("a2", "ana", 10, 690, 700, "r1"));   // r1 active for ana (700 > 635)
    data.deals.push_back(won("a3", "ana", 10, 590, 600, "r2"));   // r2 lapsed for ana
    data.deals.push_back(won("b1", "bob", 10, 990, 995, "r2"));   // r2 active for bob only
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.churn_model.fitted);
    const double r0 = *customer(card, "r0").churn_risk;
    const double r1 = *customer(card, "r1").churn_risk;
    CHECK(*kpi_of(card, "ana", "expected_churn").value == Approx((r0 + r1) / 2).epsilon(1e-12));
    CHECK(*kpi_of(card, "bob", "expected_churn").value == Approx(*customer(card, "r2").churn_risk).epsilon(1e-12));
}

TEST_CASE("expected_churn is null for a seller with no active customer", "[kpi][bgnbd]") {
    model::Dataset data = bulk_customers(60);
    data.deals.push_back(won("a1", "ana", 10, 190, 200, "r0"));
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(kpi_of(card, "ana", "expected_churn").value.has_value());
}

TEST_CASE("expected_churn's previous value is what a run as of as_of minus window_days reports", "[kpi][bgnbd]") {
    model::Dataset data = bulk_customers(70);
    data.deals.push_back(won("a1", "ana", 10, 880, 890, "r0"));
    data.deals.push_back(won("a2", "ana", 10, 940, 950, "r5"));
    const KpiValue now = kpi_of(compute_scorecard(data, config()), "ana", "expected_churn");
    KpiConfig earlier = config();
    earlier.as_of = as_of - 90 * ms_per_day;
    const KpiValue then = kpi_of(compute_scorecard(data, earlier), "ana", "expected_churn");
    REQUIRE(now.previous.has_value());
    CHECK(*now.previous == Approx(*then.value).epsilon(1e-12));
    // a ratio: the change is the difference
    CHECK(*now.change == Approx(*now.value - *now.previous).epsilon(1e-12));
}

TEST_CASE("a customer reactivated after the horizon is active again for expected_churn", "[kpi][bgnbd]") {
    model::Dataset data = bulk_customers(60);
    // ana sold to k on days 200 and 300, lost it past the horizon, and won it back on day 980.
    data.deals.push_back(won("a1", "ana", 10, 190, 200, "k"));
    data.deals.push_back(won("a2", "ana", 10, 290, 300, "k"));
    data.deals.push_back(won("a3", "ana", 10, 970, 980, "k"));
    const Scorecard card = compute_scorecard(data, config());
    const KpiValue churn = kpi_of(card, "ana", "expected_churn");
    const double k = *customer(card, "k").churn_risk;
    CHECK(*churn.value == Approx(k).epsilon(1e-12));
    // x = 2, t_x = 780/7, T = 800/7: the purchase 20 days ago makes it very likely alive.
    CHECK(k == Approx(1 - probability_alive_from(card.churn_model, 2, 780.0 / 7, 800.0 / 7)).epsilon(1e-9));
    // As of day 910 its last purchase (day 300) is older than H = 365 days: no active customer.
    CHECK_FALSE(churn.previous.has_value());
}

TEST_CASE("with the model fitted, the customers at risk are the 20 with the lowest P(alive), riskiest first",
          "[kpi][bgnbd]") {
    const Scorecard card = compute_scorecard(bulk_customers(50), config());
    REQUIRE(card.churn_model.fitted);
    const std::vector<CustomerAtRisk>& at_risk = card.customers_at_risk;
    REQUIRE(at_risk.size() == 20);
    // The 21st riskiest customer is no riskier than the 20th listed: rank every risk and compare.
    std::vector<double> risks;
    for (const CustomerResult& c : card.customers) risks.push_back(*c.churn_risk);
    std::sort(risks.rbegin(), risks.rend());
    for (std::size_t i = 0; i < at_risk.size(); ++i) {
        INFO("row " << i << ": " << at_risk[i].customer_id);
        CHECK(at_risk[i].churn_risk == risks[i]);
        CHECK(at_risk[i].churn_risk == *customer(card, at_risk[i].customer_id).churn_risk);
        CHECK(at_risk[i].customer_id.starts_with("r"));  // one-time buyers are alive for BG/NBD
        CHECK(at_risk[i].seller_id == "bulk");
        CHECK(at_risk[i].expected_purchases_90d.has_value());
    }
    // r4 stopped after day 364 (x = 4, 636 days without a purchase): among the listed.
    CHECK(std::any_of(at_risk.begin(), at_risk.end(), [](const CustomerAtRisk& c) { return c.customer_id == "r4"; }));
}
