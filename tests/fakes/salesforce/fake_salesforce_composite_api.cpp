#include "fake_salesforce_composite_api.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include "fake_salesforce_response.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::size_t max_records = 200;

boost::json::object failure(const std::string& code, const std::string& message, const std::vector<std::string>& fields = {}) {
    boost::json::array names;
    for (const std::string& field : fields) names.emplace_back(field);
    return {{"success", false},
            {"errors", boost::json::array{boost::json::object{{"statusCode", code}, {"message", message}, {"fields", std::move(names)}}}}};
}

}  // namespace

FakeResponse update_records(SfOrg& org, const FakeRequest& request, const std::string& user_id, const SfUpdateHooks& hooks,
                            SfUpdateTally& tally) {
    boost::system::error_code parse_error;
    const boost::json::value body = boost::json::parse(request.body, parse_error);
    if (parse_error || !body.is_object()) return sf_error(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
    const boost::json::value* records = body.as_object().if_contains("records");
    if (!records || !records->is_array()) return sf_error(400, "INVALID_FIELD", "The records field is required");
    if (records->as_array().size() > max_records)
        return sf_error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
    const boost::json::value* all_or_none_json = body.as_object().if_contains("allOrNone");
    const bool all_or_none = all_or_none_json && all_or_none_json->is_bool() && all_or_none_json->as_bool();

    std::vector<std::optional<SfPlannedUpdate>> plans;
    std::vector<boost::json::object> results;
    bool any_failed = false;
    for (const boost::json::value& item : records->as_array()) {
        plans.emplace_back();
        results.emplace_back();
        auto fail = [&](boost::json::object result) {
            results.back() = std::move(result);
            any_failed = true;
        };
        const boost::json::object* fields = item.if_object();
        const boost::json::value* attributes = fields ? fields->if_contains("attributes") : nullptr;
        const boost::json::value* type = attributes && attributes->is_object() ? attributes->as_object().if_contains("type") : nullptr;
        if (!type || !type->is_string()) {
            fail(failure("INVALID_TYPE", "Must specify a type in attributes for each record"));
            continue;
        }
        SfObject* object = org.object(type->as_string());
        if (!object) {
            fail(failure("INVALID_TYPE", "sObject type '" + std::string(type->as_string()) + "' is not supported."));
            continue;
        }
        const boost::json::value* id = fields->if_contains("id");
        if (!id) id = fields->if_contains("Id");
        if (!id || !id->is_string()) {
            fail(failure("MISSING_ARGUMENT", "Id not specified in an update call", {"Id"}));
            continue;
        }
        std::vector<std::pair<std::string, boost::json::value>> values;
        for (const auto& field : *fields)
            if (field.key() != "attributes" && field.key() != "id" && field.key() != "Id") values.emplace_back(field.key(), field.value());
        std::variant<SfPlannedUpdate, SfSaveError> plan = plan_update(org, *object, std::string(id->as_string()), values, user_id, hooks);
        if (const SfSaveError* error = std::get_if<SfSaveError>(&plan)) {
            fail(failure(error->status_code, error->message, error->fields));
            continue;
        }
        results.back() = {{"id", std::get<SfPlannedUpdate>(plan).record->id}, {"success", true}, {"errors", boost::json::array{}}};
        plans.back() = std::move(std::get<SfPlannedUpdate>(plan));
    }

    boost::json::array reply;
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (plans[i] && all_or_none && any_failed) {
            reply.push_back(failure("ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                    "Record rolled back because not all records were valid and the request was using AllOrNone header"));
            continue;
        }
        if (plans[i]) apply_update(org, *plans[i], tally);
        reply.push_back(std::move(results[i]));
    }
    return sf_json(200, reply);
}

}  // namespace sellerscore::fakes
