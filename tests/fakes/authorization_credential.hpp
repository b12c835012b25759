// The credential of a request's Authorization header, as every fake vendor's API reads it: the text
// after the first of `schemes` the header starts with ("Bearer ", or Salesforce's older "OAuth "),
// schemes compared case-insensitively (RFC 9110 §11.1); "" without the header or another scheme.
#pragma once

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string>
#include <string_view>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

inline std::string authorization_credential(const FakeRequest& request,
                                            std::initializer_list<std::string_view> schemes = {"Bearer "}) {
    const auto header = request.headers.find("authorization");
    if (header == request.headers.end()) return {};
    const std::string& value = header->second;
    for (const std::string_view scheme : schemes) {
        if (value.size() <= scheme.size()) continue;
        if (std::equal(scheme.begin(), scheme.end(), value.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            }))
            return value.substr(scheme.size());
    }
    return {};
}

}  // namespace sellerscore::fakes
