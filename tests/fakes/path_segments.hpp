// A request path as the fake vendors route it: "/services/data/v62.0/query" -> {"services", "data",
// "v62.0", "query"} (empty segments dropped).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sellerscore::fakes {

inline std::vector<std::string> path_segments(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start < path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) segments.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

}  // namespace sellerscore::fakes
