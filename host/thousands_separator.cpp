#include "thousands_separator.hpp"

namespace sellerscore::host {

std::string with_thousands_separators(std::int64_t n) {
    const std::string digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return (n < 0 ? "-" : "") + grouped;
}

}  // namespace sellerscore::host
