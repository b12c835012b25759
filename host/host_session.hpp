// Everything a command needs, assembled in the order the contract demands: config read, host
// services up, plugin loaded and checked, config validated against the plugin's own schema, and
// only then an instance created. Members are destroyed in reverse, so the instance goes before the
// services it was given.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "config_file.hpp"
#include "host_services.hpp"
#include "plugin_instance.hpp"
#include "plugin_loader.hpp"
#include "single_writer_lock.hpp"

namespace sellerscore::host {

class HostSession {
public:
    enum class ConfigNeed { required, optional };

    // `config_path` is --config; without it ./sellerscore.json is used if it exists.
    static Result<std::unique_ptr<HostSession>> open(const std::optional<std::filesystem::path>& config_path,
                                                     ConfigNeed need);

    // Null when no config was found and none was needed.
    const ConfigFile* config() const { return config_ ? &*config_ : nullptr; }
    const LoadedPlugin& plugin() const { return plugin_; }
    HostServices& services() { return *services_; }

    // Created on first use from the validated config.
    Result<PluginInstance*> instance();

    // Makes this process the only crmhost writing the state directory (created 0700 when missing)
    // and, with the local connector, the local CRM database, until the session ends. `command`
    // names us in another crmhost's refusal.
    Status lock_for_writing(std::string_view command);

private:
    HostSession() = default;

    std::optional<ConfigFile> config_;
    std::unique_ptr<HostServices> services_;
    LoadedPlugin plugin_;
    std::unique_ptr<PluginInstance> instance_;
    std::vector<SingleWriterLock> locks_;
};

}  // namespace sellerscore::host
