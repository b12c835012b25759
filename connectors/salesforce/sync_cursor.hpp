// Where an incremental read starts: per object, the newest SystemModstamp and the row count when the
// cursor was taken. A record changed since has a newer SystemModstamp; a deletion lowers the count
// (and is then found through queryAll ... IsDeleted = true). An object without a mark is read whole.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::salesforce {

struct SyncCursor {
    std::map<std::string, model::Timestamp> marks;  // object -> newest SystemModstamp
    std::map<std::string, std::int64_t> counts;     // object -> rows

    std::string to_text() const;
    static Result<SyncCursor> parse(std::string_view text);
};

}  // namespace sellerscore::connectors::salesforce
