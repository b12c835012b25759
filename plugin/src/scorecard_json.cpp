#include "scorecard_json.hpp"

#include <boost/json.hpp>

#include "plugin/kpi/seller_score_drivers_text.hpp"
#include "plugin/model/json_text.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::plugin {

namespace json = boost::json;

namespace {

json::value number_or_null(const std::optional<double>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object kpis_to_json(const std::map<std::string, kpi::KpiValue>& kpis) {
    json::object out;
    for (const auto& [id, v] : kpis) {
        out[id] = json::object{{"value", number_or_null(v.value)},
                               {"previous", number_or_null(v.previous)},
                               {"change", number_or_null(v.change)}};
    }
    return out;
}

json::object maps_to_json(const std::map<std::string, kpi::StageMap>& maps) {
    json::object out;
    for (const auto& [id, by_stage] : maps) {
        json::object m;
        for (const auto& [stage, v] : by_stage) m[stage] = number_or_null(v);
        out[id] = std::move(m);
    }
    return out;
}

// The scalar KPIs with their trends, then the map KPIs, in one "kpis" object (KPIS.md §8).
json::object all_kpis_to_json(const std::map<std::string, kpi::KpiValue>& kpis,
                              const std::map<std::string, kpi::StageMap>& maps) {
    json::object out = kpis_to_json(kpis);
    for (auto& [id, m] : maps_to_json(maps)) out[id] = std::move(m);
    return out;
}

json::array drivers_to_json(const std::vector<kpi::ScoreDriver>& drivers) {
    json::array out;
    for (const kpi::ScoreDriver& d : drivers) {
        out.push_back(json::object{{"kpi", d.kpi},
                                   {"value", number_or_null(d.value)},
                                   {"team_value", number_or_null(d.team_value)},
                                   {"percentile", d.percentile},
                                   {"points", d.points}});
    }
    return out;
}

// Pipelines and their open stages in funnel order: the stage maps are keyed by id only.
json::array pipelines_to_json(const std::vector<kpi::PipelineOutline>& pipelines) {
    json::array out;
    for (const kpi::PipelineOutline& p : pipelines) {
        json::array stages;
        for (const kpi::StageOutline& s : p.stages) stages.push_back(json::object{{"id", s.id}, {"name", s.name}});
        out.push_back(json::object{{"id", p.id}, {"name", p.name}, {"stages", std::move(stages)}});
    }
    return out;
}

// What lifts the score and what holds it down (issue 14), with the line written to seller_score_drivers.
json::object score_drivers_to_json(const kpi::ScoreDrivers& drivers) {
    return json::object{{"lifts", drivers_to_json(drivers.lifts)},
                        {"holds", drivers_to_json(drivers.holds)},
                        {"text", kpi::score_drivers_text(drivers)}};
}

json::value band_or_null(const std::optional<char>& band) {
    return band ? json::value(std::string(1, *band)) : json::value(nullptr);
}

json::value text_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::array customers_at_risk_to_json(const std::vector<kpi::CustomerAtRisk>& customers) {
    json::array out;
    for (const kpi::CustomerAtRisk& c : customers) {
        out.push_back(json::object{{"id", c.customer_id},
                                   {"seller", c.seller_id},
                                   {"seller_name", text_or_null(c.seller_name)},
                                   {"churn_risk", c.churn_risk},
                                   {"lifetime_value", number_or_null(c.lifetime_value)},
                                   {"expected_purchases_90d", number_or_null(c.expected_purchases_90d)},
                                   {"last_purchase_at", model::format_rfc3339(c.last_purchase_at)}});
    }
    return out;
}

}  // namespace

std::string scorecard_to_json(const kpi::Scorecard& scorecard) {
    json::array sellers;
    for (const kpi::SellerResult& s : scorecard.sellers) {
        sellers.push_back(json::object{
            {"id", s.seller_id},
            {"name", s.name},
            {"team", s.team ? json::value(*s.team) : json::value(nullptr)},
            {"eligible", s.eligible},
            {"score", number_or_null(s.score)},
            {"band", band_or_null(s.band)},
            {"previous_score", number_or_null(s.previous_score)},
            {"previous_band", band_or_null(s.previous_band)},
            {"drivers", score_drivers_to_json(s.drivers)},
            {"kpis", all_kpis_to_json(s.kpis, s.maps)},
        });
    }
    json::array teams;
    for (const kpi::TeamResult& t : scorecard.teams) {
        teams.push_back(json::object{{"team", t.team}, {"kpis", all_kpis_to_json(t.kpis, t.maps)}});
    }
    json::array channels;
    for (const kpi::ChannelResult& c : scorecard.channels) {
        json::object o{{"channel", c.channel}, {"kind", c.kind ? json::value(*c.kind) : json::value(nullptr)}};
        for (const auto& [id, v] : c.kpis) o[id] = number_or_null(v);
        channels.push_back(std::move(o));
    }
    const kpi::ChurnModelSummary& m = scorecard.churn_model;
    json::array diverged_parameters;
    for (const std::string& name : m.diverged_parameters) diverged_parameters.emplace_back(name);
    json::object doc{
        {"as_of", model::format_rfc3339(scorecard.as_of)},
        {"window",
         json::object{{"start", model::format_rfc3339(scorecard.window_start)},
                      {"end", model::format_rfc3339(scorecard.window_end)}}},
        {"sellers", std::move(sellers)},
        {"team", json::object{{"kpis", all_kpis_to_json(scorecard.team, scorecard.team_maps)}}},
        {"teams", std::move(teams)},
        {"channels", std::move(channels)},
        {"churn_model",
         json::object{{"fitted", m.fitted},
                      {"converged", m.converged},
                      {"diverged_parameters", diverged_parameters},
                      {"note", m.note},
                      {"r", number_or_null(m.r)},
                      {"alpha", number_or_null(m.alpha)},
                      {"a", number_or_null(m.a)},
                      {"b", number_or_null(m.b)},
                      {"log_likelihood", number_or_null(m.log_likelihood)}}},
    };
    doc["pipelines"] = pipelines_to_json(scorecard.pipelines);
    doc["customers_at_risk"] = customers_at_risk_to_json(scorecard.customers_at_risk);
    return model::json_text(doc);
}

}  // namespace sellerscore::plugin
