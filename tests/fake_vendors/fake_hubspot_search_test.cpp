// The CRM search API: filters, sort, paging, its limits and the 10,000-result cap.
#include <catch2/catch.hpp>

#include "fake_hubspot_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::testing;

namespace {

struct Searchable {
    ManualClock clock;
    FakeHubSpot hubspot{options_with(clock)};
    std::vector<std::string> deals;  // amounts 9, 10, 30 and one without amount

    Searchable() {
        for (const char* amount : {"9", "10", "30", ""}) {
            clock.advance(std::chrono::milliseconds(1000));
            deals.push_back(hubspot.create("deals", {{"amount", amount}, {"dealname", std::string("deal ") + amount}}).value());
        }
    }

    boost::json::object search(const std::string& type, const std::string& body, int expected_status = 200) {
        const FakeResponse response = hubspot.handle(request("POST", "/crm/v3/objects/" + type + "/search", body));
        REQUIRE(response.status == expected_status);
        clock.advance(std::chrono::milliseconds(1000));  // stay under the per-second search limit
        return json_of(response).as_object();
    }

    std::vector<std::string> ids(const boost::json::object& body) {
        std::vector<std::string> found;
        for (const auto& result : body.at("results").as_array()) found.emplace_back(result.at("id").as_string());
        return found;
    }
};

std::string filter(const std::string& property, const std::string& op, const std::string& value) {
    return R"({"propertyName":")" + property + R"(","operator":")" + op + R"(","value":")" + value + R"("})";
}

}  // namespace

TEST_CASE("number filters compare numerically") {
    Searchable s;
    const auto body = s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("amount", "GT", "9") + "]}]}");
    CHECK(s.ids(body) == std::vector<std::string>{s.deals[1], s.deals[2]});
    CHECK(body.at("total") == 2);
}

TEST_CASE("BETWEEN is inclusive and IN matches any listed value") {
    Searchable s;
    const auto between = s.search("deals",
        R"({"filterGroups":[{"filters":[{"propertyName":"amount","operator":"BETWEEN","value":"9","highValue":"10"}]}]})");
    CHECK(s.ids(between) == std::vector<std::string>{s.deals[0], s.deals[1]});
    const auto in = s.search("deals",
        R"({"filterGroups":[{"filters":[{"propertyName":"amount","operator":"IN","values":["30","9"]}]}]})");
    CHECK(s.ids(in) == std::vector<std::string>{s.deals[0], s.deals[2]});
}

TEST_CASE("filter groups are ORed and filters within a group are ANDed") {
    Searchable s;
    const auto body = s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("amount", "GTE", "10") + "," +
                                            filter("amount", "LT", "30") + R"(]},{"filters":[)" +
                                            filter("amount", "EQ", "9") + "]}]}");
    CHECK(s.ids(body) == std::vector<std::string>{s.deals[0], s.deals[1]});
}

TEST_CASE("HAS_PROPERTY and NOT_HAS_PROPERTY test for a value") {
    Searchable s;
    const auto has = s.search("deals", R"({"filterGroups":[{"filters":[{"propertyName":"amount","operator":"HAS_PROPERTY"}]}]})");
    CHECK(has.at("total") == 3);
    const auto lacks = s.search("deals", R"({"filterGroups":[{"filters":[{"propertyName":"amount","operator":"NOT_HAS_PROPERTY"}]}]})");
    CHECK(s.ids(lacks) == std::vector<std::string>{s.deals[3]});
}

TEST_CASE("datetime filters accept epoch milliseconds and ISO 8601") {
    Searchable s;
    // The deals were modified at 1,780,000,001,000 ms + 1 s each.
    const auto by_ms = s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("hs_lastmodifieddate", "GTE", "1780000003000") + "]}]}");
    CHECK(s.ids(by_ms) == std::vector<std::string>{s.deals[2], s.deals[3]});
    const auto by_iso = s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("hs_lastmodifieddate", "GTE", "2026-05-28T20:26:43Z") + "]}]}");
    CHECK(s.ids(by_iso) == s.ids(by_ms));
}

TEST_CASE("one sort orders results and objects without a value come last") {
    Searchable s;
    const auto body = s.search("deals", R"({"sorts":[{"propertyName":"amount","direction":"DESCENDING"}]})");
    CHECK(s.ids(body) == std::vector<std::string>{s.deals[2], s.deals[1], s.deals[0], s.deals[3]});
    s.search("deals", R"({"sorts":[{"propertyName":"amount"},{"propertyName":"dealname"}]})", 400);
}

TEST_CASE("search pages by offset and reports the total") {
    Searchable s;
    const auto first = s.search("deals", R"({"limit":3,"sorts":[{"propertyName":"hs_object_id","direction":"ASCENDING"}]})");
    CHECK(first.at("total") == 4);
    CHECK(s.ids(first) == std::vector<std::string>{s.deals[0], s.deals[1], s.deals[2]});
    const std::string after(first.at("paging").at("next").at("after").as_string());
    const auto second = s.search("deals", R"({"limit":3,"after":")" + after + R"(","sorts":[{"propertyName":"hs_object_id","direction":"ASCENDING"}]})");
    CHECK(s.ids(second) == std::vector<std::string>{s.deals[3]});
    CHECK_FALSE(second.contains("paging"));
}

TEST_CASE("search limit over 200 is a 400") {
    Searchable s;
    s.search("deals", R"({"limit":200})");
    const auto error = s.search("deals", R"({"limit":201})", 400);
    CHECK(error.at("category") == "VALIDATION_ERROR");
}

TEST_CASE("paging beyond 10000 results is a 400 naming the cap") {
    Searchable s;
    s.search("deals", R"({"limit":200,"after":"9800"})");
    const auto error = s.search("deals", R"({"limit":200,"after":"9801"})", 400);
    CHECK(error.at("category") == "VALIDATION_ERROR");
    CHECK(std::string(error.at("message").as_string()).find("10000") != std::string::npos);
    s.search("deals", R"({"limit":1,"after":"10000"})", 400);
}

TEST_CASE("more than 5 filter groups or 10 filters in a group or 25 filters in all is a 400") {
    Searchable s;
    const std::string one = filter("amount", "GT", "0");
    auto group = [&](int filters) {
        std::string text = R"({"filters":[)";
        for (int i = 0; i < filters; ++i) text += (i ? "," : "") + one;
        return text + "]}";
    };
    auto groups = [&](int count, int filters) {
        std::string text = R"({"filterGroups":[)";
        for (int i = 0; i < count; ++i) text += (i ? "," : "") + group(filters);
        return text + "]}";
    };
    s.search("deals", groups(5, 5));
    s.search("deals", groups(6, 1), 400);
    s.search("deals", groups(1, 10));
    s.search("deals", groups(1, 11), 400);
    s.search("deals", groups(2, 10));
    s.search("deals", groups(3, 9), 400);  // 27 filters
}

TEST_CASE("contacts searched on hs_lastmodifieddate match nothing while lastmodifieddate works") {
    Searchable s;
    const std::string contact = s.hubspot.create("contacts", {{"email", "x@example.com"}}).value();
    const auto silent = s.search("contacts", R"({"filterGroups":[{"filters":[)" + filter("hs_lastmodifieddate", "GTE", "0") + "]}]}");
    CHECK(silent.at("total") == 0);
    const auto working = s.search("contacts", R"({"filterGroups":[{"filters":[)" + filter("lastmodifieddate", "GTE", "0") + "]}]}");
    CHECK(s.ids(working) == std::vector<std::string>{contact});
}

TEST_CASE("search results carry no associations and exclude archived objects") {
    Searchable s;
    const std::string contact = s.hubspot.create("contacts", {}).value();
    REQUIRE(s.hubspot.associate("deals", s.deals[0], "contacts", contact));
    REQUIRE(s.hubspot.archive("deals", s.deals[1]));
    const auto body = s.search("deals", R"({"limit":10})");
    CHECK(s.ids(body) == std::vector<std::string>{s.deals[0], s.deals[2], s.deals[3]});
    for (const auto& result : body.at("results").as_array()) CHECK_FALSE(result.as_object().contains("associations"));
}

TEST_CASE("a filter on a property the type does not have is a 400") {
    Searchable s;
    s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("no_such_property", "EQ", "1") + "]}]}", 400);
}

TEST_CASE("a datetime filter value that is not a time is a 400 VALIDATION_ERROR") {
    Searchable s;
    const auto body = s.search("deals", R"({"filterGroups":[{"filters":[)" + filter("hs_lastmodifieddate", "GTE", "yesterday") + "]}]}",
                               400);
    CHECK(body.at("category") == "VALIDATION_ERROR");
}
