// Small hand-built records for the KPI engine tests. Every test computes as of day 1000, so
// W = [day 910, day 1000) and P = [day 820, day 910); times are given in (fractional) days.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "plugin/kpi/kpi_config.hpp"
#include "plugin/kpi/scorecard.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::kpi::test {

using model::ms_per_day;
using model::ms_per_hour;

inline model::Timestamp day(double d) { return static_cast<model::Timestamp>(d * ms_per_day); }

inline const model::Timestamp as_of = day(1000);

inline KpiConfig config() {
    KpiConfig c;
    c.as_of = as_of;
    return c;
}

inline model::Seller seller(std::string id, bool active = true) {
    return {.id = id, .name = "Seller " + id, .email = id + "@example.com", .team = std::nullopt, .active = active};
}

inline model::Contact contact(std::string id, std::optional<std::string> owner, double created_day,
                              std::optional<std::string> company = std::nullopt) {
    return {.id = std::move(id), .owner_id = std::move(owner), .created_at = day(created_day), .channel = std::nullopt,
            .referred_by = std::nullopt, .company_id = std::move(company)};
}

inline model::Deal deal(std::string id, std::string owner, model::DealStatus status, std::optional<double> amount,
                        double created_day, std::optional<double> closed_day,
                        std::optional<std::string> contact_id = std::nullopt,
                        std::optional<std::string> company_id = std::nullopt) {
    return {.id = std::move(id), .owner_id = std::move(owner), .contact_id = std::move(contact_id),
            .company_id = std::move(company_id), .pipeline_id = "p", .stage_id = "s", .amount = amount,
            .created_at = day(created_day),
            .closed_at = closed_day ? std::optional<model::Timestamp>(day(*closed_day)) : std::nullopt,
            .status = status};
}

inline model::Deal won(std::string id, std::string owner, std::optional<double> amount, double created_day,
                       double closed_day, std::optional<std::string> contact_id = std::nullopt) {
    return deal(std::move(id), std::move(owner), model::DealStatus::won, amount, created_day, closed_day,
                std::move(contact_id));
}

inline model::Deal lost(std::string id, std::string owner, double created_day, double closed_day) {
    return deal(std::move(id), std::move(owner), model::DealStatus::lost, std::nullopt, created_day, closed_day);
}

inline model::Deal open_deal(std::string id, std::string owner, double created_day) {
    return deal(std::move(id), std::move(owner), model::DealStatus::open, std::nullopt, created_day, std::nullopt);
}

inline model::Activity activity(std::string owner, std::optional<std::string> contact_id, model::Timestamp at,
                                model::ActivityType type, model::Direction direction,
                                std::optional<model::Outcome> outcome = std::nullopt) {
    return {.id = owner + "-" + std::to_string(at), .owner_id = std::move(owner), .type = type,
            .direction = direction, .at = at, .contact_id = std::move(contact_id), .deal_id = std::nullopt,
            .duration_s = std::nullopt, .outcome = outcome, .opened = std::nullopt, .clicked = std::nullopt,
            .objection = false};
}

inline model::Activity email_to(std::string owner, std::string contact_id, model::Timestamp at) {
    return activity(std::move(owner), std::move(contact_id), at, model::ActivityType::email,
                    model::Direction::outbound);
}

inline model::Activity reply_from(std::string contact_id, std::string owner, model::Timestamp at) {
    return activity(std::move(owner), std::move(contact_id), at, model::ActivityType::email,
                    model::Direction::inbound);
}

inline const SellerResult& seller_result(const Scorecard& card, const std::string& seller_id) {
    for (const SellerResult& s : card.sellers) {
        if (s.seller_id == seller_id) return s;
    }
    throw std::out_of_range("no seller " + seller_id + " in the scorecard");
}

// Scorecards in tests are often temporaries: hand out copies, and refuse references into a temporary.
inline const SellerResult& seller_result(Scorecard&& card, const std::string& seller_id) = delete;

inline KpiValue kpi_of(const Scorecard& card, const std::string& seller_id, const std::string& kpi_id) {
    return seller_result(card, seller_id).kpis.at(kpi_id);
}

}  // namespace sellerscore::kpi::test
