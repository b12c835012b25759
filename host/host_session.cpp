#include "host_session.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/logger.h>

#include "plugin_locator.hpp"

namespace sellerscore::host {

namespace {

Result<std::optional<ConfigFile>> read_config(const std::optional<std::filesystem::path>& config_path,
                                              HostSession::ConfigNeed need) {
    std::optional<std::filesystem::path> path = config_path;
    if (!path && std::filesystem::exists(ConfigFile::default_name)) {
        path = std::filesystem::path(ConfigFile::default_name);
    }
    if (!path) {
        if (need == HostSession::ConfigNeed::optional) {
            return std::optional<ConfigFile>();
        }
        return Status::invalid_argument(
            "no configuration: pass --config FILE, or run where a sellerscore.json is (crmhost demo writes one)");
    }
    Result<ConfigFile> config = ConfigFile::read(*path);
    if (!config) {
        return config.status();
    }
    return std::optional<ConfigFile>(std::move(*config));
}

}  // namespace

Result<std::unique_ptr<HostSession>> HostSession::open(const std::optional<std::filesystem::path>& config_path,
                                                       ConfigNeed need) {
    std::unique_ptr<HostSession> session(new HostSession());
    Result<std::optional<ConfigFile>> config = read_config(config_path, need);
    if (!config) {
        return config.status();
    }
    session->config_ = std::move(*config);

    Result<std::unique_ptr<HostServices>> services = HostServices::create(session->config());
    if (!services) {
        return services.status();
    }
    session->services_ = std::move(*services);

    HostServices* services_for_warning = session->services_.get();
    PluginTrust trust = PluginTrust::from_environment([services_for_warning](const std::string& why) {
        services_for_warning->logger().warn("plugin signature not checked ({}=1): {}",
                                            PluginTrust::allow_unsigned_variable, why);
    });
    Result<std::filesystem::path> trusted_key = PluginPackageVerifier::trusted_key(session->config());
    if (!trusted_key) {
        return trusted_key.status();
    }
    trust.trusted_key = std::move(*trusted_key);
    Result<LoadedPlugin> plugin =
        PluginLoader(session->services_->table(), std::move(trust)).load(PluginLocator::locate(session->config()));
    if (!plugin) {
        return plugin.status();
    }
    session->plugin_ = std::move(*plugin);

    if (session->config_) {
        const boost::json::value* schema = session->plugin_.manifest.is_object()
                                               ? session->plugin_.manifest.get_object().if_contains("configSchema")
                                               : nullptr;
        if (schema == nullptr) {
            return Status::unsupported(session->plugin_.manifest_path.string() + ": no configSchema");
        }
        if (Status valid = session->config_->validate(*schema); !valid) {
            return valid;
        }
    }
    return session;
}

Result<PluginInstance*> HostSession::instance() {
    if (!instance_) {
        if (!config_) {
            return Status::invalid_argument("no configuration to create the plugin instance from");
        }
        const std::string settings = boost::json::serialize(config_->document());
        Result<std::unique_ptr<PluginInstance>> created =
            PluginInstance::create(plugin_.table, services_->table(), settings);
        if (!created) {
            return created.status();
        }
        instance_ = std::move(*created);
    }
    return instance_.get();
}

Status HostSession::lock_for_writing(std::string_view command) {
    const std::filesystem::path& state_dir = services_->state_directory();
    std::error_code ec;
    if (std::filesystem::create_directories(state_dir, ec)) {
        std::filesystem::permissions(state_dir, std::filesystem::perms::owner_all, ec);
    }
    if (ec) return Status(StatusCode::permission, state_dir.string() + ": cannot create the state directory (" + ec.message() + ")");
    Result<SingleWriterLock> state_lock =
        SingleWriterLock::acquire(state_dir / "crmhost.lock", "state directory " + state_dir.string(), command);
    if (!state_lock) return state_lock.status();
    locks_.push_back(std::move(*state_lock));
    if (config_ && config_->string_at("connector") == "local") {
        if (const std::optional<std::string> database = config_->string_at("local.database")) {
            Result<SingleWriterLock> database_lock =
                SingleWriterLock::acquire(*database + ".lock", "local CRM " + *database, command);
            if (!database_lock) return database_lock.status();
            locks_.push_back(std::move(*database_lock));
        }
    }
    return Status::ok();
}

}  // namespace sellerscore::host
