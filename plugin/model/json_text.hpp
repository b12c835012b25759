// JSON text as people and programs expect it. Boost.JSON 1.81 prints doubles in scientific form
// (41.3 as "4.13E1", 132 as "1.32E2"); every document sellerscore produces goes through here instead,
// so numbers read as their shortest round-trip decimal ("41.3", "132").
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::model {

// The shortest decimal that reads back as exactly `value` ("0.4", "132", "1e-07"). Integral values
// print without a fraction, so counts read as integers. Not for NaN or infinities (JSON has none):
// those print as "null".
std::string number_text(double value);

// Compact JSON (no whitespace), keys in document order, numbers as number_text.
std::string json_text(const boost::json::value& document);

}  // namespace sellerscore::model
