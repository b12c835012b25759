// The scorecard the last sync left in the state store (KPIS.md §8), read through the plugin: what
// `crmhost scorecard` prints and `crmhost report` draws from.
#pragma once

#include <filesystem>
#include <optional>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

// `config_path` is --config. Fails with the first failing step's status: config, plugin, instance
// or the plugin's own scorecard call.
Result<boost::json::value> read_last_scorecard(const std::optional<std::filesystem::path>& config_path);

}  // namespace sellerscore::host
