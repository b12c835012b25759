#include "contact_activity.hpp"

namespace sellerscore::kpi {

using model::ActivityType;
using model::Outcome;

bool is_outbound_touch(const model::Activity& activity) {
    if (activity.direction != model::Direction::outbound || !activity.contact_id) return false;
    switch (activity.type) {
        case ActivityType::call:
        case ActivityType::email:
        case ActivityType::meeting:
        case ActivityType::visit:
        case ActivityType::proposal:
            return true;
        case ActivityType::note:
        case ActivityType::task:
            return false;
    }
    return false;
}

bool shows_response(const model::Activity& activity) {
    if (activity.direction == model::Direction::inbound) return true;
    switch (activity.type) {
        case ActivityType::call:
            return activity.outcome == Outcome::connected;
        case ActivityType::meeting:
        case ActivityType::visit:
            return activity.outcome != Outcome::no_show && activity.outcome != Outcome::canceled;
        case ActivityType::email:
        case ActivityType::proposal:
        case ActivityType::note:
        case ActivityType::task:
            return false;
    }
    return false;
}

}  // namespace sellerscore::kpi
