// RFC 4180 CSV, as Bulk API 2.0 returns query results (COMMA, LF or CRLF, fields quoted when they
// hold a comma, quote or line break; a quote inside doubled).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors::salesforce {

using CsvRow = std::vector<std::string>;

// Rows in order (the header first). data error on an unterminated quoted field.
Result<std::vector<CsvRow>> parse_csv(std::string_view text);

// One line with LF; a value is quoted only when it holds a comma, a quote or a line break (a quote
// inside doubled), so an empty value stays an empty cell.
std::string csv_line(const CsvRow& values);

}  // namespace sellerscore::connectors::salesforce
