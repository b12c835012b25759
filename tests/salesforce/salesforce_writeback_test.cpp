// Our fields through the Tooling API with field-level security, values through composite/sobjects,
// and deals --where, against the fake Salesforce.
#include <catch2/catch.hpp>

#include <set>

#include "salesforce_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::salesforce_testing;

TEST_CASE("install creates the fields once, grants them through the permission set, and assigns it",
          "[salesforce][fields]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    const auto fields = deal_fields();
    const auto first = connector->ensure_fields(fields);
    REQUIRE(first.is_ok());
    CHECK(first->created == std::vector<std::string>{"seller_score", "seller_win_rate", "seller_score_band"});
    CHECK(f.fake.record_count("PermissionSet") == 1);
    CHECK(f.fake.record_count("FieldPermissions") == 3);
    CHECK(f.fake.record_count("PermissionSetAssignment") == 1);
    const auto again = f.connector()->ensure_fields(fields);
    REQUIRE(again.is_ok());
    CHECK(again->created.empty());
    CHECK(again->existing.size() == 3);
    CHECK(f.fake.record_count("FieldPermissions") == 3);  // nothing granted twice
}

TEST_CASE("A field that exists with another type is reported, not reused", "[salesforce][fields]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto fields = deal_fields();
    REQUIRE(f.connector()->ensure_fields(fields).is_ok());
    fields[0].type = FieldType::money;  // seller_score wanted as Currency; the org holds Number
    const auto report = f.connector()->ensure_fields(fields);
    REQUIRE_FALSE(report.is_ok());
    CHECK(report.status().message().find("Opportunity.Seller_Score__c exists as Number, not Currency") != std::string::npos);
}

TEST_CASE("With nothing changed, the field check costs one Tooling query for every field, the three FLS checks and the survey source check",
          "[salesforce][fields]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    const auto fields = deal_fields();
    REQUIRE(f.connector()->ensure_fields(fields).is_ok());  // creates, then remembers each field's type
    auto connector = f.connector();                         // a later run: the connector memory persists
    REQUIRE(connector->know_fields(fields).is_ok());        // connects (token, /limits) outside the count
    const auto usage = f.fake.api_usage();
    const auto tooling = f.fake.requests("/services/data/v62.0/tooling/query");
    const auto report = connector->ensure_fields(fields);
    REQUIRE(report.is_ok());
    CHECK(report->existing.size() == 3);
    CHECK(f.fake.requests("/services/data/v62.0/tooling/query") - tooling == 1);
    // The CustomField query, then PermissionSet, FieldPermissions and PermissionSetAssignment, and the
    // SurveyQuestion query that tells whether Feedback Management is a survey source.
    CHECK(f.fake.api_usage() - usage == 5);
}

TEST_CASE("A remembered field deleted and created again with another type is reported", "[salesforce][fields]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    auto fields = deal_fields();
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(fields).is_ok());
    REQUIRE(connector->ensure_fields(fields).is_ok());  // remembered
    // An admin deletes Seller_Score__c and creates it again as Currency.
    REQUIRE(connector->remove_fields(std::span(fields).first(1)).is_ok());
    auto as_currency = fields;
    as_currency[0].type = FieldType::money;
    REQUIRE(connector->ensure_fields(std::span(as_currency).first(1)).is_ok());
    const auto report = f.connector()->ensure_fields(fields);
    REQUIRE_FALSE(report.is_ok());
    CHECK(report.status().message().find("Opportunity.Seller_Score__c exists as Currency, not Number") != std::string::npos);
}

TEST_CASE("Values land in the org as Salesforce holds them and read back as written", "[salesforce][write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    const std::string a = seeded.deals[0].id, b = seeded.deals[1].id;
    const std::vector<FieldWrite> writes = {{RecordObject::deal, a, "seller_score", 71.5},
                                            {RecordObject::deal, a, "seller_win_rate", 0.25},
                                            {RecordObject::deal, b, "seller_score_band", std::string("top")}};
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == 3);
    CHECK(report->failures.empty());
    CHECK(f.fake.value("Opportunity", a, "Seller_Score__c") == "71.5");
    CHECK(f.fake.value("Opportunity", a, "Seller_Win_Rate__c") == "25");  // a Percent field holds 0-100
    CHECK(f.fake.value("Opportunity", b, "Seller_Score_Band__c") == "top");

    CollectingSink sink;
    REQUIRE(connector->read("", sink).is_ok());
    std::map<std::string, FieldValue> held;
    for (const auto& value : sink.held_values)
        if (value.record_id == a) held[value.field_id] = value.value;
    CHECK(std::get<double>(held.at("seller_score")) == Approx(71.5));
    CHECK(std::get<double>(held.at("seller_win_rate")) == Approx(0.25));
}

TEST_CASE("A locked row is retried once alone; a validation rule's refusal is reported per record",
          "[salesforce][write]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    std::vector<FieldWrite> writes;  // one per deal
    for (std::size_t i = 0; i < seeded.deals.size(); ++i)
        writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", static_cast<double>(i)});
    f.fake.inject(fakes::FakeSalesforceFault::unable_to_lock_row, 1);
    f.fake.reject_writes("Opportunity", seeded.deals[5].id, "Scores are locked on this deal");
    const auto before = f.fake.requests("/services/data/v62.0/composite/sobjects");
    const auto report = connector->write(writes);
    REQUIRE(report.is_ok());
    CHECK(report->written == seeded.deals.size() - 1);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 5);
    CHECK(report->failures[0].status.message().find("FIELD_CUSTOM_VALIDATION_EXCEPTION") != std::string::npos);
    // 140 deals: one call of 140, then the locked record alone.
    CHECK(f.fake.requests("/services/data/v62.0/composite/sobjects") - before == 2);
    CHECK(f.fake.records_written() == seeded.deals.size() - 1);
}

TEST_CASE("deals --where filters in SOQL on our fields", "[salesforce][query]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    std::vector<FieldWrite> writes;
    for (std::size_t i = 0; i < 10; ++i) writes.push_back({RecordObject::deal, seeded.deals[i].id, "seller_score", 10.0 * i});
    REQUIRE(connector->write(writes).is_ok());
    DealQuery query;
    query.all_of = {{"seller_score", CompareOp::ge, 70.0}};
    const auto rows = connector->query_deals(query);
    REQUIRE(rows.is_ok());
    std::vector<std::string> ids;
    for (const auto& row : *rows) ids.push_back(row.deal.id);
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> expected = {seeded.deals[7].id, seeded.deals[8].id, seeded.deals[9].id};
    std::sort(expected.begin(), expected.end());
    CHECK(ids == expected);
    for (const auto& row : *rows) CHECK(std::get<double>(row.fields.at("seller_score")) >= 70.0);
}

TEST_CASE("uninstall removes our fields through the Tooling API", "[salesforce][fields]") {
    SalesforceFixture f;
    f.fake.seed(demo_dataset());
    const auto fields = deal_fields();
    REQUIRE(f.connector()->ensure_fields(fields).is_ok());
    const auto removed = f.connector()->remove_fields(fields);
    REQUIRE(removed.is_ok());
    CHECK(removed->created.size() == 3);
    CHECK(f.fake.record_count("CustomField") == 0);
}

TEST_CASE("After our writes the cursor moves past them only: the next run reads nothing of ours",
          "[salesforce][write][cursor]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    CollectingSink first;
    REQUIRE(connector->read("", first).is_ok());
    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(connector->write(std::vector<FieldWrite>{{RecordObject::deal, seeded.deals[0].id, "seller_score", 50.0}}).is_ok());
    const auto after_writes = connector->current_cursor();
    REQUIRE(after_writes.is_ok());
    // The same cursor a fresh probe gives: nothing but our write changed.
    CHECK(*f.connector()->current_cursor() == *after_writes);
    CollectingSink next;
    REQUIRE(f.connector()->read(*after_writes, next).is_ok());
    CHECK(next.records.deals.empty());
}

TEST_CASE("A foreign edit between our read and our write is not skipped", "[salesforce][write][cursor]") {
    SalesforceFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    REQUIRE(connector->ensure_fields(deal_fields()).is_ok());
    CollectingSink first;
    REQUIRE(connector->read("", first).is_ok());
    f.clock.advance(std::chrono::seconds(1));
    REQUIRE(f.fake.touch("Opportunity", seeded.deals[1].id, {{"Amount", "777"}}).is_ok());
    REQUIRE(connector->write(std::vector<FieldWrite>{{RecordObject::deal, seeded.deals[0].id, "seller_score", 50.0}}).is_ok());
    const auto after_writes = connector->current_cursor();
    REQUIRE(after_writes.is_ok());
    CollectingSink next;
    REQUIRE(f.connector()->read(*after_writes, next).is_ok());
    std::set<std::string> ids;
    for (const auto& deal : next.records.deals) ids.insert(deal.id);
    CHECK(ids.count(seeded.deals[1].id) == 1);
}
