// Lenient reads of Pipedrive JSON: fields are nullable and v1 and v2 spell some of them differently
// (ids as numbers or strings, booleans as true/false or 1/0), so a missing, null or differently
// typed member reads as absent instead of throwing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace sellerscore::connectors::pipedrive {

// The member `key` of an object, or nullptr (also for a null member).
const boost::json::value* member(const boost::json::value& object, std::string_view key);
// An object would bind a temporary json::value copy and the pointer would dangle: pass the value.
const boost::json::value* member(const boost::json::object& object, std::string_view key) = delete;
const boost::json::array* array_at(const boost::json::value& object, std::string_view key);
const boost::json::array* array_at(const boost::json::object& object, std::string_view key) = delete;

// A string member as-is, an integer member in decimal (Pipedrive ids are integers), else "".
std::string text_at(const boost::json::value& object, std::string_view key);
std::string text_of(const boost::json::value& value);

// A number member (never a string: v2 types are strict, and a string there is not ours).
std::optional<double> number_at(const boost::json::value& object, std::string_view key);

// true/false, or v1's 1/0.
std::optional<bool> bool_at(const boost::json::value& object, std::string_view key);

}  // namespace sellerscore::connectors::pipedrive
