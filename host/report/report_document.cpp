#include "report_document.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "host/sellers_by_score.hpp"
#include "lenient_json.hpp"
#include "report_kpi.hpp"

namespace sellerscore::host::report {

namespace json = boost::json;

namespace {

constexpr const char* null_text = "—";  // the terminal table's null cell

// KPIS.md §5.1: the default score components. Used to explain a score when the scorecard does not
// carry the engine's own component list ("drivers"); the weights may differ in a configured run.
constexpr std::array<std::pair<std::string_view, double>, 9> default_score_weights{{
    {"win_rate", 0.20},
    {"conversion_rate", 0.15},
    {"retention_rate", 0.15},
    {"avg_sale_value", 0.10},
    {"avg_sales_cycle_days", 0.10},
    {"response_rate", 0.10},
    {"contacts_count", 0.10},
    {"follow_up_rate", 0.05},
    {"lead_response_time_h", 0.05},
}};

// Quarter over quarter: the KPIs a manager looks at first, in reading order.
constexpr std::array<std::string_view, 10> headline_kpis{
    "revenue_won",     "deals_won_count", "win_rate",       "avg_sale_value",  "avg_sales_cycle_days",
    "conversion_rate", "new_customers_count", "retention_rate", "churn_rate", "response_rate"};

// The leaderboard's trend columns.
constexpr std::array<std::string_view, 3> leaderboard_trend_kpis{"win_rate", "revenue_won", "conversion_rate"};

constexpr std::array<std::string_view, 7> channel_kpis{"leads_count", "conversion_rate", "cost_per_lead", "cpa",
                                                      "cpc",         "roi",             "revenue_per_lead"};

json::value string_or_null(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }

json::object figure(std::optional<double> value, KpiUnit unit) {
    if (!value) return {{"value", nullptr}, {"text", null_text}};
    return {{"value", *value}, {"text", format_kpi_value(*value, unit)}};
}

json::object score_figure(std::optional<double> score) {
    if (!score) return {{"value", nullptr}, {"text", null_text}};
    return {{"value", *score}, {"text", fmt::format("{:.1f}", *score)}};
}

std::string_view better_name(Better better) {
    switch (better) {
    case Better::higher:
        return "higher";
    case Better::lower:
        return "lower";
    case Better::neither:
        break;
    }
    return "neither";
}

// "improved" / "worsened" / "unchanged" / null: the change read with the KPI's direction, so the page
// can colour a falling churn rate as good news.
json::value change_verdict(std::optional<double> change, Better better) {
    if (!change) return nullptr;
    if (*change == 0) return "unchanged";
    if (better == Better::neither) return "changed";
    const bool up_is_good = better == Better::higher;
    return (*change > 0) == up_is_good ? "improved" : "worsened";
}

// A scalar KPI {"value","previous","change"} as the document's trend entry.
json::object trend_entry(const json::object& kpis, std::string_view id) {
    const ReportKpi kpi = report_kpi(id);
    const json::object& v = object_at(kpis, id);
    const std::optional<double> change = number_at(v, "change");
    json::object change_figure{{"value", change ? json::value(*change) : json::value(nullptr)},
                               {"text", change ? format_kpi_change(*change, kpi.unit) : null_text},
                               {"arrow", change ? trend_arrow(*change) : ""}};
    return {{"kpi", kpi.id},
            {"label", kpi.label},
            {"better", better_name(kpi.better)},
            {"value", figure(number_at(v, "value"), kpi.unit)},
            {"previous", figure(number_at(v, "previous"), kpi.unit)},
            {"change", std::move(change_figure)},
            {"verdict", change_verdict(change, kpi.better)}};
}

std::optional<double> kpi_value(const json::object& kpis, std::string_view id) {
    return number_at(object_at(kpis, id), "value");
}

std::string seller_name(const json::object& seller) {
    return string_at(seller, "name").value_or(string_at(seller, "id").value_or(null_text));
}

// The score against the previous window's (the plugin's `previous_score`, when it writes one): a
// change in score points, read like a KPI where higher is better.
json::object score_trend(const json::object& seller) {
    const std::optional<double> score = number_at(seller, "score");
    const std::optional<double> previous = number_at(seller, "previous_score");
    std::optional<double> change;
    // Both are rounded to a tenth; rounding their difference again keeps 0.1 − 0.3 from reading −0.19999,
    // and adding +0.0 turns a −0.0 into "+0.0".
    if (score && previous) change = std::round((*score - *previous) * 10.0) / 10.0 + 0.0;
    json::object change_figure{{"value", change ? json::value(*change) : json::value(nullptr)},
                               {"text", change ? fmt::format("{:+.1f}", *change) : null_text},
                               {"arrow", change ? trend_arrow(*change) : ""}};
    return {{"previous", score_figure(previous)},
            {"previous_band", string_or_null(string_at(seller, "previous_band"))},
            {"change", std::move(change_figure)},
            {"verdict", change_verdict(change, Better::higher)}};
}

json::object leaderboard_entry(const json::object& seller, std::optional<int> rank) {
    const json::object& kpis = object_at(seller, "kpis");
    json::array trends;
    for (std::string_view id : leaderboard_trend_kpis) trends.push_back(trend_entry(kpis, id));
    return {{"id", string_or_null(string_at(seller, "id"))},
            {"name", seller_name(seller)},
            {"team", string_or_null(string_at(seller, "team"))},
            {"eligible", seller.contains("eligible") ? bool_at(seller, "eligible") : number_at(seller, "score").has_value()},
            {"rank", rank ? json::value(*rank) : json::value(nullptr)},
            {"score", score_figure(number_at(seller, "score"))},
            {"band", string_or_null(string_at(seller, "band"))},
            {"score_trend", score_trend(seller)},
            {"trends", std::move(trends)}};
}

struct Component {
    std::string kpi;
    std::optional<double> weight;
    std::optional<double> value;
    std::optional<double> team_value;
    std::optional<double> percentile;
    std::optional<double> points;
    std::optional<std::string> effect;  // "lifts" | "holds down", from the drivers
};

json::object component_json(const Component& c) {
    const ReportKpi kpi = report_kpi(c.kpi);
    auto plain = [](std::optional<double> v, const char* format) {
        return v ? json::object{{"value", *v}, {"text", fmt::format(fmt::runtime(format), *v)}}
                 : json::object{{"value", nullptr}, {"text", null_text}};
    };
    return {{"kpi", kpi.id},
            {"label", kpi.label},
            {"better", better_name(kpi.better)},
            {"weight", c.weight ? json::value(*c.weight) : json::value(nullptr)},
            {"value", figure(c.value, kpi.unit)},
            {"team_value", figure(c.team_value, kpi.unit)},
            {"percentile", plain(c.percentile, "{:.0f}")},
            {"points", plain(c.points, "{:+.1f}")},
            {"effect", string_or_null(c.effect)}};
}

// The engine's drivers (issue 14: {"lifts": [...], "holds": [...], "text"}, each {kpi, value,
// team_value, percentile, points}) into the components: a driver fills in its component's percentile,
// points and effect; a driver of a KPI outside the default list (a configured weight) is added.
bool apply_drivers(const json::object& drivers, std::vector<Component>& components) {
    bool any = false;
    for (const auto& [list, effect] : {std::pair{"lifts", "lifts"}, std::pair{"holds", "holds down"}}) {
        for (const json::value& d : array_at(drivers, list)) {
            if (!d.is_object()) continue;
            const json::object& o = d.get_object();
            const std::optional<std::string> id = string_at(o, "kpi");
            if (!id) continue;
            auto it = std::find_if(components.begin(), components.end(), [&](const Component& c) { return c.kpi == *id; });
            if (it == components.end()) {
                Component added;
                added.kpi = *id;
                it = components.insert(components.end(), std::move(added));
            }
            if (const std::optional<double> v = number_at(o, "value")) it->value = v;
            if (const std::optional<double> v = number_at(o, "team_value")) it->team_value = v;
            it->percentile = number_at(o, "percentile");
            it->points = number_at(o, "points");
            it->effect = effect;
            any = true;
        }
    }
    return any;
}

// The score's components: KPIS.md §5.1's default weights with the seller's and the team's values,
// and, when the scorecard carries the engine's drivers, their percentiles and points.
json::object seller_components(const json::object& seller, const json::object& team_kpis) {
    const json::object& kpis = object_at(seller, "kpis");
    std::vector<Component> components;
    for (const auto& [id, weight] : default_score_weights) {
        Component c;
        c.kpi = std::string(id);
        c.weight = weight;
        c.value = kpi_value(kpis, id);
        c.team_value = kpi_value(team_kpis, id);
        components.push_back(std::move(c));
    }
    const json::object& drivers = object_at(seller, "drivers");
    const bool from_drivers = apply_drivers(drivers, components);
    json::array out;
    for (const Component& c : components) out.push_back(component_json(c));
    return {{"id", string_or_null(string_at(seller, "id"))},
            {"name", seller_name(seller)},
            {"team", string_or_null(string_at(seller, "team"))},
            {"score", score_figure(number_at(seller, "score"))},
            {"band", string_or_null(string_at(seller, "band"))},
            {"components_source", from_drivers ? "drivers" : "default_weights"},
            {"drivers_text", string_or_null(string_at(drivers, "text"))},
            {"components", std::move(out)}};
}

std::string stage_name_from_id(std::string_view id) {
    std::string name(id);
    for (char& c : name) {
        if (c == '_' || c == '-') c = ' ';
    }
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
}

struct StageRef {
    std::string id;
    std::string name;
};

struct PipelineRef {
    std::optional<std::string> id;
    std::string name;
    std::vector<StageRef> stages;
};

// The stage order comes from the scorecard's "pipelines" (id, name, stages in order) when it has
// them; otherwise every stage id of the team's stage maps, in the scorecard's order, as one funnel.
std::vector<PipelineRef> pipelines_of(const json::object& scorecard, const json::object& team_kpis, bool& ordered) {
    std::vector<PipelineRef> pipelines;
    for (const json::value& p : array_at(scorecard, "pipelines")) {
        if (!p.is_object()) continue;
        PipelineRef ref{string_at(p.get_object(), "id"), {}, {}};
        ref.name = string_at(p.get_object(), "name").value_or(ref.id.value_or("Pipeline"));
        for (const json::value& s : array_at(p.get_object(), "stages")) {
            if (!s.is_object()) continue;
            const std::optional<std::string> id = string_at(s.get_object(), "id");
            if (id) ref.stages.push_back({*id, string_at(s.get_object(), "name").value_or(stage_name_from_id(*id))});
        }
        if (!ref.stages.empty()) pipelines.push_back(std::move(ref));
    }
    ordered = !pipelines.empty();
    if (ordered) return pipelines;
    PipelineRef all{std::nullopt, "All pipelines", {}};
    for (std::string_view map_id : {"stage_conversion", "avg_days_in_stage"}) {
        for (const auto& entry : object_at(team_kpis, map_id)) {
            const std::string id(entry.key());
            const bool known = std::any_of(all.stages.begin(), all.stages.end(),
                                           [&](const StageRef& s) { return s.id == id; });
            if (!known) all.stages.push_back({id, stage_name_from_id(id)});
        }
    }
    if (!all.stages.empty()) pipelines.push_back(std::move(all));
    return pipelines;
}

json::object stage_figures(const json::object& kpis, const std::string& stage) {
    return {{"conversion", figure(number_at(object_at(kpis, "stage_conversion"), stage), KpiUnit::ratio)},
            {"avg_days", figure(number_at(object_at(kpis, "avg_days_in_stage"), stage), KpiUnit::days)}};
}

json::array funnels(const json::object& scorecard, const json::object& team_kpis,
                    const std::vector<const json::object*>& sellers) {
    bool ordered = false;
    json::array out;
    for (const PipelineRef& pipeline : pipelines_of(scorecard, team_kpis, ordered)) {
        json::array stages;
        for (const StageRef& stage : pipeline.stages) {
            json::array per_seller;
            for (const json::object* seller : sellers) {
                json::object row = stage_figures(object_at(*seller, "kpis"), stage.id);
                row.emplace("id", string_or_null(string_at(*seller, "id")));
                row.emplace("name", seller_name(*seller));
                per_seller.push_back(std::move(row));
            }
            stages.push_back(json::object{{"stage", stage.id},
                                          {"name", stage.name},
                                          {"team", stage_figures(team_kpis, stage.id)},
                                          {"sellers", std::move(per_seller)}});
        }
        out.push_back(json::object{{"pipeline", string_or_null(pipeline.id)},
                                   {"name", pipeline.name},
                                   {"stage_order", ordered ? "pipeline" : "scorecard"},
                                   {"stages", std::move(stages)}});
    }
    return out;
}

json::array quarter_over_quarter(const json::object& kpis) {
    json::array out;
    for (std::string_view id : headline_kpis) {
        if (kpis.contains(id)) out.push_back(trend_entry(kpis, id));
    }
    return out;
}

// Spend-based KPIs (cost per lead, CPA, CPC, ROI) read 0 when no channel has any spend (the engine
// divides a spend of 0): with no spend data at all they are shown as unknown instead of free.
json::object channels(const json::object& scorecard) {
    bool spend_known = false;
    for (const json::value& c : array_at(scorecard, "channels")) {
        if (!c.is_object()) continue;
        const std::optional<double> spend = number_at(c.get_object(), "spend");
        if (spend && *spend > 0) spend_known = true;
    }
    json::array rows;
    for (const json::value& c : array_at(scorecard, "channels")) {
        if (!c.is_object()) continue;
        const json::object& channel = c.get_object();
        auto known = [&](std::string_view id) -> std::optional<double> {
            const bool from_spend = id == "spend" || id == "cost_per_lead" || id == "cpa" || id == "cpc" || id == "roi";
            return from_spend && !spend_known ? std::nullopt : number_at(channel, id);
        };
        json::object row{{"channel", string_or_null(string_at(channel, "channel"))},
                         {"kind", string_or_null(string_at(channel, "kind"))},
                         {"spend", figure(known("spend"), KpiUnit::money)}};
        for (std::string_view id : channel_kpis) row.emplace(id, figure(known(id), report_kpi(id).unit));
        rows.push_back(std::move(row));
    }
    return {{"spend_known", spend_known}, {"rows", std::move(rows)}};
}

json::object churn_figures(const json::object& kpis) {
    return {{"retention", figure(kpi_value(kpis, "retention_rate"), KpiUnit::ratio)},
            {"churn", figure(kpi_value(kpis, "churn_rate"), KpiUnit::ratio)},
            {"customers_at_start", figure(kpi_value(kpis, "customers_at_start"), KpiUnit::count)},
            {"expected_churn", figure(kpi_value(kpis, "expected_churn"), KpiUnit::ratio)}};
}

json::object churn_model(const json::object& model) {
    const bool fitted = bool_at(model, "fitted");
    const bool converged = bool_at(model, "converged");
    json::array parameters;
    for (std::string_view name : {"r", "alpha", "a", "b", "log_likelihood"}) {
        const std::optional<double> v = number_at(model, name);
        parameters.push_back(json::object{{"name", name},
                                          {"value", v ? json::value(*v) : json::value(nullptr)},
                                          {"text", v ? fmt::format("{:.3f}", *v) : null_text}});
    }
    const std::string note = string_at(model, "note").value_or("");
    std::string summary;
    if (model.empty()) {
        summary = "The scorecard has no churn model.";
    } else if (!fitted) {
        summary = "Churn model not fitted" + (note.empty() ? std::string() : ": " + note) +
                  (note.ends_with('.') ? "" : ".") + " Churn risk falls back to the inactivity rule.";
    } else {
        summary = converged ? "BG/NBD churn model fitted." : "BG/NBD churn model fitted, but the fit did not converge.";
        if (!note.empty()) summary += " " + note;
    }
    return {{"fitted", fitted}, {"converged", converged}, {"note", note}, {"summary", summary},
            {"parameters", std::move(parameters)}};
}

// Customers by risk, when the scorecard lists them (docs/abi.md); each {id, name, seller, seller_name,
// churn_risk, lifetime_value, last_purchase_at}. `kept_sellers`, when given, keeps only their customers.
json::object customers_at_risk(const json::object& scorecard, const std::optional<std::vector<std::string>>& kept_sellers) {
    const json::value* list = scorecard.if_contains("customers_at_risk");
    if (list == nullptr) list = object_at(scorecard, "churn_model").if_contains("customers_at_risk");
    json::array rows;
    if (list && list->is_array()) {
        for (const json::value& c : list->get_array()) {
            if (!c.is_object()) continue;
            const json::object& o = c.get_object();
            const std::optional<std::string> seller = string_at(o, "seller");
            const std::optional<std::string> seller_name = string_at(o, "seller_name");
            if (kept_sellers && std::find(kept_sellers->begin(), kept_sellers->end(), seller.value_or("")) ==
                                    kept_sellers->end()) {
                continue;
            }
            rows.push_back(json::object{{"id", string_or_null(string_at(o, "id"))},
                                        {"name", string_or_null(string_at(o, "name"))},
                                        {"seller", string_or_null(seller_name ? seller_name : seller)},
                                        {"seller_id", string_or_null(seller)},
                                        {"churn_risk", figure(number_at(o, "churn_risk"), KpiUnit::ratio)},
                                        {"lifetime_value", figure(number_at(o, "lifetime_value"), KpiUnit::money)},
                                        {"last_purchase", string_or_null(string_at(o, "last_purchase_at"))}});
        }
        std::stable_sort(rows.begin(), rows.end(), [](const json::value& a, const json::value& b) {
            const json::value& ra = a.get_object().at("churn_risk").get_object().at("value");
            const json::value& rb = b.get_object().at("churn_risk").get_object().at("value");
            return (ra.is_number() ? ra.to_number<double>() : -1.0) > (rb.is_number() ? rb.to_number<double>() : -1.0);
        });
    }
    const bool listed = list && list->is_array();
    std::string note;
    if (!listed) {
        note = "This scorecard does not list customers by risk; each customer's churn_risk is written to its contact "
               "(or company) in the CRM, where it can be sorted.";
    } else if (rows.empty()) {
        // The plugin lists risks from 0.1% (docs/kpis.md): an empty list is a finding, not a gap.
        note = kept_sellers ? "None of these sellers' customers has a churn risk of 0.1% or more."
                            : "No customer has a churn risk of 0.1% or more.";
    }
    return {{"listed", listed},
            {"note", note},
            {"rows", std::move(rows)}};
}

bool matches_seller(const json::object& seller, const std::string& wanted) {
    return string_at(seller, "id") == wanted || string_at(seller, "name") == wanted;
}

const json::object* team_kpis_for(const json::object& scorecard, const std::string& team) {
    for (const json::value& t : array_at(scorecard, "teams")) {
        if (t.is_object() && string_at(t.get_object(), "team") == team) return &object_at(t.get_object(), "kpis");
    }
    return nullptr;
}

}  // namespace

Result<json::value> ReportDocument::build(const json::value& scorecard_value, const ReportScope& scope) {
    const json::object& scorecard = as_object(scorecard_value);
    std::vector<const json::object*> sellers = sellers_by_score(scorecard);

    // Ranks are among all scored sellers, so a filtered report still says "3rd of 12".
    std::vector<std::pair<const json::object*, std::optional<int>>> ranked;
    int rank = 0;
    for (const json::object* seller : sellers) {
        const bool scored = number_at(*seller, "score").has_value();
        ranked.emplace_back(seller, scored ? std::optional<int>(++rank) : std::nullopt);
    }

    const json::object* team_kpis = &object_at(object_at(scorecard, "team"), "kpis");
    std::string scope_label = "All sellers";
    if (scope.team) {
        team_kpis = team_kpis_for(scorecard, *scope.team);
        if (team_kpis == nullptr) return Status::invalid_argument("no team '" + *scope.team + "' in the last scorecard");
        std::erase_if(ranked, [&](const auto& r) { return string_at(*r.first, "team") != scope.team; });
        scope_label = "Team " + *scope.team;
    }
    if (scope.seller) {
        std::erase_if(ranked, [&](const auto& r) { return !matches_seller(*r.first, *scope.seller); });
        if (ranked.empty()) {
            return Status::invalid_argument("no seller '" + *scope.seller + "'" +
                                            (scope.team ? " in team '" + *scope.team + "'" : std::string()) +
                                            " in the last scorecard");
        }
        scope_label = seller_name(*ranked.front().first);
    }
    sellers.clear();
    for (const auto& r : ranked) sellers.push_back(r.first);

    json::array leaderboard;
    json::array per_seller;
    json::array churn_sellers;
    for (const auto& [seller, seller_rank] : ranked) {
        leaderboard.push_back(leaderboard_entry(*seller, seller_rank));
        per_seller.push_back(seller_components(*seller, *team_kpis));
        json::object churn = churn_figures(object_at(*seller, "kpis"));
        churn.emplace("id", string_or_null(string_at(*seller, "id")));
        churn.emplace("name", seller_name(*seller));
        churn_sellers.push_back(std::move(churn));
    }
    // A --seller or --team report lists only the at-risk customers its sellers sold to last.
    std::optional<std::vector<std::string>> kept_seller_ids;
    if (scope.seller || scope.team) {
        kept_seller_ids.emplace();
        for (const json::object* seller : sellers) kept_seller_ids->push_back(string_at(*seller, "id").value_or(""));
    }
    const json::object& window = object_at(scorecard, "window");
    const std::string comparison_kpis = scope.seller ? "seller" : "team";
    const json::object& comparison = scope.seller ? object_at(*sellers.front(), "kpis") : *team_kpis;
    return json::value(json::object{
        {"report_version", 1},
        {"as_of", string_or_null(string_at(scorecard, "as_of"))},
        {"window", json::object{{"start", string_or_null(string_at(window, "start"))},
                                {"end", string_or_null(string_at(window, "end"))}}},
        {"scope", json::object{{"seller", string_or_null(scope.seller)},
                               {"team", string_or_null(scope.team)},
                               {"label", scope_label}}},
        {"leaderboard", std::move(leaderboard)},
        {"sellers", std::move(per_seller)},
        {"funnels", funnels(scorecard, *team_kpis, sellers)},
        {"quarter_over_quarter", json::object{{"of", comparison_kpis}, {"label", scope_label},
                                              {"kpis", quarter_over_quarter(comparison)}}},
        {"channels", channels(scorecard)},
        {"churn", json::object{{"team", churn_figures(*team_kpis)},
                               {"sellers", std::move(churn_sellers)},
                               {"model", churn_model(object_at(scorecard, "churn_model"))},
                               {"customers_at_risk", customers_at_risk(scorecard, kept_seller_ids)}}},
    });
}

}  // namespace sellerscore::host::report
