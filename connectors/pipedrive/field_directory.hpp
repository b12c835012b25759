// The custom fields of each object as the company has them (GET /api/v2/{deal,person,organization}Fields,
// 10 tokens, read once per connector and again after ensure/remove), joined with the codes the
// registry remembers: which Pipedrive field, with which type and options, holds each of our fields.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "custom_field.hpp"
#include "field_registry.hpp"
#include "pipedrive_api.hpp"

namespace sellerscore::connectors::pipedrive {

class FieldDirectory {
public:
    FieldDirectory(PipedriveApi& api, FieldRegistry& registry);

    // Every field of `object` (system fields included).
    Result<const std::vector<CustomField>*> all(RecordObject object);
    // Our fields of `object` that still exist: field id -> the field.
    Result<std::map<std::string, CustomField>> ours(RecordObject object);
    // The custom field named `name` (a custom one before a system one of that name); nullopt if none.
    Result<std::optional<CustomField>> named(RecordObject object, std::string_view name);

    // The next call reads the list again.
    void invalidate(RecordObject object);

private:
    PipedriveApi& api_;
    FieldRegistry& registry_;
    std::map<RecordObject, std::vector<CustomField>> lists_;
};

// Pipedrive's custom field codes are 40 hex digits; system fields have their API names ("value").
bool is_custom_code(std::string_view code);

}  // namespace sellerscore::connectors::pipedrive
