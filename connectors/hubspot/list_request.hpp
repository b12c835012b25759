// GET /crm/v3/objects/<type>?limit=100&properties=..&associations=..&archived=..&after=..
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

    std::string path;  // "/crm/v3/objects/deals"
    std::vector<std::string> properties;
    std::vector<std::string> associations;
    bool archived = false;
    int limit = max_limit;
    std::optional<std::string> after;

    std::string target() const;
    bool fits() const { return target().size() <= max_target_length; }
};

// Percent-encodes a query value (RFC 3986 unreserved characters stay; ',' too, HubSpot's list separator).
std::string encode_query_value(std::string_view value);

}  // namespace sellerscore::connectors::hubspot
