// Pages through every record of one object type modified at or after a mark, past the search API's
// 10,000-result cap: results are sorted by hs_object_id ascending, and when the next offset would
// cross the cap the query restarts from offset 0 with hs_object_id > the last id seen (re-windowing),
// so each record comes exactly once however many there are.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "search_request.hpp"

namespace sellerscore::connectors::hubspot {

class SearchPager {
public:
    SearchPager(std::string modified_property, std::int64_t modified_since_ms, std::vector<std::string> properties);

    // The request for the next page.
    const SearchRequest& request() const { return request_; }

    // Takes a page's response; false when it was the last page.
    bool advance(const boost::json::value& response);

    int windows_started() const { return windows_; }

private:
    SearchRequest request_;
    std::optional<std::string> last_id_;
    int windows_ = 1;
};

}  // namespace sellerscore::connectors::hubspot
