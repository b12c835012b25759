// A fingerprint of records that have no modification date to put in a cursor (owners, pipelines):
// 64-bit FNV-1a over their mapped fields, so a change HubSpot makes to fields we do not read
// (updatedAt, userIdIncludingInactive) does not count as a change.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sellerscore::connectors::hubspot {

class ContentHash {
public:
    // Each part is delimited, so ("ab","c") and ("a","bc") differ.
    void add(std::string_view part);
    void add(const std::optional<std::string>& part);
    void add(double number);
    void add(std::int64_t number);

    std::string hex() const;  // 16 lower-case hex digits

private:
    void feed(std::string_view bytes);
    std::uint64_t state_ = 14695981039346656037ull;
};

}  // namespace sellerscore::connectors::hubspot
