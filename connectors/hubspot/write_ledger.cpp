#include "write_ledger.hpp"

#include <algorithm>

namespace sellerscore::connectors::hubspot {

void WriteLedger::record(ObjectType type, const std::string& id, std::int64_t updated_at_ms) {
    ids_[type].insert(id);
    auto& newest = newest_[type];
    newest = std::max(newest, updated_at_ms);
}

std::size_t WriteLedger::written(ObjectType type) const {
    const auto it = ids_.find(type);
    return it == ids_.end() ? 0 : it->second.size();
}

std::int64_t WriteLedger::newest_ms(ObjectType type) const {
    const auto it = newest_.find(type);
    return it == newest_.end() ? 0 : it->second;
}

void WriteLedger::clear() {
    ids_.clear();
    newest_.clear();
}

}  // namespace sellerscore::connectors::hubspot
