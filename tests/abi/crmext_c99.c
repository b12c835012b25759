/* Compiled with -std=c99 -Wall -Wextra -Wpedantic -Werror: the ABI header must stay pure C, and a
 * C host must be able to fill every host service and call every plugin function. */
#include <crmext/crmext.h>

static void log_message(void* ctx, int32_t level, const char* component, const char* msg, size_t len) {
    (void)ctx; (void)level; (void)component; (void)msg; (void)len;
}
static crmext_status lookup(void* ctx, const char* key, crmext_sink_fn sink, void* sink_ctx) {
    (void)ctx; (void)key; (void)sink; (void)sink_ctx;
    return CRMEXT_NOT_FOUND;
}
static crmext_status state_dir(void* ctx, crmext_sink_fn sink, void* sink_ctx) {
    (void)ctx;
    sink(sink_ctx, "/tmp", 4);
    return CRMEXT_OK;
}
static int64_t now_unix_ms(void* ctx) { (void)ctx; return 0; }
static void progress(void* ctx, uint64_t done, uint64_t total, const char* label) {
    (void)ctx; (void)done; (void)total; (void)label;
}
static int32_t cancelled(void* ctx) { (void)ctx; return 0; }
static void ignore_output(void* ctx, const char* data, size_t len) { (void)ctx; (void)data; (void)len; }

int run_host(void) {
    crmext_host_services host = {0};
    crmext_error err = {0};
    crmext_instance* instance = 0;
    const crmext_plugin* plugin;

    host.struct_size = (uint32_t)sizeof host;
    host.abi_major = CRMEXT_ABI_MAJOR;
    host.abi_minor = CRMEXT_ABI_MINOR;
    host.log = log_message;
    host.config_get = lookup;
    host.secret_get = lookup;
    host.state_dir = state_dir;
    host.now_unix_ms = now_unix_ms;
    host.progress = progress;
    host.cancelled = cancelled;

    plugin = crmext_entry(&host, &err);
    if (plugin == 0 || plugin->create(&host, "{}", 2, &instance, &err) != CRMEXT_OK) return err.code;
    plugin->install(instance, 0, 0, ignore_output, 0, &err);
    plugin->sync(instance, "{}", 2, ignore_output, 0, &err);
    plugin->scorecard(instance, 0, 0, ignore_output, 0, &err);
    plugin->query(instance, "{}", 2, ignore_output, 0, &err);
    plugin->uninstall(instance, 0, 0, ignore_output, 0, &err);
    plugin->health(instance, ignore_output, 0, &err);
    plugin->destroy(instance);
    return (int)plugin->manifest_json_len + plugin->abi_major + plugin->abi_minor + (int)plugin->struct_size +
           (plugin->plugin_id[0] == 'i') + (plugin->plugin_version[0] == '0') + (plugin->manifest_json[0] == '{');
}
