// The report page as markup: self-contained, escaped, accessible, styled for dark mode and print,
// and the edge cases of issue 13 said in words. The page is drawn in a real browser in
// host_report_chromium_test.cpp.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "host/report/html_report_writer.hpp"
#include "host/report/report_document.hpp"
#include "host/report/svg_bar_chart.hpp"
#include "host_report_scorecard.hpp"

using namespace sellerscore;
using namespace sellerscore::host::report;
namespace json = boost::json;

namespace {

std::string page(const json::value& scorecard) {
    Result<json::value> document = ReportDocument::build(scorecard);
    REQUIRE(document);
    return HtmlReportWriter(*document).html();
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

bool contains(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("report page: self-contained, it names no URL and loads no script, stylesheet, font or image") {
    const std::string html = page(host::testing::report_test_scorecard());
    CHECK(contains(html, R"(<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">)"));
    CHECK_FALSE(contains(html, "://"));  // no http(s), no CDN; inline SVG in HTML needs no xmlns either
    CHECK_FALSE(contains(html, "<script"));
    CHECK_FALSE(contains(html, "<link"));
    CHECK_FALSE(contains(html, "@import"));
    CHECK_FALSE(contains(html, "url("));
    CHECK_FALSE(contains(html, "src="));
}

TEST_CASE("report page: names from the CRM are escaped") {
    const std::string html = page(host::testing::report_test_scorecard());
    CHECK(contains(html, "Bob &lt;Stone&gt; &amp; Co"));
    CHECK_FALSE(contains(html, "<Stone>"));
}

TEST_CASE("report page: every chart is an image with a title, and every bar says its number") {
    const std::string html = page(host::testing::report_test_scorecard());
    // Leaderboard, funnel conversion, funnel days, channel conversion, retention: five charts.
    CHECK(count(html, R"(<svg class="chart" role="img" aria-labelledby=")") == 5);
    CHECK(contains(html, R"(<title id="leaderboard-chart">Seller scores, 0 to 100, best first</title>)"));
    CHECK(contains(html, "<title>Ana López: 82.5</title>"));
    CHECK(contains(html, "<title>Carla Ruiz: no score</title>"));
    CHECK(contains(html, "<title>Ana López: 80.0% (team 71.4%)</title>"));
}

TEST_CASE("report page: dark mode follows the system, print keeps the colours of bars and bands") {
    const std::string html = page(host::testing::report_test_scorecard());
    CHECK(contains(html, "@media (prefers-color-scheme: dark)"));
    CHECK(contains(html, "@media print"));
    CHECK(contains(html, "print-color-adjust: exact"));
}

TEST_CASE("report page: the edge cases read as sentences, not as blanks") {
    const std::string html = page(host::testing::report_test_scorecard());
    CHECK(contains(html, "A seller without a score had no activity and no deal created or closed in the window"));
    CHECK(contains(html, "This pipeline has one open stage."));
    CHECK(contains(html, "No spend data: cost per lead, CPA, CPC and ROI need the channels' spend"));
    CHECK(contains(html, "Churn model not fitted: 3 customers with repeat purchases, fewer than the 50 the model needs."));
    CHECK(contains(html, "This scorecard does not list customers by risk"));
}

TEST_CASE("report page: the leaderboard shows each score's change against the previous window") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["sellers"].as_array()[1].as_object()["previous_score"] = 78.3;  // Ana: 82.46 now
    const std::string html = page(scorecard);
    CHECK(contains(html, R"(<td class="num">82.5<br><span class="improved" title="previous window: 78.3">▲ +4.2</span></td>)"));
    CHECK(contains(html, R"(<td class="num">48.0</td>)"));  // Bob's scorecard entry has no previous score
}

TEST_CASE("report page: customers at risk with their seller, lifetime value and day of last purchase") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.as_object()["customers_at_risk"] = json::parse(
        R"([{"id": "k7", "seller": "s-bob", "seller_name": "Bob <Stone> & Co", "churn_risk": 1.0,
             "lifetime_value": 1250.4, "expected_purchases_90d": null, "last_purchase_at": "2025-06-30T12:00:00Z"}])");
    const std::string html = page(scorecard);
    CHECK(contains(html, "<th class=\"num\">Lifetime value</th><th>Last purchase</th>"));
    CHECK(contains(html, R"(<tr><td>k7</td><td>Bob &lt;Stone&gt; &amp; Co</td><td class="num">100.0%</td>)"
                         R"(<td class="num">1,250</td><td>2025-06-30</td></tr>)"));
    CHECK_FALSE(contains(html, "This scorecard does not list customers by risk"));
}

TEST_CASE("report page: an empty scorecard makes a page that says so") {
    const std::string html = page(json::object{});
    CHECK(contains(html, "The scorecard has no sellers."));
    CHECK(contains(html, "The scorecard has no stage data"));
    CHECK(contains(html, "No lead channels in this scorecard."));
}

TEST_CASE("bar chart: a bar's length is its share of the domain, after the label column") {
    // Plot area: x from 170 (after the labels) over 360 units. 50 of 0..100 is half of it: 180 wide.
    SvgBarChart chart("c", "Test chart", 0, 100);
    chart.add({"Half", 50.0, "50", "band-a", std::nullopt, ""});
    chart.add({"Nothing", std::nullopt, "—", "", std::nullopt, ""});
    const std::string svg = chart.svg();
    CHECK(contains(svg, R"(<rect class="bar band-a" x="170.0" y="4.0" width="180.0" height="16" rx="2"/>)"));
    CHECK(count(svg, "<rect") == 1);  // a null value draws no bar, only its text
    CHECK(contains(svg, R"(<text class="value" x="176.0" y="43.0">—</text>)"));
}

TEST_CASE("bar chart: a domain across zero draws negative bars leftwards from zero") {
    // -1..1 over 360 units: zero at 170 + 180 = 350; -0.5 at 170 + 90 = 260, so the bar is 260..350.
    SvgBarChart chart("c", "ROI", -1, 1);
    chart.add({"Loss", -0.5, "-50.0%", "negative", 0.25, "target 25.0%"});
    const std::string svg = chart.svg();
    CHECK(contains(svg, R"(<line class="axis" x1="350.0")"));
    CHECK(contains(svg, R"(<rect class="bar negative" x="260.0" y="4.0" width="90.0")"));
    CHECK(contains(svg, R"(<line class="marker" x1="395.0")"));  // 0.25: 350 + 45
    CHECK(contains(svg, "<title>Loss: -50.0% (target 25.0%)</title>"));
}

TEST_CASE("report page: with drivers, each seller's components are charted by percentile around the median") {
    json::value scorecard = host::testing::report_test_scorecard();
    scorecard.at("sellers").at(1).as_object()["drivers"] = json::parse(
        R"({"lifts": [{"kpi": "win_rate", "value": 0.4, "team_value": 0.3, "percentile": 87.4, "points": 7.48}],
            "holds": [{"kpi": "follow_up_rate", "value": 0.1, "team_value": 0.2, "percentile": 12.4, "points": -1.88}],
            "text": "↑ win rate 40% · ↓ follow-up rate 10%"})");
    const std::string html = page(scorecard);
    CHECK(contains(html, R"(aria-labelledby="components-0")"));  // Ana leads the leaderboard
    CHECK(contains(html, "<title>Win rate: percentile 87 (median 50)</title>"));
    CHECK(contains(html, "<title>Follow-up rate: percentile 12 (median 50)</title>"));
    CHECK(contains(html, R"(<td class="holds-down">holds down</td>)"));
    CHECK(contains(html, "<p>↑ win rate 40% · ↓ follow-up rate 10%</p>"));
    CHECK(count(html, "<title>Retention: percentile") == 0);  // only the drivers are charted
    CHECK_FALSE(contains(html, R"(aria-labelledby="components-1")"));  // Bob's scorecard has no drivers
}
