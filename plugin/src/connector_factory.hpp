// Creates the connector the settings name. The one place that knows every vendor.
#pragma once

#include <memory>

#include "connectors/connector.hpp"
#include "plugin_settings.hpp"

namespace sellerscore::plugin {

Result<std::unique_ptr<connectors::Connector>> make_connector(const PluginSettings& settings);

}  // namespace sellerscore::plugin
