#include "demo_options.hpp"

#include <chrono>
#include <string>

namespace sellerscore::demo {

DemoOptions DemoOptions::standard() {
    DemoOptions options;
    options.enterprise_move_share = 0.1;
    return options;
}

DemoOptions DemoOptions::large() {
    DemoOptions options = standard();
    options.sellers = 100;
    options.contacts = 200'000;
    options.deals = 100'000;
    options.activities = 2'000'000;
    return options;
}

model::Timestamp DemoOptions::start() const {
    using namespace std::chrono;
    const sys_time<milliseconds> end_instant{milliseconds{end}};
    const sys_days end_day = floor<days>(end_instant);
    year_month_day day = year_month_day{end_day} - std::chrono::months{months};
    if (!day.ok()) day = day.year() / day.month() / last;
    return (sys_time<milliseconds>{sys_days{day}} + (end_instant - end_day)).time_since_epoch().count();
}

Status DemoOptions::validate() const {
    auto invalid = [](const std::string& what) { return Status::invalid_argument("demo options: " + what); };
    if (sellers < 1) return invalid("sellers = " + std::to_string(sellers) + ", need at least 1");
    if (contacts < 0) return invalid("contacts = " + std::to_string(contacts) + " is negative");
    if (deals < 0) return invalid("deals = " + std::to_string(deals) + " is negative");
    if (activities < 0) return invalid("activities = " + std::to_string(activities) + " is negative");
    if (!(enterprise_move_share >= 0 && enterprise_move_share <= 1))
        return invalid("enterprise_move_share = " + std::to_string(enterprise_move_share) + ", need 0..1");
    if (months < 1) return invalid("months = " + std::to_string(months) + ", need at least 1");
    if (contacts == 0 && deals > 0) return invalid("deals = " + std::to_string(deals) + " need at least one contact");
    if (contacts == 0 && activities > 0) {
        return invalid("activities = " + std::to_string(activities) + " need at least one contact");
    }
    return Status::ok();
}

}  // namespace sellerscore::demo
