// Loads a crmext plugin and refuses anything unsafe or incompatible before an instance exists:
// missing or writable files, non-libraries, a missing or failing entry point, an ABI this host does
// not speak, and a manifest on disk that disagrees with the one embedded in the library.
#pragma once

#include <crmext/crmext.h>

#include <filesystem>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

struct LoadedPlugin {
    std::filesystem::path library_path;
    std::filesystem::path manifest_path;
    // Zero-filled past what the plugin provided, so a missing slot reads as NULL (crmext.h).
    crmext_plugin table{};
    boost::json::value manifest;  // the copy on disk, already cross-checked with the embedded one
};

class PluginLoader {
public:
    // The manifest's file name, next to the library.
    static constexpr const char* manifest_file_name = "sellerscore.json";

    // `host` is handed to crmext_entry and must outlive every instance of the plugin.
    explicit PluginLoader(const crmext_host_services* host) : host_(host) {}

    // A missing file is StatusCode::invalid_argument (a config problem); every other refusal is
    // StatusCode::unsupported. The library is never unloaded: instances may outlive this call.
    Result<LoadedPlugin> load(const std::filesystem::path& library) const;

private:
    const crmext_host_services* host_;
};

}  // namespace sellerscore::host
