// A plain-text table with aligned columns for terminal output. Widths count characters, not bytes,
// so "—", "▲" and accented names line up.
#pragma once

#include <string>
#include <vector>

namespace sellerscore::host {

class TextTable {
public:
    enum class Align { left, right };

    struct Column {
        std::string heading;
        Align align = Align::left;
    };

    explicit TextTable(std::vector<Column> columns);

    // Missing trailing cells print empty; extra cells are ignored.
    void add_row(std::vector<std::string> cells);
    // A dashed line across all columns, before the next row.
    void add_separator();

    // Heading, a dashed line, then the rows; two spaces between columns; no trailing spaces.
    std::string render() const;

private:
    std::vector<Column> columns_;
    std::vector<std::vector<std::string>> rows_;  // an empty row is a separator
};

}  // namespace sellerscore::host
