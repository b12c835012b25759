// The org's daily API allocation as this connector sees it: /limits at start, then the
// Sforce-Limit-Info header of every answer ("api-usage=18/15000"). The allocation is shared with the
// org's other integrations, so a sync stops while `reserve` calls are still left to them.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/model/status.hpp"

namespace sellerscore::connectors::salesforce {

struct ApiUsage {
    std::int64_t used = 0;
    std::int64_t max = 0;
};

// "api-usage=18/15000" (other comma-separated entries such as "per-app-api-usage=..." ignored).
std::optional<ApiUsage> parse_limit_info(std::string_view header);

class ApiAllocation {
public:
    // reserve_share: of the allocation, kept for others (0.2 = 20%); reserve_calls, when > 0, overrides it.
    explicit ApiAllocation(double reserve_share = 0.2, std::int64_t reserve_calls = 0);

    void observe(const ApiUsage& usage);
    // ok while one more call leaves at least the reserve; else rate_limited naming the figures.
    Status may_call() const;
    std::optional<ApiUsage> usage() const;
    std::int64_t reserve() const;

private:
    std::int64_t reserve_locked() const;
    const double reserve_share_;
    const std::int64_t reserve_calls_;
    mutable std::mutex mutex_;
    std::optional<ApiUsage> usage_;
};

}  // namespace sellerscore::connectors::salesforce
