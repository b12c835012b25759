#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "host_session.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

Status run_install_command(const GlobalOptions& global, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status locked = (*session)->lock_for_writing("install"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> installed = (*instance)->install({});
    if (!installed) return installed.status();
    out << SummaryFormatter::install(*installed) << "\n";
    return Status::ok();
}

}  // namespace sellerscore::host
