// How much demo CRM to generate, over which months, from which seed.
#pragma once

#include <chrono>
#include <cstdint>

#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::demo {

struct DemoOptions {
    // A fixed instant rather than "now", so the demo shows the same numbers on every day.
    static constexpr model::Timestamp default_end =
        std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::sys_days{std::chrono::year{2026} / 10 / 1}}
            .time_since_epoch()
            .count();

    std::uint64_t seed = 42;
    int sellers = 12;
    int contacts = 2'000;
    int deals = 1'500;
    int activities = 30'000;  // proposal activities included
    int months = 24;          // the data spans [end − months, end)
    model::Timestamp end = default_end;  // nothing is dated at or after it; the demo's KPI as_of
    // Of the deals that reach the presentation, the share handed over to a second, enterprise pipeline
    // there. 0 keeps one pipeline (and the data of earlier releases, which tests compare against);
    // standard() and large() move some, so the demo shows pipeline moves.
    double enterprise_move_share = 0;

    // The first instant of the data: the same day and time of day, `months` calendar months before
    // end (the month's last day when that day does not exist, as 31 March − 1 month = 28/29 February).
    model::Timestamp start() const;

    // The default demo: generates in a few tens of milliseconds. One deal in ten that reaches the
    // presentation moves to the enterprise pipeline.
    static DemoOptions standard();
    // A big account, for performance work: 100 sellers, 200,000 contacts, 100,000 deals,
    // 2,000,000 activities.
    static DemoOptions large();

    // invalid_argument naming the first option that cannot be honoured.
    Status validate() const;
};

}  // namespace sellerscore::demo
