#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

TEST_CASE("the team win_rate pools the sellers' deals rather than averaging their rates", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 10, 900, 950), won("d2", "bob", 10, 900, 950), lost("d3", "bob", 900, 950),
                  lost("d4", "bob", 900, 950), lost("d5", "bob", 900, 950)};
    const Scorecard card = compute_scorecard(data, config());
    // (1 + 1) won / (2 + 3) closed = 0.4, not the mean of 1.0 and 0.25
    CHECK(card.team.at("win_rate").value == Approx(0.4));
    CHECK(card.team.at("revenue_won").value == 20.0);
}

TEST_CASE("the team counts a contact touched by two sellers once", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.activities = {email_to("ana", "c1", day(920)), email_to("ana", "c2", day(920)),
                       email_to("bob", "c2", day(930)), email_to("bob", "c3", day(930))};
    const Scorecard card = compute_scorecard(data, config());
    // {c1, c2} ∪ {c2, c3} = 3 contacts; c2 got two touches from the team: follow-up 1 / 3
    CHECK(card.team.at("contacts_count").value == 3.0);
    CHECK(card.team.at("follow_up_rate").value == Approx(1.0 / 3.0));
}

TEST_CASE("the team's new customers are customers first won by any seller in W", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 10, 900, 950, "k1"), won("d2", "bob", 10, 800, 850, "k2"),
                  won("d3", "ana", 10, 900, 950, "k2")};
    const Scorecard card = compute_scorecard(data, config());
    // k1 first won in W; k2 first won in P
    CHECK(card.team.at("new_customers_count").value == 1.0);
    CHECK(card.team.at("new_customers_count").previous == 1.0);
}
