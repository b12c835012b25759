#include "write_ledger.hpp"

#include <algorithm>

namespace sellerscore::connectors::pipedrive {

void WriteLedger::record(RecordObject object, const std::string& id, model::Timestamp updated_at) {
    auto& at = records_[object][id];
    at = std::max(at, updated_at);
}

std::optional<model::Timestamp> WriteLedger::written_at(RecordObject object, const std::string& id) const {
    const auto type = records_.find(object);
    if (type == records_.end()) return std::nullopt;
    const auto record = type->second.find(id);
    if (record == type->second.end()) return std::nullopt;
    return record->second;
}

bool WriteLedger::wrote(RecordObject object) const {
    const auto type = records_.find(object);
    return type != records_.end() && !type->second.empty();
}

}  // namespace sellerscore::connectors::pipedrive
