// Waiting on the injected clock while watching for cancellation, so a cancelled sync does not sit
// out a long Retry-After or a rate-limit window.
#pragma once

#include <chrono>
#include <functional>

#include "connectors/http/clock.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::http {

// Sleeps until `until`, checking `cancelled` (may be empty) at least every 100 ms. Returns
// StatusCode::cancelled (message "cancelled") when it fired.
Status cancellable_wait_until(Clock& clock, std::chrono::steady_clock::time_point until, const std::function<bool()>& cancelled);

}  // namespace sellerscore::connectors::http
