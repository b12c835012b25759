#include "json_pretty_printer.hpp"

#include <boost/json/serialize.hpp>

#include "plugin/model/json_text.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

void print(const json::value& v, int depth, std::string& out) {
    const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
    const std::string closing_indent(static_cast<std::size_t>(depth) * 2, ' ');
    switch (v.kind()) {
    case json::kind::object: {
        const json::object& object = v.get_object();
        if (object.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (const auto& [key, value] : object) {
            out += first ? "" : ",\n";
            first = false;
            out += indent + json::serialize(json::string_view(key)) + ": ";
            print(value, depth + 1, out);
        }
        out += "\n" + closing_indent + "}";
        return;
    }
    case json::kind::array: {
        const json::array& array = v.get_array();
        if (array.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < array.size(); ++i) {
            out += (i == 0 ? "" : ",\n") + indent;
            print(array[i], depth + 1, out);
        }
        out += "\n" + closing_indent + "]";
        return;
    }
    case json::kind::double_:
        out += format_json_double(v.get_double());
        return;
    default:
        out += json::serialize(v);
        return;
    }
}

}  // namespace

std::string format_json_double(double value) { return model::number_text(value); }

std::string pretty_print_json(const json::value& document) {
    std::string out;
    print(document, 0, out);
    out += "\n";
    return out;
}

}  // namespace sellerscore::host
