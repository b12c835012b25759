// Maps the dataset's string ids to dense integer indices, so the engine's inner loops index vectors
// instead of hashing strings.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sellerscore::kpi {

// The index of an absent or unknown reference (a null owner_id, an id no record carries).
inline constexpr std::uint32_t no_index = UINT32_MAX;

// An open-addressing table over a contiguous copy of the ids. Millions of lookups per run land on
// random ids; a node-based map costs a cache miss for the bucket, one for the node and one for the
// key's characters inside its record, where this costs one for the slot and one for the characters.
class IdInterner {
public:
    explicit IdInterner(std::size_t expected_ids);

    // The id's index, assigning the next free one to an id not seen before.
    std::uint32_t intern(std::string_view id);
    // The id's index, or no_index for an id never interned.
    std::uint32_t find(std::string_view id) const;

    std::size_t size() const { return starts_.size() - 1; }
    std::string_view id(std::uint32_t index) const {
        return {characters_.data() + starts_[index], starts_[index + 1] - starts_[index]};
    }

private:
    // A slot holds the id's 32-bit hash (high half) and index + 1 (low half); 0 is an empty slot.
    struct Probe {
        std::size_t slot;
        bool found;
    };
    Probe probe(std::string_view id, std::uint32_t hash) const;
    void grow();

    std::vector<char> characters_;
    std::vector<std::uint32_t> starts_{0};
    std::vector<std::uint64_t> slots_;
};

}  // namespace sellerscore::kpi
