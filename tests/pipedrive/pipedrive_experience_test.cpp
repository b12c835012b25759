// Survey responses and deliveries from the fields an admin names (Pipedrive has no survey or
// delivery object): what is read, what is not, and the one warning line for a field the company lacks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;

namespace {

// 2026-03-10T00:00:00Z: 2026-01-01 is 1767225600 s, plus 31 + 28 + 9 = 68 days of 86400 s.
constexpr model::Timestamp march_10 = (1'767'225'600LL + 68 * 86'400LL) * 1000;
constexpr model::Timestamp day = 86'400'000;

std::string plant(PipedriveFixture& f, const std::string& object, const std::string& name, const std::string& type) {
    fakes::FakePipedriveField field;
    field.field_name = name;
    field.field_type = type;
    return f.fake.define_field(object, field).field_code;
}

const model::Deal& first_with(const model::Dataset& d, model::DealStatus status) {
    const auto it = std::find_if(d.deals.begin(), d.deals.end(), [&](const model::Deal& x) { return x.status == status; });
    if (it == d.deals.end()) throw std::runtime_error("no deal with that status in the demo data");
    return *it;
}

std::size_t lines_naming(PipedriveFixture& f, const std::string& text) {
    std::lock_guard lock(f.log_mutex);
    return static_cast<std::size_t>(std::count_if(f.log_lines.begin(), f.log_lines.end(),
                                                  [&](const std::string& l) { return l.find(text) != std::string::npos; }));
}

pd::PipedriveSettings deal_experience(PipedriveFixture& f) {
    pd::PipedriveSettings s = f.settings();
    s.experience.survey_score_field = "CSAT score";
    s.experience.survey_date_field = "CSAT date";
    s.experience.delivery_promised_field = "Promised delivery";
    s.experience.delivery_delivered_field = "Delivered on";
    return s;
}

}  // namespace

TEST_CASE("a won deal's two named date fields are its delivery, promised by the end of the promised day") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40, 60));
    const std::string promised = plant(f, "deals", "Promised delivery", "date");
    const std::string delivered = plant(f, "deals", "Delivered on", "date");
    plant(f, "deals", "CSAT score", "double");
    plant(f, "deals", "CSAT date", "date");
    const model::Deal& won = first_with(seeded, model::DealStatus::won);
    const model::Deal& open = first_with(seeded, model::DealStatus::open);
    REQUIRE(f.fake.touch("deals", std::stoll(won.id), {{promised, "2026-03-10"}, {delivered, "2026-03-10"}}));
    // An open deal's promise is not a delivery yet (KPIS.md §1: deliveries are of won deals).
    REQUIRE(f.fake.touch("deals", std::stoll(open.id), {{promised, "2026-03-10"}}));

    auto connector = f.connector(deal_experience(f));
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    REQUIRE(sink.records.deliveries.size() == 1);
    const model::Delivery& d = sink.records.deliveries[0];
    CHECK(d.id == "deal-delivery:" + won.id);
    CHECK(d.deal_id == won.id);
    CHECK(d.promised_at == march_10 + day - 1);
    REQUIRE(d.delivered_at);
    CHECK(*d.delivered_at == march_10);
}

TEST_CASE("a won deal promised and not delivered is an outstanding delivery") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40, 60));
    const std::string promised = plant(f, "deals", "Promised delivery", "date");
    plant(f, "deals", "Delivered on", "date");
    const model::Deal& won = first_with(seeded, model::DealStatus::won);
    REQUIRE(f.fake.touch("deals", std::stoll(won.id), {{promised, "2026-03-11"}}));

    pd::PipedriveSettings s = f.settings();
    s.experience.delivery_promised_field = "Promised delivery";
    s.experience.delivery_delivered_field = "Delivered on";
    auto connector = f.connector(s);
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    REQUIRE(sink.records.deliveries.size() == 1);
    CHECK(sink.records.deliveries[0].promised_at == march_10 + 2 * day - 1);
    CHECK_FALSE(sink.records.deliveries[0].delivered_at);
}

TEST_CASE("a deal's named score and date fields are one CSAT response about the deal; a score off the scale is none") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40, 60));
    const std::string score = plant(f, "deals", "CSAT score", "double");
    const std::string date = plant(f, "deals", "CSAT date", "date");
    plant(f, "deals", "Promised delivery", "date");
    plant(f, "deals", "Delivered on", "date");
    const model::Deal& answered = seeded.deals[0];
    const model::Deal& off_scale = seeded.deals[1];
    REQUIRE(f.fake.touch("deals", std::stoll(answered.id), {{score, "4"}, {date, "2026-03-12"}}));
    REQUIRE(f.fake.touch("deals", std::stoll(off_scale.id), {{score, "7"}, {date, "2026-03-12"}}));

    auto connector = f.connector(deal_experience(f));
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    REQUIRE(sink.records.survey_responses.size() == 1);
    const model::SurveyResponse& r = sink.records.survey_responses[0];
    CHECK(r.id == "deal-survey:" + answered.id);
    CHECK(r.kind == model::SurveyKind::csat);
    CHECK(r.score == 4);
    CHECK(r.at == march_10 + 2 * day);
    CHECK(r.deal_id == answered.id);
    CHECK_FALSE(r.contact_id);
    CHECK_FALSE(r.seller_id);
}

TEST_CASE("a person's named NPS fields are one NPS response about the person") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40, 60));
    const std::string score = plant(f, "persons", "NPS", "double");
    const std::string date = plant(f, "persons", "NPS answered", "date");
    const model::Contact& person = seeded.contacts[0];
    REQUIRE(f.fake.touch("persons", std::stoll(person.id), {{score, "0"}, {date, "2026-03-10"}}));

    pd::PipedriveSettings s = f.settings();
    s.experience.survey_score_field = "NPS";
    s.experience.survey_date_field = "NPS answered";
    s.experience.survey_kind = model::SurveyKind::nps;
    s.experience.survey_object = connectors::RecordObject::contact;
    auto connector = f.connector(s);
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    REQUIRE(sink.records.survey_responses.size() == 1);
    const model::SurveyResponse& r = sink.records.survey_responses[0];
    CHECK(r.id == "person-survey:" + person.id);
    CHECK(r.kind == model::SurveyKind::nps);
    CHECK(r.score == 0);  // a detractor: 0 is on the NPS scale
    CHECK(r.at == march_10);
    CHECK(r.contact_id == person.id);
    CHECK_FALSE(r.deal_id);
    CHECK(sink.records.deliveries.empty());
}

TEST_CASE("an incremental read removes the delivery and response of a deleted deal and of a cleared promise") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset(40, 60));
    const std::string promised = plant(f, "deals", "Promised delivery", "date");
    plant(f, "deals", "Delivered on", "date");
    const std::string score = plant(f, "deals", "CSAT score", "double");
    const std::string date = plant(f, "deals", "CSAT date", "date");
    std::vector<const model::Deal*> won;
    for (const auto& d : seeded.deals) {
        if (d.status == model::DealStatus::won) won.push_back(&d);
    }
    REQUIRE(won.size() >= 2);
    for (const model::Deal* d : {won[0], won[1]}) {
        REQUIRE(f.fake.touch("deals", std::stoll(d->id), {{promised, "2026-03-10"}, {score, "5"}, {date, "2026-03-10"}}));
    }
    auto connector = f.connector(deal_experience(f));
    CollectingSink first;
    const auto cursor = connector->read("", first);
    REQUIRE(cursor);
    CHECK(first.records.deliveries.size() == 2);
    CHECK(first.records.survey_responses.size() == 2);

    f.clock.advance(std::chrono::seconds(5));
    REQUIRE(f.fake.delete_deal(std::stoll(won[0]->id)));
    REQUIRE(f.fake.touch("deals", std::stoll(won[1]->id), {{promised, ""}}));
    CollectingSink second;
    REQUIRE(connector->read(*cursor, second));
    std::set<std::pair<model::RecordType, std::string>> removed;
    for (const auto& r : second.removed) removed.insert({r.type, r.id});
    CHECK(removed == std::set<std::pair<model::RecordType, std::string>>{
                         {model::RecordType::deal, won[0]->id},
                         {model::RecordType::delivery, "deal-delivery:" + won[0]->id},
                         {model::RecordType::survey_response, "deal-survey:" + won[0]->id},
                         {model::RecordType::delivery, "deal-delivery:" + won[1]->id}});
    // The second deal's answer stands.
    REQUIRE(second.records.survey_responses.size() == 1);
    CHECK(second.records.survey_responses[0].id == "deal-survey:" + won[1]->id);
    CHECK(second.records.deliveries.empty());
}

TEST_CASE("a named field the company lacks is one warning line naming the setting at install and at sync") {
    PipedriveFixture f;
    f.fake.seed(demo_dataset(40, 60));
    plant(f, "deals", "Delivered on", "date");
    pd::PipedriveSettings s = f.settings();
    s.experience.delivery_promised_field = "Promised delivery";  // not in the company
    s.experience.delivery_delivered_field = "Delivered on";
    auto connector = f.connector(s);

    REQUIRE(connector->ensure_fields({}));
    CHECK(lines_naming(f, "pipedrive.delivery.promised_field") == 1);
    CHECK(lines_naming(f, "'Promised delivery'") == 1);
    CHECK(lines_naming(f, "pipedrive.delivery.delivered_field") == 0);

    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    CHECK(lines_naming(f, "pipedrive.delivery.promised_field") == 2);
    CHECK(sink.records.deliveries.empty());
    // Computing the cursor looks the fields up again without repeating the warning.
    REQUIRE(connector->current_cursor());
    CHECK(lines_naming(f, "pipedrive.delivery.promised_field") == 2);
}

TEST_CASE("nothing named reads no survey responses or deliveries and warns about none") {
    PipedriveFixture f;
    f.fake.seed(demo_dataset(40, 60));
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(sink.records.survey_responses.empty());
    CHECK(sink.records.deliveries.empty());
    CHECK(lines_naming(f, "pipedrive.survey") == 0);
    CHECK(lines_naming(f, "pipedrive.delivery") == 0);
}
