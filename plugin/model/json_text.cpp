#include "json_text.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <cmath>

namespace sellerscore::model {

namespace json = boost::json;

namespace {

void append_json(const json::value& v, std::string& out) {
    switch (v.kind()) {
        case json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, value] : v.get_object()) {
                if (!first) out += ',';
                first = false;
                out += json::serialize(json::string_view(key));
                out += ':';
                append_json(value, out);
            }
            out += '}';
            return;
        }
        case json::kind::array: {
            out += '[';
            bool first = true;
            for (const json::value& element : v.get_array()) {
                if (!first) out += ',';
                first = false;
                append_json(element, out);
            }
            out += ']';
            return;
        }
        case json::kind::double_: out += number_text(v.get_double()); return;
        default: out += json::serialize(v); return;
    }
}

}  // namespace

std::string number_text(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == 0) return "0";  // also -0: a count or a sum is never "negative zero" to a reader
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc() ? std::string(buffer, end) : json::serialize(json::value(value));
}

std::string json_text(const json::value& document) {
    std::string out;
    append_json(document, out);
    return out;
}

}  // namespace sellerscore::model
