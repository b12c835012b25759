// Lenient reads of HubSpot JSON: HubSpot documents every response field as optional, so a missing
// or differently typed member reads as absent instead of throwing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace sellerscore::connectors::hubspot {

// The member `key` of an object, or nullptr.
const boost::json::value* member(const boost::json::value& object, std::string_view key);
// An object would bind a temporary json::value copy and the pointer would dangle: pass the value.
const boost::json::value* member(const boost::json::object& object, std::string_view key) = delete;
const boost::json::array* array_at(const boost::json::value& object, std::string_view key);
const boost::json::array* array_at(const boost::json::object& object, std::string_view key) = delete;

// A string member as-is, an integer member in decimal (v4 ids are numbers), else "".
std::string string_at(const boost::json::value& object, std::string_view key);

// A number member, or a string member holding a number.
std::optional<double> number_at(const boost::json::value& object, std::string_view key);

// properties.<name> of a CRM object, "" when absent or null.
std::string property_at(const boost::json::value& crm_object, std::string_view name);

}  // namespace sellerscore::connectors::hubspot
