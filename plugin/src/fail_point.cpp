#include "fail_point.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace sellerscore::plugin {

void fail_point(std::string_view name) {
    const char* armed = std::getenv("SELLERSCORE_FAILPOINTS");
    if (armed == nullptr) return;
    std::string_view list(armed);
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (list.substr(0, comma) == name) {
            throw std::runtime_error("fail point '" + std::string(name) + "' triggered");
        }
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

}  // namespace sellerscore::plugin
