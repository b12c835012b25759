#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "csv_text.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

Status run_sync_command(const GlobalOptions& global, const SyncCommandOptions& options, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status locked = (*session)->lock_for_writing("sync"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> summary = (*instance)->sync({{"full", options.full}, {"dry_run", options.dry_run}});
    (*session)->services().progress().interrupt();
    if (!summary) return summary.status();
    switch (options.format) {
        case OutputFormat::table: out << SummaryFormatter::sync(*summary) << "\n"; break;
        case OutputFormat::json: out << pretty_print_json(*summary); break;
        case OutputFormat::csv: out << csv_of_object(*summary); break;
    }
    return Status::ok();
}

}  // namespace sellerscore::host
