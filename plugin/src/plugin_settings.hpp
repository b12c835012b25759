// The configuration document an instance is created from (DESIGN.md "config"), host-validated
// against the manifest's configSchema; this parser re-checks only what the plugin relies on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "plugin/kpi/kpi_config.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::plugin {

enum class WritebackDeals { open, all };
enum class OnNull { clear, keep };

struct PluginSettings {
    std::string connector;                 // "local", "hubspot", ...
    std::string local_database;            // local.database, absolute (the host resolves paths)
    std::optional<std::string> state_dir;  // falls back to the host's state_dir service
    std::optional<model::Timestamp> as_of; // kpi.as_of; nullopt = the host's clock at sync time
    kpi::KpiConfig kpi;                    // as_of left 0 here; the sync job fills it
    WritebackDeals writeback_deals = WritebackDeals::open;
    OnNull on_null = OnNull::clear;
    // Changes whenever a setting that affects computed values changes; with the data cursor it tells
    // a sync whether the last run's results still hold.
    std::string fingerprint;

    static Result<PluginSettings> parse(std::string_view settings_json);
};

}  // namespace sellerscore::plugin
