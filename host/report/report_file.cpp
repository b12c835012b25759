#include "report_file.hpp"

#include <fstream>

#include "host/json_pretty_printer.hpp"
#include "html_report_writer.hpp"

namespace sellerscore::host::report {

Status write_report_file(const boost::json::value& scorecard, const ReportScope& scope, ReportFileFormat format,
                         const std::filesystem::path& path) {
    Result<boost::json::value> document = ReportDocument::build(scorecard, scope);
    if (!document) return document.status();
    const std::string text =
        format == ReportFileFormat::json ? pretty_print_json(*document) : HtmlReportWriter(*document).html();
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return Status::internal(temporary.string() + ": cannot be written");
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::filesystem::remove(temporary, ec);
        return Status::internal(path.string() + ": cannot be written (" + ec.message() + ")");
    }
    return Status::ok();
}

}  // namespace sellerscore::host::report
