// GET /crm/v3/objects/<type>?limit=100&properties=..&propertiesWithHistory=..&associations=..&archived=..&after=..
// HubSpot does not document a URL limit, but long property lists fail with 414 somewhere between
// 8 and 16 thousand characters; a target longer than max_target_length is never sent: the reader
// lists ids with a short property list and fetches the wide one through POST .../batch/read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sellerscore::connectors::hubspot {

struct ListRequest {
    static constexpr int max_limit = 100;
    static constexpr std::size_t max_target_length = 6'000;
    static constexpr std::size_t batch_read_max_ids = 100;
    // propertiesWithHistory "will reduce the maximum number of objects that can be read by a single
    // request": 50 per list page; batch/read is held to the same 50.
    static constexpr int history_max_limit = 50;

    std::string path;  // "/crm/v3/objects/deals"
    std::vector<std::string> properties;
    std::vector<std::string> associations;
    bool archived = false;
    int limit = max_limit;
    std::optional<std::string> after;
    std::vector<std::string> properties_with_history;  // non-empty: limit must be <= history_max_limit

    std::string target() const;
    bool fits() const { return target().size() <= max_target_length; }
};

// Percent-encodes a query value (RFC 3986 unreserved characters stay; ',' too, HubSpot's list separator).
std::string encode_query_value(std::string_view value);

}  // namespace sellerscore::connectors::hubspot
