// batch/update: 200 when every input applies, 207 per-input failures, 400 for the whole batch,
// and the write accounting tests use to prove nothing was written twice.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

struct Writable {
    ManualClock clock;
    FakeHubSpot hubspot{options_with(clock)};
    std::vector<std::string> deals;

    Writable() {
        for (int i = 0; i < 3; ++i) deals.push_back(hubspot.create("deals", {{"dealname", "d" + std::to_string(i)}}).value());
        FakeHubSpotProperty score{"seller_score", "Seller score", "number", "number", "seller_kpis", "", std::string("formatted"), {}, false, false};
        hubspot.define_property("deals", score);
        FakeHubSpotProperty tier{"seller_tier", "Seller tier", "enumeration", "select", "seller_kpis", "", std::nullopt,
                                 {{"Gold", "gold", 0, false}, {"Silver", "silver", 1, false}}, false, false};
        hubspot.define_property("deals", tier);
        FakeHubSpotProperty reviewed{"seller_reviewed_at", "Reviewed", "datetime", "date", "seller_kpis", "", std::nullopt, {}, false, false};
        hubspot.define_property("deals", reviewed);
    }

    FakeResponse update(const std::string& inputs) {
        return hubspot.handle(request("POST", "/crm/v3/objects/deals/batch/update", R"({"inputs":[)" + inputs + "]}"));
    }

    std::string input(const std::string& id, const std::string& properties) {
        return R"({"id":")" + id + R"(","properties":{)" + properties + "}}";
    }
};

}  // namespace

TEST_CASE("a batch whose inputs all apply answers 200 COMPLETE with each object's updatedAt") {
    Writable w;
    w.clock.advance(std::chrono::milliseconds(2000));
    const FakeResponse response = w.update(w.input(w.deals[0], R"("seller_score":"87.5")") + "," +
                                           w.input(w.deals[1], R"("seller_tier":"gold","seller_reviewed_at":"2026-03-01T12:00:00Z")"));
    REQUIRE(response.status == 200);
    const auto body = json_of(response).as_object();
    CHECK(body.at("status") == "COMPLETE");
    REQUIRE(body.at("results").as_array().size() == 2);
    CHECK(body.at("results").at(0).at("updatedAt") == "2026-05-28T20:26:42.000Z");  // 1,780,000,002,000 ms
    CHECK(w.hubspot.value("deals", w.deals[0], "seller_score") == "87.5");
    CHECK(w.hubspot.value("deals", w.deals[1], "seller_tier") == "gold");
    CHECK(w.hubspot.value("deals", w.deals[1], "seller_reviewed_at") == "2026-03-01T12:00:00.000Z");
    CHECK(w.hubspot.value("deals", w.deals[0], "hs_lastmodifieddate") == "2026-05-28T20:26:42.000Z");
}

TEST_CASE("an invalid value or an unknown id fails only its input with 207") {
    Writable w;
    const FakeResponse response = w.update(w.input(w.deals[0], R"("seller_score":"abc")") + "," +
                                           w.input(w.deals[1], R"("seller_score":"12")") + "," +
                                           w.input("424242", R"("seller_score":"1")") + "," +
                                           w.input(w.deals[2], R"("seller_tier":"bronze")"));
    REQUIRE(response.status == 207);
    const auto body = json_of(response).as_object();
    CHECK(body.at("numErrors") == 3);
    REQUIRE(body.at("results").as_array().size() == 1);
    CHECK(str(body.at("results").at(0).at("id")) == w.deals[1]);
    std::map<std::string, std::vector<std::string>> ids_by_category;
    for (const auto& error : body.at("errors").as_array()) {
        CHECK(error.at("status") == "error");
        CHECK(error.as_object().contains("message"));
        for (const auto& id : error.at("context").at("ids").as_array())
            ids_by_category[std::string(error.at("category").as_string())].emplace_back(id.as_string());
    }
    CHECK(ids_by_category["VALIDATION_ERROR"] == std::vector<std::string>{w.deals[0], w.deals[2]});
    CHECK(ids_by_category["OBJECT_NOT_FOUND"] == std::vector<std::string>{"424242"});
    CHECK_FALSE(w.hubspot.value("deals", w.deals[0], "seller_score"));
    CHECK(w.hubspot.value("deals", w.deals[1], "seller_score") == "12");
}

TEST_CASE("a batch where every input fails is still 207 with no results") {
    Writable w;
    const FakeResponse response = w.update(w.input(w.deals[0], R"("seller_score":"1,5")"));
    REQUIRE(response.status == 207);
    CHECK(json_of(response).at("results").as_array().empty());
}

TEST_CASE("a value that is not a JSON string fails the whole batch with 400") {
    Writable w;
    const FakeResponse response = w.update(w.input(w.deals[0], R"("seller_score":"1")") + "," + w.input(w.deals[1], R"("seller_score":87.5)"));
    REQUIRE(response.status == 400);
    CHECK(json_of(response).at("category") == "VALIDATION_ERROR");
    CHECK_FALSE(w.hubspot.value("deals", w.deals[0], "seller_score"));
    CHECK(w.hubspot.total_property_writes() == 0);
}

TEST_CASE("an unknown property fails the whole batch with PROPERTY_DOESNT_EXIST") {
    Writable w;
    const FakeResponse response = w.update(w.input(w.deals[0], R"("seller_score":"1")") + "," + w.input(w.deals[1], R"("seller_scor":"1")"));
    REQUIRE(response.status == 400);
    CHECK(response.body.find("PROPERTY_DOESNT_EXIST") != std::string::npos);
    CHECK(w.hubspot.total_property_writes() == 0);
}

TEST_CASE("more than 100 inputs is a 400 and exactly 100 is accepted") {
    Writable w;
    std::vector<std::string> ids;
    for (int i = 0; i < 98; ++i) ids.push_back(w.hubspot.create("deals", {}).value());
    ids.insert(ids.end(), w.deals.begin(), w.deals.end());  // 101 ids
    std::string inputs;
    for (std::size_t i = 0; i < 100; ++i) inputs += (i ? "," : "") + w.input(ids[i], R"("seller_score":"1")");
    CHECK(w.update(inputs + "," + w.input(ids[100], R"("seller_score":"1")")).status == 400);
    CHECK(w.hubspot.total_property_writes() == 0);
    CHECK(w.update(inputs).status == 200);
    CHECK(w.hubspot.total_property_writes() == 100);
}

TEST_CASE("an empty string clears a value") {
    Writable w;
    REQUIRE(w.update(w.input(w.deals[0], R"("seller_score":"5")")).status == 200);
    REQUIRE(w.update(w.input(w.deals[0], R"("seller_score":"")")).status == 200);
    CHECK_FALSE(w.hubspot.value("deals", w.deals[0], "seller_score"));
    CHECK(w.hubspot.write_count("deals", w.deals[0], "seller_score") == 2);
}

TEST_CASE("write counts tell a property written twice from properties written once") {
    Writable w;
    REQUIRE(w.update(w.input(w.deals[0], R"("seller_score":"5","seller_tier":"gold")")).status == 200);
    CHECK(w.hubspot.properties_written_more_than_once() == 0);
    CHECK(w.hubspot.update_input_count("deals", w.deals[0]) == 1);
    REQUIRE(w.update(w.input(w.deals[0], R"("seller_score":"5")")).status == 200);
    CHECK(w.hubspot.write_count("deals", w.deals[0], "seller_score") == 2);
    CHECK(w.hubspot.write_count("deals", w.deals[0], "seller_tier") == 1);
    CHECK(w.hubspot.update_input_count("deals", w.deals[0]) == 2);
    CHECK(w.hubspot.properties_written_more_than_once() == 1);
    CHECK(w.hubspot.request_count("POST /crm/v3/objects/deals/batch/update") == 2);
}

TEST_CASE("calculated properties cannot be written") {
    Writable w;
    const FakeResponse response = w.update(w.input(w.deals[0], R"("hs_lastmodifieddate":"1")"));
    CHECK(response.status == 207);
}
