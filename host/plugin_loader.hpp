// Loads a crmext plugin and refuses anything unsafe or incompatible before an instance exists:
// missing or writable files, non-libraries, a missing or failing entry point, an ABI this host does
// not speak, a manifest on disk that disagrees with the one embedded in the library, and (before any
// of it is loaded) a package whose signature or files do not match (plugin_package_verifier.hpp).
#pragma once

#include <crmext/crmext.h>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"
#include "plugin_package_verifier.hpp"

namespace sellerscore::host {

struct LoadedPlugin {
    std::filesystem::path library_path;
    std::filesystem::path manifest_path;
    // Zero-filled past what the plugin provided, so a missing slot reads as NULL (crmext.h).
    crmext_plugin table{};
    boost::json::value manifest;  // the copy on disk, already cross-checked with the embedded one
    // The signature and the plugin folder's files, checked before loading; empty when the development
    // override let an unverified package load.
    std::optional<VerifiedPackage> package;
};

// What makes a plugin trusted. An installed crmhost requires a package signed by `trusted_key`;
// `allow_unsigned` (the SELLERSCORE_ALLOW_UNSIGNED_PLUGIN=1 development override) loads a plugin
// that fails that check anyway, after passing the reason to `warn`.
struct PluginTrust {
    static constexpr const char* allow_unsigned_variable = "SELLERSCORE_ALLOW_UNSIGNED_PLUGIN";

    // The installed key, and the override when the environment sets it to exactly "1".
    static PluginTrust from_environment(std::function<void(const std::string&)> warn);

    std::filesystem::path trusted_key;
    bool allow_unsigned = false;
    std::function<void(const std::string&)> warn;
};

class PluginLoader {
public:
    // The manifest's file name, next to the library.
    static constexpr const char* manifest_file_name = "sellerscore.json";

    // `host` is handed to crmext_entry and must outlive every instance of the plugin.
    PluginLoader(const crmext_host_services* host, PluginTrust trust) : host_(host), trust_(std::move(trust)) {}

    // A missing file is StatusCode::invalid_argument (a config problem); every other refusal is
    // StatusCode::unsupported. The library is never unloaded: instances may outlive this call.
    Result<LoadedPlugin> load(const std::filesystem::path& library) const;

private:
    const crmext_host_services* host_;
    PluginTrust trust_;
};

}  // namespace sellerscore::host
