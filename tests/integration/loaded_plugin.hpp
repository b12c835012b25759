// Test fixture: the built sellerscore.so loaded through its C ABI exactly as a host loads it, with
// host services whose clock, logs and state dir the test controls.
#pragma once

#include <crmext/crmext.h>
#include <dlfcn.h>

#include <boost/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace sellerscore::testing {

struct CallResult {
    crmext_status status = CRMEXT_OK;
    std::string output;
    std::string message;
    boost::json::value json() const { return boost::json::parse(output); }
};

class TestHost {
public:
    TestHost() {
        services.struct_size = sizeof(crmext_host_services);
        services.abi_major = CRMEXT_ABI_MAJOR;
        services.abi_minor = CRMEXT_ABI_MINOR;
        services.host_ctx = this;
        services.log = [](void* ctx, int32_t, const char*, const char* msg, size_t len) {
            static_cast<TestHost*>(ctx)->logs.emplace_back(msg, len);
        };
        services.now_unix_ms = [](void* ctx) { return static_cast<TestHost*>(ctx)->now_ms; };
        services.state_dir = [](void* ctx, crmext_sink_fn sink, void* sink_ctx) -> crmext_status {
            const std::string& dir = static_cast<TestHost*>(ctx)->state_dir;
            sink(sink_ctx, dir.data(), dir.size());
            return CRMEXT_OK;
        };
        services.cancelled = [](void* ctx) -> int32_t { return static_cast<TestHost*>(ctx)->cancel ? 1 : 0; };
        services.secret_get = [](void* ctx, const char* name, crmext_sink_fn sink, void* sink_ctx) -> crmext_status {
            const auto& secrets = static_cast<TestHost*>(ctx)->secrets;
            const auto it = secrets.find(name);
            if (it == secrets.end()) return CRMEXT_NOT_FOUND;
            sink(sink_ctx, it->second.data(), it->second.size());
            return CRMEXT_OK;
        };
    }
    crmext_host_services services{};
    std::vector<std::string> logs;
    int64_t now_ms = 1'790'000'000'000;  // 2026-09-21T...Z
    std::string state_dir;
    std::map<std::string, std::string> secrets;  // what secret_get finds, by name
    bool cancel = false;
};

inline void append_sink(void* ctx, const char* data, size_t len) { static_cast<std::string*>(ctx)->append(data, len); }

// The built plugin, opened once per test process and shared by every test.
class LoadedPlugin {
public:
    static LoadedPlugin& get() {
        static LoadedPlugin loaded;
        return loaded;
    }
    // Never dlclose: the ABI's rule, and static destructors of a test's last instance stay valid.
    crmext_entry_fn entry = nullptr;

private:
    LoadedPlugin() {
        handle_ = dlopen(SELLERSCORE_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
        if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + dlerror());
        entry = reinterpret_cast<crmext_entry_fn>(dlsym(handle_, CRMEXT_ENTRY_SYMBOL));
        if (entry == nullptr) throw std::runtime_error("no crmext_entry");
    }
    void* handle_ = nullptr;
};

// One instance of the plugin over a settings document.
class PluginSession {
public:
    PluginSession(TestHost& host, const std::string& settings) : host_(host) {
        crmext_error err{};
        plugin_ = LoadedPlugin::get().entry(&host.services, &err);
        if (plugin_ == nullptr) throw std::runtime_error(std::string("crmext_entry refused: ") + err.message);
        create_status = plugin_->create(&host.services, settings.data(), settings.size(), &instance_, &err);
        create_message = err.message;
    }
    ~PluginSession() { plugin_->destroy(instance_); }
    PluginSession(const PluginSession&) = delete;
    PluginSession& operator=(const PluginSession&) = delete;

    using Fn = crmext_status (*)(crmext_instance*, const char*, size_t, crmext_sink_fn, void*, crmext_error*);
    CallResult call(Fn fn, const std::string& options = "") {
        CallResult r;
        crmext_error err{};
        r.status = fn(instance_, options.data(), options.size(), append_sink, &r.output, &err);
        r.message = err.message;
        return r;
    }
    CallResult install() { return call(plugin_->install); }
    CallResult sync(const std::string& options = "") { return call(plugin_->sync, options); }
    CallResult scorecard() { return call(plugin_->scorecard); }
    CallResult query(const std::string& where) {
        return call(plugin_->query, boost::json::serialize(boost::json::object{{"where", where}}));
    }
    CallResult query(const std::string& where, std::int64_t limit) {
        return call(plugin_->query, boost::json::serialize(boost::json::object{{"where", where}, {"limit", limit}}));
    }
    CallResult uninstall() { return call(plugin_->uninstall); }
    CallResult health() {
        CallResult r;
        crmext_error err{};
        r.status = plugin_->health(instance_, append_sink, &r.output, &err);
        r.message = err.message;
        return r;
    }

    crmext_status create_status = CRMEXT_OK;
    std::string create_message;

private:
    TestHost& host_;
    const crmext_plugin* plugin_ = nullptr;
    crmext_instance* instance_ = nullptr;
};

}  // namespace sellerscore::testing
