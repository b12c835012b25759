#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

TEST_CASE("a ratio's change is the difference in points of ratio", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950), lost("d2", "ana", 900, 960),   // W: 1 / 2
                  won("d3", "ana", 10, 800, 850), lost("d4", "ana", 800, 850),   // P: 1 / 4
                  lost("d5", "ana", 800, 860), lost("d6", "ana", 800, 870)};
    const KpiValue win_rate = kpi_of(compute_scorecard(data, config()), "ana", "win_rate");
    // 0.5 − 0.25 = 0.25
    CHECK(win_rate.value == 0.5);
    CHECK(win_rate.previous == 0.25);
    CHECK(win_rate.change == 0.25);
}

TEST_CASE("a count's change is relative to the previous value", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950), won("d2", "ana", 10, 900, 950), won("d3", "ana", 10, 900, 950),
                  won("d4", "ana", 10, 800, 850), won("d5", "ana", 10, 800, 850)};
    const KpiValue won_count = kpi_of(compute_scorecard(data, config()), "ana", "deals_won_count");
    // (3 − 2) / |2| = 0.5
    CHECK(won_count.value == 3.0);
    CHECK(won_count.previous == 2.0);
    CHECK(won_count.change == 0.5);
}

TEST_CASE("a relative change from a previous value of 0 is null", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950), won("d2", "ana", 10, 900, 950)};
    const KpiValue won_count = kpi_of(compute_scorecard(data, config()), "ana", "deals_won_count");
    CHECK(won_count.value == 2.0);
    CHECK(won_count.previous == 0.0);
    CHECK_FALSE(won_count.change);
}

TEST_CASE("a ratio's change from a previous value of 0 is still the difference", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950), lost("d2", "ana", 800, 850)};
    const KpiValue win_rate = kpi_of(compute_scorecard(data, config()), "ana", "win_rate");
    // W 1 / 1, P 0 / 1: 1 − 0 = 1
    CHECK(win_rate.previous == 0.0);
    CHECK(win_rate.change == 1.0);
}

TEST_CASE("the change is null when the previous value is null", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950)};
    const KpiValue win_rate = kpi_of(compute_scorecard(data, config()), "ana", "win_rate");
    CHECK(win_rate.value == 1.0);
    CHECK_FALSE(win_rate.previous);
    CHECK_FALSE(win_rate.change);
}

TEST_CASE("the previous window reads the data as of as_of minus window_days", "[kpi][trend]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {contact("c1", "ana", 850)};
    data.deals = {won("d1", "ana", 10, 860, 950, "c1")};
    const KpiValue conversion = kpi_of(compute_scorecard(data, config()), "ana", "conversion_rate");
    // P's cohort is {c1}; its win on day 950 is after P's as_of (day 910): 0 / 1. W's cohort is empty.
    CHECK(conversion.previous == 0.0);
    CHECK_FALSE(conversion.value);
}
