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

    HostApi host_;
    PluginSettings settings_;
    FieldCatalog catalog_;
    std::unique_ptr<connectors::Connector> connector_;
    std::unique_ptr<StateStore> state_;
};

}  // namespace sellerscore::plugin
