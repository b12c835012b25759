#include "demo_record_ids.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

namespace sellerscore::demo {

namespace {
std::string padded_id(std::string_view prefix, std::int64_t number, std::size_t width) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    const auto length = static_cast<std::size_t>(end - digits);
    std::string id(prefix);
    if (length < width) id.append(width - length, '0');
    id.append(digits, length);
    return id;
}
}  // namespace

std::string contact_id(int index) { return padded_id("C", index + 1, 6); }
std::string company_id(int index) { return padded_id("CO", index + 1, 5); }
std::string deal_id(int index) { return padded_id("D", index + 1, 5); }
std::string activity_id(std::int64_t index) { return padded_id("A", index + 1, 7); }

}  // namespace sellerscore::demo
