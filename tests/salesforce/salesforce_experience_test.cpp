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

TEST_CASE("An org without the named fields reads without them after one warning line at install and one per sync",
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

    // A sync checks the fields, then reads: one more line each, not two.
    REQUIRE(connector->ensure_fields({}).is_ok());
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    CHECK(lines_naming(f, "salesforce.delivery.promised_field") == 2);
    CHECK(lines_naming(f, "no survey fields named") == 2);
    CHECK(sink.records.deliveries.empty());
    CHECK_FALSE(sink.records.deals.empty());
    // A read on its own probes, and says so, itself.
    CollectingSink again;
    REQUIRE(connector->read("", again).is_ok());
    CHECK(lines_naming(f, "salesforce.delivery.promised_field") == 3);
    CHECK(lines_naming(f, "no survey fields named") == 3);
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

// ---- Feedback Management ------------------------------------------------------------------------

namespace {

fakes::FakeSalesforceOptions with_feedback_management() {
    fakes::FakeSalesforceOptions options;
    options.feedback_management = true;
    return options;
}

// The demo data with three hand-made answers: a CSAT 4 about the first contact and the first won
// deal at March 10 06:00, an NPS 9 from the second contact only at March 11, an NPS 3 naming only a
// seller (Feedback Management cannot hold it).
model::Dataset with_answers(model::Dataset data) {
    const model::Deal& won = first_with(data, model::DealStatus::won);
    data.survey_responses = {
        {"R1", model::SurveyKind::csat, 4, march_10 + 6 * 3'600'000, data.contacts.at(0).id, won.id, std::nullopt},
        {"R2", model::SurveyKind::nps, 9, march_10 + day, data.contacts.at(1).id, std::nullopt, std::nullopt},
        {"R3", model::SurveyKind::nps, 3, march_10 + day, std::nullopt, std::nullopt, data.sellers.at(0).id}};
    return data;
}

std::size_t index_of_deal(const model::Dataset& d, const std::string& id) {
    for (std::size_t i = 0; i < d.deals.size(); ++i)
        if (d.deals[i].id == id) return i;
    throw std::runtime_error("no such deal");
}

}  // namespace

TEST_CASE("With Feedback Management every completed CSAT or NPS answer is a response about its contact and its Opportunity",
          "[salesforce][experience][feedback]") {
    SalesforceFixture f(with_feedback_management());
    const model::Dataset source = with_answers(demo_dataset(40));
    const model::Dataset seeded = f.fake.seed(source);
    const std::string won = seeded.deals.at(index_of_deal(source, first_with(source, model::DealStatus::won).id)).id;
    auto connector = f.connector(f.settings());
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    auto responses = sink.records.survey_responses;
    REQUIRE(responses.size() == 2);
    std::sort(responses.begin(), responses.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    CHECK(responses[0].id.rfind("sf-fm:", 0) == 0);
    CHECK(responses[0].kind == model::SurveyKind::csat);
    CHECK(responses[0].score == 4);
    CHECK(responses[0].at == march_10 + 6 * 3'600'000);
    CHECK(responses[0].contact_id == seeded.contacts.at(0).id);
    CHECK(responses[0].deal_id == won);
    CHECK_FALSE(responses[0].seller_id);
    CHECK(responses[1].kind == model::SurveyKind::nps);
    CHECK(responses[1].score == 9);
    CHECK(responses[1].at == march_10 + day);
    CHECK(responses[1].contact_id == seeded.contacts.at(1).id);
    CHECK_FALSE(responses[1].deal_id);
    // A survey source exists: no warning about csat and nps.
    CHECK(lines_naming(f, "no survey fields named") == 0);
}

TEST_CASE("An answer whose response is not completed, or whose score is off its question's scale, is no response",
          "[salesforce][experience][feedback]") {
    SalesforceFixture f(with_feedback_management());
    f.fake.seed(with_answers(demo_dataset(40)));
    const auto responses = f.fake.record_ids("SurveyResponse");
    const auto answers = f.fake.record_ids("SurveyQuestionResponse");
    REQUIRE(responses.size() == 2);
    REQUIRE(answers.size() == 2);
    // The first answer is the CSAT 4 of the first response: started, never submitted.
    REQUIRE(f.fake.touch("SurveyResponse", responses[0], {{"CompletionDateTime", ""}, {"Status", "Started"}}).is_ok());
    // The NPS answer reads 11, off the 0-10 scale.
    REQUIRE(f.fake.touch("SurveyQuestionResponse", answers[1], {{"NumberValue", "11"}}).is_ok());
    auto connector = f.connector(f.settings());
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    CHECK(sink.records.survey_responses.empty());
}

TEST_CASE("With Feedback Management the named survey fields are not read, after one line saying so",
          "[salesforce][experience][feedback]") {
    SalesforceFixture f(with_feedback_management());
    const model::Dataset seeded = f.fake.seed(with_answers(demo_dataset(40)));
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Score__c", "number").is_ok());
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Date__c", "date").is_ok());
    REQUIRE(f.fake.touch("Opportunity", seeded.deals.at(0).id, {{"CSAT_Score__c", "1"}, {"CSAT_Date__c", "2026-03-12"}}).is_ok());
    sf::SalesforceSettings s = f.settings();
    s.experience.survey_score_field = "CSAT_Score__c";
    s.experience.survey_date_field = "CSAT_Date__c";
    auto connector = f.connector(s);
    REQUIRE(connector->ensure_fields({}).is_ok());  // install
    REQUIRE(connector->ensure_fields({}).is_ok());  // a sync: the field check, then the read
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    CHECK(sink.records.survey_responses.size() == 2);
    for (const auto& r : sink.records.survey_responses) CHECK(r.id.rfind("sf-fm:", 0) == 0);
    CHECK(lines_naming(f, "read from Feedback Management") == 2);  // once at install, once in the sync
    CHECK(lines_naming(f, "no survey fields named") == 0);
}

TEST_CASE("An org that has Feedback Management but no CSAT or NPS question reads the named fields",
          "[salesforce][experience][feedback]") {
    SalesforceFixture f(with_feedback_management());
    model::Dataset source = demo_dataset(40);
    source.survey_responses.clear();  // the survey and its questions exist; no CSAT or NPS question is answered
    const model::Dataset seeded = f.fake.seed(source);
    for (const std::string& question : f.fake.record_ids("SurveyQuestion")) {
        REQUIRE(f.fake.touch("SurveyQuestion", question, {{"QuestionType", "FreeText"}}).is_ok());
    }
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Score__c", "number").is_ok());
    REQUIRE(f.fake.define_field("Opportunity", "CSAT_Date__c", "date").is_ok());
    REQUIRE(f.fake.touch("Opportunity", seeded.deals.at(0).id, {{"CSAT_Score__c", "5"}, {"CSAT_Date__c", "2026-03-12"}}).is_ok());
    sf::SalesforceSettings s = f.settings();
    s.experience.survey_score_field = "CSAT_Score__c";
    s.experience.survey_date_field = "CSAT_Date__c";
    auto connector = f.connector(s);
    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    REQUIRE(sink.records.survey_responses.size() == 1);
    CHECK(sink.records.survey_responses[0].id == "sf-survey:" + seeded.deals.at(0).id);
    CHECK(sink.records.survey_responses[0].score == 5);
}

TEST_CASE("An incremental read removes a deleted Feedback Management answer", "[salesforce][experience][feedback]") {
    SalesforceFixture f(with_feedback_management());
    f.fake.seed(with_answers(demo_dataset(40)));
    auto connector = f.connector(f.settings());
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor.is_ok());
    REQUIRE(first.records.survey_responses.size() == 2);
    const auto answers = f.fake.record_ids("SurveyQuestionResponse");
    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(f.fake.remove("SurveyQuestionResponse", answers[0]).is_ok());
    CollectingSink second;
    REQUIRE(connector->read(*cursor, second).is_ok());
    std::set<std::string> removed;
    for (const auto& r : second.removed)
        if (r.type == model::RecordType::survey_response) removed.insert(r.id);
    CHECK(removed == std::set<std::string>{"sf-fm:" + answers[0]});
    REQUIRE(second.records.survey_responses.size() == 1);
    CHECK(second.records.survey_responses[0].id == "sf-fm:" + answers[1]);
}
