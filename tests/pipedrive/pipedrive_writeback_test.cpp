// Field creation, write-back with strict JSON types, and the deal query, against the fake Pipedrive.
#include <catch2/catch.hpp>

#include <set>

#include "pipedrive_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::pipedrive_testing;
using connectors::FieldValue;
using connectors::FieldWrite;
using connectors::RecordObject;

TEST_CASE("ensure_fields creates the catalog once with the mapped types and remembers the codes") {
    PipedriveFixture f;
    auto connector = f.connector();
    const auto fields = catalog_fields();
    const auto first = connector->ensure_fields(fields);
    REQUIRE(first);
    CHECK(first->created.size() == 14);
    CHECK(f.fake.request_count("POST /api/v2/dealFields") == 12);
    CHECK(f.fake.request_count("POST /api/v2/personFields") == 2);
    const auto score = f.fake.field_by_name("deals", "Seller score");
    REQUIRE(score);
    CHECK(score->field_type == "double");
    CHECK(f.memory.get("pipedrive.field.deal.seller_score") == score->field_code);
    const auto band = f.fake.field_by_name("deals", "Seller score band");
    REQUIRE(band);
    CHECK(band->field_type == "enum");
    REQUIRE(band->options.size() == 4);
    CHECK(band->options[3].label == "D");
    CHECK(f.fake.field_by_name("deals", "Seller win rate")->field_type == "double");
    CHECK(f.fake.field_by_name("deals", "Seller KPIs updated at")->field_type == "date");
    CHECK(f.fake.field_by_name("persons", "Churn risk")->field_type == "double");

    // A fresh connector with the same memory finds them all: nothing is created twice.
    auto again = f.connector();
    const auto second = again->ensure_fields(fields);
    REQUIRE(second);
    CHECK(second->created.empty());
    CHECK(second->existing.size() == 14);
    CHECK(f.fake.fields_named("deals", "Seller score").size() == 1);
}

TEST_CASE("a field of our name with another type is reported and never reused") {
    PipedriveFixture f;
    fakes::FakePipedriveField planted;
    planted.field_name = "Seller score";
    planted.field_type = "varchar";
    f.fake.define_field("deals", planted);
    auto connector = f.connector();
    const auto ensured = connector->ensure_fields(catalog_fields());
    REQUIRE_FALSE(ensured);
    CHECK(ensured.status().code() == StatusCode::data);
    CHECK(ensured.status().message() ==
          "pipedrive: the deal field \"Seller score\" exists with type varchar, not double; rename or delete it in "
          "Pipedrive, then sync again");
    CHECK(f.fake.fields_named("deals", "Seller score").size() == 1);
}

TEST_CASE("values are written as JSON numbers option ids and dates one PATCH per deal") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    const std::string deal = seeded.deals[0].id;
    const std::string contact = seeded.contacts[0].id;
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, deal, "seller_score", FieldValue(87.5)},
        {RecordObject::deal, deal, "seller_score_band", FieldValue(std::string("B"))},
        {RecordObject::deal, deal, "seller_win_rate", FieldValue(0.25)},
        {RecordObject::deal, deal, "kpi_updated_at", FieldValue(std::string("2026-09-30T18:00:00Z"))},
        {RecordObject::contact, contact, "churn_risk", FieldValue(0.125)},
    };
    const auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 5);
    CHECK(report->failures.empty());
    CHECK(f.fake.request_count("PATCH /api/v2/deals/{id}") == 1);
    CHECK(f.fake.request_count("PATCH /api/v2/persons/{id}") == 1);
    const auto code = [&](const char* object, const char* name) { return f.fake.field_by_name(object, name)->field_code; };
    CHECK(f.fake.number_value("deals", std::stoll(deal), code("deals", "Seller score")) == 87.5);
    CHECK(f.fake.number_value("deals", std::stoll(deal), code("deals", "Seller win rate")) == 0.25);
    const auto band = f.fake.field_by_name("deals", "Seller score band");
    CHECK(f.fake.value("deals", std::stoll(deal), band->field_code) == std::to_string(band->options[1].id));
    CHECK(f.fake.value("deals", std::stoll(deal), code("deals", "Seller KPIs updated at")) == "2026-09-30");
    CHECK(f.fake.number_value("persons", std::stoll(contact), code("persons", "Churn risk")) == 0.125);
    CHECK(f.fake.fields_written_more_than_once() == 0);

    // What was written reads back as held values.
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    std::map<std::string, FieldValue> held;
    for (const auto& h : sink.held_values) {
        if (h.record_id == deal && h.object == RecordObject::deal) held[h.field_id] = h.value;
    }
    CHECK(held["seller_score"] == FieldValue(87.5));
    CHECK(held["seller_score_band"] == FieldValue(std::string("B")));
    CHECK(held["kpi_updated_at"] == FieldValue(std::string("2026-09-30T00:00:00Z")));
}

TEST_CASE("a record Pipedrive refuses fails alone with Pipedrive's message") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, "999999", "seller_score", FieldValue(50.0)},
        {RecordObject::deal, seeded.deals[1].id, "seller_score", FieldValue(60.0)},
    };
    const auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 1);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 0);
    CHECK(report->failures[0].status.code() == StatusCode::not_found);
    CHECK(report->failures[0].status.message().rfind("pipedrive: PATCH /api/v2/deals/999999: 404", 0) == 0);
}

// Found by the fault matrix (tests/faults): a PATCH whose answer was cut short was sent again, so
// Pipedrive applied its values twice. It may have been applied, so the write stops instead.
TEST_CASE("a PATCH whose answer was cut short is not sent again: the write stops with a network error") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    f.fake.inject(fakes::FakePipedriveFault::truncate_body, 1, "/api/v2/deals/");
    const std::vector<FieldWrite> writes{{RecordObject::deal, seeded.deals[1].id, "seller_score", FieldValue(60.0)}};
    const auto report = connector->write(writes);
    REQUIRE_FALSE(report);
    CHECK(report.status().code() == StatusCode::network);
    CHECK(f.fake.request_count("PATCH /api/v2/deals/{id}") == 1);
    CHECK(f.fake.writes_that_changed_nothing() == 0);
    CHECK(f.fake.number_value("deals", std::stoll(seeded.deals[1].id),
                              f.fake.field_by_name("deals", "Seller score")->field_code) == 60.0);
}

// Found by the fault matrix: a 200 whose body was a proxy's HTML page counted as written, so the
// next sync never wrote those values and they were lost.
TEST_CASE("a PATCH answered 200 with a body that is not Pipedrive's JSON fails alone and is not counted as written") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    f.edge.inject(fakes::EdgeFault::html_instead_of_json, 1, "/api/v2/deals/" + seeded.deals[1].id);
    const std::vector<FieldWrite> writes{{RecordObject::deal, seeded.deals[1].id, "seller_score", FieldValue(60.0)},
                                         {RecordObject::deal, seeded.deals[2].id, "seller_score", FieldValue(70.0)}};
    const auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 1);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 0);
    CHECK(report->failures[0].status.code() == StatusCode::data);
    CHECK(report->failures[0].status.message() == "pipedrive: PATCH /api/v2/deals/" + seeded.deals[1].id +
                                                      ": the answer is not Pipedrive's JSON; the values were not written");
}

TEST_CASE("query_deals returns the deals whose fields match") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 6; ++i) {
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", FieldValue(10.0 * static_cast<double>(i + 5))});
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score_band",
                          FieldValue(std::string(i % 2 == 0 ? "A" : "B"))});
    }
    REQUIRE(connector->write(writes));
    connectors::DealQuery query;
    query.all_of = {{"seller_score", connectors::CompareOp::ge, 80.0},
                    {"seller_score_band", connectors::CompareOp::eq, std::string("A")}};
    const auto rows = connector->query_deals(query);
    REQUIRE(rows);
    // Scores 50..100 in steps of 10; >= 80 are i = 3, 4, 5; band A are the even i: only i = 4.
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].deal.id == seeded.deals[4].id);
    CHECK((*rows)[0].fields.at("seller_score") == FieldValue(90.0));
}

TEST_CASE("remove_fields deletes our fields and reports absent ones as existing") {
    PipedriveFixture f;
    auto connector = f.connector();
    const auto fields = catalog_fields();
    REQUIRE(connector->ensure_fields(fields));
    const auto removed = connector->remove_fields(fields);
    REQUIRE(removed);
    CHECK(removed->created.size() == 14);
    CHECK_FALSE(f.fake.field_by_name("deals", "Seller score").has_value());
    const auto again = connector->remove_fields(fields);
    REQUIRE(again);
    CHECK(again->existing.size() == 14);
}

namespace {

// A seller score on each of the first `n` deals and a churn risk on each of the first `n` persons.
std::vector<FieldWrite> scores_for(const model::Dataset& seeded, std::size_t n) {
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < n; ++i) {
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", FieldValue(50.0 + static_cast<double>(i))});
        writes.push_back({RecordObject::contact, seeded.contacts[i].id, "churn_risk", FieldValue(0.5)});
    }
    return writes;
}

}  // namespace

TEST_CASE("the cursor after our own writes absorbs them: the next run finds it unchanged for a few calls") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    // The seeding's second has long passed when the sync runs (as when a company's data is older
    // than a minute): its marks can be probed instead of walked.
    f.clock.advance(std::chrono::minutes(2));
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    CollectingSink first;
    const auto read_cursor = connector->read("", first);
    REQUIRE(read_cursor);
    f.clock.advance(std::chrono::seconds(5));
    const auto report = connector->write(scores_for(seeded, 30));
    REQUIRE(report);
    REQUIRE(report->written == 60);
    const auto after_writes = connector->current_cursor();
    REQUIRE(after_writes);
    CHECK(*after_writes != *read_cursor);

    // The next run (a fresh connector, minutes later) sees the same cursor for one call per list
    // beyond the catalogs, and a read from it finds nothing.
    f.clock.advance(std::chrono::minutes(5));
    auto next_run = f.connector();
    const auto before = f.fake.request_count();
    const auto counts_before = f.fake.request_counts();
    const auto fresh = next_run->current_cursor();
    REQUIRE(fresh);
    CHECK(*fresh == *after_writes);
    for (const auto& [route, n] : f.fake.request_counts()) {
        const auto was = counts_before.find(route);
        INFO(route);
        CHECK(n - (was == counts_before.end() ? 0 : was->second) <= 1);
    }
    // users, activity types, leads, pipelines, stages, deal and person fields; deals, archived deals,
    // persons, activities, notes: one probe each.
    CHECK(f.fake.request_count() - before == 12);
    CollectingSink again;
    REQUIRE(next_run->read(*after_writes, again));
    CHECK(again.records.deals.empty());
    CHECK(again.records.contacts.empty());
}

TEST_CASE("a change someone else made after the read is not absorbed with our writes") {
    PipedriveFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(catalog_fields()));
    CollectingSink first;
    const auto read_cursor = connector->read("", first);
    REQUIRE(read_cursor);
    f.clock.advance(std::chrono::seconds(5));
    const std::string edited = seeded.deals[100].id;
    REQUIRE(f.fake.touch("deals", std::stoll(edited), {{"value", "777"}}));
    REQUIRE(connector->write(scores_for(seeded, 10)));
    const auto after_writes = connector->current_cursor();
    REQUIRE(after_writes);

    CollectingSink again;
    REQUIRE(f.connector()->read(*after_writes, again));
    std::set<std::string> deals;
    for (const auto& deal : again.records.deals) deals.insert(deal.id);
    CHECK(deals.count(edited) == 1);
    CHECK(deals.size() == 11);  // the deals list is read again from the read's mark: ours and theirs
    CHECK(again.records.contacts.empty());  // persons had only our writes
}
