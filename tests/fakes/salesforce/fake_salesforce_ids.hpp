// Salesforce record ids: 18 characters, the object's 3-character key prefix, then a
// case-sensitive 12-character body, then the 3-character case-insensitive checksum suffix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sellerscore::fakes {

// The 18-character id of the `sequence`th record with this key prefix ("006" Opportunity).
// Deterministic: the same prefix and sequence give the same id in every run.
std::string salesforce_id(std::string_view key_prefix, std::uint64_t sequence);

// The 3-character suffix that makes a 15-character id case-insensitive (Salesforce's algorithm:
// one bit per upper-case letter in each 5-character chunk).
std::string checksum_suffix(std::string_view id15);

}  // namespace sellerscore::fakes
