// The connector's cursor (opaque to the plugin), JSON text:
//   {"v":1,"deals":<max hs_lastmodifieddate ms>,...,"quotes":..,"owners":"<hash>","pipelines":"<hash>",
//    "live":{"deals":<record count>,...}}
// The marks are what incremental reads search from (lastmodified >= mark). "live" holds each type's
// record count: archiving a record does not move any lastmodified date that search can see, but it
// lowers the count, so a cursor still changes when something was archived.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "object_type.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::hubspot {

struct SyncCursor {
    std::map<ObjectType, std::int64_t> marks;  // absent = no record of that type yet
    std::map<ObjectType, std::int64_t> live;
    std::string owners;
    std::string pipelines;

    std::int64_t mark(ObjectType type) const;  // 0 when absent

    std::string to_text() const;
    static Result<SyncCursor> parse(std::string_view text);

    bool operator==(const SyncCursor&) const = default;
};

}  // namespace sellerscore::connectors::hubspot
