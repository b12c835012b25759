#include "search_pager.hpp"

#include <charconv>

#include <boost/json.hpp>

#include "json_access.hpp"

namespace sellerscore::connectors::hubspot {

SearchPager::SearchPager(std::string modified_property, std::int64_t modified_since_ms,
                         std::vector<std::string> properties) {
    request_.filters.push_back({std::move(modified_property), "GTE", std::to_string(modified_since_ms)});
    request_.sorts.push_back({"hs_object_id", true});
    request_.properties = std::move(properties);
    request_.limit = SearchRequest::max_limit;
}

bool SearchPager::advance(const boost::json::value& response) {
    if (const boost::json::array* results = array_at(response, "results"); results && !results->empty()) {
        const std::string id = string_at(results->back(), "id");
        if (!id.empty()) last_id_ = id;
    }
    const boost::json::value* paging = member(response, "paging");
    const boost::json::value* next = paging ? member(*paging, "next") : nullptr;
    const std::string after = next ? string_at(*next, "after") : std::string();
    if (after.empty()) return false;

    long long offset = 0;
    const auto [end, ec] = std::from_chars(after.data(), after.data() + after.size(), offset);
    const bool numeric = ec == std::errc() && end == after.data() + after.size();
    if (!numeric || offset + request_.limit <= SearchRequest::result_cap) {
        request_.after = after;
        return true;
    }
    if (!last_id_) return false;
    // A new window: the mark filter stays, the id filter moves past everything seen.
    if (request_.filters.size() == 1) request_.filters.push_back({"hs_object_id", "GT", *last_id_});
    else request_.filters.back().value = *last_id_;
    request_.after.reset();
    ++windows_;
    return true;
}

}  // namespace sellerscore::connectors::hubspot
