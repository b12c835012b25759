#include "html_report_writer.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "html_escape.hpp"
#include "lenient_json.hpp"
#include "svg_bar_chart.hpp"

namespace sellerscore::host::report {

namespace json = boost::json;

namespace {

// Only inline styles may apply and only data: images may load; everything else (scripts, fonts,
// frames, connections) is refused by the browser itself.
constexpr std::string_view content_security_policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

constexpr std::string_view stylesheet = R"css(
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d2430; --muted: #5b6678; --rule: #d9dee7; --panel: #f5f7fa;
  --band-a: #1a7f4b; --band-b: #2f6fb5; --band-c: #c58a12; --band-d: #b8402f; --none: #9aa3b2; --accent: #2f6fb5;
  --good: #1a7f4b; --bad: #b8402f; --marker: #1d2430; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #12161c; --fg: #e6e9ef; --muted: #a3adbd; --rule: #323a46; --panel: #1b2129;
    --band-a: #4cc38a; --band-b: #6ea8ff; --band-c: #f0b84a; --band-d: #ff7a66; --none: #6b7482; --accent: #6ea8ff;
    --good: #4cc38a; --bad: #ff7a66; --marker: #e6e9ef; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); } .note { font-size: 13px; margin: 6px 0; }
section.block { page-break-inside: avoid; break-inside: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
th.symbol { text-transform: none; font-size: 13px; }
td.num, th.num { text-align: right; white-space: nowrap; }
caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 2px; }
.band { display: inline-block; min-width: 1.6em; text-align: center; border-radius: 4px; color: #fff; font-weight: 700; }
.band.band-a { background: var(--band-a); } .band.band-b { background: var(--band-b); }
.band.band-c { background: var(--band-c); } .band.band-d { background: var(--band-d); }
.band.no-score { background: var(--none); }
.improved { color: var(--good); } .worsened { color: var(--bad); }
.lifts { color: var(--good); } .holds-down { color: var(--bad); }
svg.chart { display: block; max-width: 760px; margin: 4px 0 8px; }
svg.chart text { fill: var(--fg); font-size: 12px; font-family: inherit; }
svg.chart text.value { fill: var(--muted); }
svg.chart .axis { stroke: var(--rule); stroke-width: 1; }
svg.chart .marker { stroke: var(--marker); stroke-width: 2; }
svg.chart .bar { fill: var(--accent); }
svg.chart .bar.band-a { fill: var(--band-a); } svg.chart .bar.band-b { fill: var(--band-b); }
svg.chart .bar.band-c { fill: var(--band-c); } svg.chart .bar.band-d { fill: var(--band-d); }
svg.chart .bar.negative { fill: var(--bad); }
.panel { background: var(--panel); border-radius: 6px; padding: 8px 14px; margin: 8px 0; }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --rule: #999999; --panel: #ffffff; --marker: #000000; }
  body { max-width: none; padding: 0; font-size: 11px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { page-break-after: avoid; break-after: avoid; }
  .panel { border: 1px solid var(--rule); }
}
)css";

const json::object& obj(const json::object& parent, std::string_view key) { return object_at(parent, key); }

const json::array& arr(const json::object& parent, std::string_view key) { return array_at(parent, key); }

std::string str(const json::object& parent, std::string_view key, std::string_view fallback = "") {
    return string_at(parent, key).value_or(std::string(fallback));
}

bool flag(const json::object& parent, std::string_view key) { return bool_at(parent, key); }

// A figure's value and text (ReportDocument's {"value","text"}).
std::optional<double> value_of(const json::object& parent, std::string_view key) {
    const json::value* v = obj(parent, key).if_contains("value");
    if (v == nullptr || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

std::string text_of(const json::object& parent, std::string_view key) {
    return html_escape(str(obj(parent, key), "text", "—"));
}

std::string esc(const json::object& parent, std::string_view key, std::string_view fallback = "—") {
    return html_escape(str(parent, key, fallback));
}

std::string band_class(const std::string& band) {
    if (band.size() == 1 && band[0] >= 'A' && band[0] <= 'D') return std::string("band-") + static_cast<char>(band[0] - 'A' + 'a');
    return "no-score";
}

std::string band_badge(const json::object& entry) {
    const std::string band = str(entry, "band");
    return fmt::format(R"(<span class="band {}">{}</span>)", band_class(band), band.empty() ? "—" : html_escape(band));
}

std::string as_class(std::string text) {
    std::replace(text.begin(), text.end(), ' ', '-');
    return html_escape(text);
}

std::string change_cell(const json::object& trend) {
    const json::object& change = obj(trend, "change");
    const std::string arrow = str(change, "arrow");
    const std::string verdict = str(trend, "verdict");
    return fmt::format(R"(<td class="num {}">{}{}</td>)", as_class(verdict), arrow.empty() ? "" : arrow + " ",
                       html_escape(str(change, "text", "—")));
}

// Under the score, its change against the previous window's ("▲ +4.2", the previous score in the
// title): inside the score's cell, since one more column would push the leaderboard past the page.
std::string score_change(const json::object& trend) {
    if (!value_of(trend, "change")) return "";
    const json::object& change = obj(trend, "change");
    return fmt::format(R"(<br><span class="{}" title="previous window: {}">{} {}</span>)", as_class(str(trend, "verdict")),
                       text_of(trend, "previous"), html_escape(str(change, "arrow")), html_escape(str(change, "text", "—")));
}

std::string header(const json::object& doc) {
    const json::object& window = obj(doc, "window");
    return fmt::format(
        "<header><h1>Seller scorecard: {}</h1><p class=\"meta\">As of {} &middot; window {} to {} &middot; "
        "trends compare with the previous window of the same length.</p></header>\n",
        esc(obj(doc, "scope"), "label"), esc(doc, "as_of"), esc(window, "start"), esc(window, "end"));
}

std::string leaderboard(const json::object& doc) {
    const json::array& entries = arr(doc, "leaderboard");
    std::string out = "<section class=\"block\" id=\"leaderboard\"><h2>Leaderboard</h2>\n";
    if (entries.empty()) return out + "<p class=\"note\">The scorecard has no sellers.</p></section>\n";
    SvgBarChart chart("leaderboard-chart", "Seller scores, 0 to 100, best first", 0, 100);
    for (const json::value& v : entries) {
        const json::object& e = v.get_object();
        const std::optional<double> score = value_of(e, "score");
        chart.add({str(e, "name"), score, score ? str(obj(e, "score"), "text") : "no score", band_class(str(e, "band")),
                   std::nullopt, ""});
    }
    out += chart.svg();
    out += "<table><caption>Scores with bands (A &ge; 75, B &ge; 50, C &ge; 25, D below), each with its change in points "
           "and each KPI's change "
           "against the previous window</caption><thead><tr><th class=\"num\">#</th><th>Seller</th><th>Team</th>"
           "<th class=\"num\">Score</th><th>Band</th>";
    const json::array& first_trends = arr(entries.front().get_object(), "trends");
    for (const json::value& t : first_trends) {
        out += fmt::format(R"(<th class="num">{}</th><th class="num">vs previous</th>)", esc(t.get_object(), "label"));
    }
    out += "</tr></thead><tbody>\n";
    for (const json::value& v : entries) {
        const json::object& e = v.get_object();
        const json::value* rank = e.if_contains("rank");
        out += fmt::format(R"(<tr><td class="num">{}</td><td>{}</td><td>{}</td><td class="num">{}{}</td><td>{}</td>)",
                           rank && rank->is_number() ? json::serialize(*rank) : "—", esc(e, "name"), esc(e, "team"),
                           value_of(e, "score") ? text_of(e, "score") : "no score", score_change(obj(e, "score_trend")),
                           band_badge(e));
        for (const json::value& t : arr(e, "trends")) {
            out += fmt::format(R"(<td class="num">{}</td>)", text_of(t.get_object(), "value")) + change_cell(t.get_object());
        }
        out += "</tr>\n";
    }
    out += "</tbody></table>";
    if (std::any_of(entries.begin(), entries.end(), [](const json::value& v) { return !flag(v.get_object(), "eligible"); })) {
        out += "<p class=\"note\">A seller without a score had no activity and no deal created or closed in the window "
               "(KPIS.md §5.3), so there is nothing fair to rank.</p>";
    }
    return out + "</section>\n";
}

// `index` names the seller's chart: CRM ids may hold spaces, which an id reference cannot.
std::string seller_components(const json::object& seller, std::size_t index) {
    const json::array& components = arr(seller, "components");
    const bool from_drivers = str(seller, "components_source") == "drivers";
    std::string out = fmt::format("<div class=\"panel\"><h3>{} {} <span class=\"meta\">score {}</span></h3>\n",
                                  esc(seller, "name"), band_badge(seller),
                                  value_of(seller, "score") ? text_of(seller, "score") : "none");
    if (!value_of(seller, "score")) {
        out += "<p class=\"note\">Not eligible for a score in this window: no activity and no deal created or closed.</p>";
    }
    if (from_drivers) {
        if (const std::string line = str(seller, "drivers_text"); !line.empty()) {
            out += "<p>" + html_escape(line) + "</p>";
        }
        // The drivers only: the components that move the score most each way, lifts first.
        SvgBarChart chart(fmt::format("components-{}", index),
                          "Percentile of " + str(seller, "name") + " on the components that move the score most; the "
                          "tick is the median", 0, 100);
        for (const json::value& c : components) {
            const json::object& o = c.get_object();
            const std::optional<double> percentile = value_of(o, "percentile");
            if (!percentile) continue;
            chart.add({str(o, "label"), percentile, "percentile " + str(obj(o, "percentile"), "text"),
                       str(o, "effect") == "holds down" ? "band-d" : "band-a", 50.0, "median 50"});
        }
        out += chart.svg();
    }
    out += "<table><thead><tr><th>Component</th><th class=\"num\">Weight</th><th class=\"num\">Seller</th>"
           "<th class=\"num\">Team</th><th class=\"num\">Percentile</th><th class=\"num\">Points</th><th>Effect</th></tr>"
           "</thead><tbody>";
    for (const json::value& c : components) {
        const json::object& o = c.get_object();
        const json::value* weight = o.if_contains("weight");
        const std::string effect = str(o, "effect");
        out += fmt::format(
            R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="{}">{}</td></tr>)",
            esc(o, "label"), weight && weight->is_number() ? fmt::format("{:.0f}%", weight->to_number<double>() * 100) : "—",
            text_of(o, "value"), text_of(o, "team_value"), text_of(o, "percentile"), text_of(o, "points"), as_class(effect),
            effect.empty() ? "—" : html_escape(effect));
    }
    out += "</tbody></table>";
    out += from_drivers
               ? "<p class=\"note\">Weights are KPIS.md §5's defaults. Points: what the component adds to or takes from "
                 "a middle score of 50; percentiles and points are given for the components that move the score most.</p>"
               : "<p class=\"note\">Weights are KPIS.md §5's defaults; this scorecard carries no per-component "
                 "percentiles, so the seller's value is shown against the team's.</p>";
    return out + "</div>\n";
}

std::string components(const json::object& doc) {
    std::string out = "<section id=\"components\"><h2>Why each score is what it is</h2>\n"
                      "<p class=\"note\">Each weighted KPI of the score, the seller's value against the team's, and the "
                      "seller's percentile among eligible sellers.</p>\n";
    std::size_t index = 0;
    for (const json::value& s : arr(doc, "sellers")) out += seller_components(s.get_object(), index++);
    return out + "</section>\n";
}

double max_value(const json::array& rows, std::string_view team_key, std::string_view key) {
    double m = 0;
    for (const json::value& r : rows) {
        const json::object& row = team_key.empty() ? r.get_object() : obj(r.get_object(), team_key);
        m = std::max(m, value_of(row, key).value_or(0));
    }
    return m;
}

std::string funnel(const json::object& pipeline, int index) {
    const json::array& stages = arr(pipeline, "stages");
    std::string out = fmt::format("<section class=\"block\"><h3>{}</h3>\n", esc(pipeline, "name"));
    if (stages.size() == 1) out += "<p class=\"note\">This pipeline has one open stage.</p>";
    if (str(pipeline, "stage_order") == "scorecard") {
        out += "<p class=\"note\">Stages in the order the scorecard lists them (it does not carry the pipelines' "
               "stage order).</p>";
    }
    SvgBarChart conversion(fmt::format("funnel-{}-conversion", index),
                           "Team stage-to-stage conversion, " + str(pipeline, "name"), 0, 1);
    SvgBarChart days(fmt::format("funnel-{}-days", index), "Team average days in stage, " + str(pipeline, "name"), 0,
                     max_value(stages, "team", "avg_days") * 1.05);
    for (const json::value& s : stages) {
        const json::object& stage = s.get_object();
        const json::object& team = obj(stage, "team");
        conversion.add({str(stage, "name"), value_of(team, "conversion"), str(obj(team, "conversion"), "text", "—"), "",
                        std::nullopt, ""});
        days.add({str(stage, "name"), value_of(team, "avg_days"), str(obj(team, "avg_days"), "text", "—") + " days", "",
                  std::nullopt, ""});
    }
    out += "<p class=\"note\">Conversion to a later stage</p>" + conversion.svg() +
           "<p class=\"note\">Average days in stage</p>" + days.svg() + "\n";
    // Sellers down, stages across: "conversion · days" in each cell.
    out += "<table><caption>Per seller: conversion to a later stage &middot; average days in stage</caption><thead><tr>"
           "<th>Seller</th>";
    for (const json::value& s : stages) out += fmt::format(R"(<th class="num">{}</th>)", esc(s.get_object(), "name"));
    out += "</tr></thead><tbody><tr><td><strong>Team</strong></td>";
    for (const json::value& s : stages) {
        const json::object& team = obj(s.get_object(), "team");
        out += fmt::format(R"(<td class="num"><strong>{} &middot; {}</strong></td>)", text_of(team, "conversion"),
                           text_of(team, "avg_days"));
    }
    out += "</tr>\n";
    const std::size_t sellers = stages.empty() ? 0 : arr(stages.front().get_object(), "sellers").size();
    for (std::size_t i = 0; i < sellers; ++i) {
        out += "<tr><td>" + esc(arr(stages.front().get_object(), "sellers")[i].get_object(), "name") + "</td>";
        for (const json::value& s : stages) {
            const json::array& rows = arr(s.get_object(), "sellers");
            static const json::object missing;
            const json::object& row = i < rows.size() ? rows[i].get_object() : missing;
            out += fmt::format(R"(<td class="num">{} &middot; {}</td>)", text_of(row, "conversion"), text_of(row, "avg_days"));
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table></section>\n";
}

std::string funnels(const json::object& doc) {
    std::string out = "<section id=\"funnels\"><h2>Where deals stall</h2>\n";
    const json::array& pipelines = arr(doc, "funnels");
    if (pipelines.empty()) out += "<p class=\"note\">The scorecard has no stage data: no deal entered an open stage in the window.</p>";
    int index = 0;
    for (const json::value& p : pipelines) out += funnel(p.get_object(), index++);
    return out + "</section>\n";
}

std::string quarter_over_quarter(const json::object& doc) {
    const json::object& qoq = obj(doc, "quarter_over_quarter");
    std::string out = fmt::format("<section class=\"block\" id=\"qoq\"><h2>This window against the previous one: {}</h2>\n",
                                  esc(qoq, "label"));
    const json::array& kpis = arr(qoq, "kpis");
    if (kpis.empty()) return out + "<p class=\"note\">No KPIs with trends in this scorecard.</p></section>\n";
    out += "<table><thead><tr><th>KPI</th><th class=\"num\">This window</th><th class=\"num\">Previous</th>"
           "<th class=\"num\">Change</th></tr></thead><tbody>";
    for (const json::value& k : kpis) {
        const json::object& o = k.get_object();
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td>{}</tr>)", esc(o, "label"),
                           text_of(o, "value"), text_of(o, "previous"), change_cell(o));
    }
    return out + "</tbody></table><p class=\"note\">Rates change in points; counts, money and days relatively.</p></section>\n";
}

std::string channels(const json::object& doc) {
    const json::object& channels = obj(doc, "channels");
    const json::array& rows = arr(channels, "rows");
    const bool spend_known = flag(channels, "spend_known");
    std::string out = "<section class=\"block\" id=\"channels\"><h2>Channel economics</h2>\n";
    if (rows.empty()) return out + "<p class=\"note\">No lead channels in this scorecard.</p></section>\n";
    if (spend_known) {
        double lo = 0;
        double hi = 0;
        for (const json::value& r : rows) {
            const double roi = value_of(r.get_object(), "roi").value_or(0);
            lo = std::min(lo, roi);
            hi = std::max(hi, roi);
        }
        SvgBarChart chart("channels-roi", "Return on spend per channel", lo, hi * 1.05);
        for (const json::value& r : rows) {
            const json::object& o = r.get_object();
            const std::optional<double> roi = value_of(o, "roi");
            chart.add({str(o, "channel"), roi, "ROI " + str(obj(o, "roi"), "text", "—"),
                       roi && *roi < 0 ? "negative" : "", std::nullopt, ""});
        }
        out += chart.svg();
    } else {
        out += "<p class=\"note\">No spend data: cost per lead, CPA, CPC and ROI need the channels' spend (marketing "
               "spend rows); leads, conversion and revenue per lead are shown.</p>";
        SvgBarChart chart("channels-conversion", "Lead conversion per channel", 0,
                          std::max(0.01, max_value(rows, "", "conversion_rate") * 1.05));
        for (const json::value& r : rows) {
            const json::object& o = r.get_object();
            chart.add({str(o, "channel"), value_of(o, "conversion_rate"), str(obj(o, "conversion_rate"), "text", "—"), "",
                       std::nullopt, ""});
        }
        out += chart.svg();
    }
    out += "<table><thead><tr><th>Channel</th><th>Kind</th><th class=\"num\">Leads</th><th class=\"num\">Conversion</th>"
           "<th class=\"num\">Spend</th><th class=\"num\">Cost per lead</th><th class=\"num\">CPA</th><th class=\"num\">CPC</th>"
           "<th class=\"num\">ROI</th><th class=\"num\">Revenue per lead</th></tr></thead><tbody>";
    for (const json::value& r : rows) {
        const json::object& o = r.get_object();
        out += fmt::format(
            R"(<tr><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
            esc(o, "channel"), esc(o, "kind"), text_of(o, "leads_count"), text_of(o, "conversion_rate"),
            text_of(o, "spend"), text_of(o, "cost_per_lead"), text_of(o, "cpa"), text_of(o, "cpc"), text_of(o, "roi"),
            text_of(o, "revenue_per_lead"));
    }
    return out + "</tbody></table></section>\n";
}

std::string churn(const json::object& doc) {
    const json::object& churn = obj(doc, "churn");
    const json::object& team = obj(churn, "team");
    const json::array& sellers = arr(churn, "sellers");
    std::string out = "<section class=\"block\" id=\"churn\"><h2>Retention and churn</h2>\n";
    SvgBarChart chart("churn-retention", "Customer retention per seller; the tick is the team's", 0, 1);
    const std::optional<double> team_retention = value_of(team, "retention");
    for (const json::value& s : sellers) {
        const json::object& o = s.get_object();
        chart.add({str(o, "name"), value_of(o, "retention"), str(obj(o, "retention"), "text", "—"), "", team_retention,
                   "team " + str(obj(team, "retention"), "text", "—")});
    }
    if (!sellers.empty()) out += chart.svg();
    out += "<table><thead><tr><th>Seller</th><th class=\"num\">Customers at start</th><th class=\"num\">Retention</th>"
           "<th class=\"num\">Churn</th><th class=\"num\">Expected churn</th></tr></thead><tbody>";
    auto row = [&](const std::string& name, const json::object& o) {
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
                           name, text_of(o, "customers_at_start"), text_of(o, "retention"), text_of(o, "churn"),
                           text_of(o, "expected_churn"));
    };
    row("<strong>Team</strong>", team);
    for (const json::value& s : sellers) row(esc(s.get_object(), "name"), s.get_object());
    out += "</tbody></table>\n";

    const json::object& model = obj(churn, "model");
    out += fmt::format("<h3>Churn model</h3><p>{}</p>", esc(model, "summary"));
    if (flag(model, "fitted")) {
        out += "<table><thead><tr><th class=\"symbol\">r</th><th class=\"symbol\">&alpha;</th><th class=\"symbol\">a</th>"
               "<th class=\"symbol\">b</th><th class=\"symbol\">log-likelihood</th></tr></thead><tbody><tr>";
        for (const json::value& p : arr(model, "parameters")) out += "<td>" + esc(p.get_object(), "text") + "</td>";
        out += "</tr></tbody></table>";
    }
    const json::object& at_risk = obj(churn, "customers_at_risk");
    out += "<h3>Customers most at risk</h3>";
    const json::array& customers = arr(at_risk, "rows");
    if (customers.empty()) {
        const std::string note = str(at_risk, "note");
        out += "<p class=\"note\">" + (note.empty() ? std::string("No customer at risk.") : html_escape(note)) + "</p>";
    } else {
        out += "<table><thead><tr><th>Customer</th><th>Seller</th><th class=\"num\">Churn risk</th>"
               "<th class=\"num\">Lifetime value</th><th>Last purchase</th></tr></thead><tbody>";
        std::size_t shown = 0;
        for (const json::value& c : customers) {
            if (++shown > 20) break;
            const json::object& o = c.get_object();
            out += fmt::format(R"(<tr><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>)",
                               esc(o, "name", str(o, "id", "—")), esc(o, "seller"), text_of(o, "churn_risk"),
                               text_of(o, "lifetime_value"), html_escape(str(o, "last_purchase", "—").substr(0, 10)));
        }
        out += "</tbody></table>";
    }
    return out + "</section>\n";
}

}  // namespace

std::string HtmlReportWriter::html() const {
    const json::object& doc = as_object(document_);
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n";
    out += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n", content_security_policy);
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>Seller scorecard: {} ({})</title>\n", esc(obj(doc, "scope"), "label"), esc(doc, "as_of"));
    out += "<style>" + std::string(stylesheet) + "</style></head>\n<body>\n";
    out += header(doc);
    out += "<main>\n" + leaderboard(doc) + quarter_over_quarter(doc) + funnels(doc) + channels(doc) + churn(doc) +
           components(doc) + "</main>\n";
    out += fmt::format("<footer><p class=\"note\">Made by crmhost report from the scorecard of the last sync (as of {}). "
                       "Self-contained: this file loads nothing else.</p></footer>\n</body></html>\n",
                       esc(doc, "as_of"));
    return out;
}

}  // namespace sellerscore::host::report
