#include "fake_salesforce_sobject.hpp"

#include <cctype>

namespace sellerscore::fakes {

std::string lower_case(std::string_view text) {
    std::string lowered(text);
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lowered;
}

SfObject::SfObject(std::string name, std::string key_prefix, bool tooling)
    : name_(std::move(name)), key_prefix_(std::move(key_prefix)), tooling_(tooling) {}

std::size_t SfObject::add_field(SfField field) {
    const std::size_t slot = fields_.size();
    slots_[lower_case(field.name)] = slot;
    if (!field.relationship_name.empty()) relationships_[lower_case(field.relationship_name)] = slot;
    fields_.push_back(std::move(field));
    return slot;
}

std::optional<std::size_t> SfObject::slot_of(std::string_view name) const {
    const auto found = slots_.find(lower_case(name));
    if (found == slots_.end()) return std::nullopt;
    return found->second;
}

void SfObject::rename_field(std::size_t slot, std::string new_name) {
    slots_.erase(lower_case(fields_[slot].name));
    slots_[lower_case(new_name)] = slot;
    fields_[slot].name = std::move(new_name);
}

std::optional<std::size_t> SfObject::relationship_slot(std::string_view relationship) const {
    const auto found = relationships_.find(lower_case(relationship));
    if (found == relationships_.end()) return std::nullopt;
    return found->second;
}

SfRecord& SfObject::add_record(std::string id) {
    by_id_[id] = records_.size();
    by_id_[id.substr(0, 15)] = records_.size();
    SfRecord& record = records_.emplace_back();
    record.id = std::move(id);
    record.values.resize(fields_.size());
    return record;
}

SfRecord* SfObject::find(std::string_view id) {
    const auto found = by_id_.find(std::string(id));
    return found == by_id_.end() ? nullptr : &records_[found->second];
}

const SfRecord* SfObject::find(std::string_view id) const {
    const auto found = by_id_.find(std::string(id));
    return found == by_id_.end() ? nullptr : &records_[found->second];
}

void SfObject::set(SfRecord& record, std::size_t slot, SfValue value) {
    if (record.values.size() <= slot) record.values.resize(fields_.size());
    record.values[slot] = std::move(value);
}

}  // namespace sellerscore::fakes
