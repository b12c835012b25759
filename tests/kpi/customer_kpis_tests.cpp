#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

TEST_CASE("conversion_rate is the share of the seller's contacts created in W with a won deal by as_of",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.contacts = {contact("c1", "ana", 920), contact("c2", "ana", 930), contact("c3", "ana", 940),
                     contact("c4", "ana", 800), contact("c5", "ana", 1001)};
    data.deals = {won("d1", "bob", 10, 925, 950, "c1"), won("d2", "ana", 10, 935, 1005, "c2"),
                  won("d4", "ana", 10, 805, 950, "c4"), won("d5", "ana", 10, 999, 999.5, "c5")};
    const Scorecard card = compute_scorecard(data, config());
    // cohort: c1, c2, c3 (c4 was created in P; c5 after as_of does not exist yet).
    // c1 won by bob (any owner counts): converted; c2 won after as_of: not yet; c3: no deal. 1 / 3
    CHECK(kpi_of(card, "ana", "conversion_rate").value == Approx(1.0 / 3.0));
}

TEST_CASE("new_customers_count counts customers whose first won deal is the seller's and closed in W",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 10, 900, 950, "k1"),  // k1: first win, ana's, in W
                  won("d2", "bob", 10, 700, 800, "k2"),  // k2: first win is bob's, before P
                  won("d3", "ana", 10, 900, 950, "k2"),
                  won("d4", "ana", 10, 800, 850, "k3"),  // k3: first win in P
                  won("d5", "ana", 10, 900, 960, "k3")};
    const Scorecard card = compute_scorecard(data, config());
    // W: only k1 is new for ana; bob wins no new customer in W. P: k3 is new for ana.
    CHECK(kpi_of(card, "ana", "new_customers_count").value == 1.0);
    CHECK(kpi_of(card, "ana", "new_customers_count").previous == 1.0);
    CHECK(kpi_of(card, "bob", "new_customers_count").value == 0.0);
}

TEST_CASE("retention keeps a customer reactivated in W and leaves out one dormant at W's start", "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    // H = 365 days. Active at W's start (day 910): a win in (545, 910]; at as_of: a win in (635, 1000].
    data.deals = {won("d1", "ana", 10, 590, 600, "k1"),  // in S; lapses at day 965: churned
                  won("d2", "ana", 10, 690, 700, "k2"),  // in S; still active: retained
                  won("d3", "ana", 10, 550, 560, "k3"),  // in S; dormant from day 925 ...
                  won("d4", "ana", 10, 940, 950, "k3"),  // ... reactivated on day 950: retained
                  won("d5", "ana", 10, 490, 500, "k4"),  // dormant at W's start: not in S
                  won("d6", "ana", 10, 950, 960, "k4")};
    const Scorecard card = compute_scorecard(data, config());
    // S = {k1, k2, k3}: 3; retained k2, k3: 2 / 3; churned k1: 1 / 3
    CHECK(kpi_of(card, "ana", "customers_at_start").value == 3.0);
    CHECK(kpi_of(card, "ana", "retention_rate").value == Approx(2.0 / 3.0));
    CHECK(kpi_of(card, "ana", "churn_rate").value == Approx(1.0 / 3.0));
}

TEST_CASE("churn_rate and retention_rate add up to one", "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 590, 600, "k1"), won("d2", "ana", 10, 690, 700, "k2"),
                  won("d3", "ana", 10, 880, 900, "k3"), won("d4", "ana", 10, 580, 610, "k4"),
                  won("d5", "ana", 10, 880, 990, "k4")};
    const Scorecard card = compute_scorecard(data, config());
    // S = {k1, k2, k3, k4}; retained k2, k3, k4: 3 / 4 and 1 / 4
    const double retention = *kpi_of(card, "ana", "retention_rate").value;
    const double churn = *kpi_of(card, "ana", "churn_rate").value;
    CHECK(retention == Approx(0.75));
    CHECK(retention + churn == Approx(1.0));
}

TEST_CASE("retention_rate is null when the seller had no active customer at W's start", "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 940, 950, "k1")};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "customers_at_start").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "retention_rate").value);
    CHECK_FALSE(kpi_of(card, "ana", "churn_rate").value);
}

TEST_CASE("repeat_purchase_rate counts the seller's customers with two or more of the seller's wins by as_of",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 10, 890, 900, "k1"),                                   // k1: 1 win
                  won("d2", "ana", 10, 790, 800, "k2"),  won("d3", "ana", 10, 940, 950, "k2"),  // k2: 2 wins
                  won("d4", "ana", 10, 940, 950, "k3"),  won("d5", "ana", 10, 990, 1010, "k3"),  // k3: 1 by as_of
                  won("d6", "bob", 10, 940, 950, "k4"),  won("d7", "bob", 10, 940, 960, "k4"),   // k4: bob's
                  won("d8", "ana", 10, 940, 950, "k5"),  won("d9", "bob", 10, 940, 960, "k5")};  // k5: 1 of ana's
    const Scorecard card = compute_scorecard(data, config());
    // ana's customers: k1, k2, k3, k5; repeat buyers of ana: k2. 1 / 4
    CHECK(kpi_of(card, "ana", "repeat_purchase_rate").value == 0.25);
    // bob's customers: k4 (2 wins), k5 (1 win): 1 / 2
    CHECK(kpi_of(card, "bob", "repeat_purchase_rate").value == 0.5);
}

TEST_CASE("customer_lifetime_value is the mean over the seller's customers of the seller's won amounts by as_of",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 100, 890, 900, "k1"),
                  won("d2", "ana", 200, 790, 800, "k2"),  won("d3", "ana", 300, 940, 950, "k2"),
                  won("d4", "ana", 50, 940, 950, "k3"),   won("d5", "bob", 1000, 940, 950, "k3"),
                  won("d6", "ana", std::nullopt, 940, 950, "k4"), won("d7", "ana", 999, 990, 1001, "k4")};
    const Scorecard card = compute_scorecard(data, config());
    // k1 100; k2 200 + 300 = 500; k3 50 (bob's 1000 is bob's); k4 null → 0 (999 closes after as_of).
    // (100 + 500 + 50 + 0) / 4 = 162.5
    CHECK(kpi_of(card, "ana", "customer_lifetime_value").value == 162.5);
}

TEST_CASE("with customer_entity = company, deals of different contacts of one company are one customer",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {deal("d1", "ana", model::DealStatus::won, 10, 890, 900, "c1", "acme"),
                  deal("d2", "ana", model::DealStatus::won, 10, 940, 950, "c2", "acme")};
    KpiConfig by_company = config();
    by_company.customer_entity = CustomerEntity::company;
    // by company: acme bought twice, 1 / 1; by contact: c1 and c2 bought once each, 0 / 2
    CHECK(kpi_of(compute_scorecard(data, by_company), "ana", "repeat_purchase_rate").value == 1.0);
    CHECK(kpi_of(compute_scorecard(data, config()), "ana", "repeat_purchase_rate").value == 0.0);
}

TEST_CASE("with customer_entity = company, a deal naming only a contact is a purchase of the contact's company",
          "[kpi][customers]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {contact("c1", "ana", 800, "acme"), contact("c2", "ana", 800, "acme"), contact("c3", "ana", 800)};
    data.deals = {won("d1", "ana", 100, 850, 900, "c1"),  // acme through c1, before W
                  won("d2", "ana", 300, 900, 950, "c2"),  // acme through c2
                  won("d3", "ana", 50, 900, 960, "c3"),   // c3 has no company: no customer
                  deal("d4", "ana", model::DealStatus::won, 20, 900, 970, "c1", "beta")};  // its own company wins
    KpiConfig by_company = config();
    by_company.customer_entity = CustomerEntity::company;
    const Scorecard card = compute_scorecard(data, by_company);
    // customers: acme (d1, d2), beta (d4)
    CHECK(kpi_of(card, "ana", "repeat_purchase_rate").value == 0.5);
    // (100 + 300 + 20) / 2
    CHECK(kpi_of(card, "ana", "customer_lifetime_value").value == 210.0);
    // acme's first win (day 900) is before W; beta's (day 970) is in W
    CHECK(kpi_of(card, "ana", "new_customers_count").value == 1.0);
    // active at W's start (day 910): acme (day 900); still active at as_of (day 950)
    CHECK(kpi_of(card, "ana", "customers_at_start").value == 1.0);
    CHECK(kpi_of(card, "ana", "retention_rate").value == 1.0);
    REQUIRE(card.customers.size() == 2);
    CHECK(card.customers[0].customer_id == "acme");
    CHECK(card.customers[0].lifetime_value == 400.0);
    CHECK(card.customers[1].customer_id == "beta");
}
