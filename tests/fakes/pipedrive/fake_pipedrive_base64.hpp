// Base64: standard for HTTP Basic credentials; URL-safe without padding for the opaque paging
// cursors, which travel in query strings where '+' would read as a space.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::fakes::pipedrive {

std::string encode_base64(std::string_view bytes);
// Padding optional; nullopt on a character outside the alphabet.
std::optional<std::string> decode_base64(std::string_view text);
std::string encode_base64url(std::string_view bytes);
std::optional<std::string> decode_base64url(std::string_view text);

}  // namespace sellerscore::fakes::pipedrive
