// Inflating a Content-Encoding: gzip body, with the response cap applied to the inflated size so
// a small compressed body cannot expand without bound (a zip bomb).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

// The inflated body; invalid_argument "inflated body over N bytes" past max_bytes, network
// "corrupt gzip body: ..." for a damaged stream (a transfer problem more than a vendor's choice).
// Concatenated gzip members are inflated one after another, as RFC 1952 allows.
Result<std::string> decode_gzip(std::string_view compressed, std::size_t max_bytes);

}  // namespace sellerscore::connectors::http
