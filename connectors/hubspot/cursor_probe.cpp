#include "cursor_probe.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "property_value.hpp"
#include "connectors/bounded_integer.hpp"

namespace sellerscore::connectors::hubspot {

Result<TypeProbe> probe_type(HubSpotApi& api, ObjectType type, std::optional<std::int64_t> modified_after_ms) {
    const std::string modified(last_modified_property(type));
    SearchRequest request;
    if (modified_after_ms) request.filters.push_back({modified, "GT", std::to_string(*modified_after_ms)});
    request.sorts.push_back({modified, false});
    request.properties = {modified};
    request.limit = 1;
    auto body = api.search(type, request);
    if (!body) return body.status();
    TypeProbe probe;
    // A count, clamped: a wild total would overflow the cast, and NaN passes a clamp.
    probe.total = bounded_integer<std::int64_t>(number_at(*body, "total").value_or(0), 0.0, 1e15);
    if (const boost::json::array* results = array_at(*body, "results"); results && !results->empty()) {
        const auto newest = parse_time_ms(property_at(results->front(), modified));
        if (!newest) {
            return Status::data("hubspot: POST " + std::string(path_name(type)) + "/search: a record without " + modified);
        }
        probe.newest_ms = *newest;
    }
    return probe;
}

}  // namespace sellerscore::connectors::hubspot
