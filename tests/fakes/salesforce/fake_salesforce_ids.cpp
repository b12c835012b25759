#include "fake_salesforce_ids.hpp"

namespace sellerscore::fakes {

std::string checksum_suffix(std::string_view id15) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    std::string suffix;
    for (std::size_t chunk = 0; chunk < 3; ++chunk) {
        unsigned bits = 0;
        for (std::size_t i = 0; i < 5; ++i) {
            const char c = id15[chunk * 5 + i];
            if (c >= 'A' && c <= 'Z') bits |= 1u << i;
        }
        suffix += alphabet[bits];
    }
    return suffix;
}

std::string salesforce_id(std::string_view key_prefix, std::uint64_t sequence) {
    static constexpr std::string_view digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // "5g" stands for the pod of this fake org, as real ids carry their instance.
    std::string body(10, '0');
    for (std::size_t i = body.size(); i-- > 0 && sequence > 0;) {
        body[i] = digits[sequence % digits.size()];
        sequence /= digits.size();
    }
    std::string id15 = std::string(key_prefix) + "5g" + body;
    return id15 + checksum_suffix(id15);
}

}  // namespace sellerscore::fakes
