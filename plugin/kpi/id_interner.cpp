#include "id_interner.hpp"

#include <algorithm>
#include <bit>
#include <functional>

namespace sellerscore::kpi {

namespace {

std::uint32_t hash_of(std::string_view id) {
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::uint32_t slot_hash(std::uint64_t slot) { return static_cast<std::uint32_t>(slot >> 32); }
std::uint32_t slot_index(std::uint64_t slot) { return static_cast<std::uint32_t>(slot) - 1; }

// At most half full, so probe runs stay short.
std::size_t capacity_for(std::size_t ids) { return std::bit_ceil(std::max<std::size_t>(16, 2 * ids)); }

}  // namespace

IdInterner::IdInterner(std::size_t expected_ids) : slots_(capacity_for(expected_ids), 0) {
    starts_.reserve(expected_ids + 1);
}

IdInterner::Probe IdInterner::probe(std::string_view id, std::uint32_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = hash & mask;; s = (s + 1) & mask) {
        const std::uint64_t slot = slots_[s];
        if (slot == 0) return {s, false};
        if (slot_hash(slot) == hash && this->id(slot_index(slot)) == id) return {s, true};
    }
}

std::uint32_t IdInterner::find(std::string_view id) const {
    const Probe p = probe(id, hash_of(id));
    return p.found ? slot_index(slots_[p.slot]) : no_index;
}

std::uint32_t IdInterner::intern(std::string_view id) {
    const std::uint32_t hash = hash_of(id);
    Probe p = probe(id, hash);
    if (p.found) return slot_index(slots_[p.slot]);
    if (2 * (size() + 1) > slots_.size()) {
        grow();
        p = probe(id, hash);
    }
    const auto index = static_cast<std::uint32_t>(size());
    characters_.insert(characters_.end(), id.begin(), id.end());
    starts_.push_back(static_cast<std::uint32_t>(characters_.size()));
    slots_[p.slot] = (std::uint64_t{hash} << 32) | (index + 1);
    return index;
}

void IdInterner::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(old.size() * 2, 0);
    const std::size_t mask = slots_.size() - 1;
    for (const std::uint64_t slot : old) {
        if (slot == 0) continue;
        std::size_t s = slot_hash(slot) & mask;
        while (slots_[s] != 0) s = (s + 1) & mask;
        slots_[s] = slot;
    }
}

}  // namespace sellerscore::kpi
