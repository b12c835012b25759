#include "connectors/http/secret_redaction.hpp"

namespace sellerscore::connectors::http {

std::string redact_secrets(std::string text, const std::vector<std::string_view>& secrets) {
    constexpr std::string_view replacement = "[redacted]";
    for (const std::string_view secret : secrets) {
        if (secret.size() < 4) continue;
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + replacement.size()))
            text.replace(at, secret.size(), replacement);
    }
    return text;
}

}  // namespace sellerscore::connectors::http
