// Indented JSON for people. Boost.JSON 1.81 prints doubles in scientific form ("4E-1"), so numbers
// are printed here in their shortest round-trip decimal form instead ("0.4"): same value, readable.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host {

// Two-space indent, keys in document order, a trailing newline.
std::string pretty_print_json(const boost::json::value& document);

// The shortest decimal that reads back as `value` ("0.4", "71", "132"): counts read as integers.
std::string format_json_double(double value);

}  // namespace sellerscore::host
