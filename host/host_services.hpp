// The services crmhost offers a plugin (crmext_host_services): logging through spdlog to stderr,
// configuration and secret lookup, a state directory, a clock tests can fix, progress, and
// cancellation. The table and everything it points to live as long as this object.
#pragma once

#include <crmext/crmext.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "config_file.hpp"
#include "plugin/model/status.hpp"
#include "progress_reporter.hpp"
#include "secret_store.hpp"

namespace spdlog {
class logger;
}

namespace sellerscore::host {

class HostServices {
public:
    // Environment variable that fixes now_unix_ms() to an RFC 3339 instant (for tests).
    static constexpr const char* fixed_now_variable = "SELLERSCORE_NOW";

    // `config` may be null (commands that only inspect the plugin); it must outlive this object.
    // Fails on a secrets file others can read, or a malformed SELLERSCORE_NOW.
    static Result<std::unique_ptr<HostServices>> create(const ConfigFile* config);

    HostServices(const HostServices&) = delete;
    HostServices& operator=(const HostServices&) = delete;
    ~HostServices();

    const crmext_host_services* table() const { return &table_; }
    const std::filesystem::path& state_directory() const { return state_dir_; }
    ProgressReporter& progress() { return progress_; }
    spdlog::logger& logger() { return *logger_; }

private:
    HostServices(const ConfigFile* config, SecretStore secrets, std::filesystem::path state_dir,
                 std::optional<std::int64_t> fixed_now_ms, std::shared_ptr<spdlog::logger> logger);

    // The table's slots. noexcept: an exception would otherwise unwind through the plugin's frames.
    static void log(void* ctx, std::int32_t level, const char* component, const char* msg, std::size_t len) noexcept;
    static crmext_status config_get(void* ctx, const char* key, crmext_sink_fn sink, void* sink_ctx) noexcept;
    static crmext_status secret_get(void* ctx, const char* name, crmext_sink_fn sink, void* sink_ctx) noexcept;
    static crmext_status state_dir(void* ctx, crmext_sink_fn sink, void* sink_ctx) noexcept;
    static std::int64_t now_unix_ms(void* ctx) noexcept;
    static void progress(void* ctx, std::uint64_t done, std::uint64_t total, const char* label) noexcept;
    static std::int32_t cancelled(void* ctx) noexcept;

    const ConfigFile* config_;
    SecretStore secrets_;
    std::filesystem::path state_dir_;
    std::optional<std::int64_t> fixed_now_ms_;
    std::shared_ptr<spdlog::logger> logger_;
    ProgressReporter progress_;
    crmext_host_services table_{};
};

}  // namespace sellerscore::host
