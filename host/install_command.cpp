#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "csv_text.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "summary_formatter.hpp"

namespace sellerscore::host {

Status run_install_command(const GlobalOptions& global, OutputFormat format, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    if (Status locked = (*session)->lock_for_writing("install"); !locked) return locked;
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> installed = (*instance)->install({});
    if (!installed) return installed.status();
    switch (format) {
        case OutputFormat::table: out << SummaryFormatter::install(*installed) << "\n"; break;
        case OutputFormat::json: out << pretty_print_json(*installed); break;
        case OutputFormat::csv: out << csv_of_field_lists(*installed, {"created", "existing"}); break;
    }
    return Status::ok();
}

}  // namespace sellerscore::host
