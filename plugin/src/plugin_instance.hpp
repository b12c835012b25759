// One configured plugin instance: what crmext_instance points to. Every method returns a JSON
// document or a Status; the C trampolines in plugin_entry.cpp do the rest.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "connectors/connector.hpp"
#include "field_catalog.hpp"
#include "host_api.hpp"
#include "plugin_settings.hpp"
#include "state_store.hpp"

namespace sellerscore::plugin {

class PluginInstance {
public:
    static Result<std::unique_ptr<PluginInstance>> create(const crmext_host_services* host, std::string_view settings_json);

    Result<std::string> install();
    Result<std::string> sync(std::string_view options_json);
    Result<std::string> scorecard();
    Result<std::string> query(std::string_view options_json);
    Result<std::string> uninstall();
    Result<std::string> health();

private:
    PluginInstance(HostApi host, PluginSettings settings, FieldCatalog catalog)
        : host_(std::move(host)), settings_(std::move(settings)), catalog_(std::move(catalog)) {}

    // The connector and state store open on first use, so `plugin info`-style calls need neither.
    Result<connectors::Connector*> connector();
    Result<StateStore*> state();

    // The state store as the connector's memory, opened only when a connector first uses it, so that
    // connectors that remember nothing work without a state dir.
    class StateMemory final : public connectors::ConnectorMemory {
    public:
        explicit StateMemory(PluginInstance& instance) : instance_(instance) {}
        std::optional<std::string> get(std::string_view key) const override;
        Status put(std::string_view key, std::string_view value) override;

    private:
        PluginInstance& instance_;
    };

    HostApi host_;
    PluginSettings settings_;
    FieldCatalog catalog_;
    StateMemory memory_{*this};
    std::unique_ptr<connectors::Connector> connector_;
    std::unique_ptr<StateStore> state_;
};

}  // namespace sellerscore::plugin
