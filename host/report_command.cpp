#include <boost/json/value.hpp>

#include "command_handlers.hpp"
#include "last_scorecard.hpp"
#include "report/report_file.hpp"

namespace sellerscore::host {

Status run_report_command(const GlobalOptions& global, const ReportCommandOptions& options, std::ostream& out) {
    const bool json = options.format == ReportCommandOptions::Format::json;
    const std::filesystem::path path =
        options.out.value_or(json ? "sellerscore-report.json" : "sellerscore-report.html");
    Result<boost::json::value> scorecard = read_last_scorecard(global.config_path);
    if (!scorecard) return scorecard.status();
    const report::ReportScope scope{options.seller, options.team};
    if (Status written = report::write_report_file(
            *scorecard, scope, json ? report::ReportFileFormat::json : report::ReportFileFormat::html, path);
        !written) {
        return written;
    }
    out << "Wrote the report to " << path.string() << "\n";
    return Status::ok();
}

}  // namespace sellerscore::host
