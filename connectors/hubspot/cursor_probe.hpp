// What one search says about an object type without reading its records: how many live records
// match, and the newest modification among them (search limit 1, sorted by lastmodified descending).
#pragma once

#include <cstdint>
#include <optional>

#include "hubspot_api.hpp"
#include "object_type.hpp"

namespace sellerscore::connectors::hubspot {

struct TypeProbe {
    std::int64_t total = 0;       // records matching
    std::int64_t newest_ms = 0;   // their newest lastmodified; 0 when none matched
};

// All live records of `type`, or only those modified strictly after `modified_after_ms`.
Result<TypeProbe> probe_type(HubSpotApi& api, ObjectType type, std::optional<std::int64_t> modified_after_ms = {});

}  // namespace sellerscore::connectors::hubspot
