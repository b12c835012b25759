// The vendor-neutral input model of KPIS.md §1. Every connector normalises its CRM into these
// records, and the KPI engine reads nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sellerscore::model {

// Milliseconds since the Unix epoch, UTC. CRMs record milliseconds and "after as_of" is exact
// (KPIS.md §1): an activity 1 ms after as_of does not exist. An integer keeps comparisons at window
// edges exact.
using Timestamp = std::int64_t;
inline constexpr Timestamp ms_per_second = 1'000;
inline constexpr Timestamp ms_per_hour = 3'600'000;
inline constexpr Timestamp ms_per_day = 86'400'000;

struct Seller {
    std::string id;
    std::string name;
    std::string email;
    std::optional<std::string> team;
    bool active = true;
};

enum class StageKind { open, won, lost };

struct Stage {
    std::string id;
    std::string pipeline_id;
    std::string name;
    int order = 0;
    StageKind kind = StageKind::open;
    std::optional<double> probability;
};

struct Contact {
    std::string id;
    std::optional<std::string> owner_id;
    Timestamp created_at = 0;
    std::optional<std::string> channel;
    std::optional<std::string> referred_by;
    std::optional<std::string> company_id;
};

enum class DealStatus { open, won, lost };

struct Deal {
    std::string id;
    std::string owner_id;
    std::optional<std::string> contact_id;
    std::optional<std::string> company_id;
    std::string pipeline_id;
    std::string stage_id;
    std::optional<double> amount;
    Timestamp created_at = 0;
    std::optional<Timestamp> closed_at;
    DealStatus status = DealStatus::open;
};

struct StageChange {
    std::string deal_id;
    std::string stage_id;
    Timestamp entered_at = 0;
};

enum class ActivityType { call, email, meeting, visit, proposal, note, task };
enum class Direction { outbound, inbound };
enum class Outcome { connected, no_answer, busy, voicemail, completed, no_show, canceled };

struct Activity {
    std::string id;
    std::string owner_id;
    ActivityType type = ActivityType::note;
    Direction direction = Direction::outbound;
    Timestamp at = 0;
    std::optional<std::string> contact_id;
    std::optional<std::string> deal_id;
    std::optional<double> duration_s;
    std::optional<Outcome> outcome;
    std::optional<bool> opened;
    std::optional<bool> clicked;
    bool objection = false;
};

struct Spend {
    std::string channel;
    std::string month;  // "YYYY-MM"
    double amount = 0;
    std::optional<double> clicks;
};

enum class SurveyKind { csat, nps };

// One answer to a satisfaction survey (KPIS.md §1). The seller it rates is `seller_id`, else the
// owner of `deal_id`, else the owner of `contact_id`; a response naming none of them rates nobody.
struct SurveyResponse {
    std::string id;
    SurveyKind kind = SurveyKind::csat;
    int score = 0;  // csat 1-5, nps 0-10
    Timestamp at = 0;
    std::optional<std::string> contact_id;
    std::optional<std::string> deal_id;
    std::optional<std::string> seller_id;
};

// One shipment of a won deal (a deal may have several); the seller is the deal's owner.
struct Delivery {
    std::string id;
    std::string deal_id;
    Timestamp promised_at = 0;
    std::optional<Timestamp> delivered_at;  // null: not delivered yet
};

// A set of records: a whole CRM, or one page of a connector's read stream.
struct Dataset {
    std::vector<Seller> sellers;
    std::vector<Stage> stages;
    std::vector<Contact> contacts;
    std::vector<Deal> deals;
    std::vector<StageChange> stage_changes;
    std::vector<Activity> activities;
    std::vector<Spend> spend;
    std::vector<SurveyResponse> survey_responses;
    std::vector<Delivery> deliveries;

    std::size_t record_count() const {
        return sellers.size() + stages.size() + contacts.size() + deals.size() + stage_changes.size() +
               activities.size() + spend.size() + survey_responses.size() + deliveries.size();
    }
    // Moves every record of `page` to the end of this set.
    void append(Dataset&& page);
};

}  // namespace sellerscore::model
