// The drivers as one short line for a CRM text field (seller_score_drivers), e.g.
// "↑ win rate 78% (top 10%) · ↓ follow up rate 41% (bottom 25%)".
#pragma once

#include <cstddef>
#include <string>

#include "seller_score_drivers.hpp"

namespace sellerscore::kpi {

// The smallest text limit among the vendors we write to: Salesforce Text(255), Pipedrive varchar
// ("up to 255 characters"); HubSpot's string properties take more. Counted in UTF-8 bytes, which is
// never less than the characters: the line fits whether a vendor counts characters or bytes.
inline constexpr std::size_t drivers_text_max_bytes = 255;

// Lifts first, then holds, each largest first. When the line would exceed `max_bytes`, the driver
// with the fewest points goes first, so what remains is still the most telling. Empty when there
// are no drivers (the field is then cleared).
std::string score_drivers_text(const ScoreDrivers& drivers, std::size_t max_bytes = drivers_text_max_bytes);

// Characters as the CRMs count them: UTF-8 code points.
std::size_t utf8_length(const std::string& text);

}  // namespace sellerscore::kpi
