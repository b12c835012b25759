// One sync (DESIGN.md data flow): pull everything through the connector, compute the scorecard,
// diff against what the CRM holds, write back what changed, and record the run.
#pragma once

#include <string>

#include "connectors/connector.hpp"
#include "field_catalog.hpp"
#include "host_api.hpp"
#include "plugin_settings.hpp"
#include "state_store.hpp"

namespace sellerscore::plugin {

struct SyncOptions {
    bool full = false;     // ignore the previous run: pull and compute even when nothing changed
    bool dry_run = false;  // compute and plan, write nothing, do not count as the last applied run
};

class SyncJob {
public:
    SyncJob(const HostApi& host, connectors::Connector& connector, StateStore& state, const FieldCatalog& catalog,
            const PluginSettings& settings)
        : host_(host), connector_(connector), state_(state), catalog_(catalog), settings_(settings) {}

    // Returns the run summary document (docs/abi.md).
    Result<std::string> run(const SyncOptions& options);

private:
    const HostApi& host_;
    connectors::Connector& connector_;
    StateStore& state_;
    const FieldCatalog& catalog_;
    const PluginSettings& settings_;
};

}  // namespace sellerscore::plugin
