// Pipedrive JSON -> the model, per pipedrive_mapping.md.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/pipedrive/call_outcome.hpp"
#include "connectors/pipedrive/company_currency.hpp"
#include "connectors/pipedrive/record_mapper.hpp"
#include "connectors/pipedrive/stage_catalog.hpp"
#include "connectors/pipedrive/stage_history.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors::pipedrive;
namespace json = boost::json;

namespace {

// A company keeping its amounts in EUR unless the test says otherwise.
RecordMapper mapper(MappingOptions options = {}) {
    if (options.home_currency.empty()) options.home_currency = "EUR";
    return RecordMapper(std::move(options), ActivityTypeMap({}, {}));
}

// 2026-03-01T00:00:00Z
constexpr model::Timestamp march_first = 20513LL * model::ms_per_day;

json::value deal_json(const char* status) {
    return json::parse(std::string(R"({"id":12,"owner_id":7,"person_id":30,"org_id":null,"pipeline_id":2,"stage_id":5,
        "value":1000,"currency":"EUR","status":")") + status + R"(","add_time":"2026-03-01T00:00:00Z",
        "won_time":"2026-03-02T00:00:00Z","lost_time":null,"close_time":"2026-03-02T00:00:00Z","stage_change_time":null})");
}

}  // namespace

TEST_CASE("an open deal keeps its stage and links") {
    bool unconverted = true;
    const auto deal = mapper().deal(deal_json("open"), unconverted);
    REQUIRE(deal);
    CHECK(deal->id == "12");
    CHECK(deal->owner_id == "7");
    CHECK(deal->contact_id == std::optional<std::string>("30"));
    CHECK_FALSE(deal->company_id.has_value());
    CHECK(deal->pipeline_id == "2");
    CHECK(deal->stage_id == "5");
    CHECK(deal->status == model::DealStatus::open);
    CHECK(deal->amount == 1000.0);
    CHECK(deal->created_at == march_first);
    CHECK_FALSE(deal->closed_at.has_value());
    CHECK_FALSE(unconverted);
}

TEST_CASE("a won deal sits in its pipeline's synthetic won stage closed at won_time") {
    bool unconverted = false;
    const auto deal = mapper().deal(deal_json("won"), unconverted);
    REQUIRE(deal);
    CHECK(deal->stage_id == "2:won");
    CHECK(deal->status == model::DealStatus::won);
    CHECK(deal->closed_at == march_first + model::ms_per_day);
}

TEST_CASE("a foreign currency converts at the configured rate or is left out") {
    json::value usd = deal_json("open");
    usd.as_object()["currency"] = "USD";
    MappingOptions with_rate;
    with_rate.fx_rates["USD"] = 0.5;
    bool unconverted = true;
    CHECK(mapper(with_rate).deal(usd, unconverted)->amount == 500.0);
    CHECK_FALSE(unconverted);
    const auto without_rate = mapper().deal(usd, unconverted);
    CHECK_FALSE(without_rate->amount.has_value());
    CHECK(unconverted);
}

TEST_CASE("a deal without an owner is not a model deal") {
    json::value orphan = deal_json("open");
    orphan.as_object()["owner_id"] = nullptr;
    bool unconverted = false;
    CHECK_FALSE(mapper().deal(orphan, unconverted).has_value());
}

TEST_CASE("a seller is active only when active and not deleted") {
    const auto active = mapper().seller(json::parse(R"({"id":7,"name":"Ada","email":"ada@x.test","active_flag":true})"));
    REQUIRE(active);
    CHECK(active->id == "7");
    CHECK(active->email == "ada@x.test");
    CHECK(active->active);
    CHECK_FALSE(active->team.has_value());
    CHECK_FALSE(mapper().seller(json::parse(R"({"id":8,"active_flag":true,"is_deleted":true})"))->active);
    CHECK_FALSE(mapper().seller(json::parse(R"({"id":9,"active_flag":false})"))->active);
}

TEST_CASE("a person takes channel from the enum option label and referrer from its field") {
    PersonFieldKeys keys;
    keys.channel = CustomField{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Lead source", "enum", {{11, "Web"}, {12, "Event"}}};
    keys.referred_by = CustomField{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Referred by", "varchar", {}};
    const auto contact = mapper().contact(
        json::parse(R"({"id":30,"owner_id":7,"org_id":4,"add_time":"2026-03-01T00:00:00Z","custom_fields":{
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":12,"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":"31"}})"),
        keys);
    REQUIRE(contact);
    CHECK(contact->id == "30");
    CHECK(contact->owner_id == std::optional<std::string>("7"));
    CHECK(contact->company_id == std::optional<std::string>("4"));
    CHECK(contact->created_at == march_first);
    CHECK(contact->channel == std::optional<std::string>("Event"));
    CHECK(contact->referred_by == std::optional<std::string>("31"));
}

TEST_CASE("a numeric referrer too large for a person id is no referrer") {
    // 1e300 overflowed the cast to an integer id (tests/fuzz/pipedrive_page).
    PersonFieldKeys keys;
    keys.referred_by = CustomField{"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Referred by", "double", {}};
    const auto person = [&keys](const char* referrer) {
        return mapper().contact(json::parse(std::string(R"({"id":30,"add_time":"2026-03-01T00:00:00Z","custom_fields":{)"
                                                        R"("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb":)") +
                                            referrer + "}}"),
                                keys);
    };
    REQUIRE(person("1e300"));
    CHECK_FALSE(person("1e300")->referred_by.has_value());
    CHECK(person("31")->referred_by == std::optional<std::string>("31"));
}

TEST_CASE("activity types map per the mapping with configured visits and proposals first") {
    const ActivityTypeMap defaults({}, {});
    CHECK(defaults.type_of("call") == model::ActivityType::call);
    CHECK(defaults.type_of("email") == model::ActivityType::email);
    CHECK(defaults.type_of("meeting") == model::ActivityType::meeting);
    CHECK(defaults.type_of("lunch") == model::ActivityType::meeting);
    CHECK(defaults.type_of("visit") == model::ActivityType::visit);
    CHECK(defaults.type_of("proposal") == model::ActivityType::proposal);
    CHECK(defaults.type_of("task") == model::ActivityType::task);
    CHECK(defaults.type_of("deadline") == model::ActivityType::task);
    CHECK(defaults.type_of("custom_demo") == model::ActivityType::note);
    const ActivityTypeMap configured({"site_visit"}, {"quote"});
    CHECK(configured.type_of("site_visit") == model::ActivityType::visit);
    CHECK(configured.type_of("visit") == model::ActivityType::note);
    CHECK(configured.type_of("quote") == model::ActivityType::proposal);
}

TEST_CASE("a done activity happened when marked done and lasted its duration") {
    const auto activity = mapper().activity(json::parse(R"({"id":90,"type":"call","owner_id":7,"deal_id":12,
        "person_id":30,"done":true,"due_date":"2026-02-28","due_time":"09:00","duration":"00:15",
        "marked_as_done_time":"2026-03-01T00:00:00Z","note":"They raised an #Objection on price"})"));
    REQUIRE(activity);
    CHECK(activity->id == "activity:90");
    CHECK(activity->type == model::ActivityType::call);
    CHECK(activity->at == march_first);
    CHECK(activity->deal_id == std::optional<std::string>("12"));
    CHECK(activity->contact_id == std::optional<std::string>("30"));
    CHECK(activity->duration_s == 900.0);
    CHECK(activity->direction == model::Direction::outbound);
    CHECK_FALSE(activity->outcome.has_value());
    CHECK(activity->objection);
}

TEST_CASE("an activity without a done time happened at its due date and time") {
    const auto activity = mapper().activity(
        json::parse(R"({"id":91,"type":"meeting","owner_id":7,"done":true,"due_date":"2026-03-01","due_time":"09:30"})"));
    REQUIRE(activity);
    CHECK(activity->at == march_first + 9 * model::ms_per_hour + 30 * 60'000);
    CHECK_FALSE(activity->objection);
}

TEST_CASE("an activity not marked done is at its due date and time with outcome canceled") {
    // A marked_as_done_time left from an earlier "done" does not count once it is undone again.
    const auto activity = mapper().activity(json::parse(R"({"id":92,"type":"visit","owner_id":7,"person_id":30,
        "done":false,"due_date":"2026-03-01","due_time":"14:00","marked_as_done_time":"2026-02-01T00:00:00Z",
        "note":"#objection raised before it was called off"})"));
    REQUIRE(activity);
    CHECK(activity->id == "activity:92");
    CHECK(activity->at == march_first + 14 * model::ms_per_hour);
    CHECK(activity->outcome == model::Outcome::canceled);
    CHECK(activity->contact_id == std::optional<std::string>("30"));
    CHECK(activity->objection);
}

TEST_CASE("the mapper keeps the milliseconds Pipedrive sends and whole seconds where it sends none") {
    // v2 RFC 3339 with a fraction: kept to the millisecond.
    bool unconverted = false;
    json::value deal = deal_json("won");
    deal.as_object()["add_time"] = "2026-03-01T00:00:00.250Z";
    deal.as_object()["won_time"] = "2026-03-02T00:00:00.999Z";
    const auto won = mapper().deal(deal, unconverted);
    REQUIRE(won);
    CHECK(won->created_at == march_first + 250);
    CHECK(won->closed_at == march_first + model::ms_per_day + 999);
    const auto activity = mapper().activity(json::parse(R"({"id":93,"type":"call","owner_id":7,"done":true,
        "marked_as_done_time":"2026-03-01T08:00:00.042Z"})"));
    REQUIRE(activity);
    CHECK(activity->at == march_first + 8 * model::ms_per_hour + 42);
    // v1 "YYYY-MM-DD HH:MM:SS" (notes, users, changelog): whole seconds.
    const auto note = mapper().note(json::parse(
        R"({"id":5,"user_id":7,"add_time":"2026-03-01 08:00:01","content":"call back"})"));
    REQUIRE(note);
    CHECK(note->at == march_first + 8 * model::ms_per_hour + model::ms_per_second);
    const std::vector<json::value> changelog{
        json::parse(R"({"field_key":"stage_id","old_value":"4","new_value":"5","time":"2026-03-01 12:00:07"})")};
    const auto history = stage_history(*won, "5", changelog);
    REQUIRE(history.size() == 3);
    CHECK(history[0].entered_at == march_first + 250);  // the creation stage at add_time
    CHECK(history[1].entered_at == march_first + 12 * model::ms_per_hour + 7 * model::ms_per_second);
}

TEST_CASE("call log outcomes map onto the model's call outcomes") {
    CHECK(call_outcome("connected") == model::Outcome::connected);
    CHECK(call_outcome("no_answer") == model::Outcome::no_answer);
    CHECK(call_outcome("busy") == model::Outcome::busy);
    CHECK(call_outcome("left_voicemail") == model::Outcome::voicemail);
    CHECK(call_outcome("left_message") == model::Outcome::voicemail);
    CHECK(call_outcome("wrong_number") == model::Outcome::no_answer);
    CHECK_FALSE(call_outcome("answered").has_value());
    CHECK_FALSE(call_outcome("").has_value());
}

TEST_CASE("the company currency is that of the user the API is used as") {
    const std::vector<json::value> users{json::parse(R"({"id":1,"default_currency":"EUR","is_you":false})"),
                                         json::parse(R"({"id":2,"default_currency":"EUR","is_you":false})"),
                                         json::parse(R"({"id":3,"default_currency":"USD","is_you":true})")};
    CHECK(company_currency(users) == "USD");
}

TEST_CASE("without the API user's currency the company currency is the one most users have") {
    const std::vector<json::value> users{json::parse(R"({"id":1,"default_currency":"GBP"})"),
                                         json::parse(R"({"id":2,"default_currency":"USD"})"),
                                         json::parse(R"({"id":3,"default_currency":"USD"})"),
                                         json::parse(R"({"id":4,"is_you":true})")};
    CHECK(company_currency(users) == "USD");
    CHECK(company_currency({json::parse(R"({"id":1})")}).empty());
}

TEST_CASE("a note is a note activity flagged by the objection marker") {
    const auto note = mapper().note(json::parse(
        R"({"id":5,"user_id":7,"deal_id":12,"person_id":null,"add_time":"2026-03-01 00:00:00","content":"<p>#objection: budget</p>"})"));
    REQUIRE(note);
    CHECK(note->id == "note:5");
    CHECK(note->type == model::ActivityType::note);
    CHECK(note->owner_id == "7");
    CHECK(note->at == march_first);
    CHECK_FALSE(note->contact_id.has_value());
    CHECK(note->objection);
}

TEST_CASE("pipelines get synthetic won and lost stages after their last stage") {
    const std::vector<json::value> pipelines{json::parse(R"({"id":2,"name":"Sales"})")};
    const std::vector<json::value> stages{
        json::parse(R"({"id":6,"pipeline_id":2,"name":"Proposal","order_nr":2,"deal_probability":60})"),
        json::parse(R"({"id":5,"pipeline_id":2,"name":"Lead","order_nr":1,"deal_probability":10})")};
    const StageCatalog catalog = StageCatalog::from_lists(pipelines, stages);
    REQUIRE(catalog.stages().size() == 4);
    CHECK(catalog.stages()[0].id == "5");
    CHECK(catalog.stages()[0].probability == 0.1);
    CHECK(catalog.stages()[1].id == "6");
    const model::Stage& won = catalog.stages()[2];
    CHECK(won.id == "2:won");
    CHECK(won.kind == model::StageKind::won);
    CHECK(won.order == 3);
    CHECK(won.probability == 1.0);
    const model::Stage& lost = catalog.stages()[3];
    CHECK(lost.id == "2:lost");
    CHECK(lost.kind == model::StageKind::lost);
    CHECK(lost.order == 4);
    CHECK(lost.probability == 0.0);
}

TEST_CASE("a stage order_nr beyond any position is clamped, and the won and lost stages still follow it") {
    // 8.9e48 overflowed the cast to int (found by tests/fuzz/pipedrive_page); the clamp is 10^9.
    const std::vector<json::value> pipelines{json::parse(R"({"id":2,"name":"Sales"})")};
    const std::vector<json::value> stages{
        json::parse(R"({"id":6,"pipeline_id":2,"name":"Proposal","order_nr":8.9e48})"),
        json::parse(R"({"id":5,"pipeline_id":2,"name":"Lead","order_nr":-1e300})")};
    const StageCatalog catalog = StageCatalog::from_lists(pipelines, stages);
    REQUIRE(catalog.stages().size() == 4);
    CHECK(catalog.stages()[0].id == "5");
    CHECK(catalog.stages()[0].order == -1'000'000'000);
    CHECK(catalog.stages()[1].id == "6");
    CHECK(catalog.stages()[1].order == 1'000'000'000);
    CHECK(catalog.stages()[2].order == 1'000'000'001);
    CHECK(catalog.stages()[3].order == 1'000'000'002);
}

TEST_CASE("a stage order_nr Boost.JSON reads as not-a-number is position 0") {
    // 0e310 parses to NaN, which std::clamp passed through to the cast.
    const std::vector<json::value> pipelines{json::parse(R"({"id":2,"name":"Sales"})")};
    const std::vector<json::value> stages{json::parse(R"({"id":6,"pipeline_id":2,"name":"Odd","order_nr":0e310})")};
    const StageCatalog catalog = StageCatalog::from_lists(pipelines, stages);
    REQUIRE(catalog.stages().size() == 3);
    CHECK(catalog.stages()[0].id == "6");
    CHECK(catalog.stages()[0].order == 0);
}

TEST_CASE("stage history starts in the first stage at creation and ends in the won stage") {
    bool unconverted = false;
    const auto deal = mapper().deal(deal_json("won"), unconverted);
    const std::vector<json::value> changelog{
        json::parse(R"({"field_key":"stage_id","old_value":"4","new_value":"5","time":"2026-03-01 12:00:00"})"),
        json::parse(R"({"field_key":"value","old_value":"1","new_value":"1000","time":"2026-03-01 11:00:00"})"),
        json::parse(R"({"field_key":"stage_id","old_value":"3","new_value":"4","time":"2026-03-01 06:00:00"})")};
    const auto history = stage_history(*deal, "5", changelog);
    REQUIRE(history.size() == 4);
    CHECK(history[0].stage_id == "3");
    CHECK(history[0].entered_at == march_first);
    CHECK(history[1].stage_id == "4");
    CHECK(history[1].entered_at == march_first + 6 * model::ms_per_hour);
    CHECK(history[2].stage_id == "5");
    CHECK(history[2].entered_at == march_first + 12 * model::ms_per_hour);
    CHECK(history[3].stage_id == "2:won");
    CHECK(history[3].entered_at == march_first + model::ms_per_day);
}

TEST_CASE("a deal that never changed stage has one entry in its stage at creation") {
    bool unconverted = false;
    const auto deal = mapper().deal(deal_json("open"), unconverted);
    const auto history = stage_history(*deal, "5", {});
    REQUIRE(history.size() == 1);
    CHECK(history[0].deal_id == "12");
    CHECK(history[0].stage_id == "5");
    CHECK(history[0].entered_at == march_first);
}
