// The report page: one self-contained HTML file drawn from the report document (ReportDocument). No
// script, no external stylesheet, font or image: a Content-Security-Policy meta refuses any fetch, so
// the page opens the same from a mail attachment on a plane. Charts are inline SVG (SvgBarChart);
// every chart's numbers are also in a table. Light and dark (prefers-color-scheme) and print styles.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host::report {

class HtmlReportWriter {
public:
    explicit HtmlReportWriter(const boost::json::value& document) : document_(document) {}

    std::string html() const;

private:
    const boost::json::value& document_;
};

}  // namespace sellerscore::host::report
