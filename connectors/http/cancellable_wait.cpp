#include "connectors/http/cancellable_wait.hpp"

#include <algorithm>

namespace sellerscore::connectors::http {

Status cancellable_wait_until(Clock& clock, std::chrono::steady_clock::time_point until, const std::function<bool()>& cancelled) {
    constexpr std::chrono::milliseconds check_every{100};
    if (!cancelled) {
        if (clock.now() < until) clock.sleep_until(until);
        return Status::ok();
    }
    for (;;) {
        if (cancelled()) return Status::cancelled("cancelled");
        const auto now = clock.now();
        if (now >= until) return Status::ok();
        clock.sleep_until(std::min(until, now + check_every));
    }
}

}  // namespace sellerscore::connectors::http
