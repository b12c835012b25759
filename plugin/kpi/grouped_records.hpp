// Records grouped by a dense key, stored contiguously (compressed sparse rows): "the activities of
// contact c" or "the won deals of customer k" as one span, built in two linear passes. Storing the
// records themselves rather than indices keeps each group's walk on consecutive cache lines.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "id_interner.hpp"

namespace sellerscore::kpi {

template <class Record>
class GroupedRecords {
public:
    GroupedRecords() = default;

    // keys[i] is item i's group, or no_index to leave it out; make_record(i) builds what is stored
    // for it. Within a group, items keep their input order (the engine's tie-breaks rely on it).
    template <class MakeRecord>
    GroupedRecords(const std::vector<std::uint32_t>& keys, std::size_t group_count, MakeRecord make_record)
        : offsets_(group_count + 1, 0) {
        for (const std::uint32_t key : keys) {
            if (key != no_index) ++offsets_[key + 1];
        }
        for (std::size_t g = 0; g < group_count; ++g) offsets_[g + 1] += offsets_[g];
        members_.resize(offsets_[group_count]);
        std::vector<std::uint32_t> next(offsets_.begin(), offsets_.end() - 1);
        for (std::uint32_t i = 0; i < keys.size(); ++i) {
            if (keys[i] != no_index) members_[next[keys[i]]++] = make_record(i);
        }
    }

    std::span<const Record> operator[](std::uint32_t group) const {
        return {members_.data() + offsets_[group], members_.data() + offsets_[group + 1]};
    }

private:
    std::vector<std::uint32_t> offsets_;
    std::vector<Record> members_;
};

}  // namespace sellerscore::kpi
