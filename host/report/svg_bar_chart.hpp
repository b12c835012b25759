// A horizontal bar chart as inline SVG, written by hand so the report needs no chart library and no
// script: one labelled row per bar, the value printed as text at the bar's end, an optional marker
// (the team's value, the previous window, the median) drawn as a tick across the bar.
//
// Accessible without seeing it: the <svg> is role="img" with a <title> naming the chart, and each bar
// has its own <title> ("Ana López: 82.5") that screen readers announce; the page also prints the same
// numbers in a table. Colours come from CSS classes, so the page's dark-mode and print styles apply.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sellerscore::host::report {

class SvgBarChart {
public:
    struct Bar {
        std::string label;
        std::optional<double> value;  // no bar, only the text, when null
        std::string text;             // the value as people read it ("42.0%", "—")
        std::string css_class;        // e.g. "band-a"; "bar" always applies
        std::optional<double> marker;
        std::string marker_text;      // read out with the bar: "team 38.0%"
    };

    // `domain_min`..`domain_max` is the value axis; values outside it are clipped to it. A domain that
    // crosses zero draws bars from zero in both directions (ROI can be negative).
    // `id` must be unique within the page: it ties the <title> to aria-labelledby.
    SvgBarChart(std::string id, std::string title, double domain_min, double domain_max);

    void add(Bar bar);

    std::string svg() const;

private:
    std::string id_;
    std::string title_;
    double min_;
    double max_;
    std::vector<Bar> bars_;
};

}  // namespace sellerscore::host::report
