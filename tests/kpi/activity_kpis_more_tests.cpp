#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

namespace {

using model::ActivityType;
using model::Direction;

model::Activity timed(std::string owner, double at_day, ActivityType type, Direction direction,
                      std::optional<double> duration_s) {
    model::Activity a = activity(std::move(owner), "c1", day(at_day), type, direction);
    a.duration_s = duration_s;
    return a;
}

model::Activity tracked_email(std::string owner, double at_day, std::optional<bool> opened,
                              std::optional<bool> clicked, Direction direction = Direction::outbound) {
    model::Activity a = activity(std::move(owner), "c1", day(at_day), ActivityType::email, direction);
    a.opened = opened;
    a.clicked = clicked;
    return a;
}

}  // namespace

TEST_CASE("calls_count counts outbound calls in W and avg_call_duration_s leaves out calls without a duration",
          "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        timed("ana", 950, ActivityType::call, Direction::outbound, 120),
        timed("ana", 951, ActivityType::call, Direction::outbound, 60),
        timed("ana", 952, ActivityType::call, Direction::outbound, 0),
        timed("ana", 953, ActivityType::call, Direction::outbound, std::nullopt),
        timed("ana", 954, ActivityType::call, Direction::inbound, 300),
        timed("ana", 900, ActivityType::call, Direction::outbound, 30),   // before W
        timed("ana", 1001, ActivityType::call, Direction::outbound, 30),  // after as_of
    };
    const Scorecard card = compute_scorecard(data, config());
    // outbound calls in W: 120 s, 60 s, 0 s, null = 4; mean over those with duration > 0: (120 + 60) / 2 = 90
    CHECK(kpi_of(card, "ana", "calls_count").value == 4.0);
    CHECK(kpi_of(card, "ana", "avg_call_duration_s").value == Approx(90.0));
}

TEST_CASE("a call exactly at as_of is not counted in calls_count", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {timed("ana", 1000, ActivityType::call, Direction::outbound, 30)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "calls_count").value == 0.0);
    CHECK_FALSE(kpi_of(card, "ana", "avg_call_duration_s").value);
}

TEST_CASE("visits_count counts visits of both directions and avg_visit_duration_s skips zero durations",
          "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        timed("ana", 950, ActivityType::visit, Direction::outbound, 1800),
        timed("ana", 951, ActivityType::visit, Direction::inbound, 600),
        timed("ana", 952, ActivityType::visit, Direction::outbound, 0),
        timed("ana", 953, ActivityType::meeting, Direction::outbound, 9000),
    };
    const Scorecard card = compute_scorecard(data, config());
    // 3 visits; mean over 1800 and 600 (the 0 s visit and the meeting are left out) = 1200
    CHECK(kpi_of(card, "ana", "visits_count").value == 3.0);
    CHECK(kpi_of(card, "ana", "avg_visit_duration_s").value == Approx(1200.0));
}

TEST_CASE("meetings_count counts meetings of both directions but not visits or calls", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        timed("ana", 950, ActivityType::meeting, Direction::outbound, std::nullopt),
        timed("ana", 951, ActivityType::meeting, Direction::inbound, std::nullopt),
        timed("ana", 952, ActivityType::visit, Direction::outbound, std::nullopt),
        timed("ana", 953, ActivityType::call, Direction::outbound, std::nullopt),
    };
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "meetings_count").value == 2.0);
}

TEST_CASE("email rates count only outbound emails whose opens and clicks were tracked", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        tracked_email("ana", 950, true, true),
        tracked_email("ana", 951, true, false),
        tracked_email("ana", 952, false, false),
        tracked_email("ana", 953, std::nullopt, std::nullopt),
        tracked_email("ana", 954, true, true, Direction::inbound),
    };
    const Scorecard card = compute_scorecard(data, config());
    // 4 outbound emails; opened: 2 of the 3 tracked; clicked: 1 of the 3 tracked; of the 2 opened, 1 clicked
    CHECK(kpi_of(card, "ana", "emails_count").value == 4.0);
    CHECK(kpi_of(card, "ana", "open_rate").value == Approx(2.0 / 3.0));
    CHECK(kpi_of(card, "ana", "click_rate").value == Approx(1.0 / 3.0));
    CHECK(kpi_of(card, "ana", "click_to_open_rate").value == Approx(0.5));
}

TEST_CASE("click_to_open_rate leaves out opened emails whose clicks were not tracked", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {tracked_email("ana", 950, true, std::nullopt), tracked_email("ana", 951, true, true)};
    const Scorecard card = compute_scorecard(data, config());
    // opened: 2 of 2; clicked: 1 of the 1 tracked; click-to-open: 1 of the 1 opened email with tracked clicks
    CHECK(kpi_of(card, "ana", "open_rate").value == Approx(1.0));
    CHECK(kpi_of(card, "ana", "click_rate").value == Approx(1.0));
    CHECK(kpi_of(card, "ana", "click_to_open_rate").value == Approx(1.0));
}

TEST_CASE("click_to_open_rate counts only emails opened with tracked clicks, for the team and the trend too",
          "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana"), seller("bob")};
    data.activities = {
        // ana in W: opened and clicked; opened, not clicked; clicked without an open (left out: not opened);
        // clicked with opens untracked (left out)
        tracked_email("ana", 950, true, true), tracked_email("ana", 951, true, false),
        tracked_email("ana", 952, false, true), tracked_email("ana", 953, std::nullopt, true),
        // bob in W: opened and clicked; opened with clicks untracked (left out)
        tracked_email("bob", 950, true, true), tracked_email("bob", 951, true, std::nullopt),
        // ana in P: 1 clicked of 3 opened
        tracked_email("ana", 850, true, false), tracked_email("ana", 851, true, false),
        tracked_email("ana", 852, true, true)};
    const Scorecard card = compute_scorecard(data, config());
    const KpiValue ana = kpi_of(card, "ana", "click_to_open_rate");
    CHECK(ana.value == Approx(0.5));
    CHECK(ana.previous == Approx(1.0 / 3.0));
    CHECK(ana.change == Approx(0.5 - 1.0 / 3.0));
    CHECK(kpi_of(card, "bob", "click_to_open_rate").value == Approx(1.0));
    // the team pools the emails: 2 clicked of 3 opened with tracked clicks (not the mean of 0.5 and 1)
    CHECK(card.team.at("click_to_open_rate").value == Approx(2.0 / 3.0));
}

TEST_CASE("email rates are null when no email was tracked", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {tracked_email("ana", 950, std::nullopt, std::nullopt)};
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "emails_count").value == 1.0);
    CHECK_FALSE(kpi_of(card, "ana", "open_rate").value);
    CHECK_FALSE(kpi_of(card, "ana", "click_rate").value);
    CHECK_FALSE(kpi_of(card, "ana", "click_to_open_rate").value);
}

TEST_CASE("objections_count counts activities of any type flagged as objections", "[kpi][activities]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.activities = {
        timed("ana", 950, ActivityType::note, Direction::outbound, std::nullopt),
        timed("ana", 951, ActivityType::call, Direction::inbound, std::nullopt),
        timed("ana", 952, ActivityType::call, Direction::outbound, std::nullopt),
        timed("ana", 1002, ActivityType::note, Direction::outbound, std::nullopt),  // after as_of
    };
    data.activities[0].objection = true;
    data.activities[1].objection = true;
    data.activities[3].objection = true;
    const Scorecard card = compute_scorecard(data, config());
    CHECK(kpi_of(card, "ana", "objections_count").value == 2.0);
}
