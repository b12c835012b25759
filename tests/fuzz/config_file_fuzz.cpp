// The host's configuration file, read as crmhost reads it: from disk, checked against the real
// manifest's configSchema, and (when it passes) serialised and parsed by the plugin into its
// settings, as host_session does. Beyond not crashing: every refusal is a message.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "host/config_file.hpp"
#include "plugin/src/plugin_settings.hpp"
#include "tests/fuzz/require_message.hpp"

namespace {

namespace json = boost::json;
using sellerscore::fuzz::require_message;

const json::value& config_schema() {
    static const json::value schema = [] {
        std::ifstream file(SELLERSCORE_SOURCE_DIR "/manifest/sellerscore.json");
        std::stringstream text;
        text << file.rdbuf();
        return json::parse(text.str()).at("configSchema");
    }();
    return schema;
}

// One file per fuzzing process, rewritten for every input (ConfigFile reads paths, not buffers),
// removed when the process exits.
struct ScratchFile {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("sellerscore-config-fuzz-" + std::to_string(::getpid()) + ".json");
    ~ScratchFile() {
        std::error_code ec;
        std::filesystem::remove(path, ec);
    }
};

const std::filesystem::path& scratch_file() {
    static const ScratchFile file;
    return file.path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    auto config = sellerscore::host::ConfigFile::read(scratch_file());
    if (!config) {
        require_message(config.status());
        return 0;
    }
    const sellerscore::Status valid = config->validate(config_schema());
    require_message(valid);
    for (const char* key : {"connector", "local.database", "kpi.as_of", "hubspot.base_url", "kpi"}) {
        (void)config->string_at(key);
    }
    if (!valid) return 0;
    const auto settings = sellerscore::plugin::PluginSettings::parse(json::serialize(config->document()));
    if (!settings) require_message(settings.status());
    return 0;
}
