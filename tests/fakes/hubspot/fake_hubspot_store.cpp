#include "fake_hubspot_store.hpp"

#include <algorithm>
#include <charconv>

#include "fake_hubspot_property_value.hpp"

namespace sellerscore::fakes {
namespace {

constexpr std::string_view date_entered_prefix = "hs_v2_date_entered_";

template <std::size_t... I>
std::array<FakeHubSpotPropertyCatalog, 9> make_catalogs(std::index_sequence<I...>) {
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
    : epoch_ms_now_(std::move(epoch_ms_now)), catalogs_(make_catalogs(std::make_index_sequence<9>{})) {}

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
        if (name.starts_with(date_entered_prefix)) {
            const std::string_view stage = std::string_view(name).substr(date_entered_prefix.size());
            std::optional<std::int64_t> latest;
            for (const FakeHubSpotStageEntry& entry : object.stage_history)
                if (entry.stage_id == stage && (!latest || entry.entered_ms >= *latest)) latest = entry.entered_ms;
            if (!latest) return std::nullopt;
            return std::to_string(*latest);
        }
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
    if (type == HubSpotObjectType::deals && definition.name == "dealstage" && !stored.empty())
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
        const std::string name = std::string(date_entered_prefix) + stage.id;
        if (deals.slot_of(name)) continue;
        FakeHubSpotProperty entered;
        entered.name = name;
        entered.label = "Date entered \"" + stage.label + " (" + pipeline.label + ")\"";
        entered.type = "datetime";
        entered.field_type = "calculation_equation";
        entered.group_name = "dealinformation";
        entered.hubspot_defined = true;
        entered.calculated = true;
        deals.define(std::move(entered));
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
