#include "records.hpp"

#include <iterator>

namespace sellerscore::model {

namespace {
template <class T>
void move_append(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty()) {
        to = std::move(from);
    } else {
        to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
    }
    from.clear();
}
}  // namespace

void Dataset::append(Dataset&& page) {
    move_append(sellers, page.sellers);
    move_append(stages, page.stages);
    move_append(contacts, page.contacts);
    move_append(deals, page.deals);
    move_append(stage_changes, page.stage_changes);
    move_append(activities, page.activities);
    move_append(spend, page.spend);
    move_append(survey_responses, page.survey_responses);
    move_append(deliveries, page.deliveries);
}

}  // namespace sellerscore::model
