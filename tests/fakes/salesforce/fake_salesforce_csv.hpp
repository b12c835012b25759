// Bulk API 2.0 CSV: RFC 4180 with a header row, comma delimiter, LF or CRLF line endings. Query
// results quote every value, nulls as "" (Salesforce keeps no empty strings, so "" is null).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sellerscore::fakes {

using CsvRow = std::vector<std::string>;

// The rows of `text` (header first); nullopt for an unterminated quote or ragged rows.
std::optional<std::vector<CsvRow>> parse_csv(const std::string& text);

// One line (with LF): every value quoted, quotes doubled.
std::string csv_line(const std::vector<std::string>& values);

}  // namespace sellerscore::fakes
