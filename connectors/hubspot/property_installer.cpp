#include "property_installer.hpp"

#include <map>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "object_type.hpp"
#include "property_definition.hpp"

namespace sellerscore::connectors::hubspot {

namespace json = boost::json;

namespace {

constexpr RecordObject record_objects[] = {RecordObject::deal, RecordObject::contact, RecordObject::company};

std::string properties_path(const HubSpotApi& api, RecordObject object) {
    return api.v3("/properties/" + std::string(path_name(object_type_of(object))));
}

}  // namespace

Status PropertyInstaller::discover() {
    for (RecordObject object : record_objects) {
        if (schema_.loaded(object)) continue;
        auto list = api_.get(properties_path(api_, object));
        if (!list) return list.status();
        schema_.load(object, *list);
    }
    return Status::ok();
}

Status PropertyInstaller::ensure_group(RecordObject object, std::string_view label) {
    const http::HttpRequest request =
        HubSpotApi::json_request(http::Method::post, properties_path(api_, object) + "/groups", property_group_body(label));
    auto response = api_.send(request);
    if (!response) return response.status();
    if (response->status / 100 == 2 || response->status == 409) return Status::ok();
    return HubSpotApi::error_of(request, *response);
}

Status PropertyInstaller::create(const FieldDefinition& field, SchemaReport& report) {
    const http::HttpRequest request =
        HubSpotApi::json_request(http::Method::post, properties_path(api_, field.object), property_create_body(field));
    auto response = api_.send(request);
    if (!response) return response.status();
    if (response->status / 100 == 2) {
        report.created.push_back(field.id);
        schema_.set(field.object, field.id, FieldSchema::kind_of(field.type));
        return Status::ok();
    }
    if (response->status != 409) return HubSpotApi::error_of(request, *response);
    // Created meanwhile (by a retried request whose first answer was lost, or by another run): use it
    // only if it is what we would have made.
    auto existing = api_.get(properties_path(api_, field.object) + "/" + property_name(field.id));
    if (!existing) return existing.status();
    if (Status st = check_existing_property(field, *existing); !st) return st;
    report.existing.push_back(field.id);
    schema_.set(field.object, field.id, FieldSchema::kind_of(field.type));
    return Status::ok();
}

Result<SchemaReport> PropertyInstaller::ensure(std::span<const FieldDefinition> fields) {
    SchemaReport report;
    std::map<RecordObject, std::vector<const FieldDefinition*>> missing;
    for (RecordObject object : record_objects) {
        bool wanted = false;
        for (const auto& field : fields) wanted = wanted || field.object == object;
        if (!wanted) continue;
        auto list = api_.get(properties_path(api_, object));
        if (!list) return list.status();
        std::map<std::string, const json::value*> by_name;
        if (const json::array* results = array_at(*list, "results")) {
            for (const auto& property : *results) by_name[string_at(property, "name")] = &property;
        }
        for (const auto& field : fields) {
            if (field.object != object) continue;
            const auto it = by_name.find(property_name(field.id));
            if (it == by_name.end()) {
                missing[object].push_back(&field);
                continue;
            }
            if (Status st = check_existing_property(field, *it->second); !st) return st;
            report.existing.push_back(field.id);
        }
        schema_.load(object, *list);
        // A property of ours outside our group (moved by a user) still holds our values.
        for (const auto& field : fields) {
            if (field.object == object && by_name.contains(property_name(field.id))) {
                schema_.set(object, field.id, FieldSchema::kind_of(field.type));
            }
        }
    }
    for (const auto& [object, list] : missing) {
        const std::string label = list.front()->group.empty() ? "Seller KPIs" : list.front()->group;
        if (Status st = ensure_group(object, label); !st) return st;
        for (const FieldDefinition* field : list) {
            if (Status st = create(*field, report); !st) return st;
        }
    }
    return report;
}

Result<SchemaReport> PropertyInstaller::remove(std::span<const FieldDefinition> fields) {
    SchemaReport report;
    for (const auto& field : fields) {
        http::HttpRequest request;
        request.method = http::Method::del;
        request.target = properties_path(api_, field.object) + "/" + property_name(field.id);
        auto response = api_.send(request);
        if (!response) return response.status();
        if (response->status / 100 == 2) report.created.push_back(field.id);
        else if (response->status == 404) report.existing.push_back(field.id);
        else return HubSpotApi::error_of(request, *response);
        schema_.erase(field.object, field.id);
    }
    return report;
}

}  // namespace sellerscore::connectors::hubspot
