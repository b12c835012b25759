#include "csv_column_types.hpp"

#include <charconv>

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

json::value typed(const std::string& column, const std::string& text, const CsvColumnTypes& types) {
    if (text.empty()) return nullptr;
    if (types.booleans.count(column) != 0) return text == "true";
    if (types.numbers.count(column) != 0) {
        double number = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (ec == std::errc() && end == text.data() + text.size()) return number;
    }
    return json::value(text);
}

}  // namespace

json::array records_from_csv(const std::vector<CsvRow>& rows, const CsvColumnTypes& types) {
    json::array records;
    if (rows.empty()) return records;
    const CsvRow& header = rows.front();
    for (std::size_t r = 1; r < rows.size(); ++r) {
        json::object record;
        for (std::size_t c = 0; c < header.size() && c < rows[r].size(); ++c) {
            const std::string& column = header[c];
            const std::size_t dot = column.find('.');
            if (dot == std::string::npos) {
                record[column] = typed(column, rows[r][c], types);
                continue;
            }
            json::value& parent = record[column.substr(0, dot)];
            if (!parent.is_object()) parent = json::object();
            if (!rows[r][c].empty()) parent.as_object()[column.substr(dot + 1)] = typed(column, rows[r][c], types);
        }
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace sellerscore::connectors::salesforce
