// Salesforce records (the REST API's documented reply shapes, written by hand) -> KPIS.md §1.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include "connectors/salesforce/record_mapper.hpp"
#include "connectors/salesforce/stage_catalog.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors::salesforce;
namespace json = boost::json;

namespace {

constexpr model::Timestamp march_1_2026 = 20'513LL * 86'400'000LL;  // 2026-03-01T00:00:00Z
constexpr model::Timestamp hour = 3'600'000;

const json::array stage_rows = json::parse(R"([
  {"attributes":{"type":"OpportunityStage"},"Id":"01J000000000001AAA","ApiName":"Prospecting","MasterLabel":"Prospecting",
   "SortOrder":1,"IsClosed":false,"IsWon":false,"IsActive":true,"DefaultProbability":10},
  {"attributes":{"type":"OpportunityStage"},"Id":"01J000000000002AAA","ApiName":"Proposal","MasterLabel":"Proposal/Price Quote",
   "SortOrder":2,"IsClosed":false,"IsWon":false,"IsActive":true,"DefaultProbability":75},
  {"attributes":{"type":"OpportunityStage"},"Id":"01J000000000003AAA","ApiName":"Closed Won","MasterLabel":"Closed Won",
   "SortOrder":3,"IsClosed":true,"IsWon":true,"IsActive":true,"DefaultProbability":100},
  {"attributes":{"type":"OpportunityStage"},"Id":"01J000000000004AAA","ApiName":"Old","MasterLabel":"Old",
   "SortOrder":4,"IsClosed":false,"IsWon":false,"IsActive":false,"DefaultProbability":0}])")
                                 .as_array();

}  // namespace

TEST_CASE("One sales process: stages keyed by API name, probability as a ratio, inactive stages left out",
          "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    REQUIRE(catalog.stages().size() == 3);
    CHECK(catalog.stages()[1].id == "Proposal");
    CHECK(catalog.stages()[1].pipeline_id == "default");
    CHECK(catalog.stages()[1].probability == Approx(0.75));
    CHECK(catalog.stages()[2].kind == model::StageKind::won);
}

TEST_CASE("A stage SortOrder beyond any position is clamped instead of overflowing", "[salesforce][mapper]") {
    // 1e300 overflowed the cast to int (tests/fuzz/salesforce_query); the clamp is 10^9.
    const auto catalog = StageCatalog::from_rows(json::parse(R"([
      {"ApiName":"Far","MasterLabel":"Far","SortOrder":1e300,"IsClosed":false,"IsWon":false,"IsActive":true},
      {"ApiName":"Near","MasterLabel":"Near","SortOrder":-1e300,"IsClosed":false,"IsWon":false,"IsActive":true}])")
                                                     .as_array(),
                                                 json::array());
    REQUIRE(catalog.stages().size() == 2);
    CHECK(catalog.stages()[0].id == "Far");
    CHECK(catalog.stages()[0].order == 1'000'000'000);
    CHECK(catalog.stages()[1].id == "Near");
    CHECK(catalog.stages()[1].order == -1'000'000'000);
}

TEST_CASE("A stage SortOrder Boost.JSON reads as not-a-number is position 0", "[salesforce][mapper]") {
    // 0e310 parses to NaN, which std::clamp passed through to the cast.
    const auto catalog = StageCatalog::from_rows(json::parse(R"([
      {"ApiName":"Odd","MasterLabel":"Odd","SortOrder":0e310,"IsClosed":false,"IsWon":false,"IsActive":true}])")
                                                     .as_array(),
                                                 json::array());
    REQUIRE(catalog.stages().size() == 1);
    CHECK(catalog.stages()[0].order == 0);
}

TEST_CASE("Several sales processes: each stage keyed per process as <process>:<stage>", "[salesforce][mapper]") {
    const json::array types = json::parse(R"([
      {"attributes":{"type":"RecordType"},"Id":"012A","Name":"New","SobjectType":"Opportunity","BusinessProcessId":"019A"},
      {"attributes":{"type":"RecordType"},"Id":"012B","Name":"Renewal","SobjectType":"Opportunity","BusinessProcessId":"019B"}])")
                                  .as_array();
    const auto catalog = StageCatalog::from_rows(stage_rows, types);
    CHECK(catalog.stages().size() == 6);
    CHECK(catalog.pipeline_of("012B") == "019B");
    CHECK(catalog.stage_id("012B", "Proposal") == "019B:Proposal");
}

TEST_CASE("An opportunity's history gives every stage change and its close instant", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    MappingOptions options;
    options.proposal_stages = {"Proposal"};
    const RecordMapper mapper(options, catalog);
    const json::value opportunity = json::parse(R"({"attributes":{"type":"Opportunity"},"Id":"006A","OwnerId":"005A",
      "AccountId":"001A","ContactId":null,"Amount":1200.5,"StageName":"Closed Won","IsClosed":true,"IsWon":true,
      "CloseDate":"2026-03-05","CreatedDate":"2026-03-01T09:00:00.000+0000","RecordTypeId":null})");
    // Out of order; the 10:30 row is an amount change inside Prospecting, not a stage change.
    std::vector<json::value> history = {
        json::parse(R"({"Id":"008C","OpportunityId":"006A","StageName":"Closed Won","CreatedDate":"2026-03-02T15:00:00.125+0000"})"),
        json::parse(R"({"Id":"008A","OpportunityId":"006A","StageName":"Prospecting","CreatedDate":"2026-03-01T09:00:00.000+0000"})"),
        json::parse(R"({"Id":"008X","OpportunityId":"006A","StageName":"Prospecting","CreatedDate":"2026-03-01T10:30:00.000+0000"})"),
        json::parse(R"({"Id":"008B","OpportunityId":"006A","StageName":"Proposal","CreatedDate":"2026-03-02T08:00:00.000+0000"})")};
    model::Dataset out;
    REQUIRE(mapper.deal(opportunity, history, std::string("003P"), out).is_ok());
    REQUIRE(out.deals.size() == 1);
    const model::Deal& deal = out.deals[0];
    CHECK(deal.status == model::DealStatus::won);
    CHECK(deal.contact_id == "003P");  // from the primary OpportunityContactRole
    CHECK(deal.company_id == "001A");
    CHECK(deal.amount == Approx(1200.5));
    CHECK(deal.created_at == march_1_2026 + 9 * hour);
    CHECK(deal.closed_at == march_1_2026 + 24 * hour + 15 * hour + 125);  // not CloseDate's midnight
    REQUIRE(out.stage_changes.size() == 3);
    CHECK(out.stage_changes[0].stage_id == "Prospecting");
    CHECK(out.stage_changes[1].stage_id == "Proposal");
    CHECK(out.stage_changes[2].stage_id == "Closed Won");
    REQUIRE(out.activities.size() == 1);  // entering a proposal stage
    CHECK(out.activities[0].type == model::ActivityType::proposal);
    CHECK(out.activities[0].at == march_1_2026 + 24 * hour + 8 * hour);
}

TEST_CASE("An amount in a currency without a rate is a data error for that deal", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    MappingOptions options;
    options.fx_rates = {{"EUR", 1.0}, {"USD", 0.5}};
    const RecordMapper mapper(options, catalog);
    model::Dataset out;
    const json::value usd = json::parse(R"({"Id":"006U","OwnerId":"005A","Amount":100,"CurrencyIsoCode":"USD",
      "StageName":"Prospecting","IsClosed":false,"IsWon":false,"CreatedDate":"2026-03-01T09:00:00.000+0000"})");
    REQUIRE(mapper.deal(usd, {}, std::nullopt, out).is_ok());
    CHECK(out.deals[0].amount == Approx(50.0));
    const json::value jpy = json::parse(R"({"Id":"006J","OwnerId":"005A","Amount":100,"CurrencyIsoCode":"JPY",
      "StageName":"Prospecting","IsClosed":false,"IsWon":false,"CreatedDate":"2026-03-01T09:00:00.000+0000"})");
    const Status refused = mapper.deal(jpy, {}, std::nullopt, out);
    CHECK(refused.code() == StatusCode::data);
    CHECK(refused.message().find("006J") != std::string::npos);
}

TEST_CASE("A converted lead and its contact are one person with the lead's date and source", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    const json::value contact = json::parse(R"({"Id":"003A","OwnerId":"005A","AccountId":"001A",
      "CreatedDate":"2026-03-03T00:00:00.000+0000","LeadSource":null,"Referred_By__c":"003R"})");
    MappingOptions options;
    options.referral_field = "Referred_By__c";
    const auto person = RecordMapper(options, catalog).contact(contact, LeadOrigin{march_1_2026, std::string("Web")});
    CHECK(person.id == "003A");
    CHECK(person.created_at == march_1_2026);
    CHECK(person.channel == "Web");
    CHECK(person.company_id == "001A");
    CHECK(person.referred_by == "003R");
}

TEST_CASE("Users become sellers with the team from Department or the role", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    const json::value user = json::parse(R"({"Id":"005A","Name":"Ana","Email":"ana@example.com","IsActive":false,
      "Department":"Iberia","UserRole":{"attributes":{"type":"UserRole"},"Name":"EMEA Sales"}})");
    MappingOptions by_role;
    by_role.team_field = TeamField::user_role;
    CHECK(RecordMapper(MappingOptions{}, catalog).seller(user).team == "Iberia");
    const auto seller = RecordMapper(by_role, catalog).seller(user);
    CHECK(seller.team == "EMEA Sales");
    CHECK_FALSE(seller.active);
}

TEST_CASE("Tasks: calls with direction, duration, disposition and objections; emails with opens", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    const RecordMapper mapper(MappingOptions{}, catalog);
    const std::map<std::string, std::string> leads = {{"00QL", "003L"}};
    const json::value call = json::parse(R"({"Id":"00TA","OwnerId":"005A","WhoId":"00QL","WhatId":"006A",
      "TaskSubtype":"Call","CallType":"Inbound","CallDurationInSeconds":95,"CallDisposition":"Left voicemail",
      "CompletedDateTime":"2026-03-01T10:00:00.000+0000","Description":"price #objection raised"})");
    const auto activity = mapper.task(call, std::nullopt, leads);
    REQUIRE(activity.has_value());
    CHECK(activity->type == model::ActivityType::call);
    CHECK(activity->direction == model::Direction::inbound);
    CHECK(activity->duration_s == Approx(95));
    CHECK(activity->outcome == model::Outcome::voicemail);
    CHECK(activity->objection);
    CHECK(activity->contact_id == "003L");  // the converted lead's contact
    CHECK(activity->deal_id == "006A");
    CHECK(activity->at == march_1_2026 + 10 * hour);
    const json::value email = json::parse(R"({"Id":"00TB","OwnerId":"005A","WhoId":"003A","TaskSubtype":"Email",
      "CreatedDate":"2026-03-01T11:00:00.000+0000"})");
    const auto received = mapper.task(email, EmailFacts{true, true}, leads);
    CHECK(received->type == model::ActivityType::email);
    CHECK(received->direction == model::Direction::inbound);
    CHECK(received->opened == true);
    CHECK_FALSE(received->clicked.has_value());  // Salesforce tracks no clicks
    const auto without_enhanced_email = mapper.task(email, std::nullopt, leads);
    CHECK(without_enhanced_email->direction == model::Direction::outbound);
    CHECK_FALSE(without_enhanced_email->opened.has_value());
    CHECK_FALSE(received->objection);
}

TEST_CASE("Events: a visit by Event Type, or by Location under the location rule", "[salesforce][mapper]") {
    const auto catalog = StageCatalog::from_rows(stage_rows, json::array());
    const json::value on_site = json::parse(R"({"Id":"00UA","OwnerId":"005A","WhoId":"003A","Type":"Visit",
      "StartDateTime":"2026-03-01T10:00:00.000+0000","DurationInMinutes":45})");
    const json::value call_with_room = json::parse(R"({"Id":"00UB","OwnerId":"005A","Type":"Meeting","Location":"HQ",
      "StartDateTime":"2026-03-01T10:00:00.000+0000","EndDateTime":"2026-03-01T10:30:00.000+0000"})");
    const RecordMapper by_type(MappingOptions{}, catalog);
    CHECK(by_type.event(on_site, {}).type == model::ActivityType::visit);
    CHECK(by_type.event(on_site, {}).duration_s == Approx(45 * 60));
    CHECK(by_type.event(call_with_room, {}).type == model::ActivityType::meeting);
    CHECK(by_type.event(call_with_room, {}).duration_s == Approx(30 * 60));
    MappingOptions location;
    location.visit_rule = VisitRule::location;
    CHECK(RecordMapper(location, catalog).event(call_with_room, {}).type == model::ActivityType::visit);
}
