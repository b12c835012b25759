// The records this connector wrote since its last read, per object type, with the newest updatedAt
// HubSpot reported for them: what current_cursor() may absorb so that the next incremental read
// does not pull our own writes back.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "object_type.hpp"

namespace sellerscore::connectors::hubspot {

class WriteLedger {
public:
    void record(ObjectType type, const std::string& id, std::int64_t updated_at_ms);

    std::size_t written(ObjectType type) const;  // distinct ids
    std::int64_t newest_ms(ObjectType type) const;
    bool empty() const { return ids_.empty(); }
    void clear();

private:
    std::map<ObjectType, std::set<std::string>> ids_;
    std::map<ObjectType, std::int64_t> newest_;
};

}  // namespace sellerscore::connectors::hubspot
