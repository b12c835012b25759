// Tooling API custom fields and field-level security through permission sets.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

const std::string score_field =
    R"({"FullName":"Opportunity.Seller_Score__c","Metadata":{"label":"Seller Score","type":"Number","precision":18,"scale":2}})";

struct CustomFieldsOrg {
    FakeSalesforce salesforce{options_with(ManualClock{})};
    model::Dataset seen = salesforce.seed(deals_dataset(2));
    std::string token = session(salesforce);

    FakeResponse post(const std::string& path, const std::string& body) {
        return salesforce.handle(request("POST", v + path, body, token));
    }
    std::string created_id(const FakeResponse& response) {
        INFO(response.body);
        REQUIRE(response.status == 201);
        return str(json_of(response).at("id"));
    }
    // Permission set + FieldPermissions + assignment to the integration user.
    void grant(const std::string& field, bool edit) {
        const std::string set = created_id(post("/sobjects/PermissionSet", R"({"Name":"SellerScore","Label":"SellerScore"})"));
        created_id(post("/sobjects/FieldPermissions", R"({"ParentId":")" + set + R"(","SobjectType":"Opportunity","Field":")" + field +
                                                          R"(","PermissionsRead":true,"PermissionsEdit":)" + (edit ? "true" : "false") + "}"));
        created_id(post("/sobjects/PermissionSetAssignment",
                        R"({"AssigneeId":")" + salesforce.integration_user_id() + R"(","PermissionSetId":")" + set + R"("})"));
    }
    FakeResponse write_score(double value) {
        const std::string body = R"({"allOrNone":false,"records":[{"attributes":{"type":"Opportunity"},"id":")" + seen.deals.at(0).id +
                                 R"(","Seller_Score__c":)" + std::to_string(value) + "}]}";
        return salesforce.handle(request("PATCH", v + "/composite/sobjects", body, token));
    }
};

}  // namespace

TEST_CASE("a Tooling API CustomField create answers 201 and shows in a tooling query") {
    CustomFieldsOrg org;
    const std::string id = org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    CHECK(id.rfind("00N", 0) == 0);
    const FakeResponse listed = org.salesforce.handle(soql(
        org.token, "SELECT Id, DeveloperName, TableEnumOrId FROM CustomField WHERE TableEnumOrId = 'Opportunity'", "/tooling/query"));
    REQUIRE(listed.status == 200);
    const auto record = json_of(listed).at("records").as_array().at(0).as_object();
    CHECK(record.at("DeveloperName") == "Seller_Score");
    CHECK(record.at("TableEnumOrId") == "Opportunity");
    CHECK(record.at("attributes").at("type") == "CustomField");
    const FakeResponse metadata = org.salesforce.handle(
        soql(org.token, "SELECT Metadata FROM CustomField WHERE DeveloperName = 'Seller_Score'", "/tooling/query"));
    REQUIRE(metadata.status == 200);
    CHECK(json_of(metadata).at("records").at(0).at("Metadata").at("type") == "Number");
    CHECK(json_of(metadata).at("records").at(0).at("Metadata").at("scale").as_int64() == 2);
}

TEST_CASE("Metadata can be queried for one CustomField at a time only") {
    CustomFieldsOrg org;
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    org.created_id(org.post("/tooling/sobjects/CustomField",
                            R"({"FullName":"Opportunity.Score_Rank__c","Metadata":{"label":"Rank","type":"Number","precision":18,"scale":0}})"));
    const FakeResponse response = org.salesforce.handle(soql(org.token, "SELECT Metadata FROM CustomField", "/tooling/query"));
    CHECK(response.status == 400);
    CHECK(error_code(response) == "MALFORMED_QUERY");
}

TEST_CASE("a new custom field is INVALID_FIELD in SOQL and unwritable until a permission set grants it") {
    CustomFieldsOrg org;
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    const FakeResponse hidden = org.salesforce.handle(soql(org.token, "SELECT Seller_Score__c FROM Opportunity"));
    CHECK(hidden.status == 400);
    CHECK(error_code(hidden) == "INVALID_FIELD");
    const auto invisible = json_of(org.write_score(71.5)).as_array().at(0).as_object();
    CHECK(invisible.at("success") == false);
    CHECK(invisible.at("errors").at(0).at("statusCode") == "INVALID_FIELD");

    org.grant("Opportunity.Seller_Score__c", true);
    CHECK(org.salesforce.handle(soql(org.token, "SELECT Seller_Score__c FROM Opportunity")).status == 200);
    const auto written = json_of(org.write_score(71.5)).as_array().at(0).as_object();
    CHECK(written.at("success") == true);
    CHECK(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c") == "71.5");
}

TEST_CASE("read access without edit makes the field visible but refuses writes with INVALID_FIELD_FOR_INSERT_UPDATE") {
    CustomFieldsOrg org;
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    org.grant("Opportunity.Seller_Score__c", false);
    CHECK(org.salesforce.handle(soql(org.token, "SELECT Seller_Score__c FROM Opportunity")).status == 200);
    const auto refused = json_of(org.write_score(10)).as_array().at(0).as_object();
    CHECK(refused.at("success") == false);
    CHECK(refused.at("errors").at(0).at("statusCode") == "INVALID_FIELD_FOR_INSERT_UPDATE");
    CHECK(refused.at("errors").at(0).at("fields").at(0) == "Seller_Score__c");
}

TEST_CASE("creating a field that exists, with the same or another type, is DUPLICATE_DEVELOPER_NAME") {
    CustomFieldsOrg org;
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    for (const std::string& body :
         {score_field, std::string(R"({"FullName":"Opportunity.Seller_Score__c","Metadata":{"label":"Seller Score","type":"Text","length":80}})")}) {
        const FakeResponse again = org.post("/tooling/sobjects/CustomField", body);
        REQUIRE(again.status == 400);
        CHECK(error_code(again) == "DUPLICATE_DEVELOPER_NAME");
        CHECK(error_message(again) == "There is already a field named Seller_Score on Opportunity.");
    }
}

TEST_CASE("field names follow Salesforce's rules: a letter first, no double or trailing underscore, at most 40 characters") {
    CustomFieldsOrg org;
    auto create = [&](const std::string& name) {
        return org.post("/tooling/sobjects/CustomField", R"({"FullName":"Opportunity.)" + name +
                                                            R"(","Metadata":{"label":"X","type":"Percent","precision":5,"scale":2}})");
    };
    CHECK(create(std::string(40, 'A') + "__c").status == 201);
    for (const std::string& bad : {std::string(41, 'B') + "__c", std::string("1Score__c"), std::string("Seller__Score__c"),
                                   std::string("Score___c"), std::string("Seller_Score")}) {
        INFO(bad);
        const FakeResponse response = create(bad);
        CHECK(response.status == 400);
        CHECK(error_code(response) == "FIELD_INTEGRITY_EXCEPTION");
    }
}

TEST_CASE("permission sets are unique by name and FieldPermissions edit needs read") {
    CustomFieldsOrg org;
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    const std::string set = org.created_id(org.post("/sobjects/PermissionSet", R"({"Name":"SellerScore","Label":"SellerScore"})"));
    const FakeResponse twice = org.post("/sobjects/PermissionSet", R"({"Name":"SellerScore","Label":"Again"})");
    CHECK(twice.status == 400);
    CHECK(error_code(twice) == "DUPLICATE_VALUE");
    const FakeResponse edit_only = org.post("/sobjects/FieldPermissions", R"({"ParentId":")" + set +
        R"(","SobjectType":"Opportunity","Field":"Opportunity.Seller_Score__c","PermissionsRead":false,"PermissionsEdit":true})");
    CHECK(edit_only.status == 400);
    CHECK(error_code(org.post("/sobjects/PermissionSet", R"({"Label":"No name"})")) == "REQUIRED_FIELD_MISSING");
    const auto found = json_of(org.salesforce.handle(soql(org.token, "SELECT Id FROM PermissionSet WHERE Name = 'SellerScore'")));
    CHECK(str(found.at("records").at(0).at("Id")) == set);
}

TEST_CASE("deleting a custom field through the Tooling API hides it and frees its name") {
    CustomFieldsOrg org;
    const std::string id = org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    org.grant("Opportunity.Seller_Score__c", true);
    REQUIRE(org.write_score(5).status == 200);
    const FakeResponse deleted = org.salesforce.handle(request("DELETE", v + "/tooling/sobjects/CustomField/" + id, "", org.token));
    CHECK(deleted.status == 204);
    CHECK(error_code(org.salesforce.handle(soql(org.token, "SELECT Seller_Score__c FROM Opportunity"))) == "INVALID_FIELD");
    const FakeResponse listed = org.salesforce.handle(soql(org.token, "SELECT Id FROM CustomField", "/tooling/query"));
    CHECK(json_of(listed).at("totalSize").as_int64() == 0);
    // Created again, the field is new: empty and without field-level security.
    org.created_id(org.post("/tooling/sobjects/CustomField", score_field));
    CHECK(error_code(org.salesforce.handle(soql(org.token, "SELECT Seller_Score__c FROM Opportunity"))) == "INVALID_FIELD");
    CHECK(org.salesforce.handle(request("DELETE", v + "/tooling/sobjects/CustomField/" + id, "", org.token)).status == 404);
}
