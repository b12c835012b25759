#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

model::Seller seller_in(std::string id, std::string team) {
    model::Seller s = seller(std::move(id));
    s.team = std::move(team);
    return s;
}

const TeamResult& team_result(const Scorecard& card, const std::string& team) {
    for (const TeamResult& t : card.teams) {
        if (t.team == team) return t;
    }
    throw std::out_of_range("no team " + team + " in the scorecard");
}

const TeamResult& team_result(Scorecard&& card, const std::string& team) = delete;

}  // namespace

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

TEST_CASE("each team pools only its own sellers' deals and a seller without a team is in no team", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "north"), seller_in("bob", "north"), seller_in("cid", "south"), seller("dan")};
    data.deals = {won("d1", "ana", 10, 900, 950), lost("d2", "bob", 900, 950), won("d3", "cid", 30, 900, 950),
                  won("d4", "cid", 40, 900, 960),  lost("d5", "cid", 900, 960), won("d6", "dan", 100, 900, 950)};
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.teams.size() == 2);
    // north: ana's win and bob's loss; south: cid's two wins and a loss; dan's win is in neither
    CHECK(team_result(card, "north").kpis.at("win_rate").value == Approx(0.5));
    CHECK(team_result(card, "north").kpis.at("revenue_won").value == 10.0);
    CHECK(team_result(card, "south").kpis.at("win_rate").value == Approx(2.0 / 3.0));
    CHECK(team_result(card, "south").kpis.at("revenue_won").value == 70.0);
    // the organisation still pools everyone: 10 + 30 + 40 + 100
    CHECK(card.team.at("revenue_won").value == 180.0);
}

TEST_CASE("teams are listed sorted by team name", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "zeta"), seller_in("bob", "alpha"), seller_in("cid", "zeta")};
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.teams.size() == 2);
    CHECK(card.teams[0].team == "alpha");
    CHECK(card.teams[1].team == "zeta");
}

TEST_CASE("a team counts a contact touched by two of its sellers once", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "north"), seller_in("bob", "north")};
    data.activities = {email_to("ana", "c1", day(920)), email_to("ana", "c2", day(920)),
                       email_to("bob", "c2", day(930))};
    const Scorecard card = compute_scorecard(data, config());
    const TeamResult& north = team_result(card, "north");
    // {c1, c2} ∪ {c2} = 2 contacts, of which c2 got two touches from the team
    CHECK(north.kpis.at("contacts_count").value == 2.0);
    CHECK(north.kpis.at("follow_up_rate").value == Approx(0.5));
    CHECK(kpi_of(card, "bob", "follow_up_rate").value == Approx(0.0));
}

TEST_CASE("a team's customer won by two of its sellers is one new customer and a repeat buyer", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "north"), seller_in("bob", "north")};
    data.deals = {won("d1", "ana", 10, 900, 920, "k1"), won("d2", "bob", 20, 900, 940, "k1")};
    const Scorecard card = compute_scorecard(data, config());
    const TeamResult& north = team_result(card, "north");
    CHECK(north.kpis.at("new_customers_count").value == 1.0);
    // each seller alone has one purchase of k1; the team has two
    CHECK(north.kpis.at("repeat_purchase_rate").value == Approx(1.0));
    CHECK(kpi_of(card, "ana", "repeat_purchase_rate").value == Approx(0.0));
    CHECK(north.kpis.at("customer_lifetime_value").value == Approx(30.0));
}

TEST_CASE("a team's lead response time is the delay to the first touch by any seller of the team", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "north"), seller_in("bob", "north")};
    data.contacts = {contact("c1", "ana", 920)};
    data.activities = {email_to("bob", "c1", day(920) + 2 * ms_per_hour),
                       email_to("ana", "c1", day(920) + 5 * ms_per_hour)};
    const Scorecard card = compute_scorecard(data, config());
    // ana, the owner, touched c1 after 5 h; bob, in her team, after 2 h
    CHECK(kpi_of(card, "ana", "lead_response_time_h").value == Approx(5.0));
    CHECK(team_result(card, "north").kpis.at("lead_response_time_h").value == Approx(2.0));
}

TEST_CASE("a team's values equal those of one seller owning all the team's records", "[kpi][team]") {
    const auto records = [](const std::string& first, const std::string& second) {
        model::Dataset data;
        data.contacts = {contact("c1", first, 920), contact("c2", second, 850), contact("c3", second, 930)};
        data.deals = {won("d1", first, 10, 900, 920, "c1"), won("d2", second, 20, 840, 860, "c2"),
                      won("d3", first, 30, 880, 940, "c2"),  lost("d4", second, 900, 950),
                      open_deal("d5", first, 960)};
        data.activities = {email_to(first, "c1", day(921)), reply_from("c1", second, day(922)),
                           email_to(second, "c1", day(923)), email_to(second, "c3", day(931)),
                           email_to(first, "c2", day(860)),  reply_from("c2", first, day(861))};
        return data;
    };
    model::Dataset team = records("ana", "bob");
    team.sellers = {seller_in("ana", "north"), seller_in("bob", "north")};
    model::Dataset single = records("solo", "solo");
    single.sellers = {seller("solo")};

    const Scorecard team_card = compute_scorecard(team, config());
    const Scorecard single_card = compute_scorecard(single, config());
    const TeamResult& north = team_result(team_card, "north");
    for (const auto& [id, pooled] : seller_result(single_card, "solo").kpis) {
        INFO(id);
        CHECK(north.kpis.at(id).value == pooled.value);
        CHECK(north.kpis.at(id).previous == pooled.previous);
    }
    // by hand: contacts {c1, c3}, c1 answered after the first touch and got two touches
    CHECK(north.kpis.at("contacts_count").value == 2.0);
    CHECK(north.kpis.at("response_rate").value == Approx(0.5));
    CHECK(north.kpis.at("follow_up_rate").value == Approx(0.5));
    // d1 and d3 won, d4 lost in W: 2 / 3; revenue 10 + 30
    CHECK(north.kpis.at("win_rate").value == Approx(2.0 / 3.0));
    CHECK(north.kpis.at("revenue_won").value == 40.0);
    // c2 was first won in P: the only new customer in W is c1, in P c2
    CHECK(north.kpis.at("new_customers_count").value == 1.0);
    CHECK(north.kpis.at("new_customers_count").previous == 1.0);
}

TEST_CASE("a team's stage conversion pools the deals of its sellers", "[kpi][team]") {
    model::Dataset data;
    data.sellers = {seller_in("ana", "north"), seller_in("bob", "north")};
    data.stages = {{.id = "s1", .pipeline_id = "p", .name = "Lead", .order = 1, .kind = model::StageKind::open,
                    .probability = std::nullopt},
                   {.id = "s2", .pipeline_id = "p", .name = "Offer", .order = 2, .kind = model::StageKind::open,
                    .probability = std::nullopt}};
    model::Deal d1 = open_deal("d1", "ana", 920);
    model::Deal d2 = open_deal("d2", "bob", 925);
    d1.stage_id = "s2";
    d2.stage_id = "s1";
    data.deals = {d1, d2};
    data.stage_changes = {{"d1", "s1", day(920)}, {"d1", "s2", day(930)}, {"d2", "s1", day(925)}};
    const Scorecard card = compute_scorecard(data, config());
    // both deals entered s1 in W; ana's moved on to s2, bob's did not
    CHECK(team_result(card, "north").maps.at("stage_conversion").at("s1") == Approx(0.5));
    CHECK(seller_result(card, "ana").maps.at("stage_conversion").at("s1") == Approx(1.0));
}
