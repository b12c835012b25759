// Creates the connector the settings name. The one place that knows every vendor.
#pragma once

#include <memory>

#include "connectors/connector.hpp"
#include "connectors/connector_memory.hpp"
#include "host_api.hpp"
#include "plugin_settings.hpp"

namespace sellerscore::plugin {

// `host` supplies the vendor's credentials (secrets SELLERSCORE_<VENDOR>_*), the log and the
// cancellation flag; `memory` keeps what a connector remembers between runs. Both must outlive the
// connector.
Result<std::unique_ptr<connectors::Connector>> make_connector(const PluginSettings& settings, const HostApi& host,
                                                              connectors::ConnectorMemory& memory);

}  // namespace sellerscore::plugin
