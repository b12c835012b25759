#include "token_cost.hpp"

#include <vector>

namespace sellerscore::connectors::pipedrive {

namespace {

std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> segments;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const std::size_t end = path.find('/');
        segments.push_back(path.substr(0, end));
        path = end == std::string_view::npos ? std::string_view() : path.substr(end);
    }
    return segments;
}

}  // namespace

int token_cost(http::Method method, std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    // Anything before "/api/" is a base-URL prefix (a proxy path), not part of the route.
    if (const std::size_t api = path.find("/api/"); api != std::string_view::npos) path.remove_prefix(api);
    const std::vector<std::string_view> s = segments_of(path);
    if (s.size() < 3 || s[0] != "api") return 0;
    const bool v2 = s[1] == "v2";
    const std::size_t depth = s.size() - 2;  // segments after /api/vN
    const std::string_view last = s.back();
    switch (method) {
        case http::Method::get:
            if (last == "search") return v2 ? 20 : 40;
            if (!v2 && last == "flow") return 40;
            if (!v2 && last == "changelog") return 20;
            // A collection ("deals", "deals/archived", "dealFields") or one record ("deals/12").
            if (depth == 1 || (depth == 2 && last == "archived")) return v2 ? 10 : 20;
            return v2 ? 1 : 2;
        case http::Method::post:
        case http::Method::patch:
        case http::Method::put: return v2 ? 5 : 10;
        case http::Method::del: return v2 ? 3 : 6;
    }
    return 0;
}

}  // namespace sellerscore::connectors::pipedrive
