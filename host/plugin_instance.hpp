// One live plugin instance (crmext_plugin.create) and its calls, in C++ terms: JSON options in, a
// parsed JSON document or the plugin's one-line error out. Destroying it destroys the instance.
#pragma once

#include <crmext/crmext.h>

#include <memory>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

class PluginInstance {
public:
    // `table` and `host` must outlive the instance.
    static Result<std::unique_ptr<PluginInstance>> create(const crmext_plugin& table, const crmext_host_services* host,
                                                          std::string_view settings_json);

    PluginInstance(const PluginInstance&) = delete;
    PluginInstance& operator=(const PluginInstance&) = delete;
    ~PluginInstance();

    Result<boost::json::value> install(const boost::json::object& options);
    Result<boost::json::value> sync(const boost::json::object& options);
    Result<boost::json::value> scorecard(const boost::json::object& options);
    Result<boost::json::value> query(const boost::json::object& options);
    Result<boost::json::value> uninstall(const boost::json::object& options);
    Result<boost::json::value> health();

private:
    using OptionsCall = crmext_status (*)(crmext_instance*, const char*, std::size_t, crmext_sink_fn, void*,
                                          crmext_error*);

    PluginInstance(const crmext_plugin& table, crmext_instance* instance) : table_(table), instance_(instance) {}
    Result<boost::json::value> call(OptionsCall fn, std::string_view name, const boost::json::object& options);

    const crmext_plugin& table_;
    crmext_instance* instance_;
};

}  // namespace sellerscore::host
