// The three Pipedrive objects that carry custom fields, and their names in paths and in the
// fake's inspection API ("deals", "persons", "organizations"; "dealFields", ...).
#pragma once

#include <optional>
#include <string_view>

namespace sellerscore::fakes::pipedrive {

enum class ObjectKind { deal = 0, person = 1, organization = 2 };

std::optional<ObjectKind> object_kind_from_plural(std::string_view plural);        // "deals"
std::optional<ObjectKind> object_kind_from_fields_path(std::string_view segment);  // "dealFields"
std::string_view plural_name(ObjectKind kind);
std::string_view fields_path(ObjectKind kind);

}  // namespace sellerscore::fakes::pipedrive
