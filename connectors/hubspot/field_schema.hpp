// Our custom properties as they exist in a portal: per object, field id -> how its value reads back.
// Learned from ensure_fields() or, in a fresh connector, from the property lists (the properties
// in our group), so reads know which values are "held" without being told the catalog.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"
#include "property_value.hpp"

namespace sellerscore::connectors::hubspot {

// The property group our properties live in (label "Seller KPIs").
inline constexpr std::string_view property_group = "seller_kpis";

// KPIS.md §7: a field id's HubSpot property is named "sellerscore_<field id>", so our properties
// never collide with a customer's own "seller_score".
inline constexpr std::string_view property_prefix = "sellerscore_";
std::string property_name(std::string_view field_id);
// The field id of one of our property names; nullopt for a property that is not ours.
std::optional<std::string> field_id_of(std::string_view property);

class FieldSchema {
public:
    static PropertyKind kind_of(FieldType type);
    // From HubSpot's type: number, enumeration, datetime/date; any other (string) reads as text.
    static PropertyKind kind_of_hubspot_type(std::string_view type);

    void set(RecordObject object, std::string name, PropertyKind kind);
    void erase(RecordObject object, const std::string& name);
    // Replaces the object's fields with our properties in a GET /crm/v3/properties/<type> body.
    void load(RecordObject object, const boost::json::value& property_list);

    const std::map<std::string, PropertyKind>& fields(RecordObject object) const;
    // Whether load() has seen the object's property list.
    bool loaded(RecordObject object) const { return loaded_.contains(object); }
    std::optional<PropertyKind> kind(RecordObject object, std::string_view name) const;
    // Whether the object's property list (as load() saw it) has a property of that name, ours or not:
    // the delivery properties an admin names are the portal's own.
    bool has_property(RecordObject object, const std::string& name) const;

private:
    std::map<std::string, PropertyKind> deal_, contact_, company_;
    std::set<RecordObject> loaded_;
    std::map<RecordObject, std::set<std::string>> all_names_;
    std::map<std::string, PropertyKind>& of(RecordObject object);
};

}  // namespace sellerscore::connectors::hubspot
