#include "stage_history.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "pipedrive_time.hpp"
#include "stage_catalog.hpp"

namespace sellerscore::connectors::pipedrive {

namespace {

struct StageMove {
    model::Timestamp at = 0;
    std::string from;
    std::string to;
};

}  // namespace

std::vector<model::StageChange> stage_history(const model::Deal& deal, const std::string& open_stage_id,
                                              const std::vector<boost::json::value>& changelog) {
    std::vector<StageMove> moves;
    for (const auto& item : changelog) {
        if (text_at(item, "field_key") != "stage_id") continue;
        const auto at = parse_time(text_at(item, "time"));
        std::string to = text_at(item, "new_value");
        if (!at || to.empty()) continue;
        moves.push_back(StageMove{*at, text_at(item, "old_value"), std::move(to)});
    }
    std::stable_sort(moves.begin(), moves.end(), [](const StageMove& a, const StageMove& b) { return a.at < b.at; });

    std::vector<model::StageChange> history;
    const std::string first_stage = moves.empty() ? open_stage_id : moves.front().from;
    if (!first_stage.empty()) history.push_back(model::StageChange{deal.id, first_stage, deal.created_at});
    for (auto& move : moves) history.push_back(model::StageChange{deal.id, std::move(move.to), move.at});
    if (deal.status != model::DealStatus::open && deal.closed_at) {
        const std::string closed_stage = deal.status == model::DealStatus::won ? StageCatalog::won_stage(deal.pipeline_id)
                                                                               : StageCatalog::lost_stage(deal.pipeline_id);
        history.push_back(model::StageChange{deal.id, closed_stage, *deal.closed_at});
    }
    return history;
}

}  // namespace sellerscore::connectors::pipedrive
