// Salesforce's wire formats as its documentation shows them: dateTime values, Sforce-Limit-Info,
// custom field API names, the sync cursor and the deals --where SOQL.
#include <catch2/catch.hpp>

#include "connectors/salesforce/api_allocation.hpp"
#include "connectors/salesforce/deal_where.hpp"
#include "connectors/salesforce/field_name.hpp"
#include "connectors/salesforce/field_schema.hpp"
#include "connectors/salesforce/salesforce_time.hpp"
#include "connectors/salesforce/sync_cursor.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::salesforce;

// 2026-03-01T00:00:00Z: 56 years after 1970 with 14 leap days = 20,454 days to 2026-01-01, + 31 + 28.
constexpr model::Timestamp march_1_2026 = 20'513LL * 86'400'000LL;

TEST_CASE("A Salesforce dateTime with milliseconds and a colon-less offset parses to the millisecond",
          "[salesforce][time]") {
    CHECK(parse_instant("2026-03-01T12:00:00.000+0000") == march_1_2026 + 12 * 3'600'000LL);
    CHECK(parse_instant("2026-03-01T12:00:00.250+0000") == march_1_2026 + 12 * 3'600'000LL + 250);
    CHECK(parse_instant("2026-03-01T12:00:00.000+0100") == march_1_2026 + 11 * 3'600'000LL);
    CHECK(parse_instant("2026-03-01T12:00:00Z") == march_1_2026 + 12 * 3'600'000LL);
    CHECK_FALSE(parse_instant("2026-03-01 12:00").has_value());
}

TEST_CASE("A CloseDate is its UTC midnight and SOQL literals carry milliseconds and Z", "[salesforce][time]") {
    CHECK(parse_date("2026-03-01") == march_1_2026);
    CHECK(soql_instant(march_1_2026) == "2026-03-01T00:00:00.000Z");
    CHECK(soql_instant(march_1_2026 + 250) == "2026-03-01T00:00:00.250Z");
}

TEST_CASE("Sforce-Limit-Info gives the calls used and the daily allocation", "[salesforce][limits]") {
    const auto usage = parse_limit_info("api-usage=18/15000");
    REQUIRE(usage.has_value());
    CHECK(usage->used == 18);
    CHECK(usage->max == 15000);
    const auto with_app = parse_limit_info("per-app-api-usage=17/250(appName=sample-app), api-usage=25/5000");
    REQUIRE(with_app.has_value());
    CHECK(with_app->used == 25);
    CHECK_FALSE(parse_limit_info("api-usage=abc").has_value());
}

TEST_CASE("A call that would leave less than 20% of the allocation is not made", "[salesforce][limits]") {
    ApiAllocation allocation;  // reserve 20% of 100 = 20 calls
    CHECK(allocation.may_call().is_ok());  // nothing known yet
    allocation.observe({79, 100});         // one more call leaves 20: allowed
    CHECK(allocation.may_call().is_ok());
    allocation.observe({80, 100});  // one more would leave 19
    const Status refused = allocation.may_call();
    CHECK(refused.code() == StatusCode::rate_limited);
    CHECK(refused.message().find("80 of 100") != std::string::npos);
}

TEST_CASE("Our field ids become Salesforce custom field API names", "[salesforce][fields]") {
    CHECK(api_field_name("seller_score") == "Seller_Score__c");
    CHECK(api_field_name("win_rate") == "Win_Rate__c");
    CHECK(developer_name("seller_score_band") == "Seller_Score_Band");
    // 45 characters of id: the name stops at 40 and does not end with an underscore.
    const std::string name = developer_name("abcdefghij_abcdefghij_abcdefghij_abcdefg_xyz");
    CHECK(name == "Abcdefghij_Abcdefghij_Abcdefghij_Abcdefg");
    CHECK(name.size() == 40);
    CHECK(sobject_of(RecordObject::deal) == "Opportunity");
    CHECK(sobject_of(RecordObject::company) == "Account");
}

TEST_CASE("Percent fields hold 0-100 and datetimes go out as Salesforce instants", "[salesforce][fields]") {
    CHECK(to_salesforce(FieldType::percentage, FieldValue{0.25}).as_double() == Approx(25.0));
    CHECK(to_salesforce(FieldType::number, FieldValue{71.5}).as_double() == Approx(71.5));
    CHECK(to_salesforce(FieldType::datetime, FieldValue{std::string("2026-03-01T00:00:00Z")}).as_string() ==
          "2026-03-01T00:00:00.000Z");
    CHECK(to_salesforce(FieldType::number, FieldValue{}).is_null());
    CHECK(std::get<double>(from_salesforce(FieldType::percentage, boost::json::value(25.0))) == Approx(0.25));
    CHECK(std::get<std::string>(from_salesforce(FieldType::datetime, boost::json::value("2026-03-01T00:00:00.000+0000"))) ==
          "2026-03-01T00:00:00Z");
}

TEST_CASE("The sync cursor survives its text form and refuses a foreign one", "[salesforce][cursor]") {
    SyncCursor cursor;
    cursor.marks["Opportunity"] = march_1_2026 + 5;
    cursor.counts["Opportunity"] = 42;
    const auto back = SyncCursor::parse(cursor.to_text());
    REQUIRE(back.is_ok());
    CHECK(back->marks.at("Opportunity") == march_1_2026 + 5);
    CHECK(back->counts.at("Opportunity") == 42);
    CHECK(SyncCursor::parse("{\"after\":\"10\"}").status().code() == StatusCode::invalid_argument);
}

TEST_CASE("deals --where becomes a SOQL WHERE on our Opportunity fields", "[salesforce][query]") {
    FieldSchema schema;
    schema.add({"seller_score", "Seller score", FieldType::number, RecordObject::deal, "", "", {}});
    schema.add({"win_rate", "Win rate", FieldType::percentage, RecordObject::deal, "", "", {}});
    schema.add({"seller_score_band", "Band", FieldType::enumeration, RecordObject::deal, "", "", {"top", "low"}});
    DealQuery query;
    query.all_of = {{"seller_score", CompareOp::ge, FieldValue{70.0}},
                    {"win_rate", CompareOp::lt, FieldValue{0.5}},
                    {"seller_score_band", CompareOp::eq, FieldValue{std::string("top")}}};
    const auto where = deal_where(query, schema);
    REQUIRE(where.is_ok());
    CHECK(*where == "Seller_Score__c >= 70 AND Win_Rate__c < 50 AND Seller_Score_Band__c = 'top'");
    query.all_of = {{"no_such_field", CompareOp::eq, FieldValue{1.0}}};
    CHECK(deal_where(query, schema).status().code() == StatusCode::invalid_argument);
}
