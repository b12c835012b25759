#include "fake_hubspot_object_type.hpp"

#include <utility>

namespace sellerscore::fakes {
namespace {

struct TypeNames {
    HubSpotObjectType type;
    std::string_view plural;
    std::string_view singular;
    std::string_view type_id;
};

constexpr std::array<TypeNames, 10> names = {{
    {HubSpotObjectType::deals, "deals", "deal", "0-3"},
    {HubSpotObjectType::contacts, "contacts", "contact", "0-1"},
    {HubSpotObjectType::companies, "companies", "company", "0-2"},
    {HubSpotObjectType::calls, "calls", "call", "0-48"},
    {HubSpotObjectType::emails, "emails", "email", "0-49"},
    {HubSpotObjectType::meetings, "meetings", "meeting", "0-47"},
    {HubSpotObjectType::notes, "notes", "note", "0-46"},
    {HubSpotObjectType::tasks, "tasks", "task", "0-27"},
    {HubSpotObjectType::quotes, "quotes", "quote", "0-14"},
    {HubSpotObjectType::feedback_submissions, "feedback_submissions", "feedback_submission", "0-19"},
}};

const TypeNames& names_of(HubSpotObjectType type) { return names[static_cast<std::size_t>(type)]; }

}  // namespace

std::optional<HubSpotObjectType> parse_object_type(std::string_view name) {
    for (const TypeNames& entry : names)
        if (name == entry.plural || name == entry.singular || name == entry.type_id) return entry.type;
    return std::nullopt;
}

std::string_view plural_name(HubSpotObjectType type) { return names_of(type).plural; }
std::string_view singular_name(HubSpotObjectType type) { return names_of(type).singular; }

std::string_view created_property(HubSpotObjectType type) {
    switch (type) {
        case HubSpotObjectType::deals:
        case HubSpotObjectType::contacts:
        case HubSpotObjectType::companies: return "createdate";
        default: return "hs_createdate";
    }
}

std::string_view modified_property(HubSpotObjectType type) {
    return type == HubSpotObjectType::contacts ? "lastmodifieddate" : "hs_lastmodifieddate";
}

int association_type_id(HubSpotObjectType from, HubSpotObjectType to) {
    using T = HubSpotObjectType;
    // HubSpot's published HUBSPOT_DEFINED ids for the pairs the connector reads.
    static constexpr std::array<std::pair<std::pair<T, T>, int>, 26> ids = {{
        {{T::contacts, T::companies}, 279}, {{T::companies, T::contacts}, 280},
        {{T::deals, T::contacts}, 3},       {{T::contacts, T::deals}, 4},
        {{T::deals, T::companies}, 341},    {{T::companies, T::deals}, 342},
        {{T::calls, T::contacts}, 194},     {{T::contacts, T::calls}, 193},
        {{T::calls, T::deals}, 206},        {{T::deals, T::calls}, 205},
        {{T::emails, T::contacts}, 198},    {{T::contacts, T::emails}, 197},
        {{T::emails, T::deals}, 210},       {{T::deals, T::emails}, 209},
        {{T::meetings, T::contacts}, 200},  {{T::contacts, T::meetings}, 199},
        {{T::meetings, T::deals}, 212},     {{T::deals, T::meetings}, 211},
        {{T::notes, T::contacts}, 202},     {{T::contacts, T::notes}, 201},
        {{T::notes, T::deals}, 214},        {{T::deals, T::notes}, 213},
        {{T::tasks, T::contacts}, 204},     {{T::tasks, T::deals}, 216},
        {{T::quotes, T::deals}, 64},        {{T::quotes, T::contacts}, 69},
    }};
    for (const auto& [pair, id] : ids)
        if (pair.first == from && pair.second == to) return id;
    return 0;
}

}  // namespace sellerscore::fakes
