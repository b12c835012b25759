#include <catch2/catch.hpp>

#include <algorithm>

#include "connectors/local/local_connector.hpp"
#include "connectors/local/ndjson_importer.hpp"
#include "local_crm_test_fixture.hpp"

using namespace sellerscore::connectors;
using sellerscore::Status;
using sellerscore::StatusCode;
using sellerscore::test::TempDir;

namespace {

struct CollectingSink : RecordSink {
    ReadPage all;
    std::size_t pages = 0;
    Status accept(ReadPage&& page) override {
        ++pages;
        all.records.append(std::move(page.records));
        all.held_values.insert(all.held_values.end(), page.held_values.begin(), page.held_values.end());
        return Status::ok();
    }
};

const std::vector<FieldDefinition> kpi_fields{
    {"seller_score", "Seller score", FieldType::number, RecordObject::deal, "sellerscore", "0-100", {}},
    {"seller_score_band", "Band", FieldType::enumeration, RecordObject::deal, "sellerscore", "A-D", {"A", "B", "C", "D"}},
    {"churn_risk", "Churn risk", FieldType::percentage, RecordObject::contact, "sellerscore", "", {}},
};

// The small CRM of the fixture, imported, with the KPI fields defined.
std::unique_ptr<LocalConnector> small_crm(const TempDir& dir) {
    sellerscore::test::write_small_crm(dir);
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    REQUIRE(NdjsonImporter((*connector)->database()).import_directory(dir / "crm"));
    REQUIRE((*connector)->ensure_fields(kpi_fields));
    return std::move(*connector);
}

// Deals D-1..D-4 imported, scored 90/80/40/unset with bands A/A/C/B.
std::unique_ptr<LocalConnector> scored_crm(const TempDir& dir) {
    auto connector = small_crm(dir);
    sellerscore::model::Dataset more;
    for (const char* id : {"D-3", "D-4"}) {
        sellerscore::model::Deal deal;
        deal.id = id;
        deal.owner_id = "S-1";
        deal.pipeline_id = "P";
        deal.stage_id = "ST-1";
        more.deals.push_back(deal);
    }
    REQUIRE(NdjsonImporter(connector->database()).import_dataset(more));
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, "D-1", "seller_score", 90.0},
        {RecordObject::deal, "D-2", "seller_score", 80.0},
        {RecordObject::deal, "D-3", "seller_score", 40.0},
        {RecordObject::deal, "D-1", "seller_score_band", std::string("A")},
        {RecordObject::deal, "D-2", "seller_score_band", std::string("A")},
        {RecordObject::deal, "D-3", "seller_score_band", std::string("C")},
        {RecordObject::deal, "D-4", "seller_score_band", std::string("B")},
    };
    auto report = connector->write(writes);
    REQUIRE(report);
    REQUIRE(report->failures.empty());
    return connector;
}

std::vector<std::string> deal_ids(LocalConnector& connector, std::vector<FieldPredicate> predicates) {
    auto rows = connector.query_deals(DealQuery{std::move(predicates), 100});
    REQUIRE(rows);
    std::vector<std::string> ids;
    for (const DealRow& row : *rows) ids.push_back(row.deal.id);
    return ids;
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("a read without cursor streams every record and returns the current cursor") {
    TempDir dir;
    auto connector = small_crm(dir);
    CollectingSink sink;
    auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    // One import and one field creation: the sequence is at 2.
    CHECK(*cursor == "seq:2");
    CHECK(sink.pages == 1);
    const auto& records = sink.all.records;
    CHECK(records.record_count() == 17);
    REQUIRE(records.deals.size() == 2);
    CHECK(records.deals[0].id == "D-1");
    CHECK(records.deals[0].amount == 1000);
    CHECK(records.deals[1].status == sellerscore::model::DealStatus::won);
    REQUIRE(records.activities.size() == 3);
    CHECK(records.activities[2].objection);
    CHECK(records.activities[1].opened == true);
    CHECK(records.contacts[2].referred_by == "C-2");
}

TEST_CASE("a read streams every spend row of a channel's month, in import order") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/spend.ndjson",
              R"({"channel":"web","month":"2026-01","amount":500,"clicks":1200})"
              "\n"
              R"({"channel":"web","month":"2026-01","amount":300})"
              "\n");
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    REQUIRE(NdjsonImporter((*connector)->database()).import_directory(dir / "crm"));
    CollectingSink sink;
    REQUIRE((*connector)->read("", sink));
    const auto& spend = sink.all.records.spend;
    REQUIRE(spend.size() == 2);
    CHECK(spend[0].amount == 500);
    CHECK(spend[0].clicks == 1200);
    CHECK(spend[1].amount == 300);
    CHECK_FALSE(spend[1].clicks.has_value());
}

TEST_CASE("a read with the returned cursor streams nothing when nothing changed") {
    TempDir dir;
    auto connector = small_crm(dir);
    CollectingSink first;
    auto cursor = connector->read("", first);
    REQUIRE(cursor);
    CHECK(connector->current_cursor().value() == *cursor);
    CollectingSink second;
    auto next = connector->read(*cursor, second);
    REQUIRE(next);
    CHECK(*next == *cursor);
    CHECK(second.all.records.record_count() == 0);
}

TEST_CASE("a read with a cursor streams only what changed after it") {
    TempDir dir;
    auto connector = small_crm(dir);
    const std::string cursor = connector->current_cursor().value();
    dir.write("more/activities.ndjson",
              R"({"id":"A-9","owner_id":"S-2","type":"call","direction":"outbound","at":"2026-01-07T09:00:00Z"})"
              "\n");
    REQUIRE(NdjsonImporter(connector->database()).import_directory(dir / "more"));
    REQUIRE(connector->write(std::vector<FieldWrite>{{RecordObject::deal, "D-2", "seller_score", 55.0}}));

    CollectingSink sink;
    auto next = connector->read(cursor, sink);
    REQUIRE(next);
    CHECK(*next == "seq:4");
    const auto& records = sink.all.records;
    CHECK(records.record_count() == 2);
    REQUIRE(records.activities.size() == 1);
    CHECK(records.activities[0].id == "A-9");
    REQUIRE(records.deals.size() == 1);
    CHECK(records.deals[0].id == "D-2");
    REQUIRE(sink.all.held_values.size() == 1);
    CHECK(std::get<double>(sink.all.held_values[0].value) == 55.0);
}

TEST_CASE("a malformed cursor is an invalid argument") {
    TempDir dir;
    auto connector = small_crm(dir);
    CollectingSink sink;
    auto result = connector->read("seq:abc", sink);
    REQUIRE_FALSE(result);
    CHECK(result.status().code() == StatusCode::invalid_argument);
}

TEST_CASE("ensure_fields creates missing fields once and then reports them as existing") {
    TempDir dir;
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    auto first = (*connector)->ensure_fields(kpi_fields);
    REQUIRE(first);
    CHECK(first->created == Ids{"seller_score", "seller_score_band", "churn_risk"});
    CHECK(first->existing.empty());
    const std::string cursor = (*connector)->current_cursor().value();

    auto second = (*connector)->ensure_fields(kpi_fields);
    REQUIRE(second);
    CHECK(second->created.empty());
    CHECK(second->existing == Ids{"seller_score", "seller_score_band", "churn_risk"});
    CHECK((*connector)->current_cursor().value() == cursor);
}

TEST_CASE("ensure_fields refuses an existing field of another type and creates nothing") {
    TempDir dir;
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    REQUIRE((*connector)->ensure_fields(kpi_fields));
    std::vector<FieldDefinition> conflicting{
        {"new_field", "New", FieldType::number, RecordObject::deal, "", "", {}},
        {"seller_score", "Seller score", FieldType::percentage, RecordObject::deal, "", "", {}},
    };
    auto result = (*connector)->ensure_fields(conflicting);
    REQUIRE_FALSE(result);
    CHECK(result.status().code() == StatusCode::data);
    CHECK(result.status().message() ==
          "local CRM: field 'seller_score' already exists as a number field on deals; wanted a percentage field on deals");
    auto again = (*connector)->ensure_fields(std::vector<FieldDefinition>{conflicting[0]});
    REQUIRE(again);
    CHECK(again->created == Ids{"new_field"});
}

TEST_CASE("written values come back as held values on read") {
    TempDir dir;
    auto connector = small_crm(dir);
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, "D-1", "seller_score", 71.5},
        {RecordObject::deal, "D-1", "seller_score_band", std::string("B")},
        {RecordObject::contact, "C-3", "churn_risk", 0.25},
    };
    auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 3);
    CHECK(report->failures.empty());

    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    const auto& held = sink.all.held_values;
    REQUIRE(held.size() == 3);
    // Contacts stream before deals; a record's values come in field id order.
    CHECK(held[0].object == RecordObject::contact);
    CHECK(held[0].record_id == "C-3");
    CHECK(std::get<double>(held[0].value) == 0.25);
    CHECK(held[1].field_id == "seller_score");
    CHECK(std::get<double>(held[1].value) == 71.5);
    CHECK(held[2].field_id == "seller_score_band");
    CHECK(std::get<std::string>(held[2].value) == "B");
}

TEST_CASE("writing null removes the held value") {
    TempDir dir;
    auto connector = small_crm(dir);
    REQUIRE(connector->write(std::vector<FieldWrite>{{RecordObject::deal, "D-1", "seller_score", 10.0}}));
    REQUIRE(connector->write(std::vector<FieldWrite>{{RecordObject::deal, "D-1", "seller_score", std::monostate{}}}));
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(sink.all.held_values.empty());
}

TEST_CASE("a write to an unknown record or an undefined field is a per-record failure") {
    TempDir dir;
    auto connector = small_crm(dir);
    const std::string cursor = connector->current_cursor().value();
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, "D-404", "seller_score", 50.0},
        {RecordObject::deal, "D-1", "seller_score", 50.0},
        {RecordObject::deal, "D-2", "no_such_field", 1.0},
        {RecordObject::deal, "D-2", "seller_score_band", std::string("Z")},
        {RecordObject::deal, "D-2", "seller_score", std::string("high")},
    };
    auto report = connector->write(writes);
    REQUIRE(report);
    CHECK(report->written == 1);
    REQUIRE(report->failures.size() == 4);
    CHECK(report->failures[0].index == 0);
    CHECK(report->failures[0].status.code() == StatusCode::not_found);
    CHECK(report->failures[0].status.message() == "deal 'D-404': no such record");
    CHECK(report->failures[1].index == 2);
    CHECK(report->failures[1].status.message() == "deal 'D-2': field 'no_such_field' is not defined");
    CHECK(report->failures[2].index == 3);
    CHECK(report->failures[3].index == 4);
    CHECK(connector->current_cursor().value() != cursor);
}

TEST_CASE("a write where every record fails leaves the cursor unchanged") {
    TempDir dir;
    auto connector = small_crm(dir);
    const std::string cursor = connector->current_cursor().value();
    auto report = connector->write(std::vector<FieldWrite>{{RecordObject::deal, "D-404", "seller_score", 50.0}});
    REQUIRE(report);
    CHECK(report->written == 0);
    CHECK(connector->current_cursor().value() == cursor);
}

TEST_CASE("a company exists for writes while a contact or deal names it") {
    TempDir dir;
    auto connector = small_crm(dir);
    REQUIRE(connector->ensure_fields(std::vector<FieldDefinition>{
        {"customer_lifetime_value", "CLV", FieldType::money, RecordObject::company, "", "", {}}}));
    auto report = connector->write(std::vector<FieldWrite>{
        {RecordObject::company, "CO-1", "customer_lifetime_value", 1250.0},
        {RecordObject::company, "CO-404", "customer_lifetime_value", 10.0},
    });
    REQUIRE(report);
    CHECK(report->written == 1);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 1);

    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    REQUIRE(sink.all.held_values.size() == 1);
    CHECK(sink.all.held_values[0].object == RecordObject::company);
    CHECK(sink.all.held_values[0].record_id == "CO-1");
}

TEST_CASE("remove_fields deletes definitions and their values") {
    TempDir dir;
    auto connector = scored_crm(dir);
    auto report = connector->remove_fields(std::vector<FieldDefinition>{kpi_fields[0], kpi_fields[0]});
    REQUIRE(report);
    CHECK(report->created == Ids{"seller_score"});
    CHECK(report->existing == Ids{"seller_score"});
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    for (const HeldValue& held : sink.all.held_values) CHECK(held.field_id != "seller_score");
    CHECK(sink.all.held_values.size() == 4);
}

TEST_CASE("query_deals compares numbers numerically") {
    TempDir dir;
    auto connector = scored_crm(dir);
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::eq, 80.0}}) == Ids{"D-2"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::ge, 80.0}}) == Ids{"D-1", "D-2"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::gt, 80.0}}) == Ids{"D-1"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::lt, 80.0}}) == Ids{"D-3"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::le, 40.0}}) == Ids{"D-3"});
}

TEST_CASE("query_deals never matches a deal lacking the field, not even with !=") {
    TempDir dir;
    auto connector = scored_crm(dir);
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::ne, 80.0}}) == Ids{"D-1", "D-3"});
}

TEST_CASE("query_deals compares enumerations as text and combines predicates with and") {
    TempDir dir;
    auto connector = scored_crm(dir);
    CHECK(deal_ids(*connector, {{"seller_score_band", CompareOp::eq, std::string("A")}}) == Ids{"D-1", "D-2"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::ge, 85.0},
                                {"seller_score_band", CompareOp::eq, std::string("A")}}) == Ids{"D-1"});
    CHECK(deal_ids(*connector, {{"seller_score", CompareOp::lt, 85.0},
                                {"seller_score_band", CompareOp::ne, std::string("A")}}) == Ids{"D-3"});
}

TEST_CASE("query_deals returns each deal with all its field values, up to the limit") {
    TempDir dir;
    auto connector = scored_crm(dir);
    auto rows = connector->query_deals(DealQuery{{{"seller_score", CompareOp::ge, 0.0}}, 2});
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0].deal.id == "D-1");
    CHECK((*rows)[0].deal.owner_id == "S-1");
    CHECK(std::get<double>((*rows)[0].fields.at("seller_score")) == 90.0);
    CHECK(std::get<std::string>((*rows)[0].fields.at("seller_score_band")) == "A");
    CHECK((*rows)[1].deal.id == "D-2");
}

TEST_CASE("query_deals on an unknown field is an invalid argument") {
    TempDir dir;
    auto connector = scored_crm(dir);
    auto rows = connector->query_deals(DealQuery{{{"sellr_score", CompareOp::eq, 1.0}}, 10});
    REQUIRE_FALSE(rows);
    CHECK(rows.status().code() == StatusCode::invalid_argument);
    CHECK(rows.status().message() == "unknown deal field 'sellr_score'");
}

TEST_CASE("an imported instant keeps its milliseconds through the local CRM") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    dir.write("crm/activities.ndjson",
              R"({"id":"A-1","owner_id":"S-1","type":"call","direction":"outbound","at":"2026-01-07T09:00:00.123Z","contact_id":"C-1"})"
              "\n");
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    REQUIRE(NdjsonImporter((*connector)->database()).import_directory(dir / "crm"));
    CollectingSink sink;
    REQUIRE((*connector)->read("", sink));
    REQUIRE(sink.all.records.activities.size() == 1);
    // 2026-01-07 is day 20460 since 1970-01-01; 09:00:00.123 is 32,400,123 ms into it.
    CHECK(sink.all.records.activities[0].at == 20460LL * 86'400'000 + 32'400'123);
}

TEST_CASE("a CRM file of schema version 1 (whole seconds) is migrated to milliseconds when opened") {
    TempDir dir;
    sellerscore::test::write_small_crm(dir);
    {
        auto connector = LocalConnector::open(dir / "crm.sqlite");
        REQUIRE(connector);
        REQUIRE(NdjsonImporter((*connector)->database()).import_directory(dir / "crm"));
        // Turn the file back into what version 1 wrote: seconds, user_version 1.
        auto& db = (*connector)->database();
        REQUIRE(db.execute("UPDATE contacts SET created_at = created_at / 1000; "
                           "UPDATE deals SET created_at = created_at / 1000, closed_at = closed_at / 1000; "
                           "UPDATE stage_changes SET entered_at = entered_at / 1000; "
                           "UPDATE activities SET at = at / 1000; PRAGMA user_version = 1;"));
    }
    auto connector = LocalConnector::open(dir / "crm.sqlite");
    REQUIRE(connector);
    CollectingSink sink;
    REQUIRE((*connector)->read("", sink));
    // D-2 closed 2026-02-01T09:00:00Z: day 20485, 9 h in.
    REQUIRE(sink.all.records.deals.size() == 2);
    CHECK(sink.all.records.deals[1].closed_at == 20485LL * 86'400'000 + 9 * 3'600'000);
}
