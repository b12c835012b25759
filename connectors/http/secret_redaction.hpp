// Last line of defence for credentials: a vendor that echoes a token back in an error body must
// not get it into our logs or Status messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sellerscore::connectors::http {

// `text` with every occurrence of each secret replaced by "[redacted]". Secrets shorter than 4
// characters are ignored: they would mangle ordinary words and are no secret anyway.
std::string redact_secrets(std::string text, const std::vector<std::string_view>& secrets);

}  // namespace sellerscore::connectors::http
