// A connector's small persistent memory between runs (e.g. Pipedrive's per-company 40-character field
// keys, looked up by name once and remembered), kept by the plugin in its state store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "../plugin/model/status.hpp"

namespace sellerscore::connectors {

class ConnectorMemory {
public:
    virtual ~ConnectorMemory() = default;
    virtual std::optional<std::string> get(std::string_view key) const = 0;
    virtual Status put(std::string_view key, std::string_view value) = 0;
};

}  // namespace sellerscore::connectors
