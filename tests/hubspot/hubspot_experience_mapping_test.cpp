// Feedback submissions as survey responses, and deliveries from two named deal properties
// (hubspot_mapping.md, KPIS.md §1), on hand-written HubSpot JSON.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/hubspot/record_mapper.hpp"
#include "plugin/model/timestamp_format.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;
namespace json = boost::json;

namespace {

const char* const one_pipeline_json = R"({"results":[
  {"id":"default","label":"Sales","displayOrder":0,"archived":false,"stages":[
    {"id":"appointmentscheduled","label":"Appointment","displayOrder":0,"archived":false,
     "metadata":{"isClosed":"false","probability":"0.2"}},
    {"id":"closedwon","label":"Won","displayOrder":1,"archived":false,
     "metadata":{"isClosed":"true","probability":"1.0"}}]}]})";

struct ExperienceMapping {
    StageCatalog stages = StageCatalog::from_pipelines(json::parse(one_pipeline_json)).value();
    FieldSchema schema;
    MappingOptions options;
    RecordMapper mapper() const { return RecordMapper(options, stages, schema); }
};

json::value submission(const std::string& type, const std::string& value) {
    return json::parse(R"({"id":"9001","properties":{"hs_survey_type":")" + type + R"(","hs_value":")" + value +
                       R"(","hs_submission_timestamp":"2026-03-01T12:00:00.250Z"},)"
                       R"("associations":{"contacts":{"results":[{"id":"301","type":"feedback_submission_to_contact"}]}}})");
}

model::Timestamp at(const char* text) { return *model::parse_rfc3339(text); }

json::value won_deal(const std::string& extra) {
    return json::parse(R"({"id":"501","properties":{"dealname":"Big","createdate":"2026-01-01T00:00:00Z",)"
                       R"("closedate":"2026-02-01T00:00:00Z","pipeline":"default","dealstage":"closedwon",)"
                       R"("hubspot_owner_id":"11")" + extra + "}}");
}

}  // namespace

TEST_CASE("an NPS feedback submission is an nps response of its contact, at its submission time") {
    ExperienceMapping m;
    ReadPage page;
    REQUIRE(m.mapper().add_feedback_submission(submission("NPS", "9"), embedded_associations(submission("NPS", "9")),
                                               page) == MapOutcome::mapped);
    REQUIRE(page.records.survey_responses.size() == 1);
    const model::SurveyResponse& r = page.records.survey_responses[0];
    CHECK(r.id == "9001");
    CHECK(r.kind == model::SurveyKind::nps);
    CHECK(r.score == 9);
    CHECK(r.at == at("2026-03-01T12:00:00.250Z"));
    CHECK(r.contact_id == "301");
    CHECK_FALSE(r.deal_id);
    CHECK_FALSE(r.seller_id);
}

// HubSpot's CSAT survey answers 0 (detractor), 1 (passive) or 2 (promoter): 1, 3 and 5 of 5, so
// that only the satisfied answer counts among the "4 or 5".
TEST_CASE("a CSAT feedback submission's 0, 1, 2 read as 1, 3, 5 of 5") {
    ExperienceMapping m;
    for (const auto& [value, score] : {std::pair{"0", 1}, std::pair{"1", 3}, std::pair{"2", 5}}) {
        ReadPage page;
        const json::value s = submission("CSAT", value);
        REQUIRE(m.mapper().add_feedback_submission(s, embedded_associations(s), page) == MapOutcome::mapped);
        CHECK(page.records.survey_responses.at(0).kind == model::SurveyKind::csat);
        CHECK(page.records.survey_responses.at(0).score == score);
    }
}

TEST_CASE("CES and custom surveys, and values off their scale, are no survey response") {
    ExperienceMapping m;
    for (const auto& [type, value] : {std::pair{"CES", "5"}, std::pair{"CUSTOM", "3"}, std::pair{"NPS", "11"},
                                      std::pair{"CSAT", "3"}, std::pair{"NPS", "7.5"}, std::pair{"NPS", ""}}) {
        INFO(type << " " << value);
        ReadPage page;
        const json::value s = submission(type, value);
        CHECK(m.mapper().add_feedback_submission(s, embedded_associations(s), page) == MapOutcome::not_a_record);
        CHECK(page.records.survey_responses.empty());
    }
}

TEST_CASE("a won deal's two named delivery properties make its delivery") {
    ExperienceMapping m;
    m.options.delivery_promised_property = "promised_delivery";
    m.options.delivery_delivered_property = "delivered_on";
    ReadPage page;
    REQUIRE(m.mapper().add_deal(won_deal(R"(,"promised_delivery":"2026-02-10T00:00:00Z","delivered_on":"2026-02-09T15:30:00Z")"),
                                {}, page) == MapOutcome::mapped);
    REQUIRE(page.records.deliveries.size() == 1);
    CHECK(page.records.deliveries[0].id == "deal-delivery:501");
    CHECK(page.records.deliveries[0].deal_id == "501");
    CHECK(page.records.deliveries[0].promised_at == at("2026-02-10T00:00:00Z"));
    CHECK(page.records.deliveries[0].delivered_at == at("2026-02-09T15:30:00Z"));
}

// A date property promises a day: delivered any time that day is on time.
TEST_CASE("a date-only promise lasts to the end of its day; not delivered yet is an outstanding delivery") {
    ExperienceMapping m;
    m.options.delivery_promised_property = "promised_delivery";
    m.options.delivery_delivered_property = "delivered_on";
    ReadPage page;
    REQUIRE(m.mapper().add_deal(won_deal(R"(,"promised_delivery":"2026-02-10","delivered_on":"")"), {}, page) ==
            MapOutcome::mapped);
    REQUIRE(page.records.deliveries.size() == 1);
    CHECK(page.records.deliveries[0].promised_at == at("2026-02-10T23:59:59.999Z"));
    CHECK_FALSE(page.records.deliveries[0].delivered_at);
    ReadPage delivered;
    REQUIRE(m.mapper().add_deal(won_deal(R"(,"promised_delivery":"2026-02-10","delivered_on":"2026-02-10")"), {},
                                delivered) == MapOutcome::mapped);
    CHECK(delivered.records.deliveries.at(0).delivered_at == at("2026-02-10T00:00:00Z"));
}

TEST_CASE("no delivery without the settings, without a promise, or on a deal that is not won") {
    ExperienceMapping m;
    ReadPage unset;
    m.mapper().add_deal(won_deal(R"(,"promised_delivery":"2026-02-10")"), {}, unset);
    CHECK(unset.records.deliveries.empty());

    m.options.delivery_promised_property = "promised_delivery";
    m.options.delivery_delivered_property = "delivered_on";
    ReadPage no_promise;
    m.mapper().add_deal(won_deal(""), {}, no_promise);
    CHECK(no_promise.records.deliveries.empty());

    ReadPage open;
    const json::value open_deal = json::parse(
        R"({"id":"502","properties":{"createdate":"2026-01-01T00:00:00Z","pipeline":"default",)"
        R"("dealstage":"appointmentscheduled","hubspot_owner_id":"11","promised_delivery":"2026-02-10"}})");
    REQUIRE(m.mapper().add_deal(open_deal, {}, open) == MapOutcome::mapped);
    CHECK(open.records.deliveries.empty());
}

TEST_CASE("an archived deal takes its delivery with it when deliveries are read") {
    ExperienceMapping m;
    m.options.delivery_promised_property = "promised_delivery";
    m.options.delivery_delivered_property = "delivered_on";
    std::vector<RemovedRecord> removed;
    m.mapper().add_removed(ObjectType::deals, won_deal(""), removed);
    REQUIRE(removed.size() == 2);
    CHECK((removed[1].type == model::RecordType::delivery && removed[1].id == "deal-delivery:501"));
}
