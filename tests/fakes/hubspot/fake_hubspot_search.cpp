#include "fake_hubspot_search.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "fake_hubspot_property_value.hpp"

namespace sellerscore::fakes {
namespace {

// HubSpot's limits since 2024-08-26 (changelog "Expanded Filtering Capabilities ... in HubSpot's
// Search API"): 5 filter groups, 10 filters in a group, 25 filters in all.
constexpr std::size_t max_groups = 5;
constexpr std::size_t max_filters_per_group = 10;
constexpr std::size_t max_filters = 25;
constexpr int max_limit = 200;
constexpr std::int64_t result_window = 10'000;

const std::set<std::string, std::less<>> operators = {"EQ",  "NEQ", "LT",    "LTE",    "GT",           "GTE",
                                                      "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"};

// Filter values may be JSON strings, numbers or booleans; HubSpot compares their text.
std::optional<std::string> scalar_text(const boost::json::value& value) {
    if (const auto* text = value.if_string()) return std::string(*text);
    if (const auto* number = value.if_int64()) return std::to_string(*number);
    if (const auto* number = value.if_uint64()) return std::to_string(*number);
    if (const auto* number = value.if_double()) {
        char buffer[32];
        const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, *number);
        return std::string(buffer, end);
    }
    if (const auto* flag = value.if_bool()) return *flag ? "true" : "false";
    return std::nullopt;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::optional<double> numeric_key(const FakeHubSpotProperty& definition, const std::string& text) {
    if (definition.type == "datetime" || definition.type == "date") {
        const std::optional<std::int64_t> ms = parse_epoch_millis(text);
        if (!ms) return std::nullopt;
        return static_cast<double>(*ms);
    }
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
    return value;
}

// -1, 0, 1 comparing the stored value with a filter value; nullopt when they do not compare.
std::optional<int> compare(const FakeHubSpotProperty& definition, const std::string& stored, const std::string& wanted) {
    if (compares_numerically(definition)) {
        const std::optional<double> left = numeric_key(definition, stored);
        const std::optional<double> right = numeric_key(definition, wanted);
        if (!left || !right) return std::nullopt;
        return *left < *right ? -1 : (*left > *right ? 1 : 0);
    }
    const std::string left = lower(stored);
    const std::string right = lower(wanted);
    return left < right ? -1 : (left > right ? 1 : 0);
}

struct ResolvedFilter {
    const FakeHubSpotSearchFilter* filter;
    std::optional<FakeHubSpotPropertyCatalog::Slot> slot;  // none: a property the search index silently lacks
};

bool matches(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeHubSpotObject& object,
             const ResolvedFilter& resolved) {
    const FakeHubSpotSearchFilter& filter = *resolved.filter;
    if (!resolved.slot) return false;
    const FakeHubSpotProperty& definition = store.catalog(type).definition(*resolved.slot);
    const std::optional<std::string> stored = store.stored_value(type, object, *resolved.slot);
    const bool has = stored && !stored->empty();
    const std::string& op = filter.op;
    if (op == "HAS_PROPERTY") return has;
    if (op == "NOT_HAS_PROPERTY") return !has;
    if (op == "NEQ") return !has || compare(definition, *stored, filter.value) != 0;
    if (op == "NOT_IN") {
        if (!has) return true;
        return std::none_of(filter.values.begin(), filter.values.end(),
                            [&](const std::string& value) { return compare(definition, *stored, value) == 0; });
    }
    if (!has) return false;
    if (op == "IN")
        return std::any_of(filter.values.begin(), filter.values.end(),
                           [&](const std::string& value) { return compare(definition, *stored, value) == 0; });
    if (op == "BETWEEN") {
        const std::optional<int> low = compare(definition, *stored, filter.value);
        const std::optional<int> high = compare(definition, *stored, filter.high_value);
        return low && high && *low >= 0 && *high <= 0;
    }
    const std::optional<int> order = compare(definition, *stored, filter.value);
    if (!order) return false;
    if (op == "EQ") return *order == 0;
    if (op == "LT") return *order < 0;
    if (op == "LTE") return *order <= 0;
    if (op == "GT") return *order > 0;
    return *order >= 0;  // GTE
}

}  // namespace

std::variant<FakeHubSpotSearchQuery, FakeHubSpotSearchError> parse_search_query(const boost::json::value& body) {
    const boost::json::object* root = body.if_object();
    if (!root) return FakeHubSpotSearchError{"Invalid input JSON: the search request must be a JSON object"};
    FakeHubSpotSearchQuery query;

    if (const boost::json::value* groups = root->if_contains("filterGroups")) {
        const boost::json::array* group_list = groups->if_array();
        if (!group_list) return FakeHubSpotSearchError{"Invalid input JSON: filterGroups must be an array"};
        if (group_list->size() > max_groups)
            return FakeHubSpotSearchError{"Too many filter groups: " + std::to_string(group_list->size()) +
                                          ". The maximum number of filter groups is " + std::to_string(max_groups) + "."};
        std::size_t total = 0;
        for (const boost::json::value& group : *group_list) {
            const boost::json::object* group_object = group.if_object();
            const boost::json::value* filters = group_object ? group_object->if_contains("filters") : nullptr;
            if (!filters || !filters->is_array())
                return FakeHubSpotSearchError{"Invalid input JSON: each filter group needs a filters array"};
            const boost::json::array& filter_list = filters->get_array();
            if (filter_list.size() > max_filters_per_group)
                return FakeHubSpotSearchError{"Too many filters in a filter group: " + std::to_string(filter_list.size()) +
                                              ". The maximum is " + std::to_string(max_filters_per_group) + "."};
            total += filter_list.size();
            if (total > max_filters)
                return FakeHubSpotSearchError{"Too many filters: the maximum number of filters across all groups is " +
                                              std::to_string(max_filters) + "."};
            std::vector<FakeHubSpotSearchFilter>& parsed_group = query.filter_groups.emplace_back();
            for (const boost::json::value& filter : filter_list) {
                const boost::json::object* fields = filter.if_object();
                if (!fields) return FakeHubSpotSearchError{"Invalid input JSON: a filter must be an object"};
                FakeHubSpotSearchFilter parsed;
                const boost::json::value* name = fields->if_contains("propertyName");
                const boost::json::value* op = fields->if_contains("operator");
                if (!name || !name->is_string() || !op || !op->is_string())
                    return FakeHubSpotSearchError{"Invalid input JSON: a filter needs propertyName and operator"};
                parsed.property = std::string(name->get_string());
                parsed.op = std::string(op->get_string());
                if (!operators.contains(parsed.op))
                    return FakeHubSpotSearchError{"Invalid input JSON: unknown operator " + parsed.op};
                if (const boost::json::value* value = fields->if_contains("value")) {
                    const std::optional<std::string> text = scalar_text(*value);
                    if (!text) return FakeHubSpotSearchError{"Invalid input JSON: filter value must be a scalar"};
                    parsed.value = *text;
                } else if (parsed.op != "HAS_PROPERTY" && parsed.op != "NOT_HAS_PROPERTY" && parsed.op != "IN" &&
                           parsed.op != "NOT_IN") {
                    return FakeHubSpotSearchError{"Filter on " + parsed.property + " with operator " + parsed.op +
                                                  " requires a value"};
                }
                if (parsed.op == "BETWEEN") {
                    const boost::json::value* high = fields->if_contains("highValue");
                    const std::optional<std::string> text = high ? scalar_text(*high) : std::nullopt;
                    if (!text) return FakeHubSpotSearchError{"Filter on " + parsed.property + " with operator BETWEEN requires a highValue"};
                    parsed.high_value = *text;
                }
                if (parsed.op == "IN" || parsed.op == "NOT_IN") {
                    const boost::json::value* values = fields->if_contains("values");
                    if (!values || !values->is_array())
                        return FakeHubSpotSearchError{"Filter on " + parsed.property + " with operator " + parsed.op +
                                                      " requires values"};
                    for (const boost::json::value& value : values->get_array()) {
                        const std::optional<std::string> text = scalar_text(value);
                        if (!text) return FakeHubSpotSearchError{"Invalid input JSON: filter values must be scalars"};
                        parsed.values.push_back(*text);
                    }
                }
                parsed_group.push_back(std::move(parsed));
            }
        }
    }

    if (const boost::json::value* sorts = root->if_contains("sorts")) {
        const boost::json::array* sort_list = sorts->if_array();
        if (!sort_list) return FakeHubSpotSearchError{"Invalid input JSON: sorts must be an array"};
        if (sort_list->size() > 1) return FakeHubSpotSearchError{"Only one sort is supported per search request"};
        if (!sort_list->empty()) {
            const boost::json::value& sort = sort_list->front();
            if (const auto* name = sort.if_string()) {
                query.sort_property = std::string(*name);  // HubSpot also takes a bare property name
            } else if (const boost::json::object* fields = sort.if_object()) {
                const boost::json::value* name = fields->if_contains("propertyName");
                if (!name || !name->is_string()) return FakeHubSpotSearchError{"Invalid input JSON: a sort needs propertyName"};
                query.sort_property = std::string(name->get_string());
                if (const boost::json::value* direction = fields->if_contains("direction")) {
                    if (!direction->is_string() ||
                        (direction->get_string() != "ASCENDING" && direction->get_string() != "DESCENDING"))
                        return FakeHubSpotSearchError{"Invalid input JSON: direction must be ASCENDING or DESCENDING"};
                    query.sort_ascending = direction->get_string() == "ASCENDING";
                }
            } else {
                return FakeHubSpotSearchError{"Invalid input JSON: a sort must be an object"};
            }
        }
    }

    if (const boost::json::value* properties = root->if_contains("properties")) {
        if (!properties->is_array()) return FakeHubSpotSearchError{"Invalid input JSON: properties must be an array"};
        for (const boost::json::value& name : properties->get_array()) {
            if (!name.is_string()) return FakeHubSpotSearchError{"Invalid input JSON: property names must be strings"};
            query.properties.emplace_back(name.get_string());
        }
    }

    if (const boost::json::value* limit = root->if_contains("limit")) {
        const std::optional<std::string> text = scalar_text(*limit);
        char* end = nullptr;
        const long value = text ? std::strtol(text->c_str(), &end, 10) : -1;
        if (!text || end != text->c_str() + text->size() || value < 0)
            return FakeHubSpotSearchError{"Invalid input JSON: limit must be a non-negative integer"};
        if (value > max_limit)
            return FakeHubSpotSearchError{"limit " + std::to_string(value) + " is larger than the maximum of " +
                                          std::to_string(max_limit)};
        query.limit = static_cast<int>(value);
    }

    if (const boost::json::value* after = root->if_contains("after")) {
        const std::optional<std::string> text = scalar_text(*after);
        char* end = nullptr;
        const long long value = text && !text->empty() ? std::strtoll(text->c_str(), &end, 10) : -1;
        if (!text || (!text->empty() && (end != text->c_str() + text->size() || value < 0)))
            return FakeHubSpotSearchError{"Invalid input JSON: after must be a paging cursor returned by a previous search"};
        query.after = text->empty() ? 0 : value;
    }
    if (query.after + query.limit > result_window)
        return FakeHubSpotSearchError{"The search API returns at most " + std::to_string(result_window) +
                                      " results: after (" + std::to_string(query.after) + ") + limit (" +
                                      std::to_string(query.limit) + ") must not exceed 10000"};
    return query;
}

std::variant<FakeHubSpotSearchMatches, FakeHubSpotSearchError> run_search(const FakeHubSpotStore& store,
                                                                          HubSpotObjectType type,
                                                                          const FakeHubSpotSearchQuery& query) {
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    std::vector<std::vector<ResolvedFilter>> groups;
    for (const std::vector<FakeHubSpotSearchFilter>& group : query.filter_groups) {
        std::vector<ResolvedFilter>& resolved = groups.emplace_back();
        for (const FakeHubSpotSearchFilter& filter : group) {
            std::optional<FakeHubSpotPropertyCatalog::Slot> slot = catalog.slot_of(filter.property);
            // Contacts carry hs_lastmodifieddate only in name: filtering on it silently matches nothing.
            const bool silently_empty = type == HubSpotObjectType::contacts && filter.property == "hs_lastmodifieddate";
            if (!slot && !silently_empty)
                return FakeHubSpotSearchError{"Property \"" + filter.property + "\" does not exist on " +
                                              std::string(plural_name(type))};
            // A datetime is compared as milliseconds since the epoch: a value that is none is refused.
            if (slot && (catalog.definition(*slot).type == "datetime" || catalog.definition(*slot).type == "date")) {
                std::vector<std::string> values = filter.values;
                if (!filter.value.empty()) values.push_back(filter.value);
                if (!filter.high_value.empty()) values.push_back(filter.high_value);
                for (const std::string& value : values)
                    if (!parse_epoch_millis(value))
                        return FakeHubSpotSearchError{"The value \"" + value + "\" of property \"" + filter.property +
                                                      "\" is not a valid datetime. Use milliseconds since the epoch."};
            }
            resolved.push_back({&filter, slot});
        }
    }
    std::optional<FakeHubSpotPropertyCatalog::Slot> sort_slot;
    if (query.sort_property) {
        sort_slot = catalog.slot_of(*query.sort_property);
        if (!sort_slot)
            return FakeHubSpotSearchError{"Cannot sort by \"" + *query.sort_property + "\": no such property on " +
                                          std::string(plural_name(type))};
    }

    FakeHubSpotSearchMatches result;
    for (const FakeHubSpotObject& object : store.objects(type)) {
        if (object.archived_ms) continue;
        const bool selected =
            groups.empty() || std::any_of(groups.begin(), groups.end(), [&](const std::vector<ResolvedFilter>& group) {
                return std::all_of(group.begin(), group.end(),
                                   [&](const ResolvedFilter& filter) { return matches(store, type, object, filter); });
            });
        if (selected) result.sorted.push_back(&object);
    }
    if (sort_slot) {
        const FakeHubSpotProperty& definition = catalog.definition(*sort_slot);
        const bool numeric = compares_numerically(definition);
        struct Keyed {
            const FakeHubSpotObject* object;
            std::optional<double> number;
            std::optional<std::string> text;
        };
        std::vector<Keyed> keyed;
        keyed.reserve(result.sorted.size());
        for (const FakeHubSpotObject* object : result.sorted) {
            std::optional<std::string> stored = store.stored_value(type, *object, *sort_slot);
            Keyed entry{object, std::nullopt, std::nullopt};
            if (stored && !stored->empty()) {
                if (numeric) entry.number = numeric_key(definition, *stored);
                else entry.text = lower(*stored);
            }
            keyed.push_back(std::move(entry));
        }
        const bool ascending = query.sort_ascending;
        // Objects without a value come last either way; equal keys keep id order.
        std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
            const bool a_has = numeric ? a.number.has_value() : a.text.has_value();
            const bool b_has = numeric ? b.number.has_value() : b.text.has_value();
            if (a_has != b_has) return a_has;
            if (!a_has) return false;
            if (numeric) return ascending ? *a.number < *b.number : *a.number > *b.number;
            return ascending ? *a.text < *b.text : *a.text > *b.text;
        });
        for (std::size_t i = 0; i < keyed.size(); ++i) result.sorted[i] = keyed[i].object;
    }
    return result;
}

}  // namespace sellerscore::fakes
