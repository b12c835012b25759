#include "text_table.hpp"

#include <algorithm>

namespace sellerscore::host {

namespace {

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // skip UTF-8 continuation bytes
    }));
}

std::string pad(const std::string& text, std::size_t width, TextTable::Align align) {
    const std::string padding(width - std::min(width, display_width(text)), ' ');
    return align == TextTable::Align::left ? text + padding : padding + text;
}

void trim_trailing_spaces(std::string& line) {
    line.erase(line.find_last_not_of(' ') + 1);
}

}  // namespace

TextTable::TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(columns_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::add_separator() { rows_.emplace_back(); }

std::string TextTable::render() const {
    std::vector<std::size_t> widths;
    for (const Column& column : columns_) {
        widths.push_back(display_width(column.heading));
    }
    for (const auto& row : rows_) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    }
    auto line_of = [&](auto cell_at) {
        std::string line;
        for (std::size_t i = 0; i < columns_.size(); ++i) {
            line += (i == 0 ? "" : "  ") + cell_at(i);
        }
        trim_trailing_spaces(line);
        return line + "\n";
    };
    const std::string dashes = line_of([&](std::size_t i) { return std::string(widths[i], '-'); });
    std::string out = line_of([&](std::size_t i) { return pad(columns_[i].heading, widths[i], columns_[i].align); });
    out += dashes;
    for (const auto& row : rows_) {
        out += row.empty() ? dashes : line_of([&](std::size_t i) { return pad(row[i], widths[i], columns_[i].align); });
    }
    return out;
}

}  // namespace sellerscore::host
