#include "fake_hubspot_reference_api.hpp"

#include <charconv>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "fake_hubspot_property_value.hpp"
#include "fake_hubspot_response.hpp"

namespace sellerscore::fakes {
namespace {

constexpr int owners_default_limit = 100;
constexpr int owners_max_limit = 500;
constexpr std::size_t associations_max_inputs = 1'000;

std::string query_value(const FakeRequest& request, const std::string& name) {
    const auto found = request.query.find(name);
    return found == request.query.end() ? std::string{} : found->second;
}

boost::json::object owner_json(const FakeHubSpotOwner& owner) {
    boost::json::object json;
    json["id"] = owner.id;
    json["email"] = owner.email;
    json["type"] = owner.type;
    json["firstName"] = owner.first_name;
    json["lastName"] = owner.last_name;
    // A deactivated user keeps its id only in userIdIncludingInactive.
    if (owner.archived) json["userId"] = nullptr;
    else json["userId"] = owner.user_id;
    json["userIdIncludingInactive"] = owner.user_id;
    json["createdAt"] = format_iso_millis(owner.created_ms);
    json["updatedAt"] = format_iso_millis(owner.created_ms);
    json["archived"] = owner.archived;
    boost::json::array teams;
    for (const FakeHubSpotTeam& team : owner.teams)
        teams.push_back(boost::json::object{{"id", team.id}, {"name", team.name}, {"primary", team.primary}});
    json["teams"] = std::move(teams);
    return json;
}

}  // namespace

FakeResponse list_owners(const FakeHubSpotStore& store, const FakeRequest& request, const std::string& correlation) {
    int limit = owners_default_limit;
    if (const std::string text = query_value(request, "limit"); !text.empty()) {
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (error != std::errc{} || end != text.data() + text.size() || limit < 1)
            return error_response(400, "VALIDATION_ERROR", "limit must be a positive integer, got '" + text + "'", correlation);
        if (limit > owners_max_limit)
            return error_response(400, "VALIDATION_ERROR",
                                  "limit " + text + " is larger than the maximum of " + std::to_string(owners_max_limit),
                                  correlation);
    }
    std::uint64_t after = 0;
    if (const std::string text = query_value(request, "after"); !text.empty()) {
        const std::optional<std::uint64_t> cursor = parse_object_id(text);
        if (!cursor) return error_response(400, "VALIDATION_ERROR", "after must be a paging cursor", correlation);
        after = *cursor;
    }
    const bool archived = query_value(request, "archived") == "true";
    const std::string email = query_value(request, "email");

    boost::json::array results;
    std::optional<std::string> next_cursor;
    for (const FakeHubSpotOwner& owner : store.owners()) {
        if (parse_object_id(owner.id).value_or(0) < after || owner.archived != archived) continue;
        if (!email.empty() && owner.email != email) continue;
        if (static_cast<int>(results.size()) == limit) {
            next_cursor = owner.id;
            break;
        }
        results.push_back(owner_json(owner));
    }
    boost::json::object body;
    body["results"] = std::move(results);
    if (next_cursor)
        body["paging"] = boost::json::object{
            {"next", boost::json::object{{"after", *next_cursor},
                                         {"link", "https://api.hubapi.com/crm/v3/owners/?after=" + *next_cursor}}}};
    return json_response(200, body);
}

FakeResponse list_deal_pipelines(const FakeHubSpotStore& store) {
    boost::json::array results;
    for (const FakeHubSpotPipeline& pipeline : store.pipelines()) {
        boost::json::array stages;
        for (const FakeHubSpotStage& stage : pipeline.stages)
            stages.push_back(boost::json::object{
                {"id", stage.id},
                {"label", stage.label},
                {"displayOrder", stage.display_order},
                {"metadata", boost::json::object{{"isClosed", stage.is_closed ? "true" : "false"},
                                                 {"probability", stage.probability}}},
                {"createdAt", format_iso_millis(pipeline.created_ms)},
                {"updatedAt", format_iso_millis(pipeline.created_ms)},
                {"archived", stage.archived},
                {"writePermissions", "CRM_PERMISSIONS_ENFORCEMENT"}});
        results.push_back(boost::json::object{{"id", pipeline.id},
                                              {"label", pipeline.label},
                                              {"displayOrder", pipeline.display_order},
                                              {"createdAt", format_iso_millis(pipeline.created_ms)},
                                              {"updatedAt", format_iso_millis(pipeline.created_ms)},
                                              {"archived", pipeline.archived},
                                              {"stages", std::move(stages)}});
    }
    return json_response(200, boost::json::object{{"results", std::move(results)}});
}

FakeResponse batch_read_associations(const FakeHubSpotStore& store, HubSpotObjectType from, HubSpotObjectType to,
                                     const FakeRequest& request, const std::string& correlation) {
    boost::system::error_code parse_error;
    const boost::json::value parsed = boost::json::parse(request.body, parse_error);
    const boost::json::value* inputs = !parse_error && parsed.is_object() ? parsed.get_object().if_contains("inputs") : nullptr;
    if (!inputs || !inputs->is_array())
        return error_response(400, "VALIDATION_ERROR", "Invalid input JSON: inputs must be an array", correlation);
    if (inputs->get_array().size() > associations_max_inputs)
        return error_response(400, "VALIDATION_ERROR",
                              "Batch input size " + std::to_string(inputs->get_array().size()) +
                                  " exceeds the maximum of " + std::to_string(associations_max_inputs),
                              correlation);
    const int type_id = association_type_id(from, to);
    const std::string started = format_iso_millis(store.now_ms());
    boost::json::array results;
    boost::json::array errors;
    for (const boost::json::value& input : inputs->get_array()) {
        const boost::json::value* id = input.is_object() ? input.get_object().if_contains("id") : nullptr;
        if (!id || !id->is_string())
            return error_response(400, "VALIDATION_ERROR", "Invalid input JSON: every input needs an id string", correlation);
        const FakeHubSpotObject* object = store.find(from, std::string_view(id->get_string()));
        boost::json::array targets;
        if (object && !object->archived_ms)
            for (const FakeHubSpotAssociation& association : object->associations)
                if (association.type == to)
                    targets.push_back(boost::json::object{
                        {"toObjectId", association.id},
                        {"associationTypes",
                         boost::json::array{boost::json::object{
                             {"category", "HUBSPOT_DEFINED"}, {"typeId", type_id}, {"label", nullptr}}}}});
        if (targets.empty()) {
            // HubSpot reports an id without associations (or an unknown id) as an error of the batch.
            errors.push_back(boost::json::object{
                {"status", "error"},
                {"category", "OBJECT_NOT_FOUND"},
                {"subCategory", "crm.associations.NO_ASSOCIATIONS_FOUND"},
                {"message", "No " + std::string(plural_name(to)) + " is associated with " +
                                std::string(singular_name(from)) + " " + std::string(id->get_string()) + "."},
                {"context", boost::json::object{{"fromObjectId", boost::json::array{id->get_string()}},
                                                {"toObjectType", boost::json::array{plural_name(to)}}}}});
            continue;
        }
        results.push_back(boost::json::object{{"from", boost::json::object{{"id", id->get_string()}}},
                                              {"to", std::move(targets)}});
    }
    boost::json::object body;
    body["status"] = "COMPLETE";
    body["results"] = std::move(results);
    body["startedAt"] = started;
    body["completedAt"] = format_iso_millis(store.now_ms());
    if (errors.empty()) return json_response(200, body);
    body["numErrors"] = errors.size();
    body["errors"] = std::move(errors);
    return json_response(207, body);
}

}  // namespace sellerscore::fakes
