// csat, nps, survey_responses_count and on_time_delivery_rate (KPIS.md §3.1.1), each expected value
// worked out by hand. As of day 1000: W = [910, 1000), P = [820, 910).
#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

model::SurveyResponse response(std::string id, model::SurveyKind kind, int score, model::Timestamp at,
                               std::optional<std::string> seller = std::nullopt,
                               std::optional<std::string> deal_id = std::nullopt,
                               std::optional<std::string> contact_id = std::nullopt) {
    return {.id = std::move(id), .kind = kind, .score = score, .at = at, .contact_id = std::move(contact_id),
            .deal_id = std::move(deal_id), .seller_id = std::move(seller)};
}

model::SurveyResponse csat(std::string id, int score, model::Timestamp at, std::optional<std::string> seller) {
    return response(std::move(id), model::SurveyKind::csat, score, at, std::move(seller));
}

model::SurveyResponse nps(std::string id, int score, model::Timestamp at, std::optional<std::string> seller) {
    return response(std::move(id), model::SurveyKind::nps, score, at, std::move(seller));
}

model::Delivery delivery(std::string id, std::string deal_id, model::Timestamp promised,
                         std::optional<model::Timestamp> delivered) {
    return {.id = std::move(id), .deal_id = std::move(deal_id), .promised_at = promised, .delivered_at = delivered};
}

const std::vector<std::string> experience_kpis = {"csat", "nps", "survey_responses_count", "on_time_delivery_rate"};

}  // namespace

TEST_CASE("a response rates its seller, else its deal's owner, else its contact's owner, else nobody",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy"), seller("dan")};
    data.contacts = {contact("c1", "cy", 100), contact("c2", std::nullopt, 100)};
    data.deals = {won("d1", "bob", 10, 100, 200, "c1")};
    using model::SurveyKind;
    data.survey_responses = {
        response("r1", SurveyKind::csat, 5, day(950), "ana", "d1", "c1"),         // ana: her own id wins
        response("r2", SurveyKind::csat, 4, day(950), std::nullopt, "d1", "c1"),  // bob owns d1
        response("r3", SurveyKind::csat, 2, day(950), std::nullopt, std::nullopt, "c1"),  // cy owns c1
        response("r4", SurveyKind::csat, 5, day(950), std::nullopt, std::nullopt, "c2"),  // c2 has no owner
        response("r5", SurveyKind::csat, 5, day(950)),                                    // names nobody
    };
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "csat").value == 1.0);  // 1 of 1 scores 4-5
    CHECK(kpi_of(card, "bob", "csat").value == 1.0);
    CHECK(kpi_of(card, "cy", "csat").value == 0.0);   // 0 of 1
    CHECK(kpi_of(card, "ana", "survey_responses_count").value == 1.0);
    CHECK(kpi_of(card, "cy", "survey_responses_count").value == 1.0);
    // dan was rated by nobody while others were: 0 responses, and no csat at all.
    CHECK(kpi_of(card, "dan", "survey_responses_count").value == 0.0);
    CHECK_FALSE(kpi_of(card, "dan", "csat").value);
    // r4 and r5 rate nobody: not even the organisation counts them. 2 of 3 satisfied.
    CHECK(card.team.at("survey_responses_count").value == 3.0);
    CHECK(card.team.at("csat").value == Approx(2.0 / 3.0));
}

TEST_CASE("a response exactly at W's start counts, one at as_of or after it does not", "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.survey_responses = {
        csat("start", 5, day(910), "ana"),          // first instant of W
        csat("at-as-of", 1, as_of, "ana"),          // exists, but W is half-open
        csat("after", 1, as_of + 1, "ana"),         // 1 ms after as_of: does not exist
        csat("last-of-p", 1, day(910) - 1, "ana"),  // last millisecond of P
    };
    const Scorecard card = compute_scorecard(data, config());
    const KpiValue value = kpi_of(card, "ana", "csat");
    CHECK(value.value == 1.0);     // only "start": 1 of 1
    CHECK(value.previous == 0.0);  // only "last-of-p": 0 of 1
    CHECK(value.change == 1.0);    // a ratio's change is the difference
    CHECK(kpi_of(card, "ana", "survey_responses_count").value == 1.0);
    CHECK(kpi_of(card, "ana", "survey_responses_count").previous == 1.0);
}

TEST_CASE("nps is promoters' share minus detractors' share in points, csat counts 4 and 5, kinds kept apart",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.survey_responses = {
        nps("n1", 10, day(920), "ana"), nps("n2", 9, day(921), "ana"), nps("n3", 9, day(922), "ana"),
        nps("n4", 7, day(923), "ana"),  nps("n5", 6, day(924), "ana"),  // 3 promoters, 1 passive, 1 detractor
        csat("c1", 3, day(925), "ana"), csat("c2", 4, day(926), "ana"),
        nps("p1", 0, day(900), "ana"),  // P: one detractor
    };
    const Scorecard card = compute_scorecard(data, config());
    // (3/5 − 1/5) × 100 = 40; P: (0 − 1) × 100 = −100; the change is the difference, 140 points.
    CHECK(kpi_of(card, "ana", "nps").value == Approx(40.0));
    CHECK(kpi_of(card, "ana", "nps").previous == Approx(-100.0));
    CHECK(kpi_of(card, "ana", "nps").change == Approx(140.0));
    CHECK(kpi_of(card, "ana", "csat").value == 0.5);  // 4 of {3, 4}
    CHECK_FALSE(kpi_of(card, "ana", "csat").previous);  // no csat response in P
    // 7 responses in W, 1 in P: a count's change is relative, (7 − 1) ÷ 1.
    CHECK(kpi_of(card, "ana", "survey_responses_count").value == 7.0);
    CHECK(kpi_of(card, "ana", "survey_responses_count").change == 6.0);
}

TEST_CASE("on-time delivery: promised in W, delivered by its promise and by as_of; outstanding past it is late",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "ana", 10, 800, 850), won("d2", "ana", 10, 900, 1005),  // d2 is open at as_of
                  won("d3", "bob", 10, 800, 850)};
    data.deliveries = {
        delivery("v1", "d1", day(910), day(905)),      // promised at W's start, early: on time
        delivery("v2", "d1", day(950), day(950)),      // delivered exactly at its promise: on time
        delivery("v3", "d1", day(960), day(961)),      // a day late
        delivery("v4", "d2", day(970), day(1001)),     // delivered after as_of: not delivered at as_of
        delivery("v5", "d2", day(980), std::nullopt),  // still outstanding past its promise: late
        delivery("v6", "d1", as_of, std::nullopt),     // promised at as_of: outside W
        delivery("v7", "d1", day(909), day(909)),      // P, on time
        delivery("v8", "d3", day(950), day(940)),      // bob's, on time
    };
    const Scorecard card = compute_scorecard(data, config());
    // ana in W: v1, v2 on time of v1..v5: 2 / 5. In P: v7, 1 / 1.
    CHECK(kpi_of(card, "ana", "on_time_delivery_rate").value == Approx(0.4));
    CHECK(kpi_of(card, "ana", "on_time_delivery_rate").previous == 1.0);
    CHECK(kpi_of(card, "ana", "on_time_delivery_rate").change == Approx(-0.6));
    CHECK(kpi_of(card, "bob", "on_time_delivery_rate").value == 1.0);
    CHECK(card.team.at("on_time_delivery_rate").value == Approx(3.0 / 6.0));
}

TEST_CASE("deliveries promised in P make the previous on-time rate, and none promised in W leave it null",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 800, 850)};
    // Promised day 900 and delivered day 900: on time in P. Promised 905, delivered 906: late.
    data.deliveries = {delivery("v1", "d1", day(900), day(900)), delivery("v2", "d1", day(905), day(906))};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "on_time_delivery_rate").previous == 0.5);
    CHECK_FALSE(kpi_of(card, "ana", "on_time_delivery_rate").value);  // nothing promised in W
}

TEST_CASE("without survey responses or deliveries the four KPIs are null for sellers and team, never 0",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.deals = {won("d1", "ana", 10, 900, 950)};
    data.activities = {email_to("ana", "c1", day(950))};
    // A response after as_of does not exist yet: the data holds no response at as_of.
    data.survey_responses = {csat("later", 5, as_of + 1, "ana")};
    const Scorecard card = compute_scorecard(data, config());
    for (const std::string& id : experience_kpis) {
        INFO(id);
        CHECK_FALSE(kpi_of(card, "ana", id).value);
        CHECK_FALSE(kpi_of(card, "ana", id).previous);
        CHECK_FALSE(card.team.at(id).value);
    }
}

TEST_CASE("responses and deliveries do not make a seller eligible for the score", "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.deals = {won("d1", "bob", 10, 800, 850)};
    data.activities = {email_to("ana", "c1", day(950))};
    data.survey_responses = {csat("r1", 5, day(950), "bob")};
    data.deliveries = {delivery("v1", "d1", day(950), day(950))};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(seller_result(card, "ana").eligible);
    CHECK_FALSE(seller_result(card, "bob").eligible);
    CHECK_FALSE(seller_result(card, "bob").score);
    CHECK(kpi_of(card, "bob", "csat").value == 1.0);
}

TEST_CASE("with the default weights the new KPIs leave every other KPI and the score unchanged",
          "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.contacts = {contact("c1", "ana", 920), contact("c2", "bob", 930)};
    data.deals = {won("d1", "ana", 100, 900, 950, "c1"), lost("d2", "bob", 900, 960), won("d3", "bob", 50, 905, 940, "c2")};
    data.activities = {email_to("ana", "c1", day(921)), reply_from("c1", "ana", day(922)), email_to("bob", "c2", day(931))};
    const Scorecard without = compute_scorecard(data, config());
    data.survey_responses = {csat("r1", 1, day(950), "ana"), nps("r2", 10, day(951), std::nullopt)};
    data.survey_responses.back().deal_id = "d3";
    data.deliveries = {delivery("v1", "d1", day(960), std::nullopt)};
    const Scorecard with = compute_scorecard(data, config());
    for (const std::string id : {"ana", "bob"}) {
        const SellerResult& a = seller_result(without, id);
        const SellerResult& b = seller_result(with, id);
        CHECK(a.score == b.score);
        CHECK(a.band == b.band);
        for (const auto& [kpi, value] : a.kpis) {
            if (std::find(experience_kpis.begin(), experience_kpis.end(), kpi) != experience_kpis.end()) continue;
            INFO(id << " " << kpi);
            CHECK(value.value == b.kpis.at(kpi).value);
            CHECK(value.previous == b.kpis.at(kpi).previous);
        }
    }
    CHECK(kpi_of(with, "ana", "csat").value == 0.0);
    CHECK(kpi_of(with, "bob", "nps").value == 100.0);
    CHECK(kpi_of(with, "ana", "on_time_delivery_rate").value == 0.0);
}

// Three eligible sellers. Raw csat: ana 1/1 = 1, bob 18/20 = 0.9, cy 0/10 = 0; team pooled 19/31.
// Shrunk with k = 5: ana (1 + 5·19/31) ÷ 6 = 0.677, bob (18 + 5·19/31) ÷ 25 = 0.843, cy 0.204:
// bob ranks first, ana second (unshrunk, ana would lead).
TEST_CASE("csat given a weight is shrunk towards the team as a ratio of responses", "[kpi][experience][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.activities = {email_to("ana", "c1", day(950)), email_to("bob", "c2", day(950)), email_to("cy", "c3", day(950))};
    data.survey_responses.push_back(csat("a1", 5, day(950), "ana"));
    for (int i = 0; i < 20; ++i) data.survey_responses.push_back(csat("b" + std::to_string(i), i < 18 ? 4 : 2, day(950), "bob"));
    for (int i = 0; i < 10; ++i) data.survey_responses.push_back(csat("c" + std::to_string(i), 3, day(950), "cy"));
    KpiConfig c = config();
    c.score_weights = {{"csat", 1.0}};
    const Scorecard card = compute_scorecard(data, c);
    CHECK(seller_result(card, "bob").score == 100.0);
    CHECK(seller_result(card, "ana").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

// nps is shrunk as the mean of +100 / 0 / −100 over responses. ana: one 10 (+100); bob: 6 promoters
// and 4 passives (mean 60); cy: ten 0s (−100). Team mean (100 + 600 − 1000) ÷ 21 = −14.29. Shrunk:
// ana (100 − 5·14.29) ÷ 6 = 4.76, bob (600 − 71.43) ÷ 15 = 35.24, cy −71.43: bob, ana, cy.
TEST_CASE("nps given a weight is shrunk towards the team as a mean of points", "[kpi][experience][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.activities = {email_to("ana", "c1", day(950)), email_to("bob", "c2", day(950)), email_to("cy", "c3", day(950))};
    data.survey_responses.push_back(nps("a1", 10, day(950), "ana"));
    for (int i = 0; i < 10; ++i) data.survey_responses.push_back(nps("b" + std::to_string(i), i < 6 ? 9 : 8, day(950), "bob"));
    for (int i = 0; i < 10; ++i) data.survey_responses.push_back(nps("c" + std::to_string(i), 0, day(950), "cy"));
    KpiConfig c = config();
    c.score_weights = {{"nps", 1.0}};
    const Scorecard card = compute_scorecard(data, c);
    CHECK(kpi_of(card, "bob", "nps").value == Approx(60.0));
    CHECK(seller_result(card, "bob").score == 100.0);
    CHECK(seller_result(card, "ana").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

// on_time_delivery_rate is shrunk over deliveries due. ana 1/1, bob 9/10, cy 0/5: team 10/16.
// ana (1 + 5·0.625) ÷ 6 = 0.6875, bob (9 + 3.125) ÷ 15 = 0.808, cy 3.125 ÷ 10 = 0.3125.
TEST_CASE("on_time_delivery_rate given a weight is shrunk as a ratio of deliveries due", "[kpi][experience][score]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob"), seller("cy")};
    data.deals = {won("da", "ana", 10, 800, 850), won("db", "bob", 10, 800, 850), won("dc", "cy", 10, 800, 850)};
    data.activities = {email_to("ana", "c1", day(950)), email_to("bob", "c2", day(950)), email_to("cy", "c3", day(950))};
    data.deliveries.push_back(delivery("a", "da", day(950), day(949)));
    for (int i = 0; i < 10; ++i) {
        data.deliveries.push_back(delivery("b" + std::to_string(i), "db", day(950), day(i < 9 ? 950 : 951)));
    }
    for (int i = 0; i < 5; ++i) data.deliveries.push_back(delivery("c" + std::to_string(i), "dc", day(950), std::nullopt));
    KpiConfig c = config();
    c.score_weights = {{"on_time_delivery_rate", 1.0}};
    const Scorecard card = compute_scorecard(data, c);
    CHECK(seller_result(card, "bob").score == 100.0);
    CHECK(seller_result(card, "ana").score == 50.0);
    CHECK(seller_result(card, "cy").score == 0.0);
}

TEST_CASE("a team's csat pools its sellers' responses", "[kpi][experience]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.sellers[0].team = "North";
    data.sellers[1].team = "North";
    data.survey_responses = {csat("r1", 5, day(950), "ana"), csat("r2", 1, day(950), "bob"), csat("r3", 4, day(950), "bob")};
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.teams.size() == 1);
    CHECK(card.teams[0].kpis.at("csat").value == Approx(2.0 / 3.0));
    CHECK(card.teams[0].kpis.at("survey_responses_count").value == 3.0);
}
