// The C boundary: crmext_entry and the trampolines behind the plugin table. Every function here is
// noexcept in effect: whatever happens inside becomes a status and one line in the caller's error.
#include <crmext/crmext.h>

#include <cstddef>
#include <cstring>
#include <exception>
#include <new>
#include <string>

#include "embedded_manifest.hpp"
#include "plugin_instance.hpp"

struct crmext_instance {
    std::unique_ptr<sellerscore::plugin::PluginInstance> impl;
};

namespace sellerscore::plugin {
namespace {

void fill_error(crmext_error* err, crmext_status code, const std::string& message, int retry_after_ms = 0) noexcept {
    if (err == nullptr) return;
    err->code = code;
    err->retry_after_ms = retry_after_ms;
    const std::size_t n = std::min(message.size(), sizeof(err->message) - 1);
    std::memcpy(err->message, message.data(), n);
    err->message[n] = '\0';
}

crmext_status fail(crmext_error* err, const Status& status) noexcept {
    const auto code = static_cast<crmext_status>(status.code());
    fill_error(err, code, status.message(), status.retry_after_ms());
    return code;
}

// Runs `body` and turns every way it can end into a status: no exception leaves this function.
template <class Body>
crmext_status guarded(const char* function, crmext_error* err, Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        fill_error(err, CRMEXT_INTERNAL, std::string(function) + ": out of memory");
    } catch (const std::exception& e) {
        fill_error(err, CRMEXT_INTERNAL, std::string(function) + ": internal error: " + e.what());
    } catch (...) {
        fill_error(err, CRMEXT_INTERNAL, std::string(function) + ": internal error (unknown exception)");
    }
    return CRMEXT_INTERNAL;
}

crmext_status deliver(const Result<std::string>& result, crmext_sink_fn sink, void* sink_ctx, crmext_error* err) {
    if (!result) return fail(err, result.status());
    if (sink != nullptr) sink(sink_ctx, result.value().data(), result.value().size());
    fill_error(err, CRMEXT_OK, "");
    return CRMEXT_OK;
}

std::string_view view(const char* p, size_t n) { return p == nullptr ? std::string_view() : std::string_view(p, n); }

crmext_status bad_instance(crmext_error* err) {
    fill_error(err, CRMEXT_INVALID_ARGUMENT, "instance is NULL");
    return CRMEXT_INVALID_ARGUMENT;
}

crmext_status create(const crmext_host_services* host, const char* settings_json, size_t settings_len,
                     crmext_instance** out_instance, crmext_error* err) {
    return guarded("create", err, [&]() -> crmext_status {
        if (out_instance == nullptr) return fail(err, Status::invalid_argument("create: out_instance is NULL"));
        *out_instance = nullptr;
        auto made = PluginInstance::create(host, view(settings_json, settings_len));
        if (!made) return fail(err, made.status());
        *out_instance = new crmext_instance{std::move(*made)};
        fill_error(err, CRMEXT_OK, "");
        return CRMEXT_OK;
    });
}

void destroy(crmext_instance* instance) {
    try {
        delete instance;
    } catch (...) {
        // A destructor that throws has nobody to report to across the boundary; swallowing it is the
        // only way to keep the host alive.
    }
}

crmext_status install(crmext_instance* instance, const char*, size_t, crmext_sink_fn sink, void* sink_ctx,
                      crmext_error* err) {
    return guarded("install", err, [&] {
        return instance == nullptr ? bad_instance(err) : deliver(instance->impl->install(), sink, sink_ctx, err);
    });
}

crmext_status sync(crmext_instance* instance, const char* options, size_t options_len, crmext_sink_fn sink,
                   void* sink_ctx, crmext_error* err) {
    return guarded("sync", err, [&] {
        return instance == nullptr ? bad_instance(err)
                                   : deliver(instance->impl->sync(view(options, options_len)), sink, sink_ctx, err);
    });
}

crmext_status scorecard(crmext_instance* instance, const char*, size_t, crmext_sink_fn sink, void* sink_ctx,
                        crmext_error* err) {
    return guarded("scorecard", err, [&] {
        return instance == nullptr ? bad_instance(err) : deliver(instance->impl->scorecard(), sink, sink_ctx, err);
    });
}

crmext_status query(crmext_instance* instance, const char* options, size_t options_len, crmext_sink_fn sink,
                    void* sink_ctx, crmext_error* err) {
    return guarded("query", err, [&] {
        return instance == nullptr ? bad_instance(err)
                                   : deliver(instance->impl->query(view(options, options_len)), sink, sink_ctx, err);
    });
}

crmext_status uninstall(crmext_instance* instance, const char*, size_t, crmext_sink_fn sink, void* sink_ctx,
                        crmext_error* err) {
    return guarded("uninstall", err, [&] {
        return instance == nullptr ? bad_instance(err) : deliver(instance->impl->uninstall(), sink, sink_ctx, err);
    });
}

crmext_status health(crmext_instance* instance, crmext_sink_fn sink, void* sink_ctx, crmext_error* err) {
    return guarded("health", err, [&] {
        return instance == nullptr ? bad_instance(err) : deliver(instance->impl->health(), sink, sink_ctx, err);
    });
}

const crmext_plugin plugin_table = [] {
    crmext_plugin p{};
    p.struct_size = sizeof(crmext_plugin);
    p.abi_major = CRMEXT_ABI_MAJOR;
    p.abi_minor = CRMEXT_ABI_MINOR;
    p.plugin_id = SELLERSCORE_PLUGIN_ID;
    p.plugin_version = SELLERSCORE_PLUGIN_VERSION;
    p.manifest_json = embedded_manifest().data();
    p.manifest_json_len = embedded_manifest().size();
    p.create = create;
    p.destroy = destroy;
    p.install = install;
    p.sync = sync;
    p.scorecard = scorecard;
    p.query = query;
    p.uninstall = uninstall;
    p.health = health;
    return p;
}();

// The host services the plugin calls unconditionally (log through state_dir); later slots are optional.
constexpr std::size_t required_host_size = offsetof(crmext_host_services, now_unix_ms);

}  // namespace
}  // namespace sellerscore::plugin

extern "C" CRMEXT_EXPORT const crmext_plugin* crmext_entry(const crmext_host_services* host, crmext_error* err) {
    using namespace sellerscore::plugin;
    const crmext_plugin* result = nullptr;
    guarded("crmext_entry", err, [&]() -> crmext_status {
        if (host == nullptr) return fail(err, sellerscore::Status::invalid_argument("crmext_entry: host services are NULL"));
        if (host->abi_major != CRMEXT_ABI_MAJOR) {
            return fail(err, sellerscore::Status::unsupported(
                                 "sellerscore " SELLERSCORE_PLUGIN_VERSION " speaks crmext ABI " +
                                 std::to_string(CRMEXT_ABI_MAJOR) + ".x; the host speaks " +
                                 std::to_string(host->abi_major) + "." + std::to_string(host->abi_minor)));
        }
        if (host->struct_size < required_host_size) {
            return fail(err, sellerscore::Status::unsupported("crmext_entry: the host services table is too small (" +
                                                              std::to_string(host->struct_size) + " bytes)"));
        }
        result = &plugin_table;
        fill_error(err, CRMEXT_OK, "");
        return CRMEXT_OK;
    });
    return result;
}
