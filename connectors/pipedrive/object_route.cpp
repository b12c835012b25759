#include "object_route.hpp"

namespace sellerscore::connectors::pipedrive {

std::string_view collection_of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "deals";
        case RecordObject::contact: return "persons";
        case RecordObject::company: return "organizations";
    }
    return "deals";
}

std::string_view fields_route_of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "dealFields";
        case RecordObject::contact: return "personFields";
        case RecordObject::company: return "organizationFields";
    }
    return "dealFields";
}

std::string_view singular_of(RecordObject object) {
    switch (object) {
        case RecordObject::deal: return "deal";
        case RecordObject::contact: return "person";
        case RecordObject::company: return "organization";
    }
    return "deal";
}

std::string field_memory_key(RecordObject object, std::string_view field_id) {
    return "pipedrive.field." + std::string(singular_of(object)) + "." + std::string(field_id);
}

}  // namespace sellerscore::connectors::pipedrive
