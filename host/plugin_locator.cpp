#include "plugin_locator.hpp"

#include <cstdlib>

namespace sellerscore::host {

std::filesystem::path PluginLocator::locate(const ConfigFile* config) {
    if (config != nullptr) {
        if (std::optional<std::string> configured = config->string_at("plugin")) {
            return *configured;
        }
    }
    if (const char* from_env = std::getenv(plugin_variable); from_env != nullptr && *from_env != '\0') {
        return from_env;
    }
    return installed_plugin();
}

std::filesystem::path PluginLocator::installed_plugin() {
    std::error_code ec;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::filesystem::path bindir = ec ? std::filesystem::current_path() : executable.parent_path();
    return (bindir / CRMHOST_PLUGIN_DIR_FROM_BINDIR / "sellerscore.so").lexically_normal();
}

}  // namespace sellerscore::host
