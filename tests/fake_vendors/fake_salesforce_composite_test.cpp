// PATCH /composite/sobjects: the 200-record cap, per-record SaveResults and per-record faults.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

struct CompositeOrg {
    FakeSalesforce salesforce{options_with(ManualClock{})};
    model::Dataset seen = salesforce.seed(deals_dataset(201));
    std::string token = session(salesforce);

    CompositeOrg() {
        post("/tooling/sobjects/CustomField",
             R"({"FullName":"Opportunity.Seller_Score__c","Metadata":{"label":"Seller Score","type":"Percent","precision":5,"scale":2}})");
        const std::string set = str(json_of(post("/sobjects/PermissionSet", R"({"Name":"SellerScore","Label":"SellerScore"})")).at("id"));
        post("/sobjects/FieldPermissions", R"({"ParentId":")" + set +
             R"(","SobjectType":"Opportunity","Field":"Opportunity.Seller_Score__c","PermissionsRead":true,"PermissionsEdit":true})");
        post("/sobjects/PermissionSetAssignment",
             R"({"AssigneeId":")" + salesforce.integration_user_id() + R"(","PermissionSetId":")" + set + R"("})");
    }
    FakeResponse post(const std::string& path, const std::string& body) {
        return salesforce.handle(request("POST", v + path, body, token));
    }
    // Scores for the first `n` deals: deal i gets `value`.
    FakeResponse write(std::size_t n, double value, bool all_or_none = false) {
        std::string records;
        for (std::size_t i = 0; i < n; ++i)
            records += std::string(i ? "," : "") + R"({"attributes":{"type":"Opportunity"},"id":")" + seen.deals.at(i).id +
                       R"(","Seller_Score__c":)" + std::to_string(value) + "}";
        return salesforce.handle(request("PATCH", v + "/composite/sobjects",
                                         std::string(R"({"allOrNone":)") + (all_or_none ? "true" : "false") + R"(,"records":[)" + records + "]}",
                                         token));
    }
};

}  // namespace

TEST_CASE("composite/sobjects takes 200 records and refuses 201 with EXCEEDED_ID_LIMIT") {
    CompositeOrg org;
    const FakeResponse full = org.write(200, 50);
    REQUIRE(full.status == 200);
    CHECK(json_of(full).as_array().size() == 200);
    CHECK(org.salesforce.records_written() == 200);
    const FakeResponse over = org.write(201, 60);
    REQUIRE(over.status == 400);
    CHECK(error_code(over) == "EXCEEDED_ID_LIMIT");
    CHECK(error_message(over) == "record limit reached. cannot submit more than 200 records into this call");
    CHECK(org.salesforce.records_written() == 200);  // nothing of the refused call was written
    CHECK(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c") == "50");
}

TEST_CASE("SaveResults come in request order: success with the id, failures with statusCode, message and fields") {
    CompositeOrg org;
    const std::string body = R"({"allOrNone":false,"records":[)"
                             R"({"attributes":{"type":"Opportunity"},"id":")" + org.seen.deals.at(0).id + R"(","Seller_Score__c":12.345},)"
                             R"({"attributes":{"type":"Opportunity"},"id":")" + org.seen.deals.at(1).id + R"(","Seller_Score__c":1000},)"
                             R"({"attributes":{"type":"Opportunity"},"id":"006nonsense","Seller_Score__c":1}]})";
    const FakeResponse response = org.salesforce.handle(request("PATCH", v + "/composite/sobjects", body, org.token));
    REQUIRE(response.status == 200);
    const auto results = json_of(response).as_array();
    REQUIRE(results.size() == 3);
    CHECK(str(results.at(0).at("id")) == org.seen.deals.at(0).id);
    CHECK(results.at(0).at("success") == true);
    CHECK(results.at(0).at("errors").as_array().empty());
    // Percent(5, 2) holds up to 999.99 and stores the value rounded to two decimals.
    CHECK(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c") == "12.35");
    CHECK(results.at(1).at("success") == false);
    CHECK_FALSE(results.at(1).as_object().contains("id"));
    CHECK(results.at(1).at("errors").at(0).at("statusCode") == "NUMBER_OUTSIDE_VALID_RANGE");
    CHECK(results.at(1).at("errors").at(0).at("fields").at(0) == "Seller_Score__c");
    CHECK(results.at(2).at("errors").at(0).at("statusCode") == "MALFORMED_ID");
}

TEST_CASE("UNABLE_TO_LOCK_ROW fails only the faulted records, which succeed when sent again") {
    CompositeOrg org;
    org.salesforce.inject(FakeSalesforceFault::unable_to_lock_row, 2);
    const auto results = json_of(org.write(5, 40)).as_array();
    CHECK(results.at(0).at("errors").at(0).at("statusCode") == "UNABLE_TO_LOCK_ROW");
    CHECK(results.at(1).at("errors").at(0).at("statusCode") == "UNABLE_TO_LOCK_ROW");
    for (std::size_t i = 2; i < 5; ++i) CHECK(results.at(i).at("success") == true);
    CHECK_FALSE(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c").has_value());
    CHECK(json_of(org.write(2, 40)).as_array().at(0).at("success") == true);
}

TEST_CASE("a validation rule fails its record with FIELD_CUSTOM_VALIDATION_EXCEPTION every time") {
    CompositeOrg org;
    org.salesforce.reject_writes("Opportunity", org.seen.deals.at(1).id, "Scores cannot change on closed deals");
    for (int attempt = 0; attempt < 2; ++attempt) {
        const auto results = json_of(org.write(3, 40)).as_array();
        CHECK(results.at(0).at("success") == true);
        CHECK(results.at(1).at("errors").at(0).at("statusCode") == "FIELD_CUSTOM_VALIDATION_EXCEPTION");
        CHECK(results.at(1).at("errors").at(0).at("message") == "Scores cannot change on closed deals");
        CHECK(results.at(2).at("success") == true);
    }
}

TEST_CASE("allOrNone true rolls back every record when one fails") {
    CompositeOrg org;
    org.salesforce.reject_writes("Opportunity", org.seen.deals.at(2).id, "No");
    const auto results = json_of(org.write(3, 40, true)).as_array();
    CHECK(results.at(0).at("errors").at(0).at("statusCode") == "ALL_OR_NONE_OPERATION_ROLLED_BACK");
    CHECK(results.at(2).at("errors").at(0).at("statusCode") == "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    CHECK(org.salesforce.records_written() == 0);
    CHECK_FALSE(org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "Seller_Score__c").has_value());
}

TEST_CASE("a write of the value a record already holds is counted as a write that changed nothing") {
    CompositeOrg org;
    org.write(3, 40);
    CHECK(org.salesforce.writes_that_changed_nothing() == 0);
    const std::string stamp = *org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "SystemModstamp");
    org.write(3, 40);
    CHECK(org.salesforce.writes_that_changed_nothing() == 3);
    // Salesforce saves the record anyway: SystemModstamp moves.
    CHECK(*org.salesforce.value("Opportunity", org.seen.deals.at(0).id, "SystemModstamp") > stamp);
    org.write(1, 41);
    CHECK(org.salesforce.writes_that_changed_nothing() == 3);
}

TEST_CASE("standard fields are not writable through composite in this fake") {
    CompositeOrg org;
    const std::string body = R"({"allOrNone":false,"records":[{"attributes":{"type":"Opportunity"},"id":")" + org.seen.deals.at(0).id +
                             R"(","IsWon":true}]})";
    const auto result = json_of(org.salesforce.handle(request("PATCH", v + "/composite/sobjects", body, org.token))).as_array().at(0);
    CHECK(result.at("errors").at(0).at("statusCode") == "INVALID_FIELD_FOR_INSERT_UPDATE");
}

TEST_CASE("a Text(255) field takes 255 characters of accented text and refuses 256 with STRING_TOO_LONG") {
    // Salesforce counts characters: 255 two-byte "é" (510 bytes) fit, one more does not.
    CompositeOrg org;
    org.post("/tooling/sobjects/CustomField",
             R"({"FullName":"Opportunity.Seller_Score_Drivers__c","Metadata":{"label":"Drivers","type":"Text","length":255}})");
    const std::string set = str(json_of(org.post("/sobjects/PermissionSet", R"({"Name":"Drivers","Label":"Drivers"})")).at("id"));
    org.post("/sobjects/FieldPermissions", R"({"ParentId":")" + set +
             R"(","SobjectType":"Opportunity","Field":"Opportunity.Seller_Score_Drivers__c","PermissionsRead":true,"PermissionsEdit":true})");
    org.post("/sobjects/PermissionSetAssignment",
             R"({"AssigneeId":")" + org.salesforce.integration_user_id() + R"(","PermissionSetId":")" + set + R"("})");
    const auto write_text = [&](std::size_t characters) {
        std::string text;
        for (std::size_t i = 0; i < characters; ++i) text += "\u00e9";
        return org.salesforce.handle(request("PATCH", v + "/composite/sobjects",
                                             R"({"allOrNone":false,"records":[{"attributes":{"type":"Opportunity"},"id":")" +
                                                 org.seen.deals.at(0).id + R"(","Seller_Score_Drivers__c":")" + text + R"("}]})",
                                             org.token));
    };
    const FakeResponse fits = write_text(255);
    REQUIRE(fits.status == 200);
    CHECK(json_of(fits).as_array().at(0).at("success").as_bool());
    const FakeResponse over = write_text(256);
    REQUIRE(over.status == 200);
    const boost::json::value answer = json_of(over);
    const boost::json::object& result = answer.as_array().at(0).as_object();
    CHECK_FALSE(result.at("success").as_bool());
    CHECK(str(result.at("errors").as_array().at(0).at("statusCode")) == "STRING_TOO_LONG");
}
