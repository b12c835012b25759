// Property and group definitions: HubSpot's name and type/fieldType rules, 409 for existing names.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

struct Schema {
    FakeHubSpot hubspot{options_with(ManualClock{})};

    Schema() {
        REQUIRE(hubspot.handle(request("POST", "/crm/v3/properties/deals/groups", R"({"name":"seller_kpis","label":"Seller KPIs","displayOrder":-1})")).status == 201);
    }

    FakeResponse create(const std::string& body) { return hubspot.handle(request("POST", "/crm/v3/properties/deals", body)); }
};

std::string property(const std::string& name, const std::string& type, const std::string& field_type,
                     const std::string& extra = "") {
    return R"({"name":")" + name + R"(","label":"L","type":")" + type + R"(","fieldType":")" + field_type +
           R"(","groupName":"seller_kpis")" + extra + "}";
}

}  // namespace

TEST_CASE("a number property is created with its numberDisplayHint and read back") {
    Schema s;
    const FakeResponse created = s.create(property("seller_score", "number", "number", R"(,"numberDisplayHint":"percentage")"));
    REQUIRE(created.status == 201);
    const FakeResponse read = s.hubspot.handle(request("GET", "/crm/v3/properties/deals/seller_score"));
    REQUIRE(read.status == 200);
    const auto body = json_of(read).as_object();
    CHECK(body.at("type") == "number");
    CHECK(body.at("fieldType") == "number");
    CHECK(body.at("groupName") == "seller_kpis");
    CHECK(body.at("numberDisplayHint") == "percentage");
    CHECK(s.hubspot.property("deals", "seller_score")->number_display_hint == "percentage");
}

TEST_CASE("reading a missing property is a 404") {
    Schema s;
    const FakeResponse read = s.hubspot.handle(request("GET", "/crm/v3/properties/deals/seller_score"));
    REQUIRE(read.status == 404);
    CHECK(json_of(read).at("category") == "OBJECT_NOT_FOUND");
}

TEST_CASE("creating an existing property is a 409 OBJECT_ALREADY_EXISTS") {
    Schema s;
    REQUIRE(s.create(property("seller_score", "number", "number")).status == 201);
    const FakeResponse again = s.create(property("seller_score", "number", "number"));
    REQUIRE(again.status == 409);
    CHECK(json_of(again).at("category") == "OBJECT_ALREADY_EXISTS");
    // Built-ins exist from the start.
    CHECK(s.create(property("dealstage", "string", "text")).status == 409);
    CHECK(s.create(property("createdate", "datetime", "date")).status == 409);
}

TEST_CASE("property names must be lowercase snake case under 100 characters") {
    Schema s;
    CHECK(s.create(property("Seller_Score", "number", "number")).status == 400);
    CHECK(s.create(property("1score", "number", "number")).status == 400);
    CHECK(s.create(property("seller-score", "number", "number")).status == 400);
    CHECK(s.create(property(std::string(100, 'a'), "number", "number")).status == 400);
    CHECK(s.create(property(std::string(99, 'a'), "number", "number")).status == 201);
}

TEST_CASE("type and fieldType must be a pair HubSpot accepts") {
    Schema s;
    CHECK(s.create(property("a_number", "number", "text")).status == 400);
    CHECK(s.create(property("a_date", "datetime", "text")).status == 400);
    CHECK(s.create(property("a_text", "string", "number")).status == 400);
    CHECK(s.create(property("a_kind", "nonsense", "text")).status == 400);
    CHECK(s.create(property("a_when", "datetime", "date")).status == 201);
    CHECK(s.create(property("a_note", "string", "textarea")).status == 201);
    CHECK(s.create(property("a_flag", "bool", "booleancheckbox")).status == 201);
}

TEST_CASE("an enumeration needs options") {
    Schema s;
    CHECK(s.create(property("seller_tier", "enumeration", "select")).status == 400);
    CHECK(s.create(property("seller_tier", "enumeration", "select",
                            R"(,"options":[{"label":"Gold","value":"gold","displayOrder":0}])")).status == 201);
    CHECK(s.hubspot.property("deals", "seller_tier")->options.at(0).value == "gold");
}

TEST_CASE("missing required fields or an unknown group is a 400") {
    Schema s;
    CHECK(s.create(R"({"name":"x_score","type":"number","fieldType":"number","groupName":"seller_kpis"})").status == 400);
    CHECK(s.create(R"({"name":"x_score","label":"L","type":"number","fieldType":"number","groupName":"nope"})").status == 400);
}

TEST_CASE("a property group that exists gets 409 and the list shows it") {
    Schema s;
    const FakeResponse again = s.hubspot.handle(request("POST", "/crm/v3/properties/deals/groups", R"({"name":"seller_kpis","label":"Seller KPIs"})"));
    REQUIRE(again.status == 409);
    CHECK(json_of(again).at("category") == "OBJECT_ALREADY_EXISTS");
    const auto groups = json_of(s.hubspot.handle(request("GET", "/crm/v3/properties/deals/groups"))).at("results").as_array();
    CHECK(std::any_of(groups.begin(), groups.end(), [](const auto& group) { return group.at("name") == "seller_kpis"; }));
}

TEST_CASE("a deleted custom property is gone and a built-in cannot be deleted") {
    Schema s;
    REQUIRE(s.create(property("seller_score", "number", "number")).status == 201);
    CHECK(s.hubspot.handle(request("DELETE", "/crm/v3/properties/deals/seller_score")).status == 204);
    CHECK(s.hubspot.handle(request("GET", "/crm/v3/properties/deals/seller_score")).status == 404);
    CHECK(s.hubspot.handle(request("DELETE", "/crm/v3/properties/deals/amount")).status == 400);
}

TEST_CASE("a planted property with a conflicting type is what the API reports") {
    Schema s;
    s.hubspot.define_property("deals", {"seller_score", "Seller score", "string", "text", "seller_kpis", "", std::nullopt, {}, false, false});
    const auto body = json_of(s.hubspot.handle(request("GET", "/crm/v3/properties/deals/seller_score"))).as_object();
    CHECK(body.at("type") == "string");
    CHECK(s.create(property("seller_score", "number", "number")).status == 409);
}

TEST_CASE("the property list includes the stage date-entered properties of seeded pipelines") {
    Schema s;
    s.hubspot.seed(small_dataset());
    CHECK(s.hubspot.property("deals", "hs_v2_date_entered_new").has_value());
    CHECK(s.hubspot.property("deals", "hs_v2_date_entered_won")->calculated);
}
