#include "fake_salesforce_sobject.hpp"

#include <cctype>

#include "fake_salesforce_ids.hpp"

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
    if (!indexes_.empty()) indexes_.clear();
    by_id_[id] = records_.size();
    SfRecord& record = records_.emplace_back();
    record.id = std::move(id);
    record.values.resize(fields_.size());
    return record;
}

SfRecord* SfObject::find(std::string_view id) {
    return const_cast<SfRecord*>(static_cast<const SfObject&>(*this).find(id));
}

const SfRecord* SfObject::find(std::string_view id) const {
    // A 15-character id names the same record as its 18-character form.
    const auto found = by_id_.find(id.size() == 15 ? std::string(id) + checksum_suffix(id) : std::string(id));
    return found == by_id_.end() ? nullptr : &records_[found->second];
}

void SfObject::set(SfRecord& record, std::size_t slot, SfValue value) {
    if (!indexes_.empty()) indexes_.erase(slot);
    if (record.values.size() <= slot) record.values.resize(fields_.size());
    record.values[slot] = std::move(value);
}

}  // namespace sellerscore::fakes

namespace sellerscore::fakes {

const std::vector<std::size_t>& SfObject::records_with(std::size_t slot, std::string_view id) const {
    static const std::vector<std::size_t> none;
    auto [index, built] = indexes_.try_emplace(slot);
    if (built)
        for (std::size_t i = 0; i < records_.size(); ++i) {
            const SfValue& value = records_[i].at(slot);
            if (value.kind == SfValue::Kind::text) index->second[value.text.substr(0, 15)].push_back(i);
        }
    const auto found = index->second.find(std::string(id.substr(0, 15)));
    return found == index->second.end() ? none : found->second;
}

}  // namespace sellerscore::fakes
