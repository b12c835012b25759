#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

TEST_CASE("win_rate is won over won plus lost among the seller's deals closed in W", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 100, 900, 950), won("d2", "ana", 100, 900, 960), lost("d3", "ana", 900, 970),
                  open_deal("d4", "ana", 930)};
    const Scorecard card = compute_scorecard(data, config());
    // won 2, lost 1; the open deal is not closed: 2 / (2 + 1)
    CHECK(kpi_of(card, "ana", "win_rate").value == Approx(2.0 / 3.0));
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 2.0);
    CHECK(kpi_of(card, "ana", "deals_lost_count").value == 1.0);
}

TEST_CASE("revenue_won sums won amounts and avg_sale_value leaves null amounts out", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 100, 900, 950), won("d2", "ana", 300, 900, 960),
                  won("d3", "ana", std::nullopt, 900, 970), lost("d4", "ana", 900, 970)};
    const Scorecard card = compute_scorecard(data, config());
    // revenue: 100 + 300 + 0 (null adds 0) = 400; mean over the 2 non-null amounts: 400 / 2 = 200
    CHECK(kpi_of(card, "ana", "revenue_won").value == 400.0);
    CHECK(kpi_of(card, "ana", "avg_sale_value").value == 200.0);
}

TEST_CASE("avg_sales_cycle_days is the mean of closed_at minus created_at of won deals, in days", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950), won("d2", "ana", 10, 940.5, 960), lost("d3", "ana", 500, 970)};
    const Scorecard card = compute_scorecard(data, config());
    // won cycles: 950 − 900 = 50 days and 960 − 940.5 = 19.5 days; the lost deal is left out:
    // (50 + 19.5) / 2 = 34.75
    CHECK(kpi_of(card, "ana", "avg_sales_cycle_days").value == Approx(34.75));
}

TEST_CASE("a seller with no deals has null rates and means, and zero counts and sums", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "bob", 10, 900, 950)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK_FALSE(kpi_of(card, "ana", "win_rate").value);
    CHECK_FALSE(kpi_of(card, "ana", "avg_sale_value").value);
    CHECK_FALSE(kpi_of(card, "ana", "avg_sales_cycle_days").value);
    CHECK(kpi_of(card, "ana", "revenue_won").value == 0.0);
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 0.0);
}

TEST_CASE("a deal closed exactly at the window start is inside W and outside P", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 70, 800, 910)};  // day 910 = as_of − 90 days = W's start = P's end
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 1.0);
    CHECK(kpi_of(card, "ana", "deals_won_count").previous == 0.0);
    CHECK(kpi_of(card, "ana", "revenue_won").value == 70.0);
}

TEST_CASE("a deal closed exactly at as_of is outside W", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 70, 950, 1000)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 0.0);
    CHECK(kpi_of(card, "ana", "revenue_won").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "win_rate").value);
}

TEST_CASE("a deal closed after as_of is still open at as_of and counts nowhere", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 70, 950, 1001), lost("d2", "ana", 950, 1002)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 0.0);
    CHECK(kpi_of(card, "ana", "deals_lost_count").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "win_rate").value);
}

TEST_CASE("a lost deal counts in win_rate's denominator but adds no revenue", "[kpi][deals]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {deal("d1", "ana", model::DealStatus::lost, 900, 920, 950)};
    const Scorecard card = compute_scorecard(data, config());
    // 0 won / (0 + 1) = 0, defined (not null); the lost deal's amount 900 is never revenue
    CHECK(kpi_of(card, "ana", "win_rate").value == 0.0);
    CHECK(kpi_of(card, "ana", "revenue_won").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "avg_sale_value").value);
}
