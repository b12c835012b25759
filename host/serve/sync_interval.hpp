// serve's --sync-every: how often the incremental sync runs without a webhook asking for it, written
// as a whole number with a unit, "90s", "15m", "1h"; "0" turns the scheduled sync off.
#pragma once

#include <chrono>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::host::serve {

// invalid_argument naming the option and the value for anything else (no unit, a unit other than s, m
// or h, a sign, a fraction, more than a week).
Result<std::chrono::seconds> parse_sync_interval(std::string_view text);

}  // namespace sellerscore::host::serve
