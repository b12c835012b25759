// The body of POST /crm/v3/objects/<type>/search: one filter group (all filters ANDed), sorts,
// properties, limit and the `after` offset.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace sellerscore::connectors::hubspot {

struct SearchFilter {
    std::string property;
    std::string op;  // EQ, NEQ, LT, LTE, GT, GTE
    std::string value;
};

struct SearchSort {
    std::string property;
    bool ascending = true;
};

struct SearchRequest {
    // HubSpot's limits: at most 200 results per page; a query reaches at most 10,000 results.
    static constexpr int max_limit = 200;
    static constexpr int result_cap = 10'000;
    // Filters in one group: HubSpot accepts 10 (5 groups, 25 filters in all, since 2024-08-26); a deal
    // query keeps to 6, a margin that costs nothing (its conditions are a handful).
    static constexpr std::size_t max_filters = 6;

    std::vector<SearchFilter> filters;
    std::vector<SearchSort> sorts;
    std::vector<std::string> properties;
    int limit = max_limit;
    std::optional<std::string> after;

    boost::json::object body() const;
};

}  // namespace sellerscore::connectors::hubspot
