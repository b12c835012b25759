// Our logical fields in Pipedrive's custom fields: strict JSON types on the way in, lenient reads
// on the way out, one PATCH per record, and query predicates.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/pipedrive/custom_field.hpp"
#include "connectors/pipedrive/deal_predicate.hpp"
#include "connectors/pipedrive/record_patch.hpp"
#include "connectors/pipedrive/sync_cursor.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::pipedrive;
namespace json = boost::json;

namespace {

const std::string score_code(40, 'a');
const std::string band_code(40, 'b');
const std::string updated_code(40, 'c');

CustomField score_field() { return CustomField{score_code, "Seller score", "double", {}}; }
CustomField band_field() { return CustomField{band_code, "Seller score band", "enum", {{1, "A"}, {2, "B"}, {3, "C"}, {4, "D"}}}; }
CustomField updated_field() { return CustomField{updated_code, "KPI updated at", "date", {}}; }

}  // namespace

TEST_CASE("our logical types map to double enum and date") {
    CHECK(pipedrive_type_of(FieldType::number) == "double");
    CHECK(pipedrive_type_of(FieldType::percentage) == "double");
    CHECK(pipedrive_type_of(FieldType::money) == "double");
    CHECK(pipedrive_type_of(FieldType::enumeration) == "enum");
    CHECK(pipedrive_type_of(FieldType::datetime) == "date");
}

TEST_CASE("numbers are written as JSON numbers and percentages as ratios") {
    const auto score = score_field().json_value(FieldType::number, FieldValue(87.5));
    REQUIRE(score);
    CHECK(score->is_double());
    CHECK(score->as_double() == 87.5);
    const auto rate = score_field().json_value(FieldType::percentage, FieldValue(0.25));
    CHECK(rate->as_double() == 0.25);
    CHECK_FALSE(score_field().json_value(FieldType::number, FieldValue(std::string("87.5"))));
}

TEST_CASE("an enumeration is written as its option id and a datetime as its UTC day") {
    const auto band = band_field().json_value(FieldType::enumeration, FieldValue(std::string("C")));
    REQUIRE(band);
    CHECK(band->as_int64() == 3);
    CHECK(band_field().json_value(FieldType::enumeration, FieldValue(std::string("E"))).status().code() ==
          StatusCode::invalid_argument);
    const auto day = updated_field().json_value(FieldType::datetime, FieldValue(std::string("2026-03-01T23:30:00Z")));
    CHECK(day->as_string() == "2026-03-01");
}

TEST_CASE("null clears a field") {
    const auto cleared = score_field().json_value(FieldType::number, FieldValue());
    REQUIRE(cleared);
    CHECK(cleared->is_null());
}

TEST_CASE("held values read back bare or wrapped") {
    const json::value number = 42.0;
    CHECK(score_field().held_value(&number) == FieldValue(42.0));
    const json::value wrapped = json::parse(R"({"value": 12})");
    CHECK(score_field().held_value(&wrapped) == FieldValue(12.0));
    const json::value option = 2;
    CHECK(band_field().held_value(&option) == FieldValue(std::string("B")));
    const json::value unknown_option = 9;
    CHECK(band_field().held_value(&unknown_option) == FieldValue());
    const json::value day = "2026-03-01";
    CHECK(updated_field().held_value(&day) == FieldValue(std::string("2026-03-01T00:00:00Z")));
    CHECK(score_field().held_value(nullptr) == FieldValue());
}

TEST_CASE("field lists read v2 items with their options") {
    const auto field = CustomField::from_json(json::parse(
        R"({"field_name":"Seller score band","field_code":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","field_type":"enum",
            "options":[{"id":1,"label":"A"},{"id":2,"label":"B"}]})"));
    REQUIRE(field);
    CHECK(field->name == "Seller score band");
    CHECK(field->code == band_code);
    CHECK(field->type == "enum");
    CHECK(field->option_id("B") == 2);
}

TEST_CASE("writes to one record share one PATCH and unknown fields fail alone") {
    const std::map<RecordObject, std::map<std::string, CustomField>> fields{
        {RecordObject::deal, {{"seller_score", score_field()}, {"seller_score_band", band_field()}}}};
    const std::vector<FieldWrite> writes{
        {RecordObject::deal, "12", "seller_score", FieldValue(87.5)},
        {RecordObject::deal, "13", "seller_score", FieldValue()},
        {RecordObject::deal, "12", "seller_score_band", FieldValue(std::string("A"))},
        {RecordObject::deal, "12", "no_such_field", FieldValue(1.0)},
    };
    const PatchPlan plan = plan_patches(writes, fields);
    REQUIRE(plan.patches.size() == 2);
    CHECK(plan.patches[0].record_id == "12");
    CHECK(plan.patches[0].writes == std::vector<std::size_t>{0, 2});
    const http::HttpRequest request = plan.patches[0].request();
    CHECK(request.method == http::Method::patch);
    CHECK(request.target == "/api/v2/deals/12");
    const json::value body = json::parse(request.body);
    CHECK(body.at("custom_fields").at(score_code).as_double() == 87.5);
    CHECK(body.at("custom_fields").at(band_code).as_int64() == 1);
    CHECK(json::parse(plan.patches[1].request().body).at("custom_fields").at(score_code).is_null());
    REQUIRE(plan.failures.size() == 1);
    CHECK(plan.failures[0].index == 3);
    CHECK(plan.failures[0].status.code() == StatusCode::invalid_argument);
}

TEST_CASE("predicates compare numbers numerically and treat null as equal only to null") {
    const std::map<std::string, FieldValue> held{{"seller_score", 87.5}, {"seller_score_band", std::string("A")}};
    CHECK(matches_all(held, {{"seller_score", CompareOp::ge, 80.0}}));
    CHECK_FALSE(matches_all(held, {{"seller_score", CompareOp::lt, 80.0}}));
    CHECK(matches_all(held, {{"seller_score", CompareOp::gt, 9.0}}));  // 87.5 > 9 although "87.5" < "9"
    CHECK(matches_all(held, {{"seller_score_band", CompareOp::eq, std::string("A")}}));
    CHECK(matches_all(held, {{"seller_win_rate", CompareOp::eq, FieldValue()}}));
    CHECK_FALSE(matches_all(held, {{"seller_win_rate", CompareOp::gt, 0.0}}));
    CHECK(matches_all(held, {{"seller_win_rate", CompareOp::ne, 0.0}}));
    CHECK_FALSE(matches_all(held, {{"seller_score", CompareOp::ge, 80.0}, {"seller_score_band", CompareOp::eq, std::string("B")}}));
}

TEST_CASE("the cursor round-trips through its text and skips what its mark delivered") {
    SyncCursor cursor;
    cursor.marks["deals"].advance(100'000, "12");
    cursor.marks["deals"].advance(200'000, "13");
    cursor.marks["deals"].advance(200'000, "14");
    cursor.marks["deals"].advance(150'000, "15");  // older than the mark: no change
    cursor.hashes["users"] = "0123456789abcdef";
    const auto parsed = SyncCursor::parse(cursor.to_text());
    REQUIRE(parsed);
    CHECK(*parsed == cursor);
    const ListMark& deals = *parsed->mark("deals");
    CHECK(deals.at == 200'000);  // model milliseconds; Pipedrive times are whole seconds
    CHECK(deals.ids == std::set<std::string>{"13", "14"});
    CHECK(deals.covers(200'000, "13"));
    CHECK_FALSE(deals.covers(200'000, "16"));
    CHECK(deals.covers(199'000, "16"));
    CHECK_FALSE(deals.covers(201'000, "13"));
    CHECK(json::parse(cursor.to_text()).at("marks").at("deals").at("at").as_string() == "1970-01-01T00:03:20Z");
}

TEST_CASE("a cursor this connector did not write is refused") {
    CHECK(SyncCursor::parse("").is_ok());
    CHECK(SyncCursor::parse("{\"v\":1,\"deals\":12}").is_ok());
    CHECK(SyncCursor::parse("not json").status().code() == StatusCode::invalid_argument);
    CHECK(SyncCursor::parse("{\"v\":2}").status().code() == StatusCode::invalid_argument);
}
