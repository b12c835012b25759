// Pipedrive's daily token budget as the connector sees it: the last x-daily-ratelimit-token-remaining
// a response carried, less the documented cost of calls answered without that header (it may be
// missing after idle). A call that would take the budget below the reserve is not made: the sync
// stops cleanly and resumes on the next run instead of being cut off mid-way by 429s until midnight.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

#include "connectors/http/http_message.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::connectors::pipedrive {

class TokenBudget {
public:
    explicit TokenBudget(std::int64_t reserve);

    // ok when a call costing `cost` leaves at least the reserve (or nothing is known yet), else
    // rate_limited "pipedrive: daily API token budget nearly spent (N left); ...".
    Status allow(int cost) const;
    // How many calls costing `cost` each the budget allows now (SIZE_MAX when nothing is known).
    std::size_t affordable(int cost) const;

    // A call costing `cost` was answered (`response` null: no answer, nothing known to be spent).
    void record(int cost, const http::HttpResponse* response);

    std::optional<std::int64_t> remaining() const;
    // Our estimate of the tokens our calls cost (answered calls only).
    std::int64_t spent() const;

    // The stop Status for `remaining` tokens left.
    static Status exhausted(std::int64_t remaining);

private:
    const std::int64_t reserve_;
    mutable std::mutex mutex_;
    std::optional<std::int64_t> remaining_;
    std::int64_t spent_ = 0;
};

}  // namespace sellerscore::connectors::pipedrive
