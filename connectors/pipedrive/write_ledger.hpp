// The records this connector wrote since its last read, with the update_time Pipedrive gave each
// write (the PATCH answer's): what the cursor after the writes may absorb, so that the next read
// does not pull our own writes back and a re-sync with nothing changed costs a handful of calls.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "connectors/connector.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

class WriteLedger {
public:
    void record(RecordObject object, const std::string& id, model::Timestamp updated_at);

    // The update_time of our last write of that record; nullopt when we did not write it.
    std::optional<model::Timestamp> written_at(RecordObject object, const std::string& id) const;
    bool wrote(RecordObject object) const;
    bool empty() const { return records_.empty(); }
    void clear() { records_.clear(); }

private:
    std::map<RecordObject, std::map<std::string, model::Timestamp>> records_;
};

}  // namespace sellerscore::connectors::pipedrive
