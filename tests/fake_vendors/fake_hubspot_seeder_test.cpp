// Seeding: the model stored the HubSpot way, and the dataset a faithful reader gets back.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

struct Seeded {
    FakeHubSpot hubspot{options_with(ManualClock{})};
    model::Dataset seen = hubspot.seed(small_dataset());

    std::string hubspot_id(const std::string& prefixed) const { return prefixed.substr(prefixed.find(':') + 1); }
};

}  // namespace

TEST_CASE("sellers come back as owners with HubSpot ids and trimmed names") {
    Seeded s;
    REQUIRE(s.seen.sellers.size() == 2);
    CHECK(s.seen.sellers[0].name == "Ana Lopez");
    CHECK(s.seen.sellers[0].team == "North");
    CHECK(s.seen.sellers[0].active);
    CHECK(s.seen.sellers[1].name == "Ben Kim");
    CHECK_FALSE(s.seen.sellers[1].team);
    CHECK_FALSE(s.seen.sellers[1].active);
    CHECK(s.seen.sellers[0].id != "S1");
    CHECK(std::all_of(s.seen.sellers[0].id.begin(), s.seen.sellers[0].id.end(), ::isdigit));
}

TEST_CASE("stages keep HubSpot-safe ids and get numeric ids otherwise") {
    Seeded s;
    REQUIRE(s.seen.stages.size() == 4);
    CHECK(s.seen.stages[0].id == "new");
    CHECK(s.seen.stages[0].pipeline_id == "sales");
    CHECK(s.seen.stages[1].id != "Proposal Sent");
    CHECK(std::all_of(s.seen.stages[1].id.begin(), s.seen.stages[1].id.end(), ::isdigit));
    CHECK(s.seen.stages[1].name == "Proposal sent");
    CHECK(s.seen.stages[2].kind == model::StageKind::won);
    CHECK(s.seen.stages[3].kind == model::StageKind::lost);
    CHECK(s.seen.stages[0].probability == Approx(0.1));
}

TEST_CASE("contacts keep owner channel company and referrer under HubSpot ids") {
    Seeded s;
    REQUIRE(s.seen.contacts.size() == 3);
    const model::Contact& c1 = s.seen.contacts[0];
    CHECK(c1.owner_id == s.seen.sellers[0].id);
    CHECK(c1.channel == "referral");
    CHECK(c1.created_at == t0);
    REQUIRE(c1.company_id);
    CHECK(s.hubspot.value("contacts", c1.id, "associatedcompanyid") == *c1.company_id);
    CHECK(s.seen.contacts[1].referred_by == c1.id);
    CHECK_FALSE(s.seen.contacts[2].owner_id);
    CHECK(s.hubspot.value("contacts", c1.id, "hs_analytics_source") == "referral");
    CHECK(s.hubspot.value("contacts", c1.id, "createdate") == "2026-01-01T00:00:00.000Z");
}

TEST_CASE("a deal without a known owner is stored but not returned") {
    Seeded s;
    CHECK(s.hubspot.object_count("deals") == 3);
    REQUIRE(s.seen.deals.size() == 2);
    const model::Deal& d1 = s.seen.deals[0];
    CHECK(d1.status == model::DealStatus::won);
    CHECK(d1.closed_at == t0 + 900 * 1000);
    CHECK(d1.amount == 1234.5);
    CHECK(d1.contact_id == s.seen.contacts[0].id);
    CHECK(s.hubspot.value("deals", d1.id, "amount_in_home_currency") == "1234.5");
    const model::Deal& d2 = s.seen.deals[1];
    CHECK(d2.status == model::DealStatus::open);
    CHECK_FALSE(d2.closed_at);
    CHECK_FALSE(d2.amount);
}

TEST_CASE("stage history keeps every entry and a createdate entry when empty") {
    Seeded s;
    const std::string d1 = s.seen.deals[0].id;
    const std::string d2 = s.seen.deals[1].id;
    std::vector<std::tuple<std::string, std::string, model::Timestamp>> changes;
    for (const model::StageChange& change : s.seen.stage_changes) changes.emplace_back(change.deal_id, change.stage_id, change.entered_at);
    const std::string proposal = s.seen.stages[1].id;
    CHECK(changes == std::vector<std::tuple<std::string, std::string, model::Timestamp>>{
                         {d1, "new", t0 + 100 * 1000},
                         {d1, proposal, t0 + 200 * 1000},
                         {d1, "new", t0 + 300 * 1000},
                         {d1, "won", t0 + 900 * 1000},
                         {d2, "new", t0 + 200 * 1000}});
}

TEST_CASE("stage-calculated properties derive from the full history as HubSpot derives them") {
    Seeded s;
    const std::string d1 = s.seen.deals[0].id;
    // D1: new 00:01:40 -> proposal 00:03:20 -> new 00:05:00 -> won 00:15:00.
    // Date entered and exited are the latest stay's; latest time in is that stay's length;
    // cumulative time in adds both stays in "new": 100 s + 600 s.
    CHECK(s.hubspot.value("deals", d1, "hs_v2_date_entered_new") == "2026-01-01T00:05:00.000Z");
    CHECK(s.hubspot.value("deals", d1, "hs_v2_date_exited_new") == "2026-01-01T00:15:00.000Z");
    CHECK(s.hubspot.value("deals", d1, "hs_v2_latest_time_in_new") == "600000");
    CHECK(s.hubspot.value("deals", d1, "hs_v2_cumulative_time_in_new") == "700000");
    // The stage it is in has no exit and no completed stay yet.
    CHECK(s.hubspot.value("deals", d1, "hs_v2_date_entered_won") == "2026-01-01T00:15:00.000Z");
    CHECK_FALSE(s.hubspot.value("deals", d1, "hs_v2_date_exited_won"));
    CHECK_FALSE(s.hubspot.value("deals", d1, "hs_v2_cumulative_time_in_won"));
    CHECK_FALSE(s.hubspot.value("deals", d1, "hs_v2_date_entered_lost"));
}

TEST_CASE("activities come back as HubSpot can represent them") {
    Seeded s;
    REQUIRE(s.seen.activities.size() == 8);  // the orphan without a known owner is skipped
    const model::Activity& call = s.seen.activities[0];
    CHECK(call.id.starts_with("calls:"));
    CHECK(call.duration_s == 90.5);
    CHECK(call.outcome == model::Outcome::connected);
    CHECK(call.objection);
    CHECK(call.deal_id == s.seen.deals[0].id);
    CHECK(s.hubspot.value("calls", s.hubspot_id(call.id), "hs_call_disposition") == "f240bbac-87c9-4f6e-bf70-924b57d47db7");
    CHECK(s.hubspot.value("calls", s.hubspot_id(call.id), "hs_call_duration") == "90500");
    const model::Activity& odd_call = s.seen.activities[1];
    CHECK_FALSE(odd_call.outcome);
    CHECK(odd_call.direction == model::Direction::inbound);
    const model::Activity& email = s.seen.activities[2];
    CHECK(email.direction == model::Direction::inbound);
    CHECK(email.opened == true);
    CHECK(email.clicked == false);
    CHECK(s.hubspot.value("emails", s.hubspot_id(email.id), "hs_email_direction") == "INCOMING_EMAIL");
    const model::Activity& meeting = s.seen.activities[3];
    CHECK(meeting.type == model::ActivityType::meeting);
    CHECK(meeting.duration_s == 1800.4);  // start and end times carry milliseconds
    CHECK(meeting.outcome == model::Outcome::completed);
    CHECK(meeting.direction == model::Direction::outbound);
    const model::Activity& visit = s.seen.activities[4];
    CHECK(visit.type == model::ActivityType::visit);
    CHECK_FALSE(visit.outcome);
    CHECK(s.hubspot.value("meetings", s.hubspot_id(visit.id), "hs_meeting_location_type") == "ADDRESS");
    const model::Activity& proposal = s.seen.activities[5];
    CHECK(proposal.id.starts_with("quotes:"));
    CHECK(proposal.type == model::ActivityType::proposal);
    CHECK_FALSE(proposal.objection);
    CHECK(proposal.deal_id == s.seen.deals[0].id);
    CHECK(s.hubspot.value("quotes", s.hubspot_id(proposal.id), "hs_status") == "APPROVED");
    CHECK(s.seen.activities[6].objection);
    CHECK(s.seen.activities[6].id.starts_with("notes:"));
    CHECK(s.seen.activities[7].id.starts_with("tasks:"));
    CHECK(s.seen.spend.empty());
}

TEST_CASE("seeding a large account stores every record") {
    model::Dataset big;
    big.sellers = {{"S1", "Ana Lopez", "ana@example.com", std::nullopt, true}};
    big.stages = {{"open", "p", "Open", 1, model::StageKind::open, 0.5}, {"won", "p", "Won", 2, model::StageKind::won, 1.0}};
    for (int i = 0; i < 20'000; ++i)
        big.contacts.push_back({"C" + std::to_string(i), std::string("S1"), t0 + i, std::string("web"), std::nullopt, std::nullopt});
    for (int i = 0; i < 50'000; ++i) {
        big.deals.push_back({"D" + std::to_string(i), "S1", "C" + std::to_string(i % 20'000), std::nullopt, "p", "won", 100.0 + i,
                             t0 + i, t0 + i + 50, model::DealStatus::won});
        big.stage_changes.push_back({"D" + std::to_string(i), "open", t0 + i});
        big.stage_changes.push_back({"D" + std::to_string(i), "won", t0 + i + 50});
    }
    const model::ActivityType types[] = {model::ActivityType::call, model::ActivityType::email, model::ActivityType::meeting,
                                         model::ActivityType::note, model::ActivityType::task, model::ActivityType::proposal};
    for (int i = 0; i < 300'000; ++i) {
        model::Activity activity;
        activity.id = "A" + std::to_string(i);
        activity.owner_id = "S1";
        activity.type = types[i % 6];
        activity.at = t0 + i;
        activity.contact_id = "C" + std::to_string(i % 20'000);
        activity.deal_id = "D" + std::to_string(i % 50'000);
        big.activities.push_back(std::move(activity));
    }
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(big);
    CHECK(seen.contacts.size() == 20'000);
    CHECK(seen.deals.size() == 50'000);
    CHECK(seen.stage_changes.size() == 100'000);
    CHECK(seen.activities.size() == 300'000);
    CHECK(hubspot.object_count("deals") == 50'000);
    CHECK(hubspot.object_count("calls") + hubspot.object_count("emails") + hubspot.object_count("meetings") +
              hubspot.object_count("notes") + hubspot.object_count("tasks") + hubspot.object_count("quotes") ==
          300'000);
}
