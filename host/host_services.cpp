#include "host_services.hpp"

#include <chrono>
#include <cstdlib>

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "interrupt_flag.hpp"
#include "plugin/model/json_text.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::host {

namespace {

spdlog::level::level_enum spdlog_level(std::int32_t crmext_level) {
    switch (crmext_level) {
    case CRMEXT_LOG_TRACE:
        return spdlog::level::trace;
    case CRMEXT_LOG_DEBUG:
        return spdlog::level::debug;
    case CRMEXT_LOG_INFO:
        return spdlog::level::info;
    case CRMEXT_LOG_WARN:
        return spdlog::level::warn;
    case CRMEXT_LOG_ERROR:
        return spdlog::level::err;
    default:
        return spdlog::level::critical;
    }
}

std::shared_ptr<spdlog::logger> make_logger(const ConfigFile* config) {
    auto logger = std::make_shared<spdlog::logger>("crmhost", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("[%l] %v");
    const std::optional<std::string> level = config ? config->string_at("log_level") : std::nullopt;
    logger->set_level(level ? spdlog::level::from_str(*level) : spdlog::level::info);
    return logger;
}

Result<std::optional<std::int64_t>> fixed_now_from_environment() {
    const char* text = std::getenv(HostServices::fixed_now_variable);
    if (text == nullptr || *text == '\0') {
        return std::optional<std::int64_t>();
    }
    const std::optional<model::Timestamp> instant = model::parse_rfc3339(text);
    if (!instant) {
        return Status::invalid_argument(std::string(HostServices::fixed_now_variable) +
                                        ": expected an RFC 3339 instant, got \"" + text + "\"");
    }
    return std::optional<std::int64_t>(*instant);
}

HostServices& self(void* ctx) { return *static_cast<HostServices*>(ctx); }

}  // namespace

Result<std::unique_ptr<HostServices>> HostServices::create(const ConfigFile* config) {
    SecretStore secrets;
    if (std::optional<std::string> file = config ? config->string_at("secrets_file") : std::nullopt) {
        Result<SecretStore> opened = SecretStore::open(*file);
        if (!opened) {
            return opened.status();
        }
        secrets = std::move(*opened);
    }
    Result<std::optional<std::int64_t>> fixed_now = fixed_now_from_environment();
    if (!fixed_now) {
        return fixed_now.status();
    }
    std::filesystem::path state_dir = std::filesystem::current_path();
    if (config != nullptr) {
        state_dir = config->string_at("state_dir").value_or(config->folder().string());
    }
    return std::unique_ptr<HostServices>(
        new HostServices(config, std::move(secrets), std::move(state_dir), *fixed_now, make_logger(config)));
}

HostServices::HostServices(const ConfigFile* config, SecretStore secrets, std::filesystem::path state_dir,
                           std::optional<std::int64_t> fixed_now_ms, std::shared_ptr<spdlog::logger> logger)
    : config_(config),
      secrets_(std::move(secrets)),
      state_dir_(std::move(state_dir)),
      fixed_now_ms_(fixed_now_ms),
      logger_(std::move(logger)),
      progress_(stderr, ProgressReporter::style_for_stderr()) {
    table_.struct_size = sizeof(crmext_host_services);
    table_.abi_major = CRMEXT_ABI_MAJOR;
    table_.abi_minor = CRMEXT_ABI_MINOR;
    table_.host_ctx = this;
    table_.log = &HostServices::log;
    table_.config_get = &HostServices::config_get;
    table_.secret_get = &HostServices::secret_get;
    table_.state_dir = &HostServices::state_dir;
    table_.now_unix_ms = &HostServices::now_unix_ms;
    table_.progress = &HostServices::progress;
    table_.cancelled = &HostServices::cancelled;
}

HostServices::~HostServices() { progress_.interrupt(); }

void HostServices::log(void* ctx, std::int32_t level, const char* component, const char* msg, std::size_t len) noexcept {
    HostServices& host = self(ctx);
    const spdlog::level::level_enum spd_level = spdlog_level(level);
    if (!host.logger_->should_log(spd_level)) {
        return;
    }
    host.progress_.interrupt();
    host.logger_->log(spd_level, "{}: {}", component ? component : "plugin", std::string_view(msg, msg ? len : 0));
}

crmext_status HostServices::config_get(void* ctx, const char* key, crmext_sink_fn sink, void* sink_ctx) noexcept {
    HostServices& host = self(ctx);
    const boost::json::value* value = host.config_ && key ? host.config_->find(key) : nullptr;
    if (value == nullptr) {
        return CRMEXT_NOT_FOUND;
    }
    const std::string text = model::json_text(*value);
    sink(sink_ctx, text.data(), text.size());
    return CRMEXT_OK;
}

crmext_status HostServices::secret_get(void* ctx, const char* name, crmext_sink_fn sink, void* sink_ctx) noexcept {
    const std::optional<std::string> secret = name ? self(ctx).secrets_.find(name) : std::nullopt;
    if (!secret) {
        return CRMEXT_NOT_FOUND;
    }
    sink(sink_ctx, secret->data(), secret->size());
    return CRMEXT_OK;
}

crmext_status HostServices::state_dir(void* ctx, crmext_sink_fn sink, void* sink_ctx) noexcept {
    HostServices& host = self(ctx);
    std::error_code ec;
    std::filesystem::create_directories(host.state_dir_, ec);
    if (ec) {
        host.logger_->error("state directory {}: {}", host.state_dir_.string(), ec.message());
        return CRMEXT_PERMISSION;
    }
    const std::string path = std::filesystem::absolute(host.state_dir_, ec).string();
    sink(sink_ctx, path.data(), path.size());
    return CRMEXT_OK;
}

std::int64_t HostServices::now_unix_ms(void* ctx) noexcept {
    HostServices& host = self(ctx);
    if (host.fixed_now_ms_) {
        return *host.fixed_now_ms_;
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void HostServices::progress(void* ctx, std::uint64_t done, std::uint64_t total, const char* label) noexcept {
    self(ctx).progress_.report(done, total, label ? label : "");
}

std::int32_t HostServices::cancelled(void*) noexcept { return InterruptFlag::raised() ? 1 : 0; }

}  // namespace sellerscore::host
