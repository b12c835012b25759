#include "content_fingerprint.hpp"

#include <cstdio>

namespace sellerscore::connectors::pipedrive {

void ContentFingerprint::feed(std::string_view bytes) {
    for (unsigned char c : bytes) {
        state_ ^= c;
        state_ *= 1099511628211ull;
    }
}

void ContentFingerprint::add(std::string_view part) {
    feed(std::to_string(part.size()));
    feed(":");
    feed(part);
}

std::string ContentFingerprint::hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(state_));
    return text;
}

}  // namespace sellerscore::connectors::pipedrive
