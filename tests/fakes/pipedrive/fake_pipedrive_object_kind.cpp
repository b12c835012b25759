#include "fake_pipedrive_object_kind.hpp"

namespace sellerscore::fakes::pipedrive {

std::optional<ObjectKind> object_kind_from_plural(std::string_view plural) {
    if (plural == "deals") return ObjectKind::deal;
    if (plural == "persons") return ObjectKind::person;
    if (plural == "organizations") return ObjectKind::organization;
    return std::nullopt;
}

std::optional<ObjectKind> object_kind_from_fields_path(std::string_view segment) {
    if (segment == "dealFields") return ObjectKind::deal;
    if (segment == "personFields") return ObjectKind::person;
    if (segment == "organizationFields") return ObjectKind::organization;
    return std::nullopt;
}

std::string_view plural_name(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::deal: return "deals";
        case ObjectKind::person: return "persons";
        case ObjectKind::organization: return "organizations";
    }
    return "";
}

std::string_view fields_path(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::deal: return "dealFields";
        case ObjectKind::person: return "personFields";
        case ObjectKind::organization: return "organizationFields";
    }
    return "";
}

}  // namespace sellerscore::fakes::pipedrive
