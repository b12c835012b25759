#include "connector_factory.hpp"

#include "connectors/local/local_connector.hpp"

namespace sellerscore::plugin {

Result<std::unique_ptr<connectors::Connector>> make_connector(const PluginSettings& settings) {
    if (settings.connector == "local") {
        if (settings.local_database.empty()) {
            return Status::invalid_argument("settings: local.database: required when connector is \"local\"");
        }
        auto local = connectors::LocalConnector::open(settings.local_database);
        if (!local) return local.status();
        return std::unique_ptr<connectors::Connector>(std::move(*local));
    }
    return Status::unsupported("connector '" + settings.connector + "' is not available in this build yet");
}

}  // namespace sellerscore::plugin
