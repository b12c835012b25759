#include "search_request.hpp"

#include <boost/json.hpp>

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

json::object SearchRequest::body() const {
    json::object b;
    if (!filters.empty()) {
        json::array group_filters;
        for (const auto& f : filters) {
            group_filters.push_back(json::object{{"propertyName", f.property}, {"operator", f.op}, {"value", f.value}});
        }
        b["filterGroups"] = json::array{json::object{{"filters", std::move(group_filters)}}};
    }
    if (!sorts.empty()) {
        json::array s;
        for (const auto& sort : sorts) {
            s.push_back(json::object{{"propertyName", sort.property},
                                     {"direction", sort.ascending ? "ASCENDING" : "DESCENDING"}});
        }
        b["sorts"] = std::move(s);
    }
    json::array p;
    for (const auto& property : properties) p.push_back(json::string(property));
    b["properties"] = std::move(p);
    b["limit"] = limit;
    if (after) b["after"] = *after;
    return b;
}

}  // namespace sellerscore::connectors::hubspot
