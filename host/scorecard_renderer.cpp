#include "scorecard_renderer.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "csv_text.hpp"
#include "json_pretty_printer.hpp"
#include "kpi_value_format.hpp"
#include "sellers_by_score.hpp"
#include "text_table.hpp"

namespace sellerscore::host {

namespace json = boost::json;

namespace {

constexpr const char* null_cell = "—";

const json::object& empty_object() {
    static const json::object empty;
    return empty;
}

const json::object& object_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    return v && v->is_object() ? v->get_object() : empty_object();
}

std::optional<double> number_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

std::string string_at(const json::object& parent, std::string_view key) {
    const json::value* v = parent.if_contains(key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// A scalar KPI is {"value","previous","change"}; anything else (stage_conversion) is a map KPI.
bool is_scalar_kpi(const json::value& kpi) {
    return kpi.is_object() && kpi.get_object().contains("value") &&
           (kpi.get_object().contains("change") || kpi.get_object().contains("previous"));
}

std::string kpi_cell(const json::object& kpis, std::string_view id, KpiUnit unit) {
    const json::object& kpi = object_at(kpis, id);
    const std::optional<double> value = number_at(kpi, "value");
    if (!value) return null_cell;
    std::string cell = format_kpi_value(*value, unit);
    if (const std::optional<double> change = number_at(kpi, "change")) {
        cell += " " + trend_arrow(*change);
    }
    return cell;
}

std::string or_null_cell(std::string text) { return text.empty() ? null_cell : text; }

std::vector<std::string> kpi_cells(const json::object& kpis) {
    return {kpi_cell(kpis, "win_rate", KpiUnit::ratio),         kpi_cell(kpis, "conversion_rate", KpiUnit::ratio),
            kpi_cell(kpis, "avg_sale_value", KpiUnit::money),   kpi_cell(kpis, "avg_sales_cycle_days", KpiUnit::days),
            kpi_cell(kpis, "retention_rate", KpiUnit::ratio),   kpi_cell(kpis, "churn_rate", KpiUnit::ratio),
            kpi_cell(kpis, "csat", KpiUnit::ratio),             kpi_cell(kpis, "nps", KpiUnit::points),
            kpi_cell(kpis, "on_time_delivery_rate", KpiUnit::ratio)};
}

std::string csv_number(const json::value* v) {
    if (v == nullptr || !v->is_number()) return {};
    if (v->is_double()) return format_json_double(v->get_double());
    return json::serialize(*v);
}

// One CSV column: a KPI id, and for map KPIs the key inside it.
struct KpiColumn {
    std::string kpi;
    std::optional<std::string> key;

    std::string heading() const { return key ? kpi + "." + *key : kpi; }

    std::string cell(const json::object& kpis) const {
        const json::value* kpi_value = kpis.if_contains(kpi);
        if (kpi_value == nullptr || !kpi_value->is_object()) return {};
        return csv_number(kpi_value->get_object().if_contains(key ? std::string_view(*key) : "value"));
    }

    bool operator==(const KpiColumn&) const = default;
};

std::vector<KpiColumn> kpi_columns(const std::vector<const json::object*>& sellers) {
    std::vector<KpiColumn> columns;
    auto add = [&](KpiColumn column) {
        if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(std::move(column));
    };
    for (const json::object* seller : sellers) {
        for (const auto& [id, kpi] : object_at(*seller, "kpis")) {
            if (is_scalar_kpi(kpi)) {
                add({std::string(id), std::nullopt});
            } else if (kpi.is_object()) {
                for (const auto& entry : kpi.get_object()) add({std::string(id), std::string(entry.key())});
            }
        }
    }
    return columns;
}

}  // namespace

std::string ScorecardRenderer::table() const {
    const json::object& scorecard = scorecard_.is_object() ? scorecard_.get_object() : empty_object();
    const json::object& window = object_at(scorecard, "window");
    std::string out = fmt::format("Seller scorecard as of {} (window {} to {})\n\n",
                                  or_null_cell(string_at(scorecard, "as_of")),
                                  or_null_cell(string_at(window, "start")), or_null_cell(string_at(window, "end")));
    using Align = TextTable::Align;
    TextTable table({{"seller", Align::left},
                     {"team", Align::left},
                     {"score", Align::right},
                     {"band", Align::left},
                     {"win rate", Align::right},
                     {"conversion", Align::right},
                     {"avg sale", Align::right},
                     {"cycle days", Align::right},
                     {"retention", Align::right},
                     {"churn", Align::right},
                     {"csat", Align::right},
                     {"nps", Align::right},
                     {"on time", Align::right}});
    const std::vector<const json::object*> sellers = sellers_by_score(scorecard);
    for (const json::object* seller : sellers) {
        const std::optional<double> score = number_at(*seller, "score");
        std::vector<std::string> row{or_null_cell(string_at(*seller, "name")), or_null_cell(string_at(*seller, "team")),
                                     score ? fmt::format("{:.1f}", *score) : null_cell,
                                     or_null_cell(string_at(*seller, "band"))};
        for (std::string& cell : kpi_cells(object_at(*seller, "kpis"))) row.push_back(std::move(cell));
        table.add_row(std::move(row));
    }
    const json::object& team_kpis = object_at(object_at(scorecard, "team"), "kpis");
    if (!team_kpis.empty()) {
        table.add_separator();
        std::vector<std::string> row{"All sellers", "", "", ""};
        for (std::string& cell : kpi_cells(team_kpis)) row.push_back(std::move(cell));
        table.add_row(std::move(row));
    }
    return out + table.render();
}

std::string ScorecardRenderer::csv() const {
    const json::object& scorecard = scorecard_.is_object() ? scorecard_.get_object() : empty_object();
    const std::vector<const json::object*> sellers = sellers_by_score(scorecard);
    const std::vector<KpiColumn> columns = kpi_columns(sellers);
    std::string out = "seller_id,name,score,band";
    for (const KpiColumn& column : columns) out += "," + csv_field(column.heading());
    out += "\r\n";
    for (const json::object* seller : sellers) {
        out += csv_field(string_at(*seller, "id")) + "," + csv_field(string_at(*seller, "name")) + "," +
               csv_number(seller->if_contains("score")) + "," + csv_field(string_at(*seller, "band"));
        const json::object& kpis = object_at(*seller, "kpis");
        for (const KpiColumn& column : columns) out += "," + column.cell(kpis);
        out += "\r\n";
    }
    return out;
}

}  // namespace sellerscore::host
