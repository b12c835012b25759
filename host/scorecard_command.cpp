#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "host_session.hpp"
#include "json_pretty_printer.hpp"
#include "scorecard_renderer.hpp"

namespace sellerscore::host {

Status run_scorecard_command(const GlobalOptions& global, OutputFormat format, std::ostream& out) {
    Result<std::unique_ptr<HostSession>> session = HostSession::open(global.config_path, HostSession::ConfigNeed::required);
    if (!session) return session.status();
    Result<PluginInstance*> instance = (*session)->instance();
    if (!instance) return instance.status();
    Result<boost::json::value> scorecard = (*instance)->scorecard({});
    if (!scorecard) return scorecard.status();
    switch (format) {
    case OutputFormat::json:
        out << pretty_print_json(*scorecard);
        break;
    case OutputFormat::csv:
        out << ScorecardRenderer(*scorecard).csv();
        break;
    case OutputFormat::table:
        out << ScorecardRenderer(*scorecard).table();
        break;
    }
    return Status::ok();
}

}  // namespace sellerscore::host
