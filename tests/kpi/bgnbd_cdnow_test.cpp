// KPIS.md §6 acceptance: the CDNOW sample of Fader, Hardie & Lee (2005).
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "plugin/model/timestamp_format.hpp"
#include "plugin/kpi/bgnbd_fit.hpp"
#include "plugin/kpi/customer_summary.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;

namespace {

// Calibration period 1997-01-01 .. 1997-09-30 inclusive.
const model::Timestamp cdnow_as_of = model::utc_midnight(1997, 9, 30) + model::ms_per_day - 1;

// A YYYYMMDD date at noon UTC: the summary must depend on the calendar day only.
model::Timestamp noon_of(int yyyymmdd) {
    const std::chrono::year_month_day date{std::chrono::year{yyyymmdd / 10'000},
                                           std::chrono::month{static_cast<unsigned>(yyyymmdd / 100 % 100)},
                                           std::chrono::day{static_cast<unsigned>(yyyymmdd % 100)}};
    return model::utc_midnight(static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                               static_cast<unsigned>(date.day())) +
           model::ms_per_day / 2;
}

// Purchase instants by sample id (the summary file's ID), every purchase of the sample, calibration
// period or not: summarise_purchases must leave out what comes after cdnow_as_of.
std::map<int, std::vector<model::Timestamp>> cdnow_purchases() {
    std::ifstream in(SELLERSCORE_TEST_DATA_DIR "/cdnow/CDNOW_sample.txt");
    REQUIRE(in);
    std::map<int, std::vector<model::Timestamp>> purchases;
    std::string customer;
    int sample_id = 0;
    int date = 0;
    double cds = 0;
    double dollars = 0;
    while (in >> customer >> sample_id >> date >> cds >> dollars) purchases[sample_id].push_back(noon_of(date));
    return purchases;
}

struct PublishedSummary {
    double frequency, recency, T;
};

std::map<int, PublishedSummary> published_summaries() {
    std::ifstream in(SELLERSCORE_TEST_DATA_DIR "/cdnow/cdnow_customers_summary.csv");
    REQUIRE(in);
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "ID,frequency,recency,T");
    std::map<int, PublishedSummary> summaries;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        int id = 0;
        PublishedSummary s{};
        char comma = 0;
        fields >> id >> comma >> s.frequency >> comma >> s.recency >> comma >> s.T;
        summaries[id] = s;
    }
    return summaries;
}

std::vector<CustomerSummary> cdnow_summaries() {
    std::vector<CustomerSummary> summaries;
    for (const auto& [id, purchases] : cdnow_purchases()) summaries.push_back(*summarise_purchases(purchases, cdnow_as_of));
    return summaries;
}

}  // namespace

TEST_CASE("the CDNOW summary equals the published one for every customer", "[kpi][bgnbd]") {
    const auto purchases = cdnow_purchases();
    const auto published = published_summaries();
    REQUIRE(purchases.size() == 2'357);
    REQUIRE(published.size() == 2'357);
    for (const auto& [id, expected] : published) {
        INFO("customer " << id);
        REQUIRE(purchases.count(id) == 1);
        const std::optional<CustomerSummary> summary = summarise_purchases(purchases.at(id), cdnow_as_of);
        REQUIRE(summary);
        CHECK(summary->x == expected.frequency);
        // The file rounds weeks to two decimals.
        CHECK(summary->t_x == Approx(expected.recency).margin(0.005 + 1e-9));
        CHECK(summary->T == Approx(expected.T).margin(0.005 + 1e-9));
    }
}

TEST_CASE("the BG/NBD fit on CDNOW gives the published parameters and log-likelihood", "[kpi][bgnbd]") {
    const BgNbdFit fit = fit_bgnbd(cdnow_summaries());
    CHECK(fit.converged);
    CHECK(fit.parameters.r == Approx(0.243).margin(0.005));
    CHECK(fit.parameters.alpha == Approx(4.414).margin(0.005));
    CHECK(fit.parameters.a == Approx(0.793).margin(0.005));
    CHECK(fit.parameters.b == Approx(2.426).margin(0.005));
    CHECK(fit.log_likelihood == Approx(-9582.4).margin(0.1));
}

TEST_CASE("the CDNOW fit is found by the gradient search alone, in under 100 likelihood evaluations",
          "[kpi][bgnbd]") {
    // Nelder–Mead alone took several hundred; a wrong analytic gradient would stall the quasi-Newton
    // search and leave the work to Nelder–Mead's hundreds.
    const BgNbdFit fit = fit_bgnbd(cdnow_summaries());
    CHECK(fit.converged);
    CHECK(fit.evaluations < 100);
}
