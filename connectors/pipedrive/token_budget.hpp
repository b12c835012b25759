// Pipedrive's daily token budget as the connector sees it: the last x-daily-ratelimit-token-remaining
// a response carried, less the documented cost of calls answered without that header (it may be
// missing after idle). A call that would take the budget below the reserve is not made: the sync
// stops cleanly and resumes on the next run instead of being cut off mid-way by 429s until midnight.
// Calls sent together reserve their cost before they go out (reserve/settle): each one sees what the
// others in flight will spend, so a batch cannot pass the check call by call and overspend together.
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

    // Holds `cost` for a call about to be sent when the budget, less what calls in flight hold,
    // still leaves the reserve after it (or nothing is known yet); else the stop Status and
    // nothing is held. Every ok reservation must be settled once.
    Status reserve(int cost);
    // The reserved call's answer (nullptr: none came): releases the hold and records it.
    // `spent_cost` is what the answer costs (0 when it was not served).
    void settle(int reserved_cost, int spent_cost, const http::HttpResponse* response);
    std::int64_t reserved() const;

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
    void record_locked(int cost, const http::HttpResponse* response);

    std::optional<std::int64_t> remaining_;
    std::int64_t spent_ = 0;
    std::int64_t reserved_ = 0;  // held by calls in flight
};

}  // namespace sellerscore::connectors::pipedrive
