#include "fake_pipedrive_paging.hpp"

#include <algorithm>
#include <charconv>

#include "fake_pipedrive_base64.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

std::string encode_cursor(const std::string& sort_by, const SortableItem& last) {
    return encode_base64url(sort_by + ":" + std::to_string(last.key) + ":" + std::to_string(last.id));
}

struct CursorPosition {
    std::string sort_by;
    std::int64_t key = 0;
    std::int64_t id = 0;
};

std::optional<CursorPosition> decode_cursor(const std::string& cursor) {
    const std::optional<std::string> text = decode_base64url(cursor);
    if (!text) return std::nullopt;
    const std::size_t first = text->find(':');
    const std::size_t second = first == std::string::npos ? std::string::npos : text->find(':', first + 1);
    if (second == std::string::npos) return std::nullopt;
    const auto key = parse_integer(text->substr(first + 1, second - first - 1));
    const auto id = parse_integer(text->substr(second + 1));
    if (!key || !id) return std::nullopt;
    return CursorPosition{text->substr(0, first), *key, *id};
}

}  // namespace

std::optional<std::int64_t> parse_integer(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::variant<V2PageRequest, std::string> read_v2_page_request(const std::map<std::string, std::string>& query,
                                                              const std::vector<std::string>& sort_keys) {
    V2PageRequest request;
    if (const auto limit = query.find("limit"); limit != query.end()) {
        const auto value = parse_integer(limit->second);
        if (!value) return std::string("limit: Parameter 'limit' must be an integer");
        if (*value < 1) return std::string("limit: Parameter 'limit' must be greater than or equal to 1");
        if (*value > max_page_limit) return std::string("limit: Parameter 'limit' must be less than or equal to 500");
        request.limit = static_cast<int>(*value);
    }
    if (const auto sort_by = query.find("sort_by"); sort_by != query.end()) {
        if (std::find(sort_keys.begin(), sort_keys.end(), sort_by->second) == sort_keys.end()) {
            std::string allowed;
            for (const std::string& key : sort_keys) allowed += (allowed.empty() ? "" : ", ") + key;
            return "sort_by: Parameter 'sort_by' must be one of: " + allowed;
        }
        request.sort_by = sort_by->second;
    }
    if (const auto direction = query.find("sort_direction"); direction != query.end()) {
        if (direction->second != "asc" && direction->second != "desc")
            return std::string("sort_direction: Parameter 'sort_direction' must be one of: asc, desc");
        request.descending = direction->second == "desc";
    }
    if (const auto cursor = query.find("cursor"); cursor != query.end() && !cursor->second.empty())
        request.cursor = cursor->second;
    return request;
}

std::variant<V2Page, std::string> cut_v2_page(std::vector<SortableItem> items, const V2PageRequest& request) {
    const auto before = [&](const SortableItem& a, const SortableItem& b) {
        if (a.key != b.key) return request.descending ? a.key > b.key : a.key < b.key;
        return request.descending ? a.id > b.id : a.id < b.id;
    };
    if (!std::is_sorted(items.begin(), items.end(), before)) std::sort(items.begin(), items.end(), before);

    auto first = items.begin();
    if (request.cursor) {
        const std::optional<CursorPosition> position = decode_cursor(*request.cursor);
        if (!position || position->sort_by != request.sort_by)
            return std::string("cursor: Parameter 'cursor' is not a valid cursor for this request");
        first = std::upper_bound(items.begin(), items.end(), SortableItem{position->key, position->id, 0}, before);
    }
    V2Page page;
    auto it = first;
    for (; it != items.end() && static_cast<int>(page.indices.size()) < request.limit; ++it)
        page.indices.push_back(it->index);
    if (it != items.end() && !page.indices.empty()) page.next_cursor = encode_cursor(request.sort_by, *(it - 1));
    return page;
}

boost::json::object v2_additional_data(const V2Page& page) {
    boost::json::object data;
    if (page.next_cursor)
        data["next_cursor"] = *page.next_cursor;
    else
        data["next_cursor"] = nullptr;
    return data;
}

std::variant<V1PageRequest, std::string> read_v1_page_request(const std::map<std::string, std::string>& query) {
    V1PageRequest request;
    if (const auto start = query.find("start"); start != query.end()) {
        const auto value = parse_integer(start->second);
        if (!value || *value < 0) return std::string("start must be a non-negative integer");
        request.start = *value;
    }
    if (const auto limit = query.find("limit"); limit != query.end()) {
        const auto value = parse_integer(limit->second);
        if (!value || *value < 1) return std::string("limit must be a positive integer");
        if (*value > max_page_limit) return std::string("limit must be less than or equal to 500");
        request.limit = static_cast<int>(*value);
    }
    return request;
}

boost::json::object v1_additional_data(const V1PageRequest& request, std::size_t returned, std::size_t total) {
    boost::json::object pagination;
    pagination["start"] = request.start;
    pagination["limit"] = request.limit;
    const bool more = static_cast<std::size_t>(request.start) + returned < total;
    pagination["more_items_in_collection"] = more;
    if (more) pagination["next_start"] = request.start + static_cast<std::int64_t>(returned);
    boost::json::object data;
    data["pagination"] = std::move(pagination);
    return data;
}

}  // namespace sellerscore::fakes::pipedrive
