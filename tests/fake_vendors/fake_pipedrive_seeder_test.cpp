#include <algorithm>

#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;
namespace model = sellerscore::model;

namespace {

template <class Record>
const Record& with_id(const std::vector<Record>& records, const std::string& id) {
    const auto found = std::find_if(records.begin(), records.end(), [&](const Record& r) { return r.id == id; });
    REQUIRE(found != records.end());
    return *found;
}

}  // namespace

TEST_CASE("fake pipedrive seeding reads sellers back without teams") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    REQUIRE(back.sellers.size() == 2);
    CHECK(back.sellers[0].name == "Ana Alves");
    CHECK_FALSE(back.sellers[0].team);
    CHECK_FALSE(back.sellers[1].active);
    const auto users = json_of(fake.handle(authed("GET", "/api/v1/users")));
    CHECK(std::to_string(users.at("data").at(0).at("id").as_int64()) == back.sellers[0].id);
    CHECK_FALSE(users.at("data").at(1).at("active_flag").as_bool());
}

TEST_CASE("fake pipedrive seeding keeps open stages and reads won and lost as synthetic stages") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    REQUIRE(back.stages.size() == 4);
    CHECK(back.stages[0].name == "Qualified");
    CHECK(back.stages[0].probability == Approx(0.2));
    CHECK(back.stages[1].probability == Approx(0.55));
    const std::string pipeline = back.stages[0].pipeline_id;
    const model::Stage& won = with_id(back.stages, pipeline + ":won");
    CHECK(won.kind == model::StageKind::won);
    CHECK(won.order == 3);
    CHECK(won.probability == 1.0);
    const model::Stage& lost = with_id(back.stages, pipeline + ":lost");
    CHECK(lost.kind == model::StageKind::lost);
    CHECK(lost.order == 4);
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/stages"))).at("data").as_array().size() == 2);
}

TEST_CASE("fake pipedrive seeding reads a won deal back in the synthetic won stage with value 0 for no amount") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    REQUIRE(back.deals.size() == 2);
    const model::Deal& open = back.deals[0];
    const model::Deal& won = back.deals[1];
    CHECK(open.stage_id == back.stages[1].id);  // Proposal
    CHECK(open.amount == 1000.0);
    CHECK(won.stage_id == won.pipeline_id + ":won");
    CHECK(won.amount == 0.0);
    CHECK(won.closed_at == ms(t0 + 5000));
    const auto deal = json_of(fake.handle(authed("GET", "/api/v2/deals/" + won.id))).at("data");
    CHECK(deal.at("status").as_string() == "won");
    CHECK(deal.at("won_time").as_string() == "2026-01-01T01:23:20Z");
    CHECK(std::to_string(deal.at("stage_id").as_int64()) == back.stages[0].id);  // its last open stage
}

TEST_CASE("fake pipedrive seeding reads the stage history back from the creation stage on") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    const std::string qualified = back.stages[0].id, proposal = back.stages[1].id;
    const std::string d1 = back.deals[0].id, d2 = back.deals[1].id;
    REQUIRE(back.stage_changes.size() == 4);
    CHECK(back.stage_changes[0].deal_id == d1);
    CHECK(back.stage_changes[0].stage_id == qualified);
    CHECK(back.stage_changes[0].entered_at == ms(t0 + 100));
    CHECK(back.stage_changes[1].stage_id == proposal);
    CHECK(back.stage_changes[1].entered_at == ms(t0 + 1000));
    CHECK(back.stage_changes[2].deal_id == d2);
    CHECK(back.stage_changes[3].stage_id == back.deals[1].pipeline_id + ":won");
    CHECK(back.stage_changes[3].entered_at == ms(t0 + 5000));

    const auto open_deal = json_of(fake.handle(authed("GET", "/api/v2/deals/" + d1))).at("data");
    CHECK(open_deal.at("stage_change_time").as_string() == "2026-01-01T00:16:40Z");
    const auto changes = fake.stage_changes(std::stoll(d1));
    REQUIRE(changes.size() == 2);
    CHECK_FALSE(changes[0].old_stage_id);
    CHECK(std::to_string(changes[1].new_stage_id) == proposal);
}

TEST_CASE("fake pipedrive seeding puts channels in the lead source field or in a lead") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    REQUIRE(back.contacts.size() == 3);
    CHECK(back.contacts[0].channel == "Referral");
    CHECK(back.contacts[1].channel == "Ads");
    CHECK(back.contacts[2].referred_by == back.contacts[0].id);
    CHECK(back.contacts[0].company_id);

    const auto lead_source = fake.field_by_name("persons", "Lead source");
    REQUIRE(lead_source);
    CHECK(lead_source->field_type == "enum");
    const auto referral_option = std::find_if(lead_source->options.begin(), lead_source->options.end(),
                                              [](const FakePipedriveFieldOption& o) { return o.label == "Referral"; });
    REQUIRE(referral_option != lead_source->options.end());
    CHECK(fake.value("persons", std::stoll(back.contacts[0].id), lead_source->field_code) ==
          std::to_string(referral_option->id));
    CHECK_FALSE(fake.value("persons", std::stoll(back.contacts[1].id), lead_source->field_code));

    const auto leads = json_of(fake.handle(authed("GET", "/api/v1/leads")));
    REQUIRE(leads.at("data").as_array().size() == 1);
    CHECK(leads.at("data").at(0).at("source_name").as_string() == "Ads");
    CHECK(std::to_string(leads.at("data").at(0).at("person_id").as_int64()) == back.contacts[1].id);

    const auto referred_by = fake.field_by_name("persons", "Referred by");
    REQUIRE(referred_by);
    CHECK(fake.value("persons", std::stoll(back.contacts[2].id), referred_by->field_code) == back.contacts[0].id);
}

TEST_CASE("fake pipedrive seeding reads activities back done outbound without outcomes") {
    FakePipedrive fake;
    const model::Dataset back = fake.seed(small_company());
    REQUIRE(back.activities.size() == 3);
    const model::Activity& call = back.activities[0];
    CHECK(call.id.rfind("activity:", 0) == 0);
    CHECK(call.type == model::ActivityType::call);
    CHECK(call.duration_s == 120.0);  // 95 s is "00:02" in whole minutes
    CHECK_FALSE(call.outcome);
    const model::Activity& visit = back.activities[1];
    CHECK(visit.type == model::ActivityType::visit);
    CHECK(visit.direction == model::Direction::outbound);
    CHECK(visit.objection);
    const model::Activity& note = back.activities[2];
    CHECK(note.id.rfind("note:", 0) == 0);
    CHECK(note.objection);
    CHECK(back.spend.empty());

    const auto activities = json_of(fake.handle(authed("GET", "/api/v2/activities?done=true")));
    REQUIRE(activities.at("data").as_array().size() == 2);
    CHECK(activities.at("data").at(0).at("duration").as_string() == "00:02");
    CHECK(activities.at("data").at(1).at("type").as_string() == "visit");
    CHECK(activities.at("data").at(1).at("note").as_string().find("#objection") != boost::json::string::npos);
    const auto notes = json_of(fake.handle(authed("GET", "/api/v1/notes")));
    CHECK(notes.at("data").at(0).at("add_time").as_string() == "2026-01-01 00:06:40");
    CHECK(json_of(fake.handle(authed("GET", "/api/v2/activities?done=false"))).at("data").as_array().empty());
    CHECK(fake.handle(authed("GET", "/api/v2/activities?done=1")).status == 400);
}

TEST_CASE("fake pipedrive seeds twenty thousand deals ten thousand persons and a hundred thousand activities") {
    model::Dataset source;
    source.sellers = {{"s1", "Ana", "a@x.io", {}, true}, {"s2", "Ben", "b@x.io", {}, true}};
    source.stages = {{"st1", "p", "One", 1, model::StageKind::open, 0.3}, {"st2", "p", "Two", 2, model::StageKind::open, 0.6}};
    for (int i = 0; i < 10'000; ++i)
        source.contacts.push_back({"c" + std::to_string(i), std::string("s1"), ms(t0 + i), std::string("Web"), {}, {}});
    for (int i = 0; i < 20'000; ++i)
        source.deals.push_back({"d" + std::to_string(i), i % 2 ? "s1" : "s2", "c" + std::to_string(i % 10'000), {}, "p",
                                "st2", 100.0, ms(t0 + i), {}, model::DealStatus::open});
    for (int i = 0; i < 100'000; ++i) {
        model::Activity activity;
        activity.id = "a" + std::to_string(i);
        activity.owner_id = "s1";
        activity.type = i % 10 == 0 ? model::ActivityType::note : model::ActivityType::call;
        activity.at = ms(t0 + i);
        activity.deal_id = "d" + std::to_string(i % 20'000);
        source.activities.push_back(std::move(activity));
    }
    FakePipedrive fake;
    const model::Dataset back = fake.seed(source);
    CHECK(fake.object_count("deals") == 20'000);
    CHECK(fake.object_count("persons") == 10'000);
    CHECK(fake.object_count("activities") == 90'000);
    CHECK(fake.object_count("notes") == 10'000);
    CHECK(back.deals.size() == 20'000);
    CHECK(back.contacts.size() == 10'000);
    CHECK(back.activities.size() == 100'000);
}
