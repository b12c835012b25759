// List targets, property definitions and deal-query filters: what goes on the wire.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/hubspot/deal_query_filters.hpp"
#include "connectors/hubspot/hubspot_api.hpp"
#include "connectors/hubspot/list_request.hpp"
#include "connectors/hubspot/property_definition.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::connectors::hubspot;
namespace json = boost::json;

TEST_CASE("a list target carries limit properties associations and after") {
    ListRequest list{"/crm/v3/objects/deals", {"dealname", "amount"}, {"contacts", "companies"}, false, 100, "abc==", {}};
    CHECK(list.target() ==
          "/crm/v3/objects/deals?limit=100&properties=dealname,amount&associations=contacts,companies&after=abc%3D%3D");
    CHECK(list.fits());
    ListRequest archived{"/crm/v3/objects/calls", {}, {}, true, 100, std::nullopt, {}};
    CHECK(archived.target() == "/crm/v3/objects/calls?limit=100&archived=true");
}

TEST_CASE("a list target asks for the dealstage history at 50 per page") {
    ListRequest list{"/crm/v3/objects/deals", {"dealstage"}, {}, false, ListRequest::history_max_limit, std::nullopt,
                     {"dealstage"}};
    CHECK(list.target() == "/crm/v3/objects/deals?limit=50&properties=dealstage&propertiesWithHistory=dealstage");
}

TEST_CASE("a list target with hundreds of properties does not fit") {
    ListRequest list{"/crm/v3/objects/deals", {}, {}, false, 100, std::nullopt, {}};
    for (int i = 0; i < 300; ++i) list.properties.push_back("hs_v2_date_entered_" + std::to_string(100000 + i));
    CHECK(list.target().size() > ListRequest::max_target_length);
    CHECK_FALSE(list.fits());
}

TEST_CASE("property definitions carry type fieldType and display hint") {
    const FieldDefinition rate{"seller_win_rate", "Seller win rate", FieldType::percentage, RecordObject::deal,
                               "Seller KPIs", "won share", {}};
    CHECK(json::serialize(property_create_body(rate)) ==
          R"({"name":"sellerscore_seller_win_rate","label":"Seller win rate","type":"number","fieldType":"number",)"
          R"("groupName":"seller_kpis","description":"won share","numberDisplayHint":"percentage"})");
    const FieldDefinition band{"seller_score_band", "Band", FieldType::enumeration, RecordObject::deal, "", "", {"A", "B"}};
    CHECK(json::serialize(property_create_body(band)) ==
          R"({"name":"sellerscore_seller_score_band","label":"Band","type":"enumeration","fieldType":"select",)"
          R"("groupName":"seller_kpis","options":[{"label":"A","value":"A","displayOrder":0},)"
          R"({"label":"B","value":"B","displayOrder":1}]})");
    const FieldDefinition when{"seller_scored_at", "At", FieldType::datetime, RecordObject::contact, "", "", {}};
    const json::object at = property_create_body(when);
    CHECK(at.at("type") == "datetime");
    CHECK(at.at("fieldType") == "date");
    const FieldDefinition money{"customer_value", "Value", FieldType::money, RecordObject::contact, "", "", {}};
    CHECK(property_create_body(money).at("numberDisplayHint") == "currency");
}

TEST_CASE("an existing property of another type is reported by name and type") {
    const FieldDefinition score{"seller_score", "Seller score", FieldType::number, RecordObject::deal, "", "", {}};
    const Status status = check_existing_property(
        score, json::parse(R"({"name":"seller_score","type":"string","fieldType":"text"})"));
    CHECK(status.code() == StatusCode::data);
    CHECK(status.message() ==
          "hubspot: deal property sellerscore_seller_score exists with type string, expected number; rename or delete it");
    CHECK(check_existing_property(score, json::parse(R"({"name":"seller_score","type":"number","fieldType":"number"})")));
}

TEST_CASE("an existing enumeration missing one of our options is reported") {
    const FieldDefinition band{"seller_score_band", "Band", FieldType::enumeration, RecordObject::deal, "", "", {"A", "B"}};
    const Status status = check_existing_property(band, json::parse(R"({"type":"enumeration","fieldType":"select",
        "options":[{"label":"A","value":"A"}]})"));
    CHECK(status.code() == StatusCode::data);
    CHECK(status.message() == "hubspot: deal property sellerscore_seller_score_band exists with no option 'B'; rename or delete it");
    const Status radio = check_existing_property(band, json::parse(R"({"type":"enumeration","fieldType":"radio",
        "options":[{"label":"A","value":"A"},{"label":"B","value":"B"}]})"));
    CHECK(radio.message() ==
          "hubspot: deal property sellerscore_seller_score_band exists with fieldType radio, expected select; rename or delete it");
}

TEST_CASE("deal predicates become one group of search filters with string values") {
    FieldSchema schema;
    schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    schema.set(RecordObject::deal, "seller_score_band", PropertyKind::enumeration);
    schema.set(RecordObject::deal, "seller_scored_at", PropertyKind::datetime);
    DealQuery query;
    query.all_of = {{"seller_score", CompareOp::ge, 75.0},
                    {"seller_score", CompareOp::lt, 90.5},
                    {"seller_score_band", CompareOp::ne, std::string("D")},
                    {"seller_scored_at", CompareOp::gt, std::string("2026-03-01T12:00:00Z")},
                    {"seller_score", CompareOp::le, 100.0},
                    {"seller_score", CompareOp::eq, 80.0}};
    const auto filters = deal_query_filters(query, schema);
    REQUIRE(filters);
    REQUIRE(filters->size() == 6);
    CHECK(((*filters)[0].property == "sellerscore_seller_score" && (*filters)[0].op == "GTE" && (*filters)[0].value == "75"));
    CHECK(((*filters)[1].op == "LT" && (*filters)[1].value == "90.5"));
    CHECK(((*filters)[2].op == "NEQ" && (*filters)[2].value == "D"));
    CHECK(((*filters)[3].op == "GT" && (*filters)[3].value == "1772366400000"));
    CHECK((*filters)[4].op == "LTE");
    CHECK((*filters)[5].op == "EQ");
}

TEST_CASE("a deal query with more than six predicates is refused naming the limit") {
    FieldSchema schema;
    schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    DealQuery query;
    for (int i = 0; i < 7; ++i) query.all_of.push_back({"seller_score", CompareOp::gt, 1.0 * i});
    const auto filters = deal_query_filters(query, schema);
    CHECK(filters.status().code() == StatusCode::invalid_argument);
    CHECK(filters.status().message().find("at most 6") != std::string::npos);
}

TEST_CASE("a deal query on an unknown field or with null is refused") {
    FieldSchema schema;
    schema.set(RecordObject::deal, "seller_score", PropertyKind::number);
    DealQuery unknown;
    unknown.all_of = {{"nope", CompareOp::eq, 1.0}};
    CHECK(deal_query_filters(unknown, schema).status().message() == "unknown deal field 'nope'");
    DealQuery null;
    null.all_of = {{"seller_score", CompareOp::eq, FieldValue()}};
    CHECK(deal_query_filters(null, schema).status().code() == StatusCode::invalid_argument);
}

TEST_CASE("a 403 names the scopes HubSpot says are missing on one line") {
    http::HttpRequest request;
    request.target = "/crm/v3/objects/deals?limit=100&properties=dealname";
    http::HttpResponse response;
    response.status = 403;
    response.body = R"({"status":"error","message":"This app hasn't been granted all required scopes to make this call.\nRead more.",
        "category":"MISSING_SCOPES","errors":[{"message":"One or more of the following scopes are required.",
        "context":{"requiredGranularScopes":["crm.objects.deals.read"]}}]})";
    const Status status = HubSpotApi::error_of(request, response);
    CHECK(status.code() == StatusCode::permission);
    CHECK(status.message() ==
          "hubspot: GET /crm/v3/objects/deals: 403 This app hasn't been granted all required scopes to make this "
          "call. Read more. (grant the app the scope crm.objects.deals.read)");
}

TEST_CASE("error answers map to status codes by HTTP status") {
    http::HttpRequest request;
    request.method = http::Method::post;
    request.target = "/crm/v3/objects/deals/batch/update";
    http::HttpResponse response;
    response.body = R"({"status":"error","message":"Authentication credentials not found."})";
    response.status = 401;
    CHECK(HubSpotApi::error_of(request, response).code() == StatusCode::auth);
    CHECK(HubSpotApi::error_of(request, response).message() ==
          "hubspot: POST /crm/v3/objects/deals/batch/update: 401 Authentication credentials not found.");
    response.status = 404;
    CHECK(HubSpotApi::error_of(request, response).code() == StatusCode::not_found);
    response.status = 400;
    CHECK(HubSpotApi::error_of(request, response).code() == StatusCode::data);
    response.status = 502;
    response.body = "<html>Bad Gateway</html>";
    CHECK(HubSpotApi::error_of(request, response).code() == StatusCode::network);
    CHECK(HubSpotApi::error_of(request, response).message() ==
          "hubspot: POST /crm/v3/objects/deals/batch/update: 502 <html>Bad Gateway</html>");
}
