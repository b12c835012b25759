#include "channel_kpis.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <string_view>

#include "../model/timestamp_format.hpp"

namespace sellerscore::kpi {

namespace {

struct ChannelTally {
    double leads = 0;
    double converted = 0;
    double new_customers = 0;
    double revenue_won = 0;
    double spend = 0;
    std::optional<double> clicks;
};

struct MonthSpan {
    model::Timestamp start;
    model::Timestamp end;
};

// Connectors reject a month that is not "YYYY-MM" (record_json's is_month); should one slip through,
// it covers no time rather than a guessed one.
std::optional<MonthSpan> month_span(std::string_view month) {
    const auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
        int value = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (month[i] < '0' || month[i] > '9') return std::nullopt;
            value = value * 10 + (month[i] - '0');
        }
        return value;
    };
    if (month.size() != 7 || month[4] != '-') return std::nullopt;
    const std::optional<int> year = digits(0, 4);
    const std::optional<int> number = digits(5, 2);
    if (!year || !number || *number < 1 || *number > 12) return std::nullopt;
    const auto m = static_cast<unsigned>(*number);
    return MonthSpan{model::utc_midnight(*year, m, 1),
                     m == 12 ? model::utc_midnight(*year + 1, 1, 1) : model::utc_midnight(*year, m + 1, 1)};
}

std::optional<double> quotient(double numerator, double denominator) {
    return denominator != 0 ? std::optional<double>(numerator / denominator) : std::nullopt;
}

std::optional<double> quotient(double numerator, std::optional<double> denominator) {
    return denominator ? quotient(numerator, *denominator) : std::nullopt;
}

std::uint32_t channel_of(IdInterner& channel_ids, const std::optional<std::string>& channel) {
    return channel && !channel->empty() ? channel_ids.intern(*channel) : no_index;
}

}  // namespace

std::vector<ChannelResult> channel_kpis(const DatasetIndex& index, const Window& window,
                                        const std::map<std::string, std::string>& channel_kinds) {
    const model::Dataset& data = index.data;
    IdInterner channel_ids(16);
    std::vector<ChannelTally> tallies;
    const auto tally_of = [&](std::uint32_t channel) -> ChannelTally& {
        if (channel >= tallies.size()) tallies.resize(channel + 1);
        return tallies[channel];
    };

    // A contact id listed twice takes the channel of its first record.
    std::vector<std::uint32_t> contact_channel(index.contact_ids.size(), no_index);
    for (std::size_t c = 0; c < data.contacts.size(); ++c) {
        const model::Contact& contact = data.contacts[c];
        if (contact.created_at > window.as_of) continue;
        const std::uint32_t channel = channel_of(channel_ids, contact.channel);
        if (channel == no_index) continue;
        ChannelTally& tally = tally_of(channel);
        const std::uint32_t id = index.contact_record_id[c];
        if (contact_channel[id] == no_index) contact_channel[id] = channel;
        if (!window.contains(contact.created_at)) continue;
        tally.leads += 1;
        if (index.contact_first_won_at[id] <= window.as_of) tally.converted += 1;
    }

    const auto deal_channel = [&](const model::Deal& deal) {
        if (!deal.contact_id) return no_index;
        const std::uint32_t contact = index.contact_ids.find(*deal.contact_id);
        return contact == no_index ? no_index : contact_channel[contact];
    };
    for (const model::Deal& deal : data.deals) {
        if (deal.status != model::DealStatus::won || !deal.closed_at || !window.contains(*deal.closed_at)) continue;
        const std::uint32_t channel = deal_channel(deal);
        if (channel != no_index) tallies[channel].revenue_won += deal.amount.value_or(0);
    }

    for (std::uint32_t customer = 0; customer < index.customer_ids.size(); ++customer) {
        std::uint32_t first_win = no_index;
        for (const std::uint32_t d : index.won_deals_by_customer[customer]) {
            const model::Timestamp closed_at = *data.deals[d].closed_at;
            if (closed_at > window.as_of) continue;
            if (first_win == no_index || closed_at < *data.deals[first_win].closed_at) first_win = d;
        }
        if (first_win == no_index || !window.contains(*data.deals[first_win].closed_at)) continue;
        const std::uint32_t channel = deal_channel(data.deals[first_win]);
        if (channel != no_index) tallies[channel].new_customers += 1;
    }

    for (const model::Spend& row : data.spend) {
        const std::optional<MonthSpan> month = month_span(row.month);
        if (!month || month->start > window.as_of) continue;
        const std::uint32_t channel = channel_of(channel_ids, row.channel);
        if (channel == no_index) continue;
        ChannelTally& tally = tally_of(channel);
        const model::Timestamp inside =
            std::min(month->end, window.as_of) - std::max(month->start, window.start);
        if (inside <= 0) continue;
        const double share = static_cast<double>(inside) / static_cast<double>(month->end - month->start);
        tally.spend += row.amount * share;
        if (row.clicks) tally.clicks = tally.clicks.value_or(0) + *row.clicks * share;
    }

    std::vector<std::uint32_t> by_name(channel_ids.size());
    std::iota(by_name.begin(), by_name.end(), 0U);
    std::sort(by_name.begin(), by_name.end(),
              [&](std::uint32_t a, std::uint32_t b) { return channel_ids.id(a) < channel_ids.id(b); });

    std::vector<ChannelResult> results;
    results.reserve(by_name.size());
    for (const std::uint32_t channel : by_name) {
        const ChannelTally& t = tallies[channel];
        ChannelResult result;
        result.channel = std::string(channel_ids.id(channel));
        if (const auto kind = channel_kinds.find(result.channel); kind != channel_kinds.end()) {
            result.kind = kind->second;
        }
        result.kpis = {
            {"leads_count", t.leads},
            {"conversion_rate", quotient(t.converted, t.leads)},
            {"new_customers_count", t.new_customers},
            {"revenue_won", t.revenue_won},
            {"revenue_per_lead", quotient(t.revenue_won, t.leads)},
            {"spend", t.spend},
            {"clicks", t.clicks},
            {"cost_per_lead", quotient(t.spend, t.leads)},
            {"cpa", quotient(t.spend, t.new_customers)},
            {"cpc", quotient(t.spend, t.clicks)},
            {"roi", quotient(t.revenue_won - t.spend, t.spend)},
        };
        results.push_back(std::move(result));
    }
    return results;
}

}  // namespace sellerscore::kpi
