// The lead sources of the demo CRM and how each behaves: how many leads it brings, how well they
// convert, and what the paid ones cost.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sellerscore::demo {

struct LeadChannel {
    std::string_view name;  // empty: the lead source was never recorded (contact channel null)
    double share;            // of new contacts
    double deal_propensity;  // relative chance that a contact becomes a deal
    double advance_bonus;    // added to every stage's chance of moving forward
    double cost_per_lead;    // monthly spend per lead brought; 0 for unpaid channels
    double cost_per_click;   // 0 when the channel reports no clicks
    double minimum_monthly_spend;

    bool paid() const { return cost_per_lead > 0; }
    std::optional<std::string> contact_channel() const {
        return name.empty() ? std::nullopt : std::optional<std::string>(name);
    }
};

std::span<const LeadChannel> lead_channels();
// The index of "referral" in lead_channels().
std::size_t referral_channel();

}  // namespace sellerscore::demo
