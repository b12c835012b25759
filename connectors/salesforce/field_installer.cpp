#include "field_installer.hpp"

#include <algorithm>
#include <set>

#include "field_name.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

std::string_view metadata_type(FieldType type) {
    switch (type) {
        case FieldType::number: return "Number";
        case FieldType::percentage: return "Percent";
        case FieldType::money: return "Currency";
        case FieldType::enumeration: return "Picklist";
        case FieldType::datetime: return "DateTime";
        case FieldType::text: return "Text";
    }
    return "Number";
}

std::string quoted(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

json::object field_metadata(const FieldDefinition& field) {
    json::object metadata{{"label", field.label.substr(0, 40)}, {"type", metadata_type(field.type)}};
    if (!field.description.empty()) metadata["description"] = field.description;
    switch (field.type) {
        // Salesforce stores a number rounded to the field's scale, and the plugin rewrites a value whose
        // held copy differs by more than 1e-9 relative: coarse scales would rewrite every value on every
        // run. So the scales are as fine as the ranges allow (precision is at most 18 digits):
        // numbers (scores, days, NPS) up to 10^6 with 12 decimals, percents (0-100) with 15,
        // money up to 10^10 with 8.
        case FieldType::number: metadata["precision"] = 18; metadata["scale"] = 12; break;
        case FieldType::percentage: metadata["precision"] = 18; metadata["scale"] = 15; break;
        case FieldType::money: metadata["precision"] = 18; metadata["scale"] = 8; break;
        case FieldType::enumeration: {
            json::array values;
            for (const auto& option : field.options)
                values.push_back(json::object{{"fullName", option}, {"label", option}, {"default", false}});
            metadata["valueSet"] = json::object{
                {"restricted", true}, {"valueSetDefinition", json::object{{"sorted", false}, {"value", values}}}};
            break;
        }
        case FieldType::datetime: break;
        case FieldType::text: metadata["length"] = 255; break;  // Text(255), the type's maximum
    }
    return metadata;
}

FieldInstaller::FieldInstaller(SalesforceApi& api, FieldSchema& schema, std::string permission_set,
                               std::string integration_user_id, ConnectorMemory* memory)
    : api_(api),
      schema_(schema),
      permission_set_(std::move(permission_set)),
      user_id_(std::move(integration_user_id)),
      memory_(memory) {}

Result<std::map<std::pair<std::string, std::string>, FieldInstaller::Existing>> FieldInstaller::existing_fields() {
    auto rows = api_.tooling_query(
        "SELECT Id, DeveloperName, TableEnumOrId, LastModifiedDate FROM CustomField WHERE TableEnumOrId IN "
        "('Opportunity', 'Contact', 'Account')");
    if (!rows) return rows.status();
    std::map<std::pair<std::string, std::string>, Existing> found;
    for (const auto& row : *rows)
        found[{id_at(row, "TableEnumOrId"), id_at(row, "DeveloperName")}] = {id_at(row),
                                                                             text_at(row, "LastModifiedDate").value_or("")};
    return found;
}

Result<std::string> FieldInstaller::type_of(const std::string& full_name, const Existing& field, std::string_view expected) {
    // Remembered as "<CustomField Id> <LastModifiedDate> <type>" once the field was found of the expected type.
    const std::string key = "salesforce.field." + full_name;
    const std::string stamp = field.id + " " + field.last_modified + " ";
    if (memory_ != nullptr && !field.last_modified.empty()) {
        if (const auto held = memory_->get(key); held && *held == stamp + std::string(expected)) return std::string(expected);
    }
    // Metadata may be selected only by a query that names one row (a Tooling API rule).
    auto held = api_.tooling_query("SELECT Id, Metadata FROM CustomField WHERE Id = " + quoted(field.id));
    if (!held) return held.status();
    const std::string type = held->empty() ? std::string() : text_at((*held)[0], "Metadata.type").value_or("");
    if (memory_ != nullptr && !field.last_modified.empty() && type == expected) {
        if (Status st = memory_->put(key, stamp + type); !st) return st;
    }
    return type;
}

Status FieldInstaller::discover(std::span<const FieldDefinition> fields) {
    auto existing = existing_fields();
    if (!existing) return existing.status();
    for (const auto& field : fields) {
        if (existing->count({std::string(sobject_of(field.object)), developer_name(field.id)}) != 0) schema_.add(field);
    }
    return Status::ok();
}

Result<SchemaReport> FieldInstaller::ensure(std::span<const FieldDefinition> fields) {
    auto existing = existing_fields();
    if (!existing) return existing.status();
    SchemaReport report;
    for (const auto& field : fields) {
        const std::string object(sobject_of(field.object));
        const auto found = existing->find({object, developer_name(field.id)});
        if (found != existing->end()) {
            auto held_type = type_of(object + "." + api_field_name(field.id), found->second, metadata_type(field.type));
            if (!held_type) return held_type.status();
            const std::string& type = *held_type;
            if (type != metadata_type(field.type)) {
                return Status::data("salesforce: field " + object + "." + api_field_name(field.id) + " exists as " +
                                    (type.empty() ? std::string("an unknown type") : type) + ", not " +
                                    std::string(metadata_type(field.type)) + ": rename or delete it");
            }
            report.existing.push_back(field.id);
        } else {
            const json::value body =
                json::object{{"FullName", object + "." + api_field_name(field.id)}, {"Metadata", field_metadata(field)}};
            auto created = api_.call(http::Method::post, api_.data("/tooling/sobjects/CustomField"), &body);
            if (!created) return created.status().prefixed("creating " + object + "." + api_field_name(field.id) + ": ");
            report.created.push_back(field.id);
        }
        schema_.add(field);
    }
    if (!report.created.empty() && memory_ != nullptr) {
        // The created fields as they are now (one query), so the next run need not read their Metadata.
        auto now = existing_fields();
        if (!now) return now.status();
        for (const auto& field : fields) {
            if (std::find(report.created.begin(), report.created.end(), field.id) == report.created.end()) continue;
            const std::string object(sobject_of(field.object));
            const auto found = now->find({object, developer_name(field.id)});
            if (found == now->end() || found->second.last_modified.empty()) continue;
            const std::string value = found->second.id + " " + found->second.last_modified + " " +
                                      std::string(metadata_type(field.type));
            if (Status st = memory_->put("salesforce.field." + object + "." + api_field_name(field.id), value); !st)
                return st;
        }
    }
    if (Status st = grant(fields); !st) return st;
    return report;
}

Result<std::string> FieldInstaller::permission_set_id() {
    std::string id;
    Status st = api_.query("SELECT Id FROM PermissionSet WHERE Name = " + quoted(permission_set_),
                           [&id](const json::array& rows) {
                               if (!rows.empty()) id = id_at(rows[0]);
                               return Status::ok();
                           });
    if (!st) return st;
    if (!id.empty()) return id;
    const json::value body = json::object{{"Name", permission_set_}, {"Label", "Seller KPIs (sellerscore)"}};
    auto created = api_.call(http::Method::post, api_.data("/sobjects/PermissionSet"), &body);
    if (!created) return created.status().prefixed("creating permission set " + permission_set_ + ": ");
    id = id_at(*created, "id");
    if (id.empty()) return Status::data("salesforce: permission set created without an id");
    return id;
}

Status FieldInstaller::grant(std::span<const FieldDefinition> fields) {
    auto set_id = permission_set_id();
    if (!set_id) return set_id.status();
    std::set<std::string> granted;
    Status st = api_.query("SELECT Id, Field FROM FieldPermissions WHERE ParentId = " + quoted(*set_id),
                           [&granted](const json::array& rows) {
                               for (const auto& row : rows) granted.insert(id_at(row, "Field"));
                               return Status::ok();
                           });
    if (!st) return st;
    for (const auto& field : fields) {
        const std::string object(sobject_of(field.object));
        const std::string name = object + "." + api_field_name(field.id);
        if (granted.count(name) != 0) continue;
        const json::value body = json::object{{"ParentId", *set_id},      {"SobjectType", object}, {"Field", name},
                                              {"PermissionsRead", true}, {"PermissionsEdit", true}};
        auto created = api_.call(http::Method::post, api_.data("/sobjects/FieldPermissions"), &body);
        if (!created) return created.status().prefixed("granting " + name + ": ");
    }
    if (user_id_.empty()) return Status::ok();
    bool assigned = false;
    st = api_.query("SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = " + quoted(*set_id) +
                        " AND AssigneeId = " + quoted(user_id_),
                    [&assigned](const json::array& rows) {
                        assigned = assigned || !rows.empty();
                        return Status::ok();
                    });
    if (!st) return st;
    if (assigned) return Status::ok();
    const json::value body = json::object{{"AssigneeId", user_id_}, {"PermissionSetId", *set_id}};
    auto created = api_.call(http::Method::post, api_.data("/sobjects/PermissionSetAssignment"), &body);
    if (!created) return created.status().prefixed("assigning " + permission_set_ + " to the integration user: ");
    return Status::ok();
}

Result<SchemaReport> FieldInstaller::remove(std::span<const FieldDefinition> fields) {
    auto existing = existing_fields();
    if (!existing) return existing.status();
    SchemaReport report;
    for (const auto& field : fields) {
        const auto found = existing->find({std::string(sobject_of(field.object)), developer_name(field.id)});
        if (found == existing->end()) {
            report.existing.push_back(field.id);
            continue;
        }
        auto deleted = api_.call(http::Method::del, api_.data("/tooling/sobjects/CustomField/" + found->second.id));
        if (!deleted) return deleted.status();
        schema_.remove(field.object, field.id);
        report.created.push_back(field.id);
    }
    return report;
}

}  // namespace sellerscore::connectors::salesforce
