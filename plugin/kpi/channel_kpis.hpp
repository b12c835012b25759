// The lead channels' economics of KPIS.md §4 (leads, conversion, revenue, spend, CPA, CPC, ROI),
// over the current window only.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dataset_index.hpp"
#include "scorecard.hpp"
#include "window_tally.hpp"

namespace sellerscore::kpi {

// One result per channel named on a contact created by as_of or on a spend row whose month began by
// as_of, sorted by channel. Readings a sales manager would expect where KPIS.md leaves room:
// - A contact without a channel (or with an empty one) belongs to no channel: its leads, revenue and
//   customers appear in no channel result.
// - A won deal's channel is the channel of the deal's contact; a deal without a contact has none.
// - new_customers_count: the customer's first won deal (any owner, ties to the deal listed first)
//   closed in W; with customer_entity = company the customer is the company and the channel is that
//   of the first won deal's contact, so a company counts once, for the channel that brought the deal
//   that made it a customer. revenue_won does not depend on customer_entity.
// - conversion_rate: a lead converts when a deal on that very contact is won (any owner) by as_of,
//   as for the sellers' conversion_rate.
// - spend and clicks: a month "YYYY-MM" covers [YYYY-MM-01, first of the next month) UTC and each of
//   its rows (one per campaign, say: they add up) adds amount × (its time inside W ÷ its length); a
//   row without clicks adds no clicks; clicks are prorated the same way and are null when no
//   row of the channel sharing time with W has clicks (a channel whose click tracking began after W
//   has unknown clicks in W, not 0).
// - Every quotient with a zero denominator is null (KPIS.md §2); so is roi with no spend.
std::vector<ChannelResult> channel_kpis(const DatasetIndex& index, const Window& window,
                                        const std::map<std::string, std::string>& channel_kinds);

}  // namespace sellerscore::kpi
