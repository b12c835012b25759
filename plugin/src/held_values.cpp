#include "held_values.hpp"

namespace sellerscore::plugin {

std::string HeldValues::key(connectors::RecordObject object, std::string_view record_id) {
    std::string k;
    k.reserve(record_id.size() + 1);
    k.push_back(static_cast<char>('0' + static_cast<int>(object)));
    k.append(record_id);
    return k;
}

void HeldValues::add(connectors::HeldValue&& held) {
    const auto index = catalog_->index_of(held.field_id);
    if (!index) return;
    auto& row = values_[key(held.object, held.record_id)];
    if (row.empty()) row.resize(catalog_->size());
    row[*index] = std::move(held.value);
}

HeldValues::Row HeldValues::row(connectors::RecordObject object, std::string_view record_id) const {
    const auto it = values_.find(key(object, record_id));
    return Row(it == values_.end() ? nullptr : &it->second);
}

const connectors::FieldValue& HeldValues::Row::operator[](std::size_t field_index) const {
    static const connectors::FieldValue none;
    return values_ == nullptr ? none : (*values_)[field_index];
}

}  // namespace sellerscore::plugin
