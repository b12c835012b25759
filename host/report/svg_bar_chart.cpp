#include "svg_bar_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "html_escape.hpp"

namespace sellerscore::host::report {

namespace {

constexpr double width = 640;
constexpr double label_width = 170;
constexpr double text_width = 110;  // room for the value text after the longest bar
constexpr double row_height = 26;
constexpr double bar_height = 16;
constexpr double plot_width = width - label_width - text_width;

}  // namespace

SvgBarChart::SvgBarChart(std::string id, std::string title, double domain_min, double domain_max)
    : id_(std::move(id)), title_(std::move(title)), min_(std::min(domain_min, 0.0)), max_(std::max(domain_max, 0.0)) {
    if (max_ - min_ <= 0) max_ = min_ + 1;  // a chart of zeros still has an axis
}

void SvgBarChart::add(Bar bar) { bars_.push_back(std::move(bar)); }

std::string SvgBarChart::svg() const {
    const std::string id = html_escape(id_);
    const double height = row_height * static_cast<double>(std::max<std::size_t>(bars_.size(), 1)) + 8;
    auto x_of = [&](double v) { return label_width + (std::clamp(v, min_, max_) - min_) / (max_ - min_) * plot_width; };
    const double zero_x = x_of(0);

    std::string out = fmt::format(
        R"(<svg class="chart" role="img" aria-labelledby="{0}" viewBox="0 0 {1} {2}" width="100%" preserveAspectRatio="xMinYMin meet">)"
        R"(<title id="{0}">{3}</title>)",
        id, width, height, html_escape(title_));
    out += fmt::format(R"(<line class="axis" x1="{0:.1f}" y1="2" x2="{0:.1f}" y2="{1:.1f}"/>)", zero_x, height - 4);
    double y = 4;
    for (const Bar& bar : bars_) {
        std::string spoken = bar.label + ": " + bar.text;
        if (!bar.marker_text.empty()) spoken += " (" + bar.marker_text + ")";
        out += fmt::format(R"(<g class="row"><title>{}</title>)", html_escape(spoken));
        out += fmt::format(R"(<text class="label" x="{:.1f}" y="{:.1f}" text-anchor="end">{}</text>)", label_width - 8,
                           y + bar_height - 3, html_escape(bar.label));
        double text_x = zero_x + 6;
        if (bar.value) {
            const double x = x_of(*bar.value);
            const double left = std::min(x, zero_x);
            const double w = std::max(std::abs(x - zero_x), 1.0);
            out += fmt::format(R"(<rect class="bar {}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{}" rx="2"/>)",
                               html_escape(bar.css_class), left, y, w, bar_height);
            text_x = std::max(x, zero_x) + 6;
        }
        if (bar.marker) {
            const double mx = x_of(*bar.marker);
            out += fmt::format(R"(<line class="marker" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)", mx, y - 3,
                               y + bar_height + 3);
            text_x = std::max(text_x, mx + 6);
        }
        out += fmt::format(R"(<text class="value" x="{:.1f}" y="{:.1f}">{}</text></g>)", text_x, y + bar_height - 3,
                           html_escape(bar.text));
        y += row_height;
    }
    return out + "</svg>";
}

}  // namespace sellerscore::host::report
