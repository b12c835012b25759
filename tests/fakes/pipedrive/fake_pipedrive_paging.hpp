// Pipedrive's two paging shapes. v2: ?limit (default 100, max 500) & ?cursor (opaque) ->
// additional_data.next_cursor (null on the last page), over a list sorted by sort_by (id,
// update_time, add_time, ...) and sort_direction. v1: ?start & ?limit (max 500) ->
// additional_data.pagination {start, limit, more_items_in_collection[, next_start]}.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>

namespace sellerscore::fakes::pipedrive {

constexpr int max_page_limit = 500;

// One candidate of a v2 list: its sort key (the id itself when sorting by id) and its position.
struct SortableItem {
    std::int64_t key = 0;
    std::int64_t id = 0;
    std::size_t index = 0;
};

struct V2PageRequest {
    int limit = 100;
    std::string sort_by = "id";
    bool descending = false;
    std::optional<std::string> cursor;
};

struct V2Page {
    std::vector<std::size_t> indices;  // positions of the page's items, in order
    std::optional<std::string> next_cursor;
};

// Reads limit, cursor, sort_by (one of `sort_keys`) and sort_direction; the 400's detail on failure.
std::variant<V2PageRequest, std::string> read_v2_page_request(const std::map<std::string, std::string>& query,
                                                              const std::vector<std::string>& sort_keys);
// Sorts `items` and cuts the page after the cursor; the 400's detail for a cursor that is not ours.
std::variant<V2Page, std::string> cut_v2_page(std::vector<SortableItem> items, const V2PageRequest& request);
boost::json::object v2_additional_data(const V2Page& page);

struct V1PageRequest {
    std::int64_t start = 0;
    int limit = 100;
};

std::variant<V1PageRequest, std::string> read_v1_page_request(const std::map<std::string, std::string>& query);
// The pagination object for a page of `returned` items out of `total` from request.start.
boost::json::object v1_additional_data(const V1PageRequest& request, std::size_t returned, std::size_t total);

// A strict decimal integer ("12", "-3"); nullopt for anything else.
std::optional<std::int64_t> parse_integer(const std::string& text);

}  // namespace sellerscore::fakes::pipedrive
