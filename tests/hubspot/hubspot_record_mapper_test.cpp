// hubspot_mapping.md, one rule per test case, on hand-written HubSpot JSON.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/hubspot/record_mapper.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;
namespace json = boost::json;

namespace {

// 2026-03-01T12:00:00Z
constexpr model::Timestamp march_1_noon = 1772366400000;

const char* const pipelines_json = R"({"results":[
  {"id":"default","label":"Sales","displayOrder":0,"archived":false,"stages":[
    {"id":"appointmentscheduled","label":"Appointment","displayOrder":0,"archived":false,
     "metadata":{"isClosed":"false","probability":"0.2"}},
    {"id":"contractsent","label":"Contract sent","displayOrder":1,"archived":false,
     "metadata":{"isClosed":"false","probability":"0.9"}},
    {"id":"closedwon","label":"Won","displayOrder":2,"archived":false,
     "metadata":{"isClosed":"true","probability":"1.0"}},
    {"id":"closedlost","label":"Lost","displayOrder":3,"archived":false,
     "metadata":{"isClosed":"true","probability":"0.0"}}]},
  {"id":"77","label":"Renewals","displayOrder":1,"archived":false,"stages":[
    {"id":"1001","label":"Old stage","displayOrder":0,"archived":true,
     "metadata":{"isClosed":"false","probability":"0.5"}}]}]})";

StageCatalog catalog() { return StageCatalog::from_pipelines(json::parse(pipelines_json)).value(); }

struct Mapping {
    StageCatalog stages = catalog();
    FieldSchema schema;
    MappingOptions options;
    RecordMapper mapper() const { return RecordMapper(options, stages, schema); }
};

json::value deal_json(const std::string& properties, const std::string& associations = "{}") {
    return json::parse(R"({"id":"501","properties":)" + properties + R"(,"associations":)" + associations + "}");
}

// A deal with propertiesWithHistory.dealstage as HubSpot sends it: newest entry first.
json::value deal_with_history(const std::string& properties, const std::string& dealstage_history) {
    return json::parse(R"({"id":"501","properties":)" + properties + R"(,"propertiesWithHistory":{"dealstage":)" +
                       dealstage_history + "}}");
}

std::string entry(const std::string& stage, const std::string& timestamp) {
    return R"({"value":")" + stage + R"(","timestamp":")" + timestamp +
           R"(","sourceType":"CRM_UI","sourceId":"userId:4150001","updatedByUserId":4150001})";
}

}  // namespace

TEST_CASE("an owner becomes a seller named first and last name with the primary team") {
    Mapping m;
    const auto seller = m.mapper().seller(json::parse(R"({"id":"11","email":"ana@example.com","firstName":"Ana",
        "lastName":"Silva","userId":9,"type":"PERSON","archived":false,
        "teams":[{"id":"1","name":"North","primary":false},{"id":"2","name":"South","primary":true}]})"));
    REQUIRE(seller);
    CHECK(seller->id == "11");
    CHECK(seller->name == "Ana Silva");
    CHECK(seller->email == "ana@example.com");
    CHECK(seller->team == std::optional<std::string>("South"));
    CHECK(seller->active);
}

TEST_CASE("an owner without a primary team takes the first team and an archived owner is inactive") {
    Mapping m;
    const auto seller = m.mapper().seller(json::parse(R"({"id":"12","email":"bo@example.com","firstName":"Bo",
        "lastName":"","type":"PERSON","archived":true,"teams":[{"id":"1","name":"North","primary":false}]})"));
    REQUIRE(seller);
    CHECK(seller->name == "Bo");
    CHECK(seller->team == std::optional<std::string>("North"));
    CHECK_FALSE(seller->active);
}

TEST_CASE("an owner without teams has no team and queue owners are skipped") {
    Mapping m;
    const auto seller = m.mapper().seller(json::parse(R"({"id":"13","email":"c@example.com","firstName":"Cy",
        "lastName":"Dee","type":"PERSON","teams":[]})"));
    REQUIRE(seller);
    CHECK_FALSE(seller->team);
    CHECK_FALSE(m.mapper().seller(json::parse(R"({"id":"14","type":"QUEUE","firstName":"Inbox"})")));
}

TEST_CASE("pipeline stages map to stages with kind from isClosed and probability") {
    const StageCatalog stages = catalog();
    REQUIRE(stages.stages().size() == 5);
    const model::Stage* won = stages.find("closedwon");
    const model::Stage* lost = stages.find("closedlost");
    const model::Stage* open = stages.find("contractsent");
    const model::Stage* archived = stages.find("1001");
    REQUIRE((won && lost && open && archived));
    CHECK(won->kind == model::StageKind::won);
    CHECK(lost->kind == model::StageKind::lost);
    CHECK(open->kind == model::StageKind::open);
    CHECK(open->probability == std::optional<double>(0.9));
    CHECK(open->order == 1);
    CHECK(open->name == "Contract sent");
    CHECK(open->pipeline_id == "default");
    CHECK(archived->pipeline_id == "77");
}

TEST_CASE("a stage displayOrder beyond any position is clamped instead of overflowing") {
    // 1e300 overflowed the cast to int (tests/fuzz/hubspot_objects); the clamp is 10^9.
    const auto stages = StageCatalog::from_pipelines(json::parse(R"({"results":[{"id":"default","label":"Sales",
        "stages":[{"id":"far","label":"Far","displayOrder":1e300,"metadata":{"isClosed":"false","probability":"0.2"}},
                  {"id":"near","label":"Near","displayOrder":-1e300,"metadata":{"isClosed":"false"}}]}]})"));
    REQUIRE(stages);
    REQUIRE((stages->find("far") && stages->find("near")));
    CHECK(stages->find("far")->order == 1'000'000'000);
    CHECK(stages->find("near")->order == -1'000'000'000);
}

TEST_CASE("a stage displayOrder Boost.JSON reads as not-a-number is position 0") {
    // 0e310 parses to NaN, which std::clamp passed through to the cast (found by tests/fuzz/hubspot_objects).
    const auto stages = StageCatalog::from_pipelines(json::parse(R"({"results":[{"id":"default","label":"Sales",
        "stages":[{"id":"odd","label":"Odd","displayOrder":0e310,"metadata":{"isClosed":"false"}}]}]})"));
    REQUIRE(stages);
    REQUIRE(stages->find("odd"));
    CHECK(stages->find("odd")->order == 0);
}

TEST_CASE("the stage fingerprint changes when a stage changes and not otherwise") {
    const std::string before = catalog().fingerprint();
    CHECK(catalog().fingerprint() == before);
    std::string renamed = pipelines_json;
    renamed.replace(renamed.find("Contract sent"), 13, "Contract out");
    CHECK(StageCatalog::from_pipelines(json::parse(renamed))->fingerprint() != before);
}

TEST_CASE("a won deal takes the home currency amount its associations and close date") {
    Mapping m;
    ReadPage page;
    const auto outcome = m.mapper().add_deal(
        deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"closedwon","amount":"100",
            "amount_in_home_currency":"120.5","createdate":"2026-03-01T12:00:00.000Z",
            "closedate":"2026-03-11T12:00:00.000Z"})",
                          "[" + entry("closedwon", "2026-03-11T12:00:00.000Z") + "," +
                              entry("appointmentscheduled", "2026-03-01T12:00:00.000Z") + "]"),
        embedded_associations(deal_json("{}", R"({"contacts":{"results":[{"id":"301","type":"deal_to_contact"},
            {"id":"302","type":"deal_to_contact"}]},"companies":{"results":[{"id":"401","type":"deal_to_company"}]}})")),
        page);
    REQUIRE(outcome == MapOutcome::mapped);
    REQUIRE(page.records.deals.size() == 1);
    const model::Deal& d = page.records.deals.front();
    CHECK(d.id == "501");
    CHECK(d.owner_id == "11");
    CHECK(d.contact_id == std::optional<std::string>("301"));
    CHECK(d.company_id == std::optional<std::string>("401"));
    CHECK(d.amount == std::optional<double>(120.5));
    CHECK(d.status == model::DealStatus::won);
    CHECK(d.created_at == march_1_noon);
    CHECK(d.closed_at == std::optional<model::Timestamp>(march_1_noon + 10 * model::ms_per_day));
    REQUIRE(page.records.stage_changes.size() == 2);
    CHECK(page.records.stage_changes[0].stage_id == "appointmentscheduled");
    CHECK(page.records.stage_changes[1].stage_id == "closedwon");
    CHECK(page.records.stage_changes[1].entered_at == march_1_noon + 10 * model::ms_per_day);
}

TEST_CASE("an open deal has no close date and falls back to amount") {
    Mapping m;
    ReadPage page;
    m.mapper().add_deal(deal_json(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "amount":"99.9","createdate":"1772366400000","closedate":"2026-04-01T00:00:00.000Z"})"),
                        {}, page);
    REQUIRE(page.records.deals.size() == 1);
    CHECK(page.records.deals[0].status == model::DealStatus::open);
    CHECK_FALSE(page.records.deals[0].closed_at);
    CHECK(page.records.deals[0].amount == std::optional<double>(99.9));
    CHECK(page.records.deals[0].created_at == march_1_noon);
    CHECK_FALSE(page.records.deals[0].contact_id);
}

TEST_CASE("a deal without a stage history gets one stage change at its create date") {
    Mapping m;
    ReadPage page;
    m.mapper().add_deal(deal_json(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "createdate":"2026-03-01T12:00:00.000Z"})"),
                        {}, page);
    REQUIRE(page.records.stage_changes.size() == 1);
    CHECK(page.records.stage_changes[0].deal_id == "501");
    CHECK(page.records.stage_changes[0].stage_id == "contractsent");
    CHECK(page.records.stage_changes[0].entered_at == march_1_noon);
    CHECK_FALSE(page.records.deals[0].amount);
}

TEST_CASE("a deal without owner is skipped") {
    Mapping m;
    ReadPage page;
    const auto outcome = m.mapper().add_deal(
        deal_json(R"({"pipeline":"default","dealstage":"contractsent","createdate":"2026-03-01T12:00:00.000Z"})"), {},
        page);
    CHECK(outcome == MapOutcome::no_owner);
    CHECK(page.records.record_count() == 0);
}

TEST_CASE("a deal entering a configured proposal stage brings a proposal activity") {
    Mapping m;
    m.options.proposal_stages = {"Contract sent"};
    ReadPage page;
    m.mapper().add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"closedlost",
        "createdate":"2026-03-01T12:00:00.000Z"})",
                                          "[" + entry("closedlost", "2026-03-03T12:00:00.000Z") + "," +
                                              entry("contractsent", "2026-03-02T12:00:00.000Z") + "]"),
                        FirstAssociations{std::string("301"), std::nullopt, std::nullopt}, page);
    REQUIRE(page.records.activities.size() == 1);
    const model::Activity& a = page.records.activities[0];
    CHECK(a.id == "deal-stage-proposal:501:contractsent");
    CHECK(a.type == model::ActivityType::proposal);
    CHECK(a.direction == model::Direction::outbound);
    CHECK(a.owner_id == "11");
    CHECK(a.at == march_1_noon + model::ms_per_day);
    CHECK(a.deal_id == std::optional<std::string>("501"));
    CHECK(a.contact_id == std::optional<std::string>("301"));
}

TEST_CASE("held values are our group properties parsed by type and empty ones are none") {
    Mapping m;
    m.schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    m.schema.set(RecordObject::deal, "seller_score_band", PropertyKind::enumeration);
    m.schema.set(RecordObject::deal, "seller_scored_at", PropertyKind::datetime);
    m.schema.set(RecordObject::deal, "seller_win_rate", PropertyKind::number);
    ReadPage page;
    m.mapper().add_deal(deal_json(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "createdate":"2026-03-01T12:00:00.000Z","sellerscore_seller_score":"87.5","sellerscore_seller_score_band":"B",
        "sellerscore_seller_scored_at":"2026-03-01T12:00:00.000Z","sellerscore_seller_win_rate":""})"),
                        {}, page);
    std::map<std::string, FieldValue> held;
    for (const auto& h : page.held_values) {
        CHECK(h.object == RecordObject::deal);
        CHECK(h.record_id == "501");
        held[h.field_id] = h.value;
    }
    CHECK(held.size() == 3);
    CHECK(held["seller_score"] == FieldValue(87.5));
    CHECK(held["seller_score_band"] == FieldValue(std::string("B")));
    CHECK(held["seller_scored_at"] == FieldValue(std::string("2026-03-01T12:00:00Z")));
}

TEST_CASE("a contact maps owner source referral and company") {
    Mapping m;
    m.options.referral_property = "referrer";
    ReadPage page;
    m.mapper().add_contact(json::parse(R"({"id":"301","properties":{"createdate":"2026-03-01T12:00:00.000Z",
        "hubspot_owner_id":"11","hs_analytics_source":"PAID_SEARCH","referrer":"300","associatedcompanyid":"401"}})"),
                           page);
    REQUIRE(page.records.contacts.size() == 1);
    const model::Contact& c = page.records.contacts[0];
    CHECK(c.id == "301");
    CHECK(c.owner_id == std::optional<std::string>("11"));
    CHECK(c.created_at == march_1_noon);
    CHECK(c.channel == std::optional<std::string>("PAID_SEARCH"));
    CHECK(c.referred_by == std::optional<std::string>("300"));
    CHECK(c.company_id == std::optional<std::string>("401"));
}

TEST_CASE("a contact without owner keeps a null owner") {
    Mapping m;
    ReadPage page;
    CHECK(m.mapper().add_contact(json::parse(R"({"id":"302","properties":{"createdate":"2026-03-01T12:00:00.000Z",
        "hubspot_owner_id":"","hs_analytics_source":null}})"),
                                 page) == MapOutcome::mapped);
    REQUIRE(page.records.contacts.size() == 1);
    CHECK_FALSE(page.records.contacts[0].owner_id);
    CHECK_FALSE(page.records.contacts[0].channel);
}

TEST_CASE("a call maps direction duration disposition and objection marker") {
    Mapping m;
    ReadPage page;
    m.mapper().add_activity(ObjectType::calls, json::parse(R"({"id":"1001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_call_direction":"INBOUND",
        "hs_call_duration":"90500","hs_call_disposition":"73a0d17f-1163-4015-bdd5-ec830791da20",
        "hs_call_body":"Price too high #Objection"}})"),
                            FirstAssociations{std::string("301"), std::nullopt, std::string("501")}, page);
    REQUIRE(page.records.activities.size() == 1);
    const model::Activity& a = page.records.activities[0];
    CHECK(a.id == "calls:1001");
    CHECK(a.type == model::ActivityType::call);
    CHECK(a.direction == model::Direction::inbound);
    CHECK(a.duration_s == std::optional<double>(90.5));
    CHECK(a.outcome == std::optional<model::Outcome>(model::Outcome::no_answer));
    CHECK(a.objection);
    CHECK(a.contact_id == std::optional<std::string>("301"));
    CHECK(a.deal_id == std::optional<std::string>("501"));
    CHECK(a.at == march_1_noon);
}

TEST_CASE("a call with an unknown disposition has no outcome") {
    Mapping m;
    ReadPage page;
    m.mapper().add_activity(ObjectType::calls, json::parse(R"({"id":"1002","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_call_direction":"OUTBOUND",
        "hs_call_disposition":"something-else"}})"),
                            {}, page);
    REQUIRE(page.records.activities.size() == 1);
    CHECK(page.records.activities[0].direction == model::Direction::outbound);
    CHECK_FALSE(page.records.activities[0].outcome);
    CHECK_FALSE(page.records.activities[0].duration_s);
    CHECK_FALSE(page.records.activities[0].objection);
}

TEST_CASE("emails map direction and open and click counts") {
    Mapping m;
    ReadPage page;
    const RecordMapper mapper = m.mapper();
    mapper.add_activity(ObjectType::emails, json::parse(R"({"id":"2001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_email_direction":"EMAIL",
        "hs_email_open_count":"2","hs_email_click_count":"0"}})"),
                        {}, page);
    mapper.add_activity(ObjectType::emails, json::parse(R"({"id":"2002","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_email_direction":"INCOMING_EMAIL"}})"),
                        {}, page);
    mapper.add_activity(ObjectType::emails, json::parse(R"({"id":"2003","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_email_direction":"FORWARDED_EMAIL"}})"),
                        {}, page);
    REQUIRE(page.records.activities.size() == 3);
    CHECK(page.records.activities[0].direction == model::Direction::outbound);
    CHECK(page.records.activities[0].opened == std::optional<bool>(true));
    CHECK(page.records.activities[0].clicked == std::optional<bool>(false));
    CHECK(page.records.activities[1].direction == model::Direction::inbound);
    CHECK_FALSE(page.records.activities[1].opened);
    CHECK_FALSE(page.records.activities[1].clicked);
    CHECK(page.records.activities[2].direction == model::Direction::outbound);
}

TEST_CASE("a meeting at an address is a visit with duration and outcome") {
    Mapping m;
    ReadPage page;
    const RecordMapper mapper = m.mapper();
    mapper.add_activity(ObjectType::meetings, json::parse(R"({"id":"3001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_meeting_location_type":"address",
        "hs_meeting_start_time":"2026-03-01T12:00:00.000Z","hs_meeting_end_time":"2026-03-01T12:45:00.000Z",
        "hs_meeting_outcome":"NO_SHOW"}})"),
                        {}, page);
    mapper.add_activity(ObjectType::meetings, json::parse(R"({"id":"3002","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_meeting_location_type":"VIDEO",
        "hs_meeting_outcome":"RESCHEDULED"}})"),
                        {}, page);
    REQUIRE(page.records.activities.size() == 2);
    CHECK(page.records.activities[0].type == model::ActivityType::visit);
    CHECK(page.records.activities[0].duration_s == std::optional<double>(45 * 60));
    CHECK(page.records.activities[0].outcome == std::optional<model::Outcome>(model::Outcome::no_show));
    CHECK(page.records.activities[1].type == model::ActivityType::meeting);
    CHECK_FALSE(page.records.activities[1].outcome);
    CHECK_FALSE(page.records.activities[1].duration_s);
}

TEST_CASE("configured visit types replace the default") {
    Mapping m;
    m.options.visit_types = {"Video"};
    ReadPage page;
    m.mapper().add_activity(ObjectType::meetings, json::parse(R"({"id":"3003","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_meeting_location_type":"VIDEO"}})"),
                            {}, page);
    REQUIRE(page.records.activities.size() == 1);
    CHECK(page.records.activities[0].type == model::ActivityType::visit);
}

TEST_CASE("notes and tasks are outbound and a quote is a proposal unless it is a draft") {
    Mapping m;
    ReadPage page;
    const RecordMapper mapper = m.mapper();
    CHECK(mapper.add_activity(ObjectType::notes, json::parse(R"({"id":"4001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_note_body":"#objection: budget"}})"),
                              {}, page) == MapOutcome::mapped);
    CHECK(mapper.add_activity(ObjectType::tasks, json::parse(R"({"id":"5001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_task_body":"call back"}})"),
                              {}, page) == MapOutcome::mapped);
    CHECK(mapper.add_activity(ObjectType::quotes, json::parse(R"({"id":"6001","properties":{
        "hs_createdate":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_status":"APPROVED"}})"),
                              FirstAssociations{std::nullopt, std::nullopt, std::string("501")}, page) == MapOutcome::mapped);
    CHECK(mapper.add_activity(ObjectType::quotes, json::parse(R"({"id":"6002","properties":{
        "hs_createdate":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11","hs_status":"DRAFT"}})"),
                              {}, page) == MapOutcome::not_a_record);
    REQUIRE(page.records.activities.size() == 3);
    CHECK(page.records.activities[0].type == model::ActivityType::note);
    CHECK(page.records.activities[0].objection);
    CHECK(page.records.activities[1].type == model::ActivityType::task);
    CHECK_FALSE(page.records.activities[1].objection);
    CHECK(page.records.activities[2].id == "quotes:6001");
    CHECK(page.records.activities[2].type == model::ActivityType::proposal);
    CHECK(page.records.activities[2].deal_id == std::optional<std::string>("501"));
}

TEST_CASE("an engagement without owner is skipped") {
    Mapping m;
    ReadPage page;
    CHECK(m.mapper().add_activity(ObjectType::notes, json::parse(R"({"id":"4002","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":""}})"),
                                  {}, page) == MapOutcome::no_owner);
    CHECK(page.records.activities.empty());
}

TEST_CASE("an archived deal removes the deal and the proposals its stages implied") {
    Mapping m;
    m.options.proposal_stages = {"contractsent"};
    std::vector<RemovedRecord> removed;
    m.mapper().add_removed(ObjectType::deals,
                           deal_with_history(R"({"dealstage":"contractsent"})",
                                             "[" + entry("contractsent", "2026-03-01T12:00:00.000Z") + "]"),
                           removed);
    m.mapper().add_removed(ObjectType::calls, json::parse(R"({"id":"1001","properties":{}})"), removed);
    m.mapper().add_removed(ObjectType::contacts, json::parse(R"({"id":"301","properties":{}})"), removed);
    REQUIRE(removed.size() == 4);
    CHECK((removed[0].type == model::RecordType::deal && removed[0].id == "501"));
    CHECK((removed[1].type == model::RecordType::activity && removed[1].id == "deal-stage-proposal:501:contractsent"));
    CHECK((removed[2].type == model::RecordType::activity && removed[2].id == "calls:1001"));
    CHECK((removed[3].type == model::RecordType::contact && removed[3].id == "301"));
}

TEST_CASE("a deal that went back to a stage keeps every stay, oldest first") {
    Mapping m;
    ReadPage page;
    // demo (appointmentscheduled) -> proposal (contractsent) -> demo -> proposal, a day apart each.
    m.mapper().add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "createdate":"2026-03-01T12:00:00.000Z"})",
                                          "[" + entry("contractsent", "2026-03-04T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-03T12:00:00.000Z") + "," +
                                              entry("contractsent", "2026-03-02T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-01T12:00:00.000Z") + "]"),
                        {}, page);
    const auto& h = page.records.stage_changes;
    REQUIRE(h.size() == 4);
    CHECK((h[0].stage_id == "appointmentscheduled" && h[0].entered_at == march_1_noon));
    CHECK((h[1].stage_id == "contractsent" && h[1].entered_at == march_1_noon + model::ms_per_day));
    CHECK((h[2].stage_id == "appointmentscheduled" && h[2].entered_at == march_1_noon + 2 * model::ms_per_day));
    CHECK((h[3].stage_id == "contractsent" && h[3].entered_at == march_1_noon + 3 * model::ms_per_day));
    CHECK(h[3].deal_id == "501");
}

TEST_CASE("a stage set again to the stage a deal holds is no new stay") {
    Mapping m;
    ReadPage page;
    m.mapper().add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "createdate":"2026-03-01T12:00:00.000Z"})",
                                          "[" + entry("contractsent", "2026-03-03T12:00:00.000Z") + "," +
                                              entry("contractsent", "2026-03-02T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-01T12:00:00.000Z") + "]"),
                        {}, page);
    const auto& h = page.records.stage_changes;
    REQUIRE(h.size() == 2);
    CHECK((h[1].stage_id == "contractsent" && h[1].entered_at == march_1_noon + model::ms_per_day));
}

TEST_CASE("a deal moved into another pipeline keeps that pipeline's stage ids in its history") {
    Mapping m;
    ReadPage page;
    m.mapper().add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"77","dealstage":"1001",
        "createdate":"2026-03-01T12:00:00.000Z"})",
                                          "[" + entry("1001", "2026-03-02T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-01T12:00:00.000Z") + "]"),
                        {}, page);
    const auto& h = page.records.stage_changes;
    REQUIRE(h.size() == 2);
    CHECK(h[0].stage_id == "appointmentscheduled");
    CHECK((h[1].stage_id == "1001" && h[1].entered_at == march_1_noon + model::ms_per_day));
    CHECK(page.records.deals[0].pipeline_id == "77");
}

TEST_CASE("each entry into a proposal stage is one proposal") {
    Mapping m;
    m.options.proposal_stages = {"contractsent"};
    ReadPage page;
    m.mapper().add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"contractsent",
        "createdate":"2026-03-01T12:00:00.000Z"})",
                                          "[" + entry("contractsent", "2026-03-04T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-03T12:00:00.000Z") + "," +
                                              entry("contractsent", "2026-03-02T12:00:00.000Z") + "," +
                                              entry("appointmentscheduled", "2026-03-01T12:00:00.000Z") + "]"),
                        {}, page);
    const auto& a = page.records.activities;
    REQUIRE(a.size() == 2);
    CHECK((a[0].id == "deal-stage-proposal:501:contractsent" && a[0].at == march_1_noon + model::ms_per_day));
    CHECK((a[1].id == "deal-stage-proposal:501:contractsent:2" && a[1].at == march_1_noon + 3 * model::ms_per_day));
}

TEST_CASE("an archived deal removes the proposal of every entry into a proposal stage") {
    Mapping m;
    m.options.proposal_stages = {"contractsent"};
    std::vector<RemovedRecord> removed;
    m.mapper().add_removed(ObjectType::deals,
                           deal_with_history(R"({"dealstage":"contractsent"})",
                                             "[" + entry("contractsent", "2026-03-03T12:00:00.000Z") + "," +
                                                 entry("appointmentscheduled", "2026-03-02T12:00:00.000Z") + "," +
                                                 entry("contractsent", "2026-03-01T12:00:00.000Z") + "]"),
                           removed);
    REQUIRE(removed.size() == 3);
    CHECK(removed[1].id == "deal-stage-proposal:501:contractsent");
    CHECK(removed[2].id == "deal-stage-proposal:501:contractsent:2");
}

TEST_CASE("a contact's channel comes from the configured lead source property") {
    Mapping m;
    m.options.channel_property = "lead_source_custom";
    ReadPage page;
    m.mapper().add_contact(json::parse(R"({"id":"301","properties":{"createdate":"2026-03-01T12:00:00.000Z",
        "hs_analytics_source":"PAID_SEARCH","lead_source_custom":"referral"}})"),
                           page);
    REQUIRE(page.records.contacts.size() == 1);
    CHECK(page.records.contacts[0].channel == std::optional<std::string>("referral"));
}

TEST_CASE("every time the mapper reads keeps its milliseconds") {
    Mapping m;
    ReadPage page;
    const RecordMapper mapper = m.mapper();
    // createdate as ISO with .250, closedate as an epoch-millisecond string, the history entries at
    // .125 and .999 past noon.
    mapper.add_deal(deal_with_history(R"({"hubspot_owner_id":"11","pipeline":"default","dealstage":"closedwon",
        "createdate":"2026-03-01T12:00:00.250Z","closedate":"1772366401999"})",
                                      "[" + entry("closedwon", "2026-03-01T12:00:01.999Z") + "," +
                                          entry("appointmentscheduled", "2026-03-01T12:00:00.125Z") + "]"),
                    {}, page);
    mapper.add_contact(json::parse(R"({"id":"301","properties":{"createdate":"2026-03-01T12:00:00.500Z"}})"), page);
    mapper.add_activity(ObjectType::calls, json::parse(R"({"id":"1001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.007Z","hubspot_owner_id":"11"}})"),
                        {}, page);
    mapper.add_activity(ObjectType::meetings, json::parse(R"({"id":"3001","properties":{
        "hs_timestamp":"2026-03-01T12:00:00.000Z","hubspot_owner_id":"11",
        "hs_meeting_start_time":"2026-03-01T12:00:00.000Z","hs_meeting_end_time":"2026-03-01T12:00:01.500Z"}})"),
                        {}, page);
    REQUIRE(page.records.deals.size() == 1);
    CHECK(page.records.deals[0].created_at == march_1_noon + 250);
    CHECK(page.records.deals[0].closed_at == std::optional<model::Timestamp>(march_1_noon + 1'999));
    REQUIRE(page.records.stage_changes.size() == 2);
    CHECK(page.records.stage_changes[0].entered_at == march_1_noon + 125);
    CHECK(page.records.stage_changes[1].entered_at == march_1_noon + 1'999);
    REQUIRE(page.records.contacts.size() == 1);
    CHECK(page.records.contacts[0].created_at == march_1_noon + 500);
    REQUIRE(page.records.activities.size() == 2);
    CHECK(page.records.activities[0].at == march_1_noon + 7);
    CHECK(page.records.activities[1].duration_s == std::optional<double>(1.5));
}
