// A fingerprint of lists read whole every run (users, stages, activity types): 64-bit FNV-1a over
// the mapped records, so a change to fields we do not read does not count as a change.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sellerscore::connectors::pipedrive {

class ContentFingerprint {
public:
    // Each part is length-prefixed, so ("ab","c") and ("a","bc") differ.
    void add(std::string_view part);
    std::string hex() const;  // 16 lower-case hex digits

private:
    void feed(std::string_view bytes);
    std::uint64_t state_ = 14695981039346656037ull;
};

}  // namespace sellerscore::connectors::pipedrive
