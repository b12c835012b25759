// CSV as RFC 4180 has it and spreadsheets open it: a header row, fields separated by commas, a field
// quoted when it holds a comma, a double quote, CR or LF (its quotes doubled), every row ended by
// CRLF, UTF-8 passed through untouched.
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace sellerscore::host {

// One field, quoted when it must be.
std::string csv_field(const std::string& text);

// One row: the fields, quoted as needed, joined by commas, ended by CRLF.
std::string csv_row(const std::vector<std::string>& fields);

// A JSON scalar as a CSV cell: a string as itself, a number in its shortest round-trip decimal form
// (a count is "132", not "132.0"), a bool as true/false, null or anything else as an empty cell.
std::string csv_cell(const boost::json::value* value);

// An object as a header row and one data row: its scalar members by key, nested objects flattened
// as "outer.inner", arrays of scalars as one cell joined by "; ", in document order.
std::string csv_of_object(const boost::json::value& document);

// Lists of custom field names, as the plugin's install and uninstall documents hold them
// ({"created":[...],"existing":[...]}, {"removed":[...]}): a "field,status" header, then one row per
// name with the list's key as its status, lists in the order given.
std::string csv_of_field_lists(const boost::json::value& document, const std::vector<std::string>& lists);

}  // namespace sellerscore::host
