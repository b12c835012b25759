#include "scorecard_json.hpp"

#include <boost/json.hpp>

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
            {"band", s.band ? json::value(std::string(1, *s.band)) : json::value(nullptr)},
            {"kpis", kpis_to_json(s.kpis)},
        });
    }
    const kpi::ChurnModelSummary& m = scorecard.churn_model;
    json::object doc{
        {"as_of", model::format_rfc3339(scorecard.as_of)},
        {"window",
         json::object{{"start", model::format_rfc3339(scorecard.window_start)},
                      {"end", model::format_rfc3339(scorecard.window_end)}}},
        {"sellers", std::move(sellers)},
        {"team", json::object{{"kpis", kpis_to_json(scorecard.team)}}},
        {"channels", json::array()},
        {"churn_model",
         json::object{{"fitted", m.fitted},
                      {"converged", m.converged},
                      {"note", m.note},
                      {"r", number_or_null(m.r)},
                      {"alpha", number_or_null(m.alpha)},
                      {"a", number_or_null(m.a)},
                      {"b", number_or_null(m.b)},
                      {"log_likelihood", number_or_null(m.log_likelihood)}}},
    };
    return json::serialize(doc);
}

}  // namespace sellerscore::plugin
