// The CRM search API's query language: parsing a search body with HubSpot's limits (5 filter
// groups, 6 filters per group, 18 filters, one sort, limit <= 200, the 10,000-result window) and
// evaluating it (OR of AND groups, numeric comparison for number/datetime/date properties).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "fake_hubspot_store.hpp"

namespace sellerscore::fakes {

struct FakeHubSpotSearchFilter {
    std::string property;
    std::string op;  // EQ NEQ LT LTE GT GTE BETWEEN IN NOT_IN HAS_PROPERTY NOT_HAS_PROPERTY
    std::string value;
    std::string high_value;
    std::vector<std::string> values;
};

struct FakeHubSpotSearchQuery {
    std::vector<std::vector<FakeHubSpotSearchFilter>> filter_groups;
    std::optional<std::string> sort_property;
    bool sort_ascending = true;
    std::vector<std::string> properties;
    int limit = 10;
    std::int64_t after = 0;
};

struct FakeHubSpotSearchError {
    std::string message;
};

// The query of a search body, or why HubSpot answers 400.
std::variant<FakeHubSpotSearchQuery, FakeHubSpotSearchError> parse_search_query(const boost::json::value& body);

struct FakeHubSpotSearchMatches {
    std::vector<const FakeHubSpotObject*> sorted;  // every match, in the query's order
};

// Evaluates `query` over the non-archived objects of `type`; an error for a property the type
// does not have.
std::variant<FakeHubSpotSearchMatches, FakeHubSpotSearchError> run_search(const FakeHubSpotStore& store,
                                                                          HubSpotObjectType type,
                                                                          const FakeHubSpotSearchQuery& query);

}  // namespace sellerscore::fakes
