// Bulk API 2.0 CSV rows in the REST shape the record mapper reads: typed by column, "A.B" columns
// nested. Apart from BulkQuery (which talks HTTP) so the conversion can be tested and fuzzed alone.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "csv_table.hpp"

namespace sellerscore::connectors::salesforce {

// Columns whose CSV text is a number or a boolean (everything else stays a string; "" is null).
struct CsvColumnTypes {
    std::set<std::string> numbers;
    std::set<std::string> booleans;
};

// The REST shape of CSV rows: header + rows -> [{"Id":..., "UserRole":{"Name":...}}, ...].
boost::json::array records_from_csv(const std::vector<CsvRow>& rows, const CsvColumnTypes& types);

}  // namespace sellerscore::connectors::salesforce
