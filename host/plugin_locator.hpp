// Which plugin library crmhost loads: the config's "plugin" (already made absolute against the
// config's folder), else $SELLERSCORE_PLUGIN, else the one installed beside this crmhost (the build
// tree mirrors the install tree, so this also finds the freshly built plugin).
#pragma once

#include <filesystem>

#include "config_file.hpp"

namespace sellerscore::host {

class PluginLocator {
public:
    static constexpr const char* plugin_variable = "SELLERSCORE_PLUGIN";

    // `config` may be null.
    static std::filesystem::path locate(const ConfigFile* config);

    // <dir of the running crmhost>/<bindir-to-plugin-dir>/sellerscore.so
    static std::filesystem::path installed_plugin();
};

}  // namespace sellerscore::host
