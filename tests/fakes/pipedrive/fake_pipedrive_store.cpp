#include "fake_pipedrive_store.hpp"

#include <cstdio>

namespace sellerscore::fakes::pipedrive {

Store::Store() {
    // Pipedrive's default activity types, plus the custom ones a sales team adds for visits and proposals.
    activity_types = {{1, "Call", "call", "call", false, 1},         {2, "Meeting", "meeting", "meeting", false, 2},
                      {3, "Task", "task", "task", false, 3},         {4, "Deadline", "deadline", "deadline", false, 4},
                      {5, "Email", "email", "email", false, 5},      {6, "Lunch", "lunch", "lunch", false, 6},
                      {7, "Visit", "visit", "pin", true, 7},         {8, "Proposal", "proposal", "document", true, 8}};
}

void Store::record_change(std::int64_t deal_id, std::string field_key, boost::json::value old_value,
                          boost::json::value new_value, std::int64_t time, std::int64_t user_id) {
    changelog[deal_id].push_back(
        {std::move(field_key), std::move(old_value), std::move(new_value), time, user_id, next_changelog_sequence++});
}

CustomValues* Store::custom_values(ObjectKind kind, std::int64_t id) {
    switch (kind) {
        case ObjectKind::deal: {
            DealRecord* deal = find_by_id(deals, id);
            return deal ? &deal->custom : nullptr;
        }
        case ObjectKind::person: {
            PersonRecord* person = find_by_id(persons, id);
            return person ? &person->custom : nullptr;
        }
        case ObjectKind::organization: {
            OrganizationRecord* organization = find_by_id(organizations, id);
            return organization ? &organization->custom : nullptr;
        }
    }
    return nullptr;
}

std::int64_t* Store::update_time(ObjectKind kind, std::int64_t id) {
    switch (kind) {
        case ObjectKind::deal: {
            DealRecord* deal = find_by_id(deals, id);
            return deal ? &deal->update_time : nullptr;
        }
        case ObjectKind::person: {
            PersonRecord* person = find_by_id(persons, id);
            return person ? &person->update_time : nullptr;
        }
        case ObjectKind::organization: {
            OrganizationRecord* organization = find_by_id(organizations, id);
            return organization ? &organization->update_time : nullptr;
        }
    }
    return nullptr;
}

std::string Store::next_lead_id() {
    char text[40];
    std::snprintf(text, sizeof text, "adf21080-0e10-11eb-879b-%012llx",
                  static_cast<unsigned long long>(next_lead_number++));
    return text;
}

}  // namespace sellerscore::fakes::pipedrive
