#include "fake_salesforce_csv.hpp"

namespace sellerscore::fakes {

std::optional<std::vector<CsvRow>> parse_csv(const std::string& text) {
    std::vector<CsvRow> rows;
    CsvRow row;
    std::string value;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                value += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                value += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',') {
            row.push_back(std::move(value));
            value.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !value.empty()) {
                row.push_back(std::move(value));
                rows.push_back(std::move(row));
            }
            row.clear();
            value.clear();
            any = false;
        } else {
            value += c;
            any = true;
        }
    }
    if (quoted) return std::nullopt;
    if (any || !value.empty()) {
        row.push_back(std::move(value));
        rows.push_back(std::move(row));
    }
    for (const CsvRow& r : rows)
        if (r.size() != rows.front().size()) return std::nullopt;
    return rows;
}

std::string csv_line(const std::vector<std::string>& values) {
    std::string line;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) line += ',';
        line += '"';
        for (const char c : values[i]) {
            if (c == '"') line += '"';
            line += c;
        }
        line += '"';
    }
    line += '\n';
    return line;
}

}  // namespace sellerscore::fakes
