#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "deals_renderer.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"

namespace sellerscore::host {

Status run_deals_command(const GlobalOptions& global, const DealsCommandOptions& options, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> deals = (*instance)->query({{"where", options.where}, {"limit", options.limit}});
    if (!deals) return deals.status();
    if (options.format == OutputFormat::json) {
        out << pretty_print_json(*deals);
        return Status::ok();
    }
    const DealsRenderer renderer(*deals);
    if (options.format == OutputFormat::csv) {
        out << renderer.csv();
        return Status::ok();
    }
    if (renderer.count() == 0) {
        out << "no deals match: " << options.where << "\n";
        return Status::ok();
    }
    out << renderer.table(static_cast<std::size_t>(options.limit));
    return Status::ok();
}

}  // namespace sellerscore::host
