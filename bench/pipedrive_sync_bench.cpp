// crmhost syncing a company from the fake Pipedrive over TLS on loopback, under Pipedrive's burst
// limit (Growth plan, API token: 40 requests per rolling 2 s) with the window scaled down 2x:
// daily-budget tokens per record pulled and written, the achieved request rate against the burst
// limit, 429s, records lost or written twice; then a second sync with nothing changed.
#include <unistd.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "bench/bench_company.hpp"
#include "bench/crmhost_child.hpp"
#include "bench/request_timeline.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace fs = std::filesystem;
using namespace sellerscore;
using sellerscore::bench::RequestTimeline;
using sellerscore::bench::run_crmhost;
using sellerscore::bench::Step;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int burst = 40;
constexpr std::chrono::milliseconds window{1'000};  // Pipedrive: 2 s; scaled 2x down (x-ratelimit-reset is in whole seconds)

bool is_write(const std::string& route) { return route.rfind("PATCH ", 0) == 0; }

}  // namespace

int main(int argc, char** argv) {
    demo::DemoOptions options;
    options.sellers = 40;
    options.contacts = 10'000;
    options.deals = 20'000;
    options.activities = 100'000;
    auto generated = bench::bench_company(options, argc, argv, "persons", "activities");
    if (!generated) return 1;
    const model::Dataset& source = *generated;

    fakes::FakePipedriveOptions fake_options;
    fake_options.max_requests = burst;
    fake_options.interval = window;
    fake_options.daily_tokens = 100'000'000;  // the bench measures what a sync costs, not where it stops
    fakes::FakePipedrive fake(fake_options);
    const model::Dataset in_pipedrive = fake.seed(source);

    RequestTimeline timeline;
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "bench-pipedrive-ca");
    fakes::LoopbackServer server(
        [&](const fakes::FakeRequest& request) {
            timeline.record();
            return fake.handle(request);
        },
        certificate);

    const fs::path work = fs::temp_directory_path() / ("sellerscore-pipedrive-bench-" + std::to_string(getpid()));
    fs::create_directories(work);
    const fs::path config = work / "sellerscore.json";
    const fs::path log = work / "crmhost.log";
    {
        std::ofstream out(config);
        out << boost::json::serialize(boost::json::object{
            {"connector", "pipedrive"},
            {"pipedrive",
             {{"base_url", server.base_url()}, {"ca_file", ca_file}, {"rate_limit_max", burst},
              {"rate_limit_interval_ms", window.count()}}},
            {"state_dir", (work / "state").string()},
            {"kpi", {{"as_of", model::format_rfc3339(options.end)}}}});
    }
    setenv("SELLERSCORE_PIPEDRIVE_TOKEN", fake_options.api_token.c_str(), 1);

    // --- first sync ---------------------------------------------------------------------------------
    const Step first = run_crmhost({"--config", config.string(), "sync"}, log);
    if (first.exit_code != 0) {
        std::fprintf(stderr, "first sync failed (exit %d); see %s\n", first.exit_code, log.c_str());
        return 1;
    }
    const auto counts_first = fake.request_counts();
    std::int64_t write_tokens = 0;
    std::uint64_t write_requests = 0;
    for (const auto& [route, n] : counts_first) {
        if (!is_write(route)) continue;
        write_tokens += fake.tokens_spent(route);
        write_requests += n;
    }
    const std::int64_t tokens_first = fake.tokens_spent();
    const std::uint64_t requests_first = fake.request_count();
    const double achieved = timeline.sending_rate(std::chrono::milliseconds(1'000), 50);

    kpi::KpiConfig kpi_config;
    kpi_config.as_of = options.end;
    const kpi::Scorecard card = kpi::compute_scorecard(in_pipedrive, kpi_config);
    std::map<std::string, std::optional<double>> score_of;
    for (const auto& s : card.sellers) score_of[s.seller_id] = s.score;
    const auto score_field = fake.field_by_name("deals", "Seller score");
    const auto churn_field = fake.field_by_name("persons", "Churn risk");
    std::size_t lost = 0, open_deals = 0, records_written = write_requests;
    for (const auto& deal : in_pipedrive.deals) {
        if (deal.status != model::DealStatus::open) continue;
        ++open_deals;
        if (score_of[deal.owner_id] && !(score_field && fake.number_value("deals", std::stoll(deal.id),
                                                                         score_field->field_code))) {
            ++lost;
        }
    }
    for (const auto& customer : card.customers) {
        if (customer.churn_risk &&
            !(churn_field && fake.number_value("persons", std::stoll(customer.customer_id), churn_field->field_code))) {
            ++lost;
        }
    }

    // --- second sync, nothing changed ---------------------------------------------------------------
    timeline.clear();
    const std::int64_t tokens_before_second = fake.tokens_spent();
    const auto counts_before_second = fake.request_counts();
    std::map<std::string, std::int64_t> write_tokens_before;
    for (const auto& [route, n] : counts_before_second) {
        if (is_write(route)) write_tokens_before[route] = fake.tokens_spent(route);
    }
    const Step second = run_crmhost({"--config", config.string(), "sync"}, log);
    std::int64_t second_write_tokens = 0;
    std::uint64_t second_requests = 0;
    for (const auto& [route, n] : fake.request_counts()) {
        const auto it = counts_before_second.find(route);
        const std::uint64_t delta = n - (it == counts_before_second.end() ? 0 : it->second);
        second_requests += delta;
        if (is_write(route)) second_write_tokens += fake.tokens_spent(route) - write_tokens_before[route];
    }

    // --- report -------------------------------------------------------------------------------------
    const double allowed = burst / std::chrono::duration<double>(window).count();
    const std::size_t pulled = in_pipedrive.record_count();
    std::printf("\ncompany: %zu deals, %zu persons, %zu activities and notes (%zu records incl. stage history)\n",
                in_pipedrive.deals.size(), in_pipedrive.contacts.size(), in_pipedrive.activities.size(), pulled);
    std::printf("limit: %d requests per rolling %lld ms (Pipedrive Growth: 40 per 2 s, window scaled 2x down)\n\n",
                burst, static_cast<long long>(window.count()));
    std::printf("first sync (crmhost process)         %8.1f s\n", first.seconds);
    std::printf("  requests                           %8llu  (%llu PATCH)\n",
                static_cast<unsigned long long>(requests_first), static_cast<unsigned long long>(write_requests));
    std::printf("  tokens spent                       %8lld  (read %lld, write %lld)\n",
                static_cast<long long>(tokens_first), static_cast<long long>(tokens_first - write_tokens),
                static_cast<long long>(write_tokens));
    std::printf("  read tokens per record pulled      %8.3f\n",
                static_cast<double>(tokens_first - write_tokens) / static_cast<double>(pulled));
    std::printf("  write tokens per record written    %8.3f  (%zu records)\n",
                records_written ? static_cast<double>(write_tokens) / static_cast<double>(records_written) : 0.0,
                records_written);
    std::printf("  changelog calls (stage history)    %8llu\n",
                static_cast<unsigned long long>(fake.request_count("GET /api/v1/deals/{id}/changelog")));
    std::printf("  achieved rate while sending        %6.1f req/s = %5.1f %% of the burst limit (goal >= 90%%)\n",
                achieved, 100.0 * achieved / allowed);
    std::printf("  peak requests in one window        %8d  (limit %d)\n", fake.peak_window_count(), burst);
    std::printf("  429 answers                        %8llu  = %.2f %% of requests (goal < 1%%); 403s %llu\n",
                static_cast<unsigned long long>(fake.rate_limited_count()),
                requests_first ? 100.0 * fake.rate_limited_count() / requests_first : 0.0,
                static_cast<unsigned long long>(fake.forbidden_count()));
    std::printf("  records lost                       %8zu  (%zu open deals, %zu customers checked)\n", lost,
                open_deals, card.customers.size());
    std::printf("  field values written twice         %8llu\n",
                static_cast<unsigned long long>(fake.fields_written_more_than_once()));
    std::printf("second sync, nothing changed         %8.1f s, exit %d\n", second.seconds, second.exit_code);
    std::printf("  requests %llu, tokens %lld, write tokens %lld\n", static_cast<unsigned long long>(second_requests),
                static_cast<long long>(fake.tokens_spent() - tokens_before_second),
                static_cast<long long>(second_write_tokens));
    fs::remove_all(work);
    return first.exit_code == 0 && second.exit_code == 0 ? 0 : 1;
}
