#include <boost/json/object.hpp>

#include "command_handlers.hpp"
#include "last_scorecard.hpp"
#include "json_pretty_printer.hpp"
#include "scorecard_renderer.hpp"

namespace sellerscore::host {

Status run_scorecard_command(const GlobalOptions& global, OutputFormat format, std::ostream& out) {
    Result<boost::json::value> scorecard = read_last_scorecard(global.config_path);
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
