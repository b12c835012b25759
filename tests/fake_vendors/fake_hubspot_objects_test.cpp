// Object reads: list paging, limits, property projection, associations, archived, batch read.
#include <catch2/catch.hpp>

#include <set>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

std::vector<std::string> create_contacts(FakeHubSpot& hubspot, int count) {
    std::vector<std::string> ids;
    for (int i = 0; i < count; ++i) ids.push_back(hubspot.create("contacts", {{"firstname", "P" + std::to_string(i)}}).value());
    return ids;
}

}  // namespace

TEST_CASE("list paging with after visits every object exactly once and the last page has no paging") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const std::vector<std::string> created = create_contacts(hubspot, 25);
    std::multiset<std::string> seen;
    std::string after;
    int pages = 0;
    while (true) {
        const FakeResponse page =
            hubspot.handle(request("GET", "/crm/v3/objects/contacts?limit=10" + (after.empty() ? "" : "&after=" + after)));
        REQUIRE(page.status == 200);
        ++pages;
        const auto body = json_of(page).as_object();
        for (const auto& result : body.at("results").as_array()) seen.insert(std::string(result.at("id").as_string()));
        if (!body.contains("paging")) break;
        after = std::string(body.at("paging").at("next").at("after").as_string());
        CHECK(body.at("paging").at("next").as_object().contains("link"));
    }
    CHECK(pages == 3);
    CHECK(seen == std::multiset<std::string>(created.begin(), created.end()));
}

TEST_CASE("list limit defaults to 10 and more than 100 is a 400 VALIDATION_ERROR") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    create_contacts(hubspot, 12);
    CHECK(json_of(hubspot.handle(request("GET", "/crm/v3/objects/contacts"))).at("results").as_array().size() == 10);
    CHECK(json_of(hubspot.handle(request("GET", "/crm/v3/objects/contacts?limit=100"))).at("results").as_array().size() == 12);
    const FakeResponse too_many = hubspot.handle(request("GET", "/crm/v3/objects/contacts?limit=101"));
    REQUIRE(too_many.status == 400);
    CHECK(json_of(too_many).at("category") == "VALIDATION_ERROR");
}

TEST_CASE("a list returns only requested properties plus the id and the created and modified dates") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=100&properties=amount,dealstage,no_such_property"));
    REQUIRE(response.status == 200);
    const auto results = json_of(response).at("results").as_array();
    REQUIRE(results.size() == 3);
    const auto& first = results[0].as_object();
    const auto& properties = first.at("properties").as_object();
    std::set<std::string> names;
    for (const auto& property : properties) names.insert(std::string(property.key()));
    CHECK(names == std::set<std::string>{"amount", "dealstage", "hs_object_id", "createdate", "hs_lastmodifieddate"});
    CHECK(str(properties.at("hs_object_id")) == str(first.at("id")));
    CHECK(properties.at("amount") == "1234.5");
    CHECK(properties.at("dealstage") == "won");
    CHECK(properties.at("createdate") == "2026-01-01T00:01:40.000Z");  // t0 + 100 s
    // A requested property without a value shows as null.
    CHECK(results[1].at("properties").at("amount").is_null());
}

TEST_CASE("a contacts list shows lastmodifieddate rather than hs_lastmodifieddate") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    create_contacts(hubspot, 1);
    const auto properties = json_of(hubspot.handle(request("GET", "/crm/v3/objects/contacts?properties=email")))
                                 .at("results").at(0).at("properties").as_object();
    CHECK(properties.contains("lastmodifieddate"));
    CHECK_FALSE(properties.contains("hs_lastmodifieddate"));
}

TEST_CASE("associations on a list name the associated ids with their type label") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const FakeResponse response = hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=100&associations=contacts,companies"));
    const auto first = json_of(response).at("results").at(0).as_object();
    const auto& contacts = first.at("associations").at("contacts").at("results").as_array();
    REQUIRE(contacts.size() == 1);
    CHECK(str(contacts[0].at("id")) == *seen.deals[0].contact_id);
    CHECK(contacts[0].at("type") == "deal_to_contact");
    CHECK(str(first.at("associations").at("companies").at("results").at(0).at("id")) == *seen.deals[0].company_id);
    // The third deal has no associations at all: no "associations" key.
    CHECK_FALSE(json_of(response).at("results").at(2).as_object().contains("associations"));
}

TEST_CASE("archived=true lists only archived objects with archivedAt") {
    ManualClock clock;
    FakeHubSpot hubspot(options_with(clock));
    const std::vector<std::string> ids = create_contacts(hubspot, 3);
    clock.advance(std::chrono::milliseconds(5000));
    REQUIRE(hubspot.archive("contacts", ids[1]));
    const auto live = json_of(hubspot.handle(request("GET", "/crm/v3/objects/contacts"))).at("results").as_array();
    CHECK(live.size() == 2);
    const auto archived = json_of(hubspot.handle(request("GET", "/crm/v3/objects/contacts?archived=true"))).at("results").as_array();
    REQUIRE(archived.size() == 1);
    CHECK(str(archived[0].at("id")) == ids[1]);
    CHECK(archived[0].at("archived") == true);
    CHECK(archived[0].at("archivedAt") == "2026-05-28T20:26:45.000Z");  // 1,780,000,005,000 ms
    CHECK(hubspot.object_count("contacts") == 2);
    CHECK(hubspot.object_count("contacts", true) == 1);
}

TEST_CASE("a request target longer than 8000 characters gets 414") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const FakeResponse response =
        hubspot.handle(request("GET", "/crm/v3/objects/deals?properties=" + std::string(8000, 'a')));
    CHECK(response.status == 414);
}

TEST_CASE("batch read returns the asked properties and 207 OBJECT_NOT_FOUND for missing ids") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const std::vector<std::string> ids = create_contacts(hubspot, 2);
    const std::string body = R"({"properties":["firstname"],"inputs":[{"id":")" + ids[0] + R"("},{"id":"999"},{"id":")" + ids[1] + R"("}]})";
    const FakeResponse response = hubspot.handle(request("POST", "/crm/v3/objects/contacts/batch/read", body));
    REQUIRE(response.status == 207);
    const auto json = json_of(response).as_object();
    CHECK(json.at("results").as_array().size() == 2);
    CHECK(json.at("results").at(0).at("properties").at("firstname") == "P0");
    CHECK(json.at("errors").at(0).at("category") == "OBJECT_NOT_FOUND");
    CHECK(json.at("errors").at(0).at("context").at("ids") == boost::json::array{"999"});
}

TEST_CASE("batch read of more than 100 inputs is a 400") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    std::string body = R"({"inputs":[)";
    for (int i = 0; i < 101; ++i) body += std::string(i ? "," : "") + R"({"id":")" + std::to_string(i + 1) + R"("})";
    body += "]}";
    CHECK(hubspot.handle(request("POST", "/crm/v3/objects/contacts/batch/read", body)).status == 400);
}

TEST_CASE("v4 association batch read lists the associated ids as numbers") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const std::string call_id = seen.activities[0].id.substr(std::string("calls:").size());
    const FakeResponse response = hubspot.handle(
        request("POST", "/crm/v4/associations/calls/deals/batch/read", R"({"inputs":[{"id":")" + call_id + R"("}]})"));
    REQUIRE(response.status == 200);
    const auto result = json_of(response).at("results").at(0);
    CHECK(str(result.at("from").at("id")) == call_id);
    CHECK(std::to_string(result.at("to").at(0).at("toObjectId").to_number<std::uint64_t>()) == seen.deals[0].id);
    CHECK(result.at("to").at(0).at("associationTypes").at(0).at("typeId") == 206);
}

TEST_CASE("owners page with after and limit up to 500") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const auto first = json_of(hubspot.handle(request("GET", "/crm/v3/owners?limit=1"))).as_object();
    REQUIRE(first.at("results").as_array().size() == 1);
    CHECK(str(first.at("results").at(0).at("id")) == seen.sellers[0].id);
    CHECK(first.at("results").at(0).at("teams").at(0).at("name") == "North");
    CHECK(first.at("results").at(0).at("teams").at(0).at("primary") == true);
    // The second seller is inactive: an archived owner, absent from the default list.
    CHECK_FALSE(first.contains("paging"));
    const auto archived = json_of(hubspot.handle(request("GET", "/crm/v3/owners?archived=true"))).at("results").as_array();
    REQUIRE(archived.size() == 1);
    CHECK(str(archived[0].at("id")) == seen.sellers[1].id);
    CHECK(hubspot.handle(request("GET", "/crm/v3/owners?limit=501")).status == 400);
}

TEST_CASE("deal pipelines carry isClosed and probability metadata") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.seed(small_dataset());
    const auto stages = json_of(hubspot.handle(request("GET", "/crm/v3/pipelines/deals"))).at("results").at(0).at("stages").as_array();
    REQUIRE(stages.size() == 4);
    CHECK(stages[0].at("id") == "new");
    CHECK(stages[0].at("metadata").at("isClosed") == "false");
    CHECK(stages[0].at("metadata").at("probability") == "0.1");
    CHECK(stages[2].at("metadata").at("isClosed") == "true");
    CHECK(stages[2].at("metadata").at("probability") == "1.0");
}

TEST_CASE("propertiesWithHistory lists every dealstage value newest first with millisecond ISO times") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const FakeResponse response =
        hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=50&properties=dealstage&propertiesWithHistory=dealstage"));
    REQUIRE(response.status == 200);
    const boost::json::value body = json_of(response);
    const auto& d1 = body.at("results").as_array().at(0).as_object();
    REQUIRE(str(d1.at("id")) == seen.deals[0].id);
    const auto& history = d1.at("propertiesWithHistory").at("dealstage").as_array();
    REQUIRE(history.size() == 4);
    // D1 went new -> proposal -> new -> won at t0 + 100, 200, 300 and 900 s.
    CHECK(str(history[0].at("value")) == "won");
    CHECK(str(history[0].at("timestamp")) == "2026-01-01T00:15:00.000Z");
    CHECK(str(history[1].at("value")) == "new");
    CHECK(str(history[1].at("timestamp")) == "2026-01-01T00:05:00.000Z");
    CHECK(str(history[2].at("value")) == seen.stages[1].id);
    CHECK(str(history[2].at("timestamp")) == "2026-01-01T00:03:20.000Z");
    CHECK(str(history[3].at("value")) == "new");
    CHECK(str(history[3].at("timestamp")) == "2026-01-01T00:01:40.000Z");
    CHECK(str(history[3].at("sourceType")) == "CRM_UI");
}

TEST_CASE("a list with propertiesWithHistory allows at most 50 objects per page") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    hubspot.seed(small_dataset());
    CHECK(hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=50&propertiesWithHistory=dealstage")).status == 200);
    const FakeResponse too_many = hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=51&propertiesWithHistory=dealstage"));
    REQUIRE(too_many.status == 400);
    CHECK(json_of(too_many).at("category") == "VALIDATION_ERROR");
    // Without history the list page is 100 as ever.
    CHECK(hubspot.handle(request("GET", "/crm/v3/objects/deals?limit=100")).status == 200);
}

TEST_CASE("batch read with propertiesWithHistory allows at most 50 inputs and returns the histories") {
    FakeHubSpot hubspot(options_with(ManualClock{}));
    const model::Dataset seen = hubspot.seed(small_dataset());
    const auto body = [&](int inputs) {
        boost::json::array list;
        for (int i = 0; i < inputs; ++i) list.push_back(boost::json::object{{"id", seen.deals[0].id}});
        return boost::json::serialize(boost::json::object{{"inputs", std::move(list)},
                                                          {"properties", boost::json::array{"dealstage"}},
                                                          {"propertiesWithHistory", boost::json::array{"dealstage"}}});
    };
    const FakeResponse fifty = hubspot.handle(request("POST", "/crm/v3/objects/deals/batch/read", body(50)));
    REQUIRE(fifty.status == 200);
    CHECK(json_of(fifty).at("results").at(0).at("propertiesWithHistory").at("dealstage").as_array().size() == 4);
    const FakeResponse too_many = hubspot.handle(request("POST", "/crm/v3/objects/deals/batch/read", body(51)));
    REQUIRE(too_many.status == 400);
    CHECK(json_of(too_many).at("category") == "VALIDATION_ERROR");
}
