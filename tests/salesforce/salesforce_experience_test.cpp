// Survey responses and deliveries from the Opportunity and Contact fields an admin names, and the
// one warning line for a named field the org lacks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::salesforce_testing;

namespace {

// 2026-03-10T00:00:00Z: 2026-01-01 is 1767225600 s, plus 31 + 28 + 9 = 68 days of 86400 s.
constexpr model::Timestamp march_10 = (1'767'225'600LL + 68 * 86'400LL) * 1000;
constexpr model::Timestamp day = 86'400'000;

const model::Deal& first_with(const model::Dataset& d, model::DealStatus status, std::size_t skip = 0) {
    for (const auto& deal : d.deals) {
        if (deal.status == status && skip-- == 0) return deal;
    }
    throw std::runtime_error("not enough deals with that status in the demo data");
}

std::size_t lines_naming(SalesforceFixture& f, const std::string& text) {
    std::lock_guard lock(f.log_mutex);
    return static_cast<std::size_t>(std::count_if(f.log_lines.begin(), f.log_lines.end(),
                                                  [&](const std::string& l) { return l.find(text) != std::string::npos; }));
}

sf::SalesforceSettings with_deliveries(const SalesforceFixture& f) {
    sf::SalesforceSettings s = f.settings();
    s.experience.delivery_promised_field = "Promised_Delivery__c";
    s.experience.delivery_delivered_field = "Delivered_At__c";
    return s;
}

void plant_delivery_fields(SalesforceFixture& f) {
    REQUIRE(f.fake.define_field("Opportunity", "Promised_Delivery__c", "date").is_ok());
    REQUIRE(f.fake.define_field("Opportunity", "Delivered_At__c", "datetime").is_ok());
}

}  // namespace

TEST_CASE("A won Opportunity's named Date and DateTime fields are its delivery; an open one's are not",
          "[salesforce][experience]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40));
    plant_delivery_fields(f);
    const model::Deal& won = first_with(seeded, model::DealStatus::won);
    const model::Deal& outstanding = first_with(seeded, model::DealStatus::won, 1);
    const model::Deal& open = first_with(seeded, model::DealStatus::open);
    REQUIRE(f.fake.touch("Opportunity", won.id,
                         {{"Promised_Delivery__c", "2026-03-10"}, {"Delivered_At__c", "2026-03-10T12:00:00.000+0000"}})
                .is_ok());
    REQUIRE(f.fake.touch("Opportunity", outstanding.id, {{"Promised_Delivery__c", "2026-03-11"}}).is_ok());
    REQUIRE(f.fake.touch("Opportunity", open.id, {{"Promised_Delivery__c", "2026-03-10"}}).is_ok());

    auto connector = f.connector(with_deliveries(f));
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    REQUIRE(sink.records.deliveries.size() == 2);
    auto deliveries = sink.records.deliveries;
    std::sort(deliveries.begin(), deliveries.end(), [](const auto& a, const auto& b) { return a.promised_at < b.promised_at; });
    // A promised day is kept by its end; delivered at noon that day is on time.
    CHECK(deliveries[0].id == "sf-delivery:" + won.id);
    CHECK(deliveries[0].deal_id == won.id);
    CHECK(deliveries[0].promised_at == march_10 + day - 1);
    REQUIRE(deliveries[0].delivered_at);
    CHECK(*deliveries[0].delivered_at == march_10 + day / 2);
    CHECK(deliveries[1].deal_id == outstanding.id);
    CHECK(deliveries[1].promised_at == march_10 + 2 * day - 1);
    CHECK_FALSE(deliveries[1].delivered_at);
    CHECK(lines_naming(f, "salesforce.delivery") == 0);
    CHECK(lines_naming(f, "no survey fields named") == 1);
}

TEST_CASE("An Opportunity's named score and date fields are one CSAT response; a score off the scale is none",
          "[salesforce][experience]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40));
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Score__c", "number").is_ok());
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Date__c", "date").is_ok());
    const std::string answered = seeded.deals[0].id, off_scale = seeded.deals[1].id;
    REQUIRE(f.fake.touch("Opportunity", answered, {{"CSAT_Score__c", "5"}, {"CSAT_Date__c", "2026-03-12"}}).is_ok());
    REQUIRE(f.fake.touch("Opportunity", off_scale, {{"CSAT_Score__c", "6"}, {"CSAT_Date__c", "2026-03-12"}}).is_ok());

    sf::SalesforceSettings s = f.settings();
    s.experience.survey_score_field = "CSAT_Score__c";
    s.experience.survey_date_field = "CSAT_Date__c";
    auto connector = f.connector(s);
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    REQUIRE(sink.records.survey_responses.size() == 1);
    const model::SurveyResponse& r = sink.records.survey_responses[0];
    CHECK(r.id == "sf-survey:" + answered);
    CHECK(r.kind == model::SurveyKind::csat);
    CHECK(r.score == 5);
    CHECK(r.at == march_10 + 2 * day);
    CHECK(r.deal_id == answered);
    CHECK_FALSE(r.contact_id);
    CHECK(sink.records.deliveries.empty());
}

TEST_CASE("A Contact's named NPS fields are one NPS response about the contact", "[salesforce][experience]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40));
    REQUIRE(f.fake.define_field("Contact", "NPS__c", "number").is_ok());
    REQUIRE(f.fake.define_field("Contact", "NPS_Answered__c", "datetime").is_ok());
    // A contact of the Contact object (converted leads keep the contact's id).
    const auto contact_ids = f.fake.record_ids("Contact");
    REQUIRE_FALSE(contact_ids.empty());
    const std::string contact = contact_ids.front();
    REQUIRE(f.fake.touch("Contact", contact, {{"NPS__c", "10"}, {"NPS_Answered__c", "2026-03-10T06:00:00.000+0000"}}).is_ok());

    sf::SalesforceSettings s = f.settings();
    s.experience.survey_score_field = "NPS__c";
    s.experience.survey_date_field = "NPS_Answered__c";
    s.experience.survey_kind = model::SurveyKind::nps;
    s.experience.survey_on_contact = true;
    auto connector = f.connector(s);
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    REQUIRE(sink.records.survey_responses.size() == 1);
    const model::SurveyResponse& r = sink.records.survey_responses[0];
    CHECK(r.id == "sf-survey:" + contact);
    CHECK(r.kind == model::SurveyKind::nps);
    CHECK(r.score == 10);
    CHECK(r.at == march_10 + 6 * 3'600'000);
    CHECK(r.contact_id == contact);
    CHECK_FALSE(r.deal_id);
}

TEST_CASE("An org without the named fields reads without them after one warning line at install and at sync",
          "[salesforce][experience]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset(40));
    REQUIRE(f.fake.define_field("Opportunity", "Delivered_At__c", "datetime").is_ok());
    auto connector = f.connector(with_deliveries(f));  // Promised_Delivery__c is not in the org

    REQUIRE(connector->ensure_fields({}).is_ok());
    CHECK(lines_naming(f, "salesforce.delivery.promised_field") == 1);
    CHECK(lines_naming(f, "'Promised_Delivery__c'") == 1);
    CHECK(lines_naming(f, "salesforce.delivery.delivered_field") == 0);
    // Nor does it name survey fields: csat and nps have no source.
    CHECK(lines_naming(f, "no survey fields named") == 1);

    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    CHECK(lines_naming(f, "salesforce.delivery.promised_field") == 2);
    CHECK(lines_naming(f, "no survey fields named") == 2);
    CHECK(sink.records.deliveries.empty());
    CHECK_FALSE(sink.records.deals.empty());
}

TEST_CASE("An incremental read removes a deleted Opportunity's delivery and a cleared promise's",
          "[salesforce][experience]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40));
    plant_delivery_fields(f);
    const std::string deleted = first_with(seeded, model::DealStatus::won).id;
    const std::string cleared = first_with(seeded, model::DealStatus::won, 1).id;
    for (const std::string& id : {deleted, cleared}) {
        REQUIRE(f.fake.touch("Opportunity", id, {{"Promised_Delivery__c", "2026-03-10"}}).is_ok());
    }
    auto connector = f.connector(with_deliveries(f));
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor.is_ok());
    CHECK(first.records.deliveries.size() == 2);

    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(f.fake.remove("Opportunity", deleted).is_ok());
    REQUIRE(f.fake.touch("Opportunity", cleared, {{"Promised_Delivery__c", ""}}).is_ok());
    CollectingSink second;
    REQUIRE(connector->read(*cursor, second).is_ok());
    std::set<std::pair<model::RecordType, std::string>> removed;
    for (const auto& r : second.removed) removed.insert({r.type, r.id});
    CHECK(removed == std::set<std::pair<model::RecordType, std::string>>{{model::RecordType::deal, deleted},
                                                                        {model::RecordType::delivery, "sf-delivery:" + deleted},
                                                                        {model::RecordType::delivery, "sf-delivery:" + cleared}});
    CHECK(second.records.deliveries.empty());
}
