#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "connectors/hubspot/search_pager.hpp"

using namespace sellerscore::connectors::hubspot;
namespace json = boost::json;

namespace {

json::value page(const std::string& last_id, const std::string& next_after) {
    json::object body{{"total", 25000}, {"results", json::array{json::object{{"id", last_id}}}}};
    if (!next_after.empty()) body["paging"] = json::object{{"next", json::object{{"after", next_after}}}};
    return body;
}

}  // namespace

TEST_CASE("a search page asks for lastmodified at or after the mark sorted by object id") {
    SearchPager pager("hs_lastmodifieddate", 1772366400000, {"dealname"});
    const json::object body = pager.request().body();
    CHECK(json::serialize(body) ==
          R"({"filterGroups":[{"filters":[{"propertyName":"hs_lastmodifieddate","operator":"GTE","value":"1772366400000"}]}],)"
          R"("sorts":[{"propertyName":"hs_object_id","direction":"ASCENDING"}],"properties":["dealname"],"limit":200})");
}

TEST_CASE("search paging follows after below the cap") {
    SearchPager pager("lastmodifieddate", 0, {});
    CHECK(pager.advance(page("200", "200")));
    CHECK(pager.request().after == std::optional<std::string>("200"));
    CHECK(pager.request().filters.size() == 1);
    CHECK_FALSE(pager.advance(page("250", "")));
}

TEST_CASE("search paging re-windows past the 10000 cap with object id greater than the last id") {
    SearchPager pager("hs_lastmodifieddate", 5, {});
    CHECK(pager.advance(page("9700", "9800")));
    CHECK(pager.request().after == std::optional<std::string>("9800"));
    // 9800 + 200 reaches 10,000 exactly: allowed. The next offset, 10,000, would cross the cap.
    CHECK(pager.advance(page("12345", "10000")));
    CHECK_FALSE(pager.request().after);
    REQUIRE(pager.request().filters.size() == 2);
    CHECK(pager.request().filters[0].value == "5");
    CHECK(pager.request().filters[1].property == "hs_object_id");
    CHECK(pager.request().filters[1].op == "GT");
    CHECK(pager.request().filters[1].value == "12345");
    CHECK(pager.windows_started() == 2);
    // a second window moves the same id filter on
    CHECK(pager.advance(page("30000", "10000")));
    REQUIRE(pager.request().filters.size() == 2);
    CHECK(pager.request().filters[1].value == "30000");
}
