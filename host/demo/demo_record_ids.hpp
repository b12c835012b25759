// The demo CRM's id scheme: readable, zero-padded, stable for a given seed ("C000123", "D00042",
// "A0001234", "CO00042"). Numbers start at 1; a number wider than the padding just grows.
#pragma once

#include <cstdint>
#include <string>

namespace sellerscore::demo {

std::string contact_id(int index);   // index 0 -> "C000001"
std::string company_id(int index);   // index 0 -> "CO00001"
std::string deal_id(int index);      // index 0 -> "D00001"
std::string activity_id(std::int64_t index);  // index 0 -> "A0000001"

}  // namespace sellerscore::demo
