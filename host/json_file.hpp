// Reading a JSON document from a file or a buffer, with failures that point at line and column:
// "sellerscore.json:1:17: not valid JSON (syntax error)".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "plugin/model/status.hpp"

namespace sellerscore::host {

// `source_name` is what error messages call the text (a file name as the user wrote it).
// Fails with StatusCode::data.
Result<boost::json::value> parse_json_text(std::string_view text, const std::string& source_name);

// Fails with StatusCode::not_found when the file does not exist, StatusCode::data when it is not JSON.
Result<boost::json::value> read_json_file(const std::filesystem::path& path);

}  // namespace sellerscore::host
