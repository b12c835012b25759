#include "fake_hubspot_objects_api.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "fake_hubspot_property_value.hpp"
#include "fake_hubspot_response.hpp"
#include "fake_hubspot_search.hpp"

namespace sellerscore::fakes {
namespace {

using Slot = FakeHubSpotPropertyCatalog::Slot;

constexpr int list_default_limit = 10;
constexpr int list_max_limit = 100;
constexpr std::size_t batch_max_inputs = 100;
// "Usage of this parameter [propertiesWithHistory] will reduce the maximum number of objects that
// can be read by a single request": 50 for a list page. The fake holds batch/read to the same 50.
constexpr int history_max_objects = 50;

std::vector<std::string> split_csv(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) parts.push_back(std::move(part));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return parts;
}

// What HubSpot shows when a request names no properties.
std::vector<std::string> default_properties(HubSpotObjectType type) {
    switch (type) {
        case HubSpotObjectType::deals: return {"dealname", "amount", "closedate", "pipeline", "dealstage"};
        case HubSpotObjectType::contacts: return {"firstname", "lastname", "email"};
        case HubSpotObjectType::companies: return {"name", "domain"};
        default: return {};
    }
}

struct Projection {
    std::vector<Slot> always;     // shown when they have a value
    std::vector<Slot> requested;  // shown as null when they have none
};

Projection projection(const FakeHubSpotStore& store, HubSpotObjectType type, const std::vector<std::string>& names) {
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    Projection result;
    for (std::string_view name : {std::string_view("hs_object_id"), created_property(type), modified_property(type)})
        if (const std::optional<Slot> slot = catalog.slot_of(name)) result.always.push_back(*slot);
    // HubSpot silently ignores names it does not know.
    for (const std::string& name : names)
        if (const std::optional<Slot> slot = catalog.slot_of(name))
            if (std::find(result.always.begin(), result.always.end(), *slot) == result.always.end() &&
                std::find(result.requested.begin(), result.requested.end(), *slot) == result.requested.end())
                result.requested.push_back(*slot);
    return result;
}

boost::json::object render(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeHubSpotObject& object,
                           const Projection& shown) {
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    boost::json::object properties;
    for (Slot slot : shown.always)
        if (std::optional<std::string> value = store.shown_value(type, object, slot))
            properties[catalog.definition(slot).name] = *value;
    for (Slot slot : shown.requested) {
        std::optional<std::string> value = store.shown_value(type, object, slot);
        if (value) properties[catalog.definition(slot).name] = *value;
        else properties[catalog.definition(slot).name] = nullptr;
    }
    boost::json::object rendered;
    rendered["id"] = std::to_string(object.id);
    rendered["properties"] = std::move(properties);
    rendered["createdAt"] = format_iso_millis(object.created_ms);
    rendered["updatedAt"] = format_iso_millis(object.updated_ms);
    rendered["archived"] = object.archived_ms.has_value();
    if (object.archived_ms) rendered["archivedAt"] = format_iso_millis(*object.archived_ms);
    return rendered;
}

// propertiesWithHistory: every value a property held, newest first, each
// {value, timestamp, sourceType, sourceId}. The fake keeps the whole history of dealstage; any
// other property shows its current value as its only entry.
void add_history(boost::json::object& rendered, const FakeHubSpotStore& store, HubSpotObjectType type,
                 const FakeHubSpotObject& object, const std::vector<Slot>& slots) {
    if (slots.empty()) return;
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    const auto entry = [](std::string value, std::int64_t at_ms) {
        return boost::json::object{{"value", std::move(value)},
                                   {"timestamp", format_iso_millis(at_ms)},
                                   {"sourceType", "CRM_UI"},
                                   {"sourceId", "userId:4150001"},
                                   {"updatedByUserId", 4150001}};
    };
    boost::json::object histories;
    for (Slot slot : slots) {
        const std::string& name = catalog.definition(slot).name;
        boost::json::array entries;
        if (type == HubSpotObjectType::deals && name == "dealstage") {
            for (auto it = object.stage_history.rbegin(); it != object.stage_history.rend(); ++it)
                entries.push_back(entry(it->stage_id, it->entered_ms));
        } else if (std::optional<std::string> value = store.shown_value(type, object, slot)) {
            entries.push_back(entry(std::move(*value), object.updated_ms));
        }
        histories[name] = std::move(entries);
    }
    rendered["propertiesWithHistory"] = std::move(histories);
}

// The known properties among `names` (HubSpot ignores the others).
std::vector<Slot> history_slots(const FakeHubSpotStore& store, HubSpotObjectType type, const std::vector<std::string>& names) {
    std::vector<Slot> slots;
    for (const std::string& name : names)
        if (const std::optional<Slot> slot = store.catalog(type).slot_of(name))
            if (std::find(slots.begin(), slots.end(), *slot) == slots.end()) slots.push_back(*slot);
    return slots;
}

void add_associations(boost::json::object& rendered, HubSpotObjectType type, const FakeHubSpotObject& object,
                      const std::vector<HubSpotObjectType>& to_types) {
    boost::json::object associations;
    for (HubSpotObjectType to_type : to_types) {
        boost::json::array results;
        const std::string label = std::string(singular_name(type)) + "_to_" + std::string(singular_name(to_type));
        for (const FakeHubSpotAssociation& association : object.associations)
            if (association.type == to_type)
                results.push_back(boost::json::object{{"id", std::to_string(association.id)}, {"type", label}});
        if (!results.empty()) associations[plural_name(to_type)] = boost::json::object{{"results", std::move(results)}};
    }
    if (!associations.empty()) rendered["associations"] = std::move(associations);
}

std::string query_value(const FakeRequest& request, const std::string& name) {
    const auto found = request.query.find(name);
    return found == request.query.end() ? std::string{} : found->second;
}

// The body as JSON, or the 400 HubSpot answers for malformed JSON.
std::variant<boost::json::value, FakeResponse> parse_body(const FakeRequest& request, const std::string& correlation) {
    boost::system::error_code error;
    boost::json::value body = boost::json::parse(request.body, error);
    if (error) return validation_error("Invalid input JSON on line 1: " + error.message(), correlation);
    if (!body.is_object()) return validation_error("Invalid input JSON: expected an object", correlation);
    return body;
}

std::string upper(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return result;
}

std::string now_iso(const FakeHubSpotStore& store) { return format_iso_millis(store.now_ms()); }

}  // namespace

FakeResponse list_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                          const std::string& correlation) {
    int limit = list_default_limit;
    if (const std::string text = query_value(request, "limit"); !text.empty()) {
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (error != std::errc{} || end != text.data() + text.size() || limit < 1)
            return validation_error("limit must be a positive integer, got '" + text + "'", correlation);
        if (limit > list_max_limit)
            return validation_error("limit " + text + " is larger than the maximum of " + std::to_string(list_max_limit),
                                    correlation);
    }
    const std::vector<std::string> with_history = split_csv(query_value(request, "propertiesWithHistory"));
    if (!with_history.empty() && limit > history_max_objects)
        return validation_error("limit " + std::to_string(limit) + " is larger than the maximum of " +
                                    std::to_string(history_max_objects) + " for a request with propertiesWithHistory",
                                correlation);
    const std::vector<Slot> history = history_slots(store, type, with_history);
    std::uint64_t after = 0;
    if (const std::string text = query_value(request, "after"); !text.empty()) {
        const std::optional<std::uint64_t> cursor = parse_object_id(text);
        if (!cursor) return validation_error("after must be a paging cursor returned by a previous request", correlation);
        after = *cursor;
    }
    const bool archived = query_value(request, "archived") == "true";
    const std::string properties_text = query_value(request, "properties");
    const Projection shown = projection(store, type, properties_text.empty() && !request.query.contains("properties")
                                                         ? default_properties(type)
                                                         : split_csv(properties_text));
    std::vector<HubSpotObjectType> association_types;
    for (const std::string& name : split_csv(query_value(request, "associations")))
        if (const std::optional<HubSpotObjectType> to_type = parse_object_type(name)) association_types.push_back(*to_type);

    const std::vector<FakeHubSpotObject>& objects = store.objects(type);
    auto next = std::lower_bound(objects.begin(), objects.end(), after,
                                 [](const FakeHubSpotObject& object, std::uint64_t id) { return object.id < id; });
    boost::json::array results;
    for (; next != objects.end() && static_cast<int>(results.size()) < limit; ++next) {
        if (next->archived_ms.has_value() != archived) continue;
        boost::json::object rendered = render(store, type, *next, shown);
        add_history(rendered, store, type, *next, history);
        add_associations(rendered, type, *next, association_types);
        results.push_back(std::move(rendered));
    }
    while (next != objects.end() && next->archived_ms.has_value() != archived) ++next;

    boost::json::object body;
    body["results"] = std::move(results);
    if (next != objects.end()) {
        const std::string cursor = std::to_string(next->id);
        std::string link = "https://api.hubapi.com" + request.path + "?after=" + cursor + "&limit=" + std::to_string(limit);
        body["paging"] = boost::json::object{{"next", boost::json::object{{"after", cursor}, {"link", link}}}};
    }
    return json_response(200, body);
}

FakeResponse read_object(const FakeHubSpotStore& store, HubSpotObjectType type, const std::string& id,
                         const FakeRequest& request, const std::string& correlation) {
    const FakeHubSpotObject* object = store.find(type, id);
    const bool archived = query_value(request, "archived") == "true";
    if (!object || object->archived_ms.has_value() != archived)
        return error_response(404, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.", correlation);
    const std::string properties_text = query_value(request, "properties");
    const Projection shown = projection(store, type, properties_text.empty() ? default_properties(type) : split_csv(properties_text));
    boost::json::object rendered = render(store, type, *object, shown);
    add_history(rendered, store, type, *object, history_slots(store, type, split_csv(query_value(request, "propertiesWithHistory"))));
    std::vector<HubSpotObjectType> association_types;
    for (const std::string& name : split_csv(query_value(request, "associations")))
        if (const std::optional<HubSpotObjectType> to_type = parse_object_type(name)) association_types.push_back(*to_type);
    add_associations(rendered, type, *object, association_types);
    return json_response(200, rendered);
}

FakeResponse batch_read_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                const std::string& correlation) {
    auto parsed = parse_body(request, correlation);
    if (auto* response = std::get_if<FakeResponse>(&parsed)) return std::move(*response);
    const boost::json::object& body = std::get<boost::json::value>(parsed).get_object();
    const boost::json::value* inputs = body.if_contains("inputs");
    if (!inputs || !inputs->is_array()) return validation_error("Invalid input JSON: inputs must be an array", correlation);
    if (inputs->get_array().size() > batch_max_inputs)
        return validation_error("Batch input size " + std::to_string(inputs->get_array().size()) +
                                    " exceeds the maximum of " + std::to_string(batch_max_inputs),
                                correlation);
    std::vector<std::string> names;
    if (const boost::json::value* properties = body.if_contains("properties")) {
        if (!properties->is_array()) return validation_error("Invalid input JSON: properties must be an array", correlation);
        for (const boost::json::value& name : properties->get_array()) {
            if (!name.is_string()) return validation_error("Invalid input JSON: property names must be strings", correlation);
            names.emplace_back(name.get_string());
        }
    }
    std::vector<std::string> history_names;
    if (const boost::json::value* properties = body.if_contains("propertiesWithHistory")) {
        if (!properties->is_array())
            return validation_error("Invalid input JSON: propertiesWithHistory must be an array", correlation);
        for (const boost::json::value& name : properties->get_array()) {
            if (!name.is_string()) return validation_error("Invalid input JSON: property names must be strings", correlation);
            history_names.emplace_back(name.get_string());
        }
    }
    if (!history_names.empty() && inputs->get_array().size() > static_cast<std::size_t>(history_max_objects))
        return validation_error("Batch input size " + std::to_string(inputs->get_array().size()) +
                                    " exceeds the maximum of " + std::to_string(history_max_objects) +
                                    " for a request with propertiesWithHistory",
                                correlation);
    const std::vector<Slot> history = history_slots(store, type, history_names);
    const Projection shown = projection(store, type, names.empty() ? default_properties(type) : names);
    const bool archived = query_value(request, "archived") == "true";

    const std::string started = now_iso(store);
    boost::json::array results;
    boost::json::array missing;
    for (const boost::json::value& input : inputs->get_array()) {
        const boost::json::value* id = input.is_object() ? input.get_object().if_contains("id") : nullptr;
        if (!id || !id->is_string()) return validation_error("Invalid input JSON: every input needs an id string", correlation);
        const FakeHubSpotObject* object = store.find(type, std::string_view(id->get_string()));
        if (!object || object->archived_ms.has_value() != archived) {
            missing.push_back(id->get_string());
            continue;
        }
        boost::json::object rendered = render(store, type, *object, shown);
        add_history(rendered, store, type, *object, history);
        results.push_back(std::move(rendered));
    }
    boost::json::object response;
    response["status"] = "COMPLETE";
    response["results"] = std::move(results);
    response["startedAt"] = started;
    response["completedAt"] = now_iso(store);
    if (missing.empty()) return json_response(200, response);
    boost::json::object error;
    error["status"] = "error";
    error["category"] = "OBJECT_NOT_FOUND";
    error["message"] = "Could not get some " + upper(singular_name(type)) +
                       " objects, they may be deleted or not exist. Check that ids are valid.";
    error["context"] = boost::json::object{{"ids", std::move(missing)}};
    response["numErrors"] = 1;
    response["errors"] = boost::json::array{std::move(error)};
    return json_response(207, response);
}

FakeResponse search_objects(const FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                            const std::string& correlation) {
    auto parsed = parse_body(request, correlation);
    if (auto* response = std::get_if<FakeResponse>(&parsed)) return std::move(*response);
    auto query = parse_search_query(std::get<boost::json::value>(parsed));
    if (auto* error = std::get_if<FakeHubSpotSearchError>(&query)) return validation_error(error->message, correlation);
    const FakeHubSpotSearchQuery& search = std::get<FakeHubSpotSearchQuery>(query);
    auto outcome = run_search(store, type, search);
    if (auto* error = std::get_if<FakeHubSpotSearchError>(&outcome)) return validation_error(error->message, correlation);
    const std::vector<const FakeHubSpotObject*>& matches = std::get<FakeHubSpotSearchMatches>(outcome).sorted;

    const Projection shown = projection(store, type, search.properties.empty() ? default_properties(type) : search.properties);
    boost::json::array results;
    const auto total = static_cast<std::int64_t>(matches.size());
    const std::int64_t end = std::min<std::int64_t>(total, search.after + search.limit);
    for (std::int64_t i = search.after; i < end; ++i) results.push_back(render(store, type, *matches[static_cast<std::size_t>(i)], shown));
    boost::json::object body;
    body["total"] = total;
    body["results"] = std::move(results);
    if (end < total)
        body["paging"] = boost::json::object{{"next", boost::json::object{{"after", std::to_string(end)}}}};
    return json_response(200, body);
}

FakeResponse batch_update_objects(FakeHubSpotStore& store, HubSpotObjectType type, const FakeRequest& request,
                                  const std::string& correlation) {
    auto parsed = parse_body(request, correlation);
    if (auto* response = std::get_if<FakeResponse>(&parsed)) return std::move(*response);
    const boost::json::object& body = std::get<boost::json::value>(parsed).get_object();
    const boost::json::value* inputs_value = body.if_contains("inputs");
    if (!inputs_value || !inputs_value->is_array())
        return validation_error("Invalid input JSON: inputs must be an array", correlation);
    const boost::json::array& inputs = inputs_value->get_array();
    if (inputs.size() > batch_max_inputs)
        return validation_error("Batch input size " + std::to_string(inputs.size()) + " exceeds the maximum of " +
                                    std::to_string(batch_max_inputs),
                                correlation);

    // Whole-batch checks first: HubSpot refuses the batch for malformed input or unknown properties.
    const FakeHubSpotPropertyCatalog& catalog = store.catalog(type);
    struct Input {
        std::string id;
        std::vector<std::pair<Slot, std::string>> values;  // wire values
    };
    std::vector<Input> parsed_inputs;
    std::set<std::string> seen_ids;
    for (const boost::json::value& input : inputs) {
        const boost::json::object* fields = input.if_object();
        const boost::json::value* id = fields ? fields->if_contains("id") : nullptr;
        const boost::json::value* properties = fields ? fields->if_contains("properties") : nullptr;
        if (!id || !id->is_string() || !properties || !properties->is_object())
            return validation_error("Invalid input JSON: every input needs an \"id\" string and a \"properties\" object",
                                    correlation);
        Input parsed_input{std::string(id->get_string()), {}};
        if (!seen_ids.insert(parsed_input.id).second)
            return validation_error("Duplicate IDs found in batch input: [" + parsed_input.id + "]. IDs must be unique",
                                    correlation);
        for (const auto& property : properties->get_object()) {
            const std::string name(property.key());
            if (!property.value().is_string())
                return validation_error("Invalid input JSON: the value of property \"" + name + "\" of object " +
                                            parsed_input.id + " must be a string",
                                        correlation);
            const std::optional<Slot> slot = catalog.slot_of(name);
            if (!slot)
                return error_response(400, "VALIDATION_ERROR", "Property \"" + name + "\" does not exist", correlation,
                                      boost::json::object{{"subCategory", "PROPERTY_DOESNT_EXIST"},
                                                          {"errors", boost::json::array{boost::json::object{
                                                                         {"message", "Property \"" + name + "\" does not exist"},
                                                                         {"code", "PROPERTY_DOESNT_EXIST"},
                                                                         {"context", boost::json::object{{"propertyName", boost::json::array{name}}}}}}}});
            parsed_input.values.emplace_back(*slot, std::string(property.value().get_string()));
        }
        parsed_inputs.push_back(std::move(parsed_input));
    }

    const std::string started = now_iso(store);
    boost::json::array results;
    boost::json::array errors;
    boost::json::array missing;
    std::size_t failed_inputs = 0;
    for (Input& input : parsed_inputs) {
        FakeHubSpotObject* object = store.find(type, input.id);
        if (!object || object->archived_ms) {
            missing.push_back(boost::json::string(input.id));
            ++failed_inputs;
            continue;
        }
        std::vector<std::string> stored_values;
        std::optional<std::pair<std::string, std::string>> refusal;  // property, message
        for (const auto& [slot, wire] : input.values) {
            FakeHubSpotWriteCheck check = store.check_write(type, slot, wire);
            if (!check.accepted) {
                refusal = {catalog.definition(slot).name, check.message};
                break;
            }
            stored_values.push_back(std::move(check.stored));
        }
        if (refusal) {
            boost::json::object error;
            error["status"] = "error";
            error["category"] = "VALIDATION_ERROR";
            error["message"] = refusal->second;
            error["context"] = boost::json::object{{"ids", boost::json::array{boost::json::string(input.id)}},
                                                   {"propertyName", boost::json::array{boost::json::string(refusal->first)}}};
            errors.push_back(std::move(error));
            ++failed_inputs;
            continue;
        }
        store.mark_modified(*object);
        std::vector<std::string> written;
        for (std::size_t i = 0; i < input.values.size(); ++i) {
            const Slot slot = input.values[i].first;
            if (store.stored_value(type, *object, slot).value_or("") == stored_values[i]) store.count_unchanged_write();
            store.put(type, *object, slot, std::move(stored_values[i]), object->updated_ms);
            store.count_property_write(type, object->id, catalog.definition(slot).name);
            written.push_back(catalog.definition(slot).name);
        }
        store.count_update_input(type, object->id);
        results.push_back(render(store, type, *object, projection(store, type, written)));
    }
    if (!missing.empty()) {
        boost::json::object error;
        error["status"] = "error";
        error["category"] = "OBJECT_NOT_FOUND";
        error["message"] = "Could not get some " + upper(singular_name(type)) +
                           " objects, they may be deleted or not exist. Check that ids are valid.";
        error["context"] = boost::json::object{{"ids", std::move(missing)}};
        errors.push_back(std::move(error));
    }

    boost::json::object response;
    response["status"] = "COMPLETE";
    response["results"] = std::move(results);
    response["startedAt"] = started;
    response["completedAt"] = now_iso(store);
    if (errors.empty()) return json_response(200, response);
    response["numErrors"] = failed_inputs;
    response["errors"] = std::move(errors);
    return json_response(207, response);
}

}  // namespace sellerscore::fakes
