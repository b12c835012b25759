#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;
using model::ActivityType;
using model::Direction;
using model::Outcome;

TEST_CASE("contacts_count counts distinct contacts with an outbound touch in W", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        email_to("ana", "c1", day(920)),
        email_to("ana", "c1", day(930)),
        activity("ana", "c2", day(925), ActivityType::call, Direction::outbound),
        activity("ana", "c3", day(925), ActivityType::note, Direction::outbound),
        reply_from("c4", "ana", day(925)),
        activity("ana", std::nullopt, day(925), ActivityType::email, Direction::outbound),
        email_to("ana", "c5", day(900)),
    };
    const Scorecard card = compute_scorecard(data, config());
    // touched: c1 (twice, counted once), c2; not touches: a note (c3), an inbound email (c4), an email
    // without contact; c5 was touched in P, not W. |T| = 2
    CHECK(kpi_of(card, "ana", "contacts_count").value == 2.0);
}

TEST_CASE("response_rate counts contacts that answered at or after the seller's first touch in W",
          "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        email_to("ana", "c1", day(920)),
        reply_from("c1", "ana", day(921)),
        activity("ana", "c2", day(920), ActivityType::call, Direction::outbound, Outcome::connected),
        email_to("ana", "c3", day(920)),
        reply_from("c3", "ana", day(915)),
        email_to("ana", "c4", day(920)),
        activity("ana", "c4", day(930), ActivityType::meeting, Direction::outbound, Outcome::no_show),
    };
    const Scorecard card = compute_scorecard(data, config());
    // c1 replied after the touch: yes. c2's first touch is itself a connected call: yes.
    // c3 wrote before ana's first touch: no. c4's meeting was a no-show: no. 2 / 4 = 0.5
    CHECK(kpi_of(card, "ana", "response_rate").value == 0.5);
}

TEST_CASE("follow_up_rate is the share of touched contacts with two or more touches in W", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        email_to("ana", "c1", day(920)), email_to("ana", "c1", day(925)), email_to("ana", "c2", day(920)),
        email_to("ana", "c3", day(900)), email_to("ana", "c3", day(920)),
    };
    const Scorecard card = compute_scorecard(data, config());
    // c1: 2 touches in W; c2: 1; c3: 1 in W (the other is in P). 1 / 3
    CHECK(kpi_of(card, "ana", "follow_up_rate").value == Approx(1.0 / 3.0));
}

TEST_CASE("lead_response_time_h is the median delay to the owner's first touch, an even count averaging the "
          "middle two",
          "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.contacts = {contact("c1", "ana", 920), contact("c2", "ana", 930), contact("c3", "ana", 940),
                     contact("c4", "ana", 950), contact("c5", "ana", 955), contact("c6", "ana", 960),
                     contact("c7", "ana", 990), contact("c8", "ana", 900)};
    data.activities = {
        email_to("ana", "c1", day(920) + 2 * ms_per_hour),
        email_to("ana", "c2", day(930) + 6 * ms_per_hour),
        email_to("ana", "c3", day(939)),
        email_to("ana", "c3", day(940) + 10 * ms_per_hour),
        email_to("bob", "c4", day(950) + 1 * ms_per_hour),
        email_to("ana", "c6", day(960) + 20 * ms_per_hour),
        email_to("ana", "c7", day(1000) + 1 * ms_per_hour),
        email_to("ana", "c8", day(920)),
    };
    const Scorecard card = compute_scorecard(data, config());
    // measured: c1 2 h, c2 6 h, c3 10 h (its touch before creation does not count), c6 20 h.
    // not measured: c4 (touched by bob only), c5 (never touched), c7 (touched after as_of),
    // c8 (created in P). median of {2, 6, 10, 20} = (6 + 10) / 2 = 8
    CHECK(kpi_of(card, "ana", "lead_response_time_h").value == Approx(8.0));
}

TEST_CASE("an activity after as_of is ignored", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {email_to("ana", "c1", day(1000) + ms_per_hour), reply_from("c1", "ana", day(1001))};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "contacts_count").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "response_rate").value);
    CHECK_FALSE(kpi_of(card, "ana", "follow_up_rate").value);
}

TEST_CASE("an activity exactly at as_of is outside W", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {email_to("ana", "c1", day(1000))};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "contacts_count").value == 0.0);
}
