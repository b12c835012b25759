#include "sellers_by_score.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "report/lenient_json.hpp"

namespace sellerscore::host {

namespace json = boost::json;

std::vector<const json::object*> sellers_by_score(const json::object& scorecard) {
    std::vector<const json::object*> sellers;
    for (const json::value& seller : report::array_at(scorecard, "sellers")) {
        if (seller.is_object()) sellers.push_back(&seller.get_object());
    }
    std::stable_sort(sellers.begin(), sellers.end(), [](const json::object* a, const json::object* b) {
        const std::optional<double> sa = report::number_at(*a, "score");
        const std::optional<double> sb = report::number_at(*b, "score");
        if (sa && sb && *sa != *sb) return *sa > *sb;
        if (sa.has_value() != sb.has_value()) return sa.has_value();
        return report::string_at(*a, "name").value_or("") < report::string_at(*b, "name").value_or("");
    });
    return sellers;
}

}  // namespace sellerscore::host
