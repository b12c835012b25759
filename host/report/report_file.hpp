// Writes the report for a scorecard to a file: the HTML page or its JSON document. Shared by
// `crmhost report` and `crmhost demo`, so both write the same thing.
#pragma once

#include <filesystem>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"
#include "report_document.hpp"

namespace sellerscore::host::report {

enum class ReportFileFormat { html, json };

// Replaces `path` whole (written to a sibling temporary file, then renamed), so a reader never sees
// half a report.
Status write_report_file(const boost::json::value& scorecard, const ReportScope& scope, ReportFileFormat format,
                         const std::filesystem::path& path);

}  // namespace sellerscore::host::report
