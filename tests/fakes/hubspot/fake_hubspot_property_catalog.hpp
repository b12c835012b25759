// The property definitions and groups of one object type: HubSpot's built-ins plus what the API
// (or a test) created. Stored values refer to a definition by its slot index, so values of a
// deleted property vanish with it and a re-created property starts empty, as in HubSpot.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fake_hubspot.hpp"
#include "fake_hubspot_object_type.hpp"

namespace sellerscore::fakes {

struct FakeHubSpotPropertyGroup {
    std::string name;
    std::string label;
    int display_order = -1;
};

class FakeHubSpotPropertyCatalog {
public:
    using Slot = std::uint16_t;

    explicit FakeHubSpotPropertyCatalog(HubSpotObjectType type);

    std::optional<Slot> slot_of(std::string_view name) const;
    const FakeHubSpotProperty& definition(Slot slot) const { return definitions_[slot]; }
    FakeHubSpotProperty& definition(Slot slot) { return definitions_[slot]; }
    // The live definitions in creation order.
    std::vector<Slot> live_slots() const;

    // Adds `definition`, replacing a live one of the same name (its values are dropped).
    Slot define(FakeHubSpotProperty definition);
    bool remove(std::string_view name);
    void add_option(Slot slot, const std::string& value, const std::string& label);

    bool has_group(std::string_view name) const;
    void add_group(FakeHubSpotPropertyGroup group);
    const std::vector<FakeHubSpotPropertyGroup>& groups() const { return groups_; }

private:
    std::vector<FakeHubSpotProperty> definitions_;
    std::vector<bool> live_;
    std::unordered_map<std::string, Slot> slots_by_name_;
    std::vector<FakeHubSpotPropertyGroup> groups_;
};

}  // namespace sellerscore::fakes
