#include "csv_text.hpp"

#include <boost/json/serialize.hpp>

#include "json_pretty_printer.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

void flatten(const json::object& object, const std::string& prefix, std::vector<std::string>& header,
             std::vector<std::string>& row) {
    for (const auto& [key, value] : object) {
        const std::string name = prefix + std::string(key);
        if (value.is_object()) {
            flatten(value.get_object(), name + ".", header, row);
            continue;
        }
        header.push_back(name);
        if (!value.is_array()) {
            row.push_back(csv_cell(&value));
            continue;
        }
        std::string joined;
        bool first = true;
        for (const json::value& item : value.get_array()) {
            joined += (first ? "" : "; ") + csv_cell(&item);
            first = false;
        }
        row.push_back(joined);
    }
}

}  // namespace

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) row += (i == 0 ? "" : ",") + csv_field(fields[i]);
    return row + "\r\n";
}

std::string csv_cell(const json::value* value) {
    if (value == nullptr) return {};
    if (value->is_string()) return std::string(value->get_string());
    if (value->is_double()) return format_json_double(value->get_double());
    if (value->is_int64() || value->is_uint64()) return json::serialize(*value);
    if (value->is_bool()) return value->get_bool() ? "true" : "false";
    return {};
}

std::string csv_of_object(const json::value& document) {
    std::vector<std::string> header;
    std::vector<std::string> row;
    if (document.is_object()) flatten(document.get_object(), "", header, row);
    return csv_row(header) + csv_row(row);
}

std::string csv_of_field_lists(const json::value& document, const std::vector<std::string>& lists) {
    std::string out = csv_row({"field", "status"});
    if (!document.is_object()) return out;
    for (const std::string& list : lists) {
        const json::value* names = document.get_object().if_contains(list);
        if (names == nullptr || !names->is_array()) continue;
        for (const json::value& name : names->get_array()) out += csv_row({csv_cell(&name), list});
    }
    return out;
}

}  // namespace sellerscore::host
