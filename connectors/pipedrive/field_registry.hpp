// Which Pipedrive field holds each of our logical fields: per-company 40-hex field codes, looked up
// by name once and remembered in the ConnectorMemory under "pipedrive.field.<object>.<field id>".
// The memory cannot list its keys, so "pipedrive.fields" keeps the index of what is remembered.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "connectors/connector.hpp"
#include "connectors/connector_memory.hpp"

namespace sellerscore::connectors::pipedrive {

class FieldRegistry {
public:
    explicit FieldRegistry(ConnectorMemory& memory);

    // Our remembered fields on `object`: field id -> field code.
    std::map<std::string, std::string> codes(RecordObject object) const;
    std::optional<std::string> code(RecordObject object, const std::string& field_id) const;

    Status remember(RecordObject object, const std::string& field_id, const std::string& code);
    Status forget(RecordObject object, const std::string& field_id);

private:
    using Key = std::pair<RecordObject, std::string>;
    std::map<Key, std::string> load() const;
    Status save_index(const std::map<Key, std::string>& fields);

    ConnectorMemory& memory_;
};

}  // namespace sellerscore::connectors::pipedrive
