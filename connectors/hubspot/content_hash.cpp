#include "content_hash.hpp"

#include <cstdio>
#include <cstring>

namespace sellerscore::connectors::hubspot {

void ContentHash::feed(std::string_view bytes) {
    for (unsigned char c : bytes) {
        state_ ^= c;
        state_ *= 1099511628211ull;
    }
}

void ContentHash::add(std::string_view part) {
    feed(std::to_string(part.size()));
    feed(":");
    feed(part);
}

void ContentHash::add(const std::optional<std::string>& part) {
    if (part) add(std::string_view(*part));
    else feed("~");
}

void ContentHash::add(double number) {
    char bytes[sizeof number];
    std::memcpy(bytes, &number, sizeof number);
    feed(std::string_view(bytes, sizeof bytes));
}

void ContentHash::add(std::int64_t number) { add(std::string_view(std::to_string(number))); }

std::string ContentHash::hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(state_));
    return text;
}

}  // namespace sellerscore::connectors::hubspot
