#include "fake_hubspot_store.hpp"

#include <algorithm>
#include <charconv>

#include "fake_hubspot_property_value.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::string_view date_entered_prefix = "hs_v2_date_entered_";
constexpr std::string_view date_exited_prefix = "hs_v2_date_exited_";
constexpr std::string_view latest_time_prefix = "hs_v2_latest_time_in_";
constexpr std::string_view cumulative_time_prefix = "hs_v2_cumulative_time_in_";

// One stay of a deal in a stage: from its entry to the next entry of another stage (open when none).
struct StageStay {
    std::int64_t entered_ms = 0;
    std::optional<std::int64_t> exited_ms;
};

std::vector<StageStay> stays_in(const std::vector<FakeHubSpotStageEntry>& history, std::string_view stage) {
    std::vector<StageStay> stays;
    for (std::size_t i = 0; i < history.size(); ++i) {
        if (history[i].stage_id != stage) continue;
        // A value set again to the stage it already holds is no new stay.
        if (i > 0 && history[i - 1].stage_id == stage) continue;
        StageStay stay{history[i].entered_ms, std::nullopt};
        for (std::size_t j = i + 1; j < history.size(); ++j) {
            if (history[j].stage_id != stage) {
                stay.exited_ms = history[j].entered_ms;
                break;
            }
        }
        stays.push_back(stay);
    }
    return stays;
}

// HubSpot's stage-calculated properties, from the full history: date entered and exited of the
// latest stay, the latest stay's length and the sum of all stays (closed stays only: a stay still
// running has no length yet). nullopt when the deal never was in the stage.
std::optional<std::string> stage_calculated(std::string_view name, const std::vector<FakeHubSpotStageEntry>& history) {
    const auto stage_after = [&](std::string_view prefix) -> std::optional<std::string_view> {
        if (!name.starts_with(prefix)) return std::nullopt;
        return name.substr(prefix.size());
    };
    if (const auto stage = stage_after(date_entered_prefix)) {
        const auto stays = stays_in(history, *stage);
        if (stays.empty()) return std::nullopt;
        return std::to_string(stays.back().entered_ms);
    }
    if (const auto stage = stage_after(date_exited_prefix)) {
        const auto stays = stays_in(history, *stage);
        if (stays.empty() || !stays.back().exited_ms) return std::nullopt;
        return std::to_string(*stays.back().exited_ms);
    }
    if (const auto stage = stage_after(latest_time_prefix)) {
        const auto stays = stays_in(history, *stage);
        if (stays.empty() || !stays.back().exited_ms) return std::nullopt;
        return std::to_string(*stays.back().exited_ms - stays.back().entered_ms);
    }
    if (const auto stage = stage_after(cumulative_time_prefix)) {
        std::optional<std::int64_t> total;
        for (const StageStay& stay : stays_in(history, *stage))
            if (stay.exited_ms) total = total.value_or(0) + (*stay.exited_ms - stay.entered_ms);
        if (!total) return std::nullopt;
        return std::to_string(*total);
    }
    return std::nullopt;
}

bool is_stage_calculated(std::string_view name) {
    return name.starts_with(date_entered_prefix) || name.starts_with(date_exited_prefix) ||
           name.starts_with(latest_time_prefix) || name.starts_with(cumulative_time_prefix);
}

template <std::size_t... I>
std::array<FakeHubSpotPropertyCatalog, all_object_types.size()> make_catalogs(std::index_sequence<I...>) {
    return {FakeHubSpotPropertyCatalog(all_object_types[I])...};
}

std::string id_text(std::uint64_t id) { return std::to_string(id); }

}  // namespace

std::optional<std::uint64_t> parse_object_id(std::string_view text) {
    std::uint64_t id = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return id;
}

FakeHubSpotStore::FakeHubSpotStore(EpochMillisNow epoch_ms_now)
    : epoch_ms_now_(std::move(epoch_ms_now)), catalogs_(make_catalogs(std::make_index_sequence<all_object_types.size()>{})) {}

FakeHubSpotObject* FakeHubSpotStore::find(HubSpotObjectType type, std::uint64_t id) {
    std::vector<FakeHubSpotObject>& list = objects_[index(type)];
    const auto found = std::lower_bound(list.begin(), list.end(), id,
                                        [](const FakeHubSpotObject& object, std::uint64_t wanted) { return object.id < wanted; });
    return found != list.end() && found->id == id ? &*found : nullptr;
}

const FakeHubSpotObject* FakeHubSpotStore::find(HubSpotObjectType type, std::uint64_t id) const {
    return const_cast<FakeHubSpotStore*>(this)->find(type, id);
}

FakeHubSpotObject* FakeHubSpotStore::find(HubSpotObjectType type, std::string_view id) {
    const std::optional<std::uint64_t> number = parse_object_id(id);
    return number ? find(type, *number) : nullptr;
}

const FakeHubSpotObject* FakeHubSpotStore::find(HubSpotObjectType type, std::string_view id) const {
    return const_cast<FakeHubSpotStore*>(this)->find(type, id);
}

FakeHubSpotObject& FakeHubSpotStore::create(HubSpotObjectType type, std::int64_t created_ms) {
    FakeHubSpotObject& object = objects_[index(type)].emplace_back();
    object.id = next_object_id_++;
    object.created_ms = created_ms;
    object.updated_ms = next_modification_ms();
    return object;
}

std::int64_t FakeHubSpotStore::next_modification_ms() {
    last_modification_ms_ = std::max(epoch_ms_now_(), last_modification_ms_ + 1);
    return last_modification_ms_;
}

void FakeHubSpotStore::mark_modified(FakeHubSpotObject& object) { object.updated_ms = next_modification_ms(); }

std::optional<std::string> FakeHubSpotStore::stored_value(HubSpotObjectType type, const FakeHubSpotObject& object,
                                                          Slot slot) const {
    const FakeHubSpotProperty& definition = catalog(type).definition(slot);
    const std::string& name = definition.name;
    if (name == "hs_object_id") return id_text(object.id);
    if (name == created_property(type)) return std::to_string(object.created_ms);
    if (name == modified_property(type)) return std::to_string(object.updated_ms);
    if (type == HubSpotObjectType::deals) {
        if (name == "amount_in_home_currency") {
            // A single-currency account: the home-currency amount is the amount.
            if (const std::optional<Slot> amount = catalog(type).slot_of("amount")) return stored_value(type, object, *amount);
            return std::nullopt;
        }
        if (is_stage_calculated(name)) return stage_calculated(name, object.stage_history);
    }
    for (const auto& [stored_slot, value] : object.values)
        if (stored_slot == slot) return value;
    return std::nullopt;
}

std::optional<std::string> FakeHubSpotStore::shown_value(HubSpotObjectType type, const FakeHubSpotObject& object,
                                                         Slot slot) const {
    std::optional<std::string> stored = stored_value(type, object, slot);
    if (!stored) return std::nullopt;
    return render_property_value(catalog(type).definition(slot), *stored);
}

FakeHubSpotWriteCheck FakeHubSpotStore::check_write(HubSpotObjectType type, Slot slot, std::string_view wire) const {
    const FakeHubSpotProperty& definition = catalog(type).definition(slot);
    FakeHubSpotWriteCheck check;
    if (definition.calculated) {
        check.message = "Property \"" + definition.name + "\" is a calculated, read-only property";
        return check;
    }
    std::optional<std::string> stored = normalize_property_value(definition, wire);
    if (!stored) {
        check.message = "Property values were not valid: " + std::string(wire) + " was not a valid " + definition.type +
                        " for property \"" + definition.name + "\"";
        if (definition.type == "enumeration")
            check.message = "Property values were not valid: " + std::string(wire) +
                            " was not one of the allowed options for property \"" + definition.name + "\"";
        return check;
    }
    check.accepted = true;
    check.stored = std::move(*stored);
    return check;
}

void FakeHubSpotStore::put(HubSpotObjectType type, FakeHubSpotObject& object, Slot slot, std::string stored,
                           std::int64_t at_ms) {
    const FakeHubSpotProperty& definition = catalog(type).definition(slot);
    if (definition.name == created_property(type)) {
        std::int64_t ms = 0;
        if (!stored.empty()) std::from_chars(stored.data(), stored.data() + stored.size(), ms);
        object.created_ms = ms;
        return;
    }
    // HubSpot records a history entry when the value changes, not when it is set to what it holds.
    if (type == HubSpotObjectType::deals && definition.name == "dealstage" && !stored.empty() &&
        (object.stage_history.empty() || object.stage_history.back().stage_id != stored))
        object.stage_history.push_back({stored, at_ms});
    auto position = std::lower_bound(object.values.begin(), object.values.end(), slot,
                                     [](const auto& entry, Slot wanted) { return entry.first < wanted; });
    if (stored.empty()) {
        if (position != object.values.end() && position->first == slot) object.values.erase(position);
        return;
    }
    if (position != object.values.end() && position->first == slot) {
        position->second = std::move(stored);
    } else {
        object.values.insert(position, {slot, std::move(stored)});
    }
}

void FakeHubSpotStore::associate(HubSpotObjectType from_type, FakeHubSpotObject& from, HubSpotObjectType to_type,
                                 FakeHubSpotObject& to) {
    auto link = [](FakeHubSpotObject& object, HubSpotObjectType type, std::uint64_t id) {
        for (const FakeHubSpotAssociation& existing : object.associations)
            if (existing.type == type && existing.id == id) return;
        object.associations.push_back({type, id});
    };
    link(from, to_type, to.id);
    link(to, from_type, from.id);
}

void FakeHubSpotStore::add_owner(FakeHubSpotOwner owner) {
    for (HubSpotObjectType type : all_object_types)
        if (const std::optional<Slot> slot = catalog(type).slot_of("hubspot_owner_id"))
            catalog(type).add_option(*slot, owner.id, owner.first_name + " " + owner.last_name);
    owners_.push_back(std::move(owner));
}

void FakeHubSpotStore::add_pipeline(FakeHubSpotPipeline pipeline) {
    FakeHubSpotPropertyCatalog& deals = catalog(HubSpotObjectType::deals);
    deals.add_option(*deals.slot_of("pipeline"), pipeline.id, pipeline.label);
    for (const FakeHubSpotStage& stage : pipeline.stages) {
        deals.add_option(*deals.slot_of("dealstage"), stage.id, stage.label);
        const struct {
            std::string_view prefix;
            const char* label;
            const char* type;
        } calculated[] = {{date_entered_prefix, "Date entered", "datetime"},
                          {date_exited_prefix, "Date exited", "datetime"},
                          {latest_time_prefix, "Latest time in", "number"},
                          {cumulative_time_prefix, "Cumulative time in", "number"}};
        for (const auto& kind : calculated) {
            const std::string name = std::string(kind.prefix) + stage.id;
            if (deals.slot_of(name)) continue;
            FakeHubSpotProperty property;
            property.name = name;
            property.label = std::string(kind.label) + " \"" + stage.label + " (" + pipeline.label + ")\"";
            property.type = kind.type;
            property.field_type = "calculation_equation";
            property.group_name = "dealinformation";
            property.hubspot_defined = true;
            property.calculated = true;
            deals.define(std::move(property));
        }
    }
    pipelines_.push_back(std::move(pipeline));
}

const FakeHubSpotStage* FakeHubSpotStore::find_stage(std::string_view stage_id) const {
    for (const FakeHubSpotPipeline& pipeline : pipelines_)
        for (const FakeHubSpotStage& stage : pipeline.stages)
            if (stage.id == stage_id) return &stage;
    return nullptr;
}

std::string FakeHubSpotStore::write_key(HubSpotObjectType type, std::uint64_t id, std::string_view property) {
    std::string key(plural_name(type));
    key += '/';
    key += std::to_string(id);
    key += '/';
    key += property;
    return key;
}

void FakeHubSpotStore::count_property_write(HubSpotObjectType type, std::uint64_t id, std::string_view property) {
    ++property_writes_[write_key(type, id, property)];
    ++total_property_writes_;
}

void FakeHubSpotStore::count_update_input(HubSpotObjectType type, std::uint64_t id) {
    ++update_inputs_[write_key(type, id, "")];
}

std::uint64_t FakeHubSpotStore::property_write_count(HubSpotObjectType type, std::uint64_t id,
                                                     std::string_view property) const {
    const auto found = property_writes_.find(write_key(type, id, property));
    return found == property_writes_.end() ? 0 : found->second;
}

std::uint64_t FakeHubSpotStore::update_input_count(HubSpotObjectType type, std::uint64_t id) const {
    const auto found = update_inputs_.find(write_key(type, id, ""));
    return found == update_inputs_.end() ? 0 : found->second;
}

std::uint64_t FakeHubSpotStore::properties_written_more_than_once() const {
    return static_cast<std::uint64_t>(std::count_if(property_writes_.begin(), property_writes_.end(),
                                                    [](const auto& entry) { return entry.second > 1; }));
}

}  // namespace sellerscore::fakes
