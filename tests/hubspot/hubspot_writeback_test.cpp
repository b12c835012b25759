// Properties, batch writes, the cursor after our own writes, and deal queries against the fake.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "connectors/hubspot/property_value.hpp"
#include "tests/fakes/fault_injector.hpp"
#include "hubspot_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::hubspot_testing;

namespace {

std::vector<FieldDefinition> our_fields() {
    return {{"seller_score", "Seller score", FieldType::number, RecordObject::deal, "Seller KPIs", "0-100", {}},
            {"seller_score_band", "Seller score band", FieldType::enumeration, RecordObject::deal, "Seller KPIs", "",
             {"A", "B", "C", "D"}},
            {"seller_win_rate", "Seller win rate", FieldType::percentage, RecordObject::deal, "Seller KPIs", "", {}},
            {"seller_avg_sale_value", "Average sale", FieldType::money, RecordObject::deal, "Seller KPIs", "", {}},
            {"seller_scored_at", "Scored at", FieldType::datetime, RecordObject::deal, "Seller KPIs", "", {}},
            {"customer_value", "Customer value", FieldType::money, RecordObject::contact, "Seller KPIs", "", {}}};
}

struct Seeded {
    HubSpotFixture f;
    model::Dataset data = f.fake.seed(demo_dataset());
    std::unique_ptr<hs::HubSpotConnector> connector = f.connector();

    Seeded() { REQUIRE(connector->ensure_fields(our_fields())); }
};

}  // namespace

TEST_CASE("ensure_fields creates the group and properties with their HubSpot types") {
    HubSpotFixture f;
    auto connector = f.connector();
    const auto report = connector->ensure_fields(our_fields());
    REQUIRE(report);
    CHECK(report->created.size() == 6);
    CHECK(report->existing.empty());
    const auto score = f.fake.property("deals", "sellerscore_seller_score");
    REQUIRE(score);
    CHECK(score->type == "number");
    CHECK(score->field_type == "number");
    CHECK(score->group_name == "seller_kpis");
    CHECK(score->number_display_hint == std::optional<std::string>("formatted"));
    CHECK(f.fake.property("deals", "sellerscore_seller_win_rate")->number_display_hint == std::optional<std::string>("percentage"));
    CHECK(f.fake.property("contacts", "sellerscore_customer_value")->number_display_hint == std::optional<std::string>("currency"));
    const auto band = f.fake.property("deals", "sellerscore_seller_score_band");
    REQUIRE(band);
    CHECK(band->type == "enumeration");
    CHECK(band->field_type == "select");
    REQUIRE(band->options.size() == 4);
    CHECK(band->options[3].value == "D");
    const auto at = f.fake.property("deals", "sellerscore_seller_scored_at");
    CHECK((at->type == "datetime" && at->field_type == "date"));
}

TEST_CASE("ensure_fields a second time creates nothing and sends no create") {
    HubSpotFixture f;
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(our_fields()));
    const auto creates = f.fake.request_count("POST /crm/v3/properties/deals");
    const auto again = connector->ensure_fields(our_fields());
    REQUIRE(again);
    CHECK(again->created.empty());
    CHECK(again->existing.size() == 6);
    CHECK(f.fake.request_count("POST /crm/v3/properties/deals") == creates);
}

TEST_CASE("ensure_fields reports a property that exists with a conflicting type") {
    HubSpotFixture f;
    fakes::FakeHubSpotProperty planted;
    planted.name = "sellerscore_seller_score";
    planted.label = "Seller score (someone else's)";
    planted.type = "string";
    planted.field_type = "text";
    planted.group_name = "dealinformation";
    f.fake.define_property("deals", planted);
    auto connector = f.connector();
    const auto report = connector->ensure_fields(our_fields());
    CHECK(report.status().code() == StatusCode::data);
    CHECK(report.status().message() ==
          "hubspot: deal property sellerscore_seller_score exists with type string, expected number; rename or delete it");
    // nothing was reused or changed
    CHECK(f.fake.property("deals", "sellerscore_seller_score")->type == "string");
}

TEST_CASE("remove_fields deletes our properties and counts absent ones") {
    HubSpotFixture f;
    auto connector = f.connector();
    const auto fields = our_fields();
    REQUIRE(connector->ensure_fields(std::span(fields).first(2)));
    const auto report = connector->remove_fields(fields);
    REQUIRE(report);
    CHECK(report->created == std::vector<std::string>{"seller_score", "seller_score_band"});
    CHECK(report->existing.size() == 4);
    CHECK_FALSE(f.fake.property("deals", "sellerscore_seller_score"));
}

TEST_CASE("writing 250 records sends three batches none over 100 and writes each value once") {
    Seeded s;
    std::vector<FieldWrite> writes;
    const auto deal_ids = s.f.fake.object_ids("deals");
    const auto contact_ids = s.f.fake.object_ids("contacts");
    for (std::size_t i = 0; i < 140; ++i) writes.push_back({RecordObject::deal, deal_ids[i], "seller_score", 0.5 * i});
    for (std::size_t i = 0; i < 110; ++i) {
        writes.push_back({RecordObject::contact, contact_ids[i], "customer_value", 1000.0 + i});
    }
    const auto report = s.connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 250);
    CHECK(report->failures.empty());
    CHECK(s.f.fake.request_count("POST /crm/v3/objects/deals/batch/update") == 2);
    CHECK(s.f.fake.request_count("POST /crm/v3/objects/contacts/batch/update") == 2);
    CHECK(s.f.fake.properties_written_more_than_once() == 0);
    CHECK(s.f.fake.value("deals", deal_ids[3], "sellerscore_seller_score") == std::optional<std::string>("1.5"));
    CHECK(s.f.fake.value("contacts", contact_ids[109], "sellerscore_customer_value") == std::optional<std::string>("1109"));
}

TEST_CASE("values are written as HubSpot strings and null clears") {
    Seeded s;
    const std::string deal = s.f.fake.object_ids("deals").front();
    std::vector<FieldWrite> writes = {{RecordObject::deal, deal, "seller_win_rate", 0.875},
                                      {RecordObject::deal, deal, "seller_score_band", std::string("B")},
                                      {RecordObject::deal, deal, "seller_scored_at", std::string("2026-03-01T12:00:00Z")},
                                      {RecordObject::deal, deal, "seller_score", 87.5}};
    REQUIRE(s.connector->write(writes));
    CHECK(s.f.fake.value("deals", deal, "sellerscore_seller_win_rate") == std::optional<std::string>("0.875"));
    CHECK(s.f.fake.value("deals", deal, "sellerscore_seller_score_band") == std::optional<std::string>("B"));
    const auto at = s.f.fake.value("deals", deal, "sellerscore_seller_scored_at");
    REQUIRE(at);
    CHECK(hs::parse_time_ms(*at) == std::optional<std::int64_t>(1772366400000));
    const std::vector<FieldWrite> clear = {{RecordObject::deal, deal, "seller_score", FieldValue()}};
    const auto cleared = s.connector->write(clear);
    REQUIRE(cleared);
    CHECK(cleared->written == 1);
    CHECK_FALSE(s.f.fake.value("deals", deal, "sellerscore_seller_score"));
}

TEST_CASE("a 207 with one invalid value reports exactly that failure") {
    Seeded s;
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 5; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score_band", std::string("A")});
    writes[2].value = std::string("Z");  // not an option of the enumeration
    const auto report = s.connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 4);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 2);
    CHECK(report->failures[0].status.code() == StatusCode::data);
    CHECK(report->failures[0].status.message().find("POST /crm/v3/objects/deals/batch/update") != std::string::npos);
    CHECK(s.f.fake.value("deals", ids[1], "sellerscore_seller_score_band") == std::optional<std::string>("A"));
    CHECK_FALSE(s.f.fake.value("deals", ids[2], "sellerscore_seller_score_band"));
    // validation errors are never retried
    CHECK(s.f.fake.request_count("POST /crm/v3/objects/deals/batch/update") == 1);
}

TEST_CASE("a write to a property that does not exist fails the write") {
    HubSpotFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    const std::vector<FieldWrite> writes = {{RecordObject::deal, f.fake.object_ids("deals").front(), "seller_score", 1.0}};
    const auto report = connector->write(writes);
    CHECK_FALSE(report);
    CHECK(report.status().message().find("hubspot: POST /crm/v3/objects/deals/batch/update: 400") == 0);
}

TEST_CASE("current_cursor after a read and our writes moves past them") {
    Seeded s;
    CollectingSink sink;
    const auto read_cursor = s.connector->read("", sink);
    REQUIRE(read_cursor);
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 30; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 10.0 + i});
    REQUIRE(s.connector->write(writes));
    const auto after_write = s.connector->current_cursor();
    REQUIRE(after_write);
    CHECK(*after_write != *read_cursor);
    // Nothing else changed: a later look (this run or the next) sees the same cursor, and an
    // incremental read from it does not pull our 30 deals back.
    CHECK(s.connector->current_cursor().value() == *after_write);
    auto fresh = s.f.connector();
    CHECK(fresh->current_cursor().value() == *after_write);
    CollectingSink changes;
    REQUIRE(fresh->read(*after_write, changes));
    CHECK(changes.records.deals.size() <= 1);
}

TEST_CASE("current_cursor after our writes notices a foreign edit made meanwhile") {
    Seeded s;
    CollectingSink sink;
    const auto read_cursor = s.connector->read("", sink);
    REQUIRE(read_cursor);
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 10; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 50.0});
    REQUIRE(s.connector->write(writes));
    REQUIRE(s.f.fake.touch("deals", ids[20], {{"amount", "1"}}));  // someone else, between our read and now
    const auto after_write = s.connector->current_cursor();
    REQUIRE(after_write);
    // The deals mark stays at the read: the next run sees a different cursor and reads again.
    CHECK(*after_write == *read_cursor);
    CHECK(s.connector->current_cursor().value() != *after_write);
    CollectingSink changes;
    REQUIRE(s.connector->read(*after_write, changes));
    std::set<std::string> deals;
    for (const auto& d : changes.records.deals) deals.insert(d.id);
    CHECK(deals.contains(ids[20]));
    CHECK(deals.contains(ids[0]));
}

TEST_CASE("current_cursor changes when a deal is archived") {
    Seeded s;
    const auto before = s.connector->current_cursor();
    REQUIRE(before);
    CHECK(s.connector->current_cursor().value() == *before);
    REQUIRE(s.f.fake.archive("deals", s.f.fake.object_ids("deals").back()));
    CHECK(s.connector->current_cursor().value() != *before);
}

TEST_CASE("query_deals finds deals by our properties through search filters") {
    Seeded s;
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 40; ++i) {
        writes.push_back({RecordObject::deal, ids[i], "seller_score", static_cast<double>(i * 2.5)});
        writes.push_back({RecordObject::deal, ids[i], "seller_score_band", std::string(i % 2 ? "A" : "B")});
    }
    REQUIRE(s.connector->write(writes));
    // seller_score = 2.5 i >= 50 holds for i = 20..39; band A for odd i: 10 deals.
    std::set<std::string> expected;
    for (std::size_t i = 21; i < 40; i += 2) expected.insert(ids[i]);
    DealQuery query;
    query.all_of = {{"seller_score", CompareOp::ge, 50.0}, {"seller_score_band", CompareOp::eq, std::string("A")}};
    query.limit = 100;
    const auto rows = s.connector->query_deals(query);
    REQUIRE(rows);
    std::set<std::string> found;
    std::map<std::string, const model::Deal*> seeded;
    for (const auto& d : s.data.deals) seeded[d.id] = &d;
    for (const auto& row : *rows) {
        found.insert(row.deal.id);
        REQUIRE(seeded.contains(row.deal.id));
        CHECK(model::to_ndjson(row.deal) == model::to_ndjson(*seeded[row.deal.id]));
        CHECK(row.fields.at("seller_score_band") == FieldValue(std::string("A")));
        CHECK(std::get<double>(row.fields.at("seller_score")) >= 50);
    }
    CHECK(found == expected);

    query.limit = 3;
    CHECK(s.connector->query_deals(query)->size() == 3);
}

// Found by the fault matrix (tests/faults): the batch used to be sent again, so HubSpot applied
// each of its values twice. Whether a batch whose answer was lost was applied cannot be known; the
// write stops instead and the next sync writes only what HubSpot does not hold.
TEST_CASE("a batch whose answer was lost is not sent again: the write stops with a network error") {
    Seeded s;
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 50; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 3.0});
    const auto before = s.connector->stats();
    s.f.fake.inject(fakes::FakeHubSpotFault::truncate_body, 1, "/batch/update");
    const auto report = s.connector->write(writes);
    REQUIRE_FALSE(report);
    CHECK(report.status().code() == StatusCode::network);
    const auto after = s.connector->stats();
    CHECK(after.retries - before.retries == 0);
    CHECK(after.transport_failures - before.transport_failures == 1);
    // The fake applied the batch whose answer was cut, once.
    CHECK(s.f.fake.update_input_count("deals", ids[0]) == 1);
    CHECK(s.f.fake.request_count("POST /crm/v3/objects/deals/batch/update") == 1);
    CHECK(s.f.fake.writes_that_changed_nothing() == 0);
}

TEST_CASE("a batch that succeeded is never sent again") {
    Seeded s;
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 120; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 4.0});
    s.f.fake.inject(fakes::FakeHubSpotFault::http_5xx, 1, "/batch/update");
    const auto report = s.connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 120);
    CHECK(s.f.fake.properties_written_more_than_once() == 0);
    for (std::size_t i = 0; i < 120; ++i) CHECK(s.f.fake.update_input_count("deals", ids[i]) == 1);
}

// Like Pipedrive's and Salesforce's (connector.hpp, write()): values a spent daily limit keeps out
// are failures the sync records and leaves for the next run, not a write that stopped with nothing
// reported, so a sync exits the same way on every vendor (docs/operations.md "Exit codes").
TEST_CASE("values the spent daily limit keeps out are reported as rate-limited failures, none lost") {
    Seeded s;
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 140; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 6.0});
    // The first chunk of the write-back still fits; the limit runs out before the next one.
    const std::vector<FieldWrite> first_chunk = {
        {RecordObject::contact, s.f.fake.object_ids("contacts").front(), "customer_value", 6.0}};
    REQUIRE(s.connector->write(first_chunk)->written == 1);
    s.f.fake.set_daily_calls_remaining(0);
    const auto report = s.connector->write(writes);
    INFO(report.status().message());
    REQUIRE(report);
    CHECK(report->written == 0);
    REQUIRE(report->failures.size() == 140);
    std::set<std::size_t> indices;
    for (const auto& failure : report->failures) {
        indices.insert(failure.index);
        CHECK(failure.status.code() == StatusCode::rate_limited);
    }
    CHECK(indices.size() == 140);
    CHECK_FALSE(s.f.fake.value("deals", ids[0], "sellerscore_seller_score"));
}

TEST_CASE("a batch answered with a 200 that is not JSON fails its own values and the other batches are written") {
    Seeded s;
    // A captive proxy in front of HubSpot: the same fake behind an edge that can answer with a page.
    fakes::FaultInjector edge;
    fakes::LoopbackServer proxy{edge.wrap(s.f.fake.handler()), s.f.certificate};
    hs::HubSpotSettings through_proxy = s.f.settings();
    through_proxy.base_url = proxy.base_url();
    auto connector = s.f.connector(through_proxy);
    REQUIRE(connector->ensure_fields(our_fields()));
    const auto ids = s.f.fake.object_ids("deals");
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 5; ++i) writes.push_back({RecordObject::deal, ids[i], "seller_score", 7.0});
    for (std::size_t i = 0; i < 3; ++i) writes.push_back({RecordObject::contact, s.f.fake.object_ids("contacts")[i], "customer_value", 10.0});
    edge.inject(fakes::EdgeFault::html_instead_of_json, 1, "/objects/contacts/batch/update");
    const auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 5);
    REQUIRE(report->failures.size() == 3);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(report->failures[k].index == 5 + k);
        CHECK(report->failures[k].status.code() == StatusCode::data);
        CHECK(report->failures[k].status.message().find("is not JSON") != std::string::npos);
    }
    CHECK(s.f.fake.value("deals", ids[4], "sellerscore_seller_score") == std::optional<std::string>("7"));
}
