// The fake's CRM state: objects of every type with compactly stored property values, their
// associations and deal stage histories, owners, deal pipelines, property catalogs, and the counts
// of what batch/update wrote. Not synchronised: FakeHubSpot serialises access.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fake_hubspot.hpp"
#include "fake_hubspot_object_type.hpp"
#include "fake_hubspot_property_catalog.hpp"

namespace sellerscore::fakes {

struct FakeHubSpotAssociation {
    HubSpotObjectType type;
    std::uint64_t id;
};

struct FakeHubSpotStageEntry {
    std::string stage_id;
    std::int64_t entered_ms;
};

struct FakeHubSpotObject {
    std::uint64_t id = 0;
    std::int64_t created_ms = 0;
    std::int64_t updated_ms = 0;
    std::optional<std::int64_t> archived_ms;
    // Stored values by catalog slot, in slot order; derived properties are never stored here.
    std::vector<std::pair<FakeHubSpotPropertyCatalog::Slot, std::string>> values;
    std::vector<FakeHubSpotAssociation> associations;  // in the order they were made
    std::vector<FakeHubSpotStageEntry> stage_history;  // deals: every stage entry, oldest first
};

struct FakeHubSpotTeam {
    std::string id;
    std::string name;
    bool primary = false;
};

struct FakeHubSpotOwner {
    std::string id;
    std::string email;
    std::string first_name;
    std::string last_name;
    std::int64_t user_id = 0;
    std::string type = "PERSON";
    std::vector<FakeHubSpotTeam> teams;
    bool archived = false;
    std::int64_t created_ms = 0;
};

struct FakeHubSpotStage {
    std::string id;
    std::string label;
    int display_order = 0;
    bool archived = false;
    bool is_closed = false;
    std::string probability;  // "0.2", as HubSpot's metadata holds it
};

struct FakeHubSpotPipeline {
    std::string id;
    std::string label;
    int display_order = 0;
    bool archived = false;
    std::vector<FakeHubSpotStage> stages;
    std::int64_t created_ms = 0;
};

// Why a write of one value was refused, in HubSpot's words.
struct FakeHubSpotWriteCheck {
    bool accepted = false;
    std::string stored;   // the value to store when accepted
    std::string message;  // why not, otherwise
};

class FakeHubSpotStore {
public:
    using Slot = FakeHubSpotPropertyCatalog::Slot;
    using EpochMillisNow = std::function<std::int64_t()>;

    explicit FakeHubSpotStore(EpochMillisNow epoch_ms_now);

    FakeHubSpotPropertyCatalog& catalog(HubSpotObjectType type) { return catalogs_[index(type)]; }
    const FakeHubSpotPropertyCatalog& catalog(HubSpotObjectType type) const { return catalogs_[index(type)]; }

    // Objects of `type` ordered by id (ids only grow), archived ones included.
    const std::vector<FakeHubSpotObject>& objects(HubSpotObjectType type) const { return objects_[index(type)]; }
    FakeHubSpotObject* find(HubSpotObjectType type, std::uint64_t id);
    const FakeHubSpotObject* find(HubSpotObjectType type, std::uint64_t id) const;
    FakeHubSpotObject* find(HubSpotObjectType type, std::string_view id);
    const FakeHubSpotObject* find(HubSpotObjectType type, std::string_view id) const;

    // A new object with the next id, created at `created_ms`, modified now.
    FakeHubSpotObject& create(HubSpotObjectType type, std::int64_t created_ms);
    void reserve(HubSpotObjectType type, std::size_t count) { objects_[index(type)].reserve(count); }

    // The stored form of a value, derived properties included (hs_object_id, created/modified
    // times, amount_in_home_currency, hs_v2_date_entered_<stage>); nullopt when it has none.
    std::optional<std::string> stored_value(HubSpotObjectType type, const FakeHubSpotObject& object, Slot slot) const;
    // What the API shows for it.
    std::optional<std::string> shown_value(HubSpotObjectType type, const FakeHubSpotObject& object, Slot slot) const;

    // Checks a value written through the API or by a user for `slot` of `type`.
    FakeHubSpotWriteCheck check_write(HubSpotObjectType type, Slot slot, std::string_view wire) const;
    // Stores a checked value ("" clears) without touching the modification time; a dealstage
    // value also records the stage entry at `at_ms`.
    void put(HubSpotObjectType type, FakeHubSpotObject& object, Slot slot, std::string stored, std::int64_t at_ms);
    // Marks `object` modified now (a fresh, strictly increasing modification time).
    void mark_modified(FakeHubSpotObject& object);
    std::int64_t next_modification_ms();

    void associate(HubSpotObjectType from_type, FakeHubSpotObject& from, HubSpotObjectType to_type, FakeHubSpotObject& to);

    // Owners and pipelines; adding them keeps the owner/pipeline/stage options and the stage
    // calculated properties in step, as HubSpot does.
    void add_owner(FakeHubSpotOwner owner);
    const std::vector<FakeHubSpotOwner>& owners() const { return owners_; }
    void add_pipeline(FakeHubSpotPipeline pipeline);
    const std::vector<FakeHubSpotPipeline>& pipelines() const { return pipelines_; }
    const FakeHubSpotStage* find_stage(std::string_view stage_id) const;

    // Write accounting for batch/update.
    void count_property_write(HubSpotObjectType type, std::uint64_t id, std::string_view property);
    // A property write that stored what the property already held (a value written twice).
    void count_unchanged_write() { ++unchanged_property_writes_; }
    std::uint64_t unchanged_property_writes() const { return unchanged_property_writes_; }
    void count_update_input(HubSpotObjectType type, std::uint64_t id);
    std::uint64_t property_write_count(HubSpotObjectType type, std::uint64_t id, std::string_view property) const;
    std::uint64_t update_input_count(HubSpotObjectType type, std::uint64_t id) const;
    std::uint64_t total_property_writes() const { return total_property_writes_; }
    std::uint64_t properties_written_more_than_once() const;

    std::int64_t now_ms() const { return epoch_ms_now_(); }

private:
    static std::size_t index(HubSpotObjectType type) { return static_cast<std::size_t>(type); }
    static std::string write_key(HubSpotObjectType type, std::uint64_t id, std::string_view property);

    EpochMillisNow epoch_ms_now_;
    std::int64_t last_modification_ms_ = 0;
    std::uint64_t next_object_id_ = 1'000'001;
    std::array<FakeHubSpotPropertyCatalog, all_object_types.size()> catalogs_;
    std::array<std::vector<FakeHubSpotObject>, all_object_types.size()> objects_;
    std::vector<FakeHubSpotOwner> owners_;
    std::vector<FakeHubSpotPipeline> pipelines_;
    std::unordered_map<std::string, std::uint64_t> property_writes_;
    std::unordered_map<std::string, std::uint64_t> update_inputs_;
    std::uint64_t total_property_writes_ = 0;
    std::uint64_t unchanged_property_writes_ = 0;
};

// "123" -> 123; nullopt for anything but a plain decimal id.
std::optional<std::uint64_t> parse_object_id(std::string_view text);

}  // namespace sellerscore::fakes
