// Reading a JSON document that may be older or newer than this host: a member that is missing or of
// another type reads as empty (an empty object or array, no number, no string, false) instead of
// throwing, so the report renders whatever the scorecard carries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace sellerscore::host::report {

const boost::json::object& object_at(const boost::json::object& parent, std::string_view key);
const boost::json::array& array_at(const boost::json::object& parent, std::string_view key);
std::optional<double> number_at(const boost::json::object& parent, std::string_view key);  // finite numbers only
std::optional<std::string> string_at(const boost::json::object& parent, std::string_view key);
bool bool_at(const boost::json::object& parent, std::string_view key);

// The document itself when it is an object, else an empty one.
const boost::json::object& as_object(const boost::json::value& document);

}  // namespace sellerscore::host::report
