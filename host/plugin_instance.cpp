#include "plugin_instance.hpp"

#include <cstring>

#include <boost/json/serialize.hpp>

#include "json_file.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

extern "C" void append_to_string(void* sink_ctx, const char* data, std::size_t len) {
    static_cast<std::string*>(sink_ctx)->append(data, len);
}

Status status_from(crmext_status code, const crmext_error& err) {
    const bool known = code >= CRMEXT_OK && code <= CRMEXT_INTERNAL;
    std::string message(err.message, strnlen(err.message, sizeof(err.message)));
    if (message.empty()) {
        message = "the plugin failed (status " + std::to_string(code) + ") without saying why";
    }
    return Status(known ? static_cast<StatusCode>(code) : StatusCode::internal, std::move(message),
                  err.retry_after_ms);
}

Result<json::value> parse_output(const std::string& output, std::string_view call_name) {
    Result<json::value> parsed = parse_json_text(output, "the plugin's " + std::string(call_name) + " output");
    if (!parsed) {
        return Status::internal(parsed.status().message());
    }
    return parsed;
}

}  // namespace

Result<std::unique_ptr<PluginInstance>> PluginInstance::create(const crmext_plugin& table,
                                                               const crmext_host_services* host,
                                                               std::string_view settings_json) {
    if (table.create == nullptr) {
        return Status::unsupported("the plugin provides no create()");
    }
    crmext_error err{};
    crmext_instance* instance = nullptr;
    const crmext_status code = table.create(host, settings_json.data(), settings_json.size(), &instance, &err);
    if (code != CRMEXT_OK || instance == nullptr) {
        return status_from(code == CRMEXT_OK ? CRMEXT_INTERNAL : code, err);
    }
    return std::unique_ptr<PluginInstance>(new PluginInstance(table, instance));
}

PluginInstance::~PluginInstance() {
    if (table_.destroy != nullptr) {
        table_.destroy(instance_);
    }
}

Result<json::value> PluginInstance::call(OptionsCall fn, std::string_view name, const json::object& options) {
    if (fn == nullptr) {
        return Status::unsupported("the plugin does not provide " + std::string(name));
    }
    const std::string options_json = json::serialize(options);
    std::string output;
    crmext_error err{};
    const crmext_status code =
        fn(instance_, options_json.data(), options_json.size(), &append_to_string, &output, &err);
    if (code != CRMEXT_OK) {
        return status_from(code, err);
    }
    return parse_output(output, name);
}

Result<json::value> PluginInstance::install(const json::object& options) { return call(table_.install, "install", options); }
Result<json::value> PluginInstance::sync(const json::object& options) { return call(table_.sync, "sync", options); }
Result<json::value> PluginInstance::scorecard(const json::object& options) {
    return call(table_.scorecard, "scorecard", options);
}
Result<json::value> PluginInstance::query(const json::object& options) { return call(table_.query, "query", options); }
Result<json::value> PluginInstance::uninstall(const json::object& options) {
    return call(table_.uninstall, "uninstall", options);
}

Result<json::value> PluginInstance::health() {
    if (table_.health == nullptr) {
        return Status::unsupported("the plugin does not provide health");
    }
    std::string output;
    crmext_error err{};
    const crmext_status code = table_.health(instance_, &append_to_string, &output, &err);
    if (code != CRMEXT_OK) {
        return status_from(code, err);
    }
    return parse_output(output, "health");
}

}  // namespace sellerscore::host
