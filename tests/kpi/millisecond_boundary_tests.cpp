// KPIS.md §1–2: instants are kept to the millisecond and "after as_of" is exact.
#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

TEST_CASE("an activity 1 ms before the window's end is in W, 1 ms after as_of does not exist", "[kpi][time]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {email_to("ana", "c1", as_of - 1), email_to("ana", "c2", as_of + 1)};
    const Scorecard card = compute_scorecard(data, config());
    // c1 is touched inside W = [as_of − 90 d, as_of); c2's touch lies after as_of.
    CHECK(kpi_of(card, "ana", "contacts_count").value == 1.0);
    CHECK(kpi_of(card, "ana", "emails_count").value == 1.0);
}

TEST_CASE("an activity 1 ms before the window's start belongs to the previous window", "[kpi][time]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    const model::Timestamp window_start = as_of - 90 * ms_per_day;
    data.activities = {email_to("ana", "c1", window_start - 1), email_to("ana", "c2", window_start)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "emails_count").value == 1.0);
    CHECK(kpi_of(card, "ana", "emails_count").previous == 1.0);
}

TEST_CASE("a touch 300 ms before a contact's creation is before it, 300 ms after is its first touch",
          "[kpi][time]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    model::Contact c1 = contact("c1", "ana", 920);
    c1.created_at += 500;  // 500 ms into day 920
    data.contacts = {c1};
    data.activities = {email_to("ana", "c1", c1.created_at - 300), email_to("ana", "c1", c1.created_at + 300)};
    const Scorecard card = compute_scorecard(data, config());
    // The first touch at or after created_at is 300 ms later: 300 / 3,600,000 h.
    REQUIRE(kpi_of(card, "ana", "lead_response_time_h").value);
    CHECK(*kpi_of(card, "ana", "lead_response_time_h").value == Approx(300.0 / 3'600'000.0).epsilon(1e-9));
}

TEST_CASE("a deal won 1 ms after as_of is open at as_of", "[kpi][time]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    model::Deal d = won("d1", "ana", 100, 950, 1000);
    d.closed_at = as_of + 1;
    data.deals = {d};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "deals_won_count").value == 0.0);
    CHECK(kpi_of(card, "ana", "open_deals_count").value == 1.0);
}

TEST_CASE("a sales cycle keeps its milliseconds", "[kpi][time]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    model::Deal d = won("d1", "ana", 100, 950, 960);
    d.closed_at = *d.closed_at + 432;  // 10 days and 432 ms
    data.deals = {d};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(*kpi_of(card, "ana", "avg_sales_cycle_days").value == Approx(10.0 + 432.0 / 86'400'000.0).epsilon(1e-12));
}
