// A Bulk API 2.0 query result (RFC 4180 CSV), parsed, turned into REST-shaped records and mapped
// as the org reader maps them. Beyond not crashing: rows written back as CSV (every field quoted)
// parse to the same rows, so no field is split, joined or altered by the parser.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "connectors/salesforce/csv_column_types.hpp"
#include "tests/fuzz/salesforce_records.hpp"

namespace {

using sellerscore::connectors::salesforce::CsvRow;

std::string quoted_csv(const std::vector<CsvRow>& rows) {
    std::string text;
    for (const CsvRow& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0) text += ',';
            text += '"';
            for (char c : row[i]) text += c == '"' ? std::string("\"\"") : std::string(1, c);
            text += '"';
        }
        text += '\n';
    }
    return text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace sellerscore::connectors::salesforce;
    const auto rows = parse_csv(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!rows) {
        if (rows.status().message().empty()) std::abort();
        return 0;
    }
    const auto again = parse_csv(quoted_csv(*rows));
    if (!again || *again != *rows) std::abort();

    CsvColumnTypes types;
    types.numbers = {"Amount", "CallDurationInSeconds", "DurationInMinutes", "Probability"};
    types.booleans = {"IsClosed", "IsWon", "IsActive", "IsDeleted", "IsConverted"};
    sellerscore::fuzz::map_salesforce_records(records_from_csv(*rows, types));
    return 0;
}
