#include "monthly_spend.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "lead_channel.hpp"

namespace sellerscore::demo {

namespace {

std::chrono::year_month month_of(model::Timestamp t) {
    const std::chrono::year_month_day date{
        std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{t}})};
    return date.year() / date.month();
}

std::string month_text(std::chrono::year_month month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()), static_cast<unsigned>(month.month()));
    return text;
}

}  // namespace

std::vector<model::Spend> plan_monthly_spend(const DemoOptions& options, std::span<const ContactPlan> contacts,
                                             RandomSource random) {
    const std::chrono::year_month first = month_of(options.start());
    const int month_count = (month_of(options.end - 1) - first).count() + 1;
    const std::span<const LeadChannel> channels = lead_channels();

    std::vector<std::vector<int>> leads(channels.size(), std::vector<int>(static_cast<std::size_t>(month_count), 0));
    for (const ContactPlan& contact : contacts) {
        const auto month = (month_of(contact.created_at) - first).count();
        ++leads[contact.channel][static_cast<std::size_t>(month)];
    }

    std::vector<model::Spend> rows;
    for (int m = 0; m < month_count; ++m) {
        for (std::size_t c = 0; c < channels.size(); ++c) {
            const LeadChannel& channel = channels[c];
            if (!channel.paid()) continue;
            const double base = std::max(channel.minimum_monthly_spend, leads[c][static_cast<std::size_t>(m)] * channel.cost_per_lead);
            const double amount = std::round(base * random.uniform(0.85, 1.15));
            if (amount <= 0) continue;
            // Split over one to three campaigns, as ad platforms report spend: rows of one channel and
            // month add up (KPIS.md §1).
            const auto campaigns = static_cast<int>(random.uniform_int(1, 3));
            double left = amount;
            for (int k = 0; k < campaigns; ++k) {
                const double share = k + 1 == campaigns ? left : std::round(left * random.uniform(0.3, 0.7));
                left -= share;
                if (share <= 0) continue;
                model::Spend row;
                row.channel = std::string(channel.name);
                row.month = month_text(first + std::chrono::months{m});
                row.amount = share;
                if (channel.cost_per_click > 0) row.clicks = std::round(share / channel.cost_per_click * random.uniform(0.9, 1.1));
                rows.push_back(std::move(row));
            }
        }
    }
    return rows;
}

}  // namespace sellerscore::demo
