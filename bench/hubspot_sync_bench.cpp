// crmhost syncing a large portal from the fake HubSpot over TLS on loopback, under HubSpot's burst
// limit with the window scaled down (100 requests per 1 s instead of per 10 s) so the run takes
// about a minute: requests per record, the achieved request rate against the allowed one, 429s,
// records lost or written twice; what the full stage history costs in requests; then a second sync
// with nothing changed; a third after 1,000 deals were sent back to their first stage. Searches run at HubSpot's real search limit (4 per rolling second), unscaled.
// crmhost runs as a child process, exactly as a user runs it; the fake runs in this process.
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "bench/bench_company.hpp"
#include "bench/crmhost_child.hpp"
#include "bench/request_timeline.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace fs = std::filesystem;
using namespace sellerscore;
using sellerscore::bench::RequestTimeline;
using sellerscore::bench::run_crmhost;
using sellerscore::bench::Step;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int allowed_per_window = 100;
constexpr std::chrono::milliseconds window{1'000};  // HubSpot: 10 s; scaled 10x down

// Requests the dealstage history adds: deal list pages at 50 (HubSpot's page size with
// propertiesWithHistory) beyond the pages of 100 the deals took without it, and the batch reads that
// bring the histories of deals found by search.
std::uint64_t stage_history_requests(const std::map<std::string, std::uint64_t>& counts, std::size_t deals_listed) {
    const auto count = [&](const std::string& route) {
        const auto it = counts.find(route);
        return it == counts.end() ? std::uint64_t{0} : it->second;
    };
    const std::uint64_t pages = count("GET /crm/v3/objects/deals");
    const std::uint64_t pages_without = deals_listed == 0 ? 0 : (deals_listed + 99) / 100;
    return (pages > pages_without ? pages - pages_without : 0) + count("POST /crm/v3/objects/deals/batch/read");
}

std::uint64_t write_requests(const std::map<std::string, std::uint64_t>& counts) {
    std::uint64_t n = 0;
    for (const auto& [route, count] : counts) {
        if (route.rfind("GET ", 0) != 0 && route.find("/search") == std::string::npos &&
            route.find("batch/read") == std::string::npos) {
            n += count;
        }
    }
    return n;
}

std::map<std::string, std::uint64_t> difference(const std::map<std::string, std::uint64_t>& after,
                                                const std::map<std::string, std::uint64_t>& before) {
    std::map<std::string, std::uint64_t> d;
    for (const auto& [route, count] : after) {
        const auto it = before.find(route);
        const std::uint64_t was = it == before.end() ? 0 : it->second;
        if (count > was) d[route] = count - was;
    }
    return d;
}

}  // namespace

int main(int argc, char** argv) {
    demo::DemoOptions options;
    options.sellers = 50;
    options.contacts = 20'000;
    options.deals = 50'000;
    options.activities = 300'000;
    auto generated = bench::bench_company(options, argc, argv, "contacts", "engagements");
    if (!generated) return 1;
    const model::Dataset& source = *generated;

    fakes::FakeHubSpotOptions fake_options;
    fake_options.max_requests = allowed_per_window;
    fake_options.interval = window;
    fake_options.search_per_second = 4;  // HubSpot's search limit, per rolling second, not scaled
    fake_options.search_interval = std::chrono::milliseconds(1'000);
    fakes::FakeHubSpot fake(fake_options);
    const auto seed_start = Clock::now();
    const model::Dataset in_hubspot = fake.seed(source);
    std::printf("seeded the fake in %.1f s: %zu records as HubSpot holds them\n",
                std::chrono::duration<double>(Clock::now() - seed_start).count(), in_hubspot.record_count());

    RequestTimeline timeline;
    // Time the fake spends answering: if it nears the allowed interval per request, the fake, not
    // the connector, bounds the achieved rate.
    std::atomic<std::int64_t> fake_busy_ns{0};
    std::atomic<std::uint64_t> searches{0}, searches_429{0};
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "bench-hubspot-ca");
    fakes::LoopbackServer server(
        [&](const fakes::FakeRequest& request) {
            timeline.record();
            const auto started = Clock::now();
            fakes::FakeResponse response = fake.handle(request);
            if (request.path.ends_with("/search")) {
                ++searches;
                if (response.status == 429) ++searches_429;
            }
            fake_busy_ns += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count();
            return response;
        },
        certificate);

    const fs::path work = fs::temp_directory_path() / ("sellerscore-hubspot-bench-" + std::to_string(getpid()));
    fs::create_directories(work);
    const fs::path config = work / "sellerscore.json";
    const fs::path log = work / "crmhost.log";
    {
        std::ofstream out(config);
        out << boost::json::serialize(boost::json::object{
            {"connector", "hubspot"},
            {"hubspot",
             {{"base_url", server.base_url()},
              {"ca_file", ca_file},
              {"rate_limit_max", allowed_per_window},
              {"rate_limit_interval_ms", window.count()},
              {"search_per_second", 4}}},
            {"state_dir", (work / "state").string()},
            {"kpi", {{"as_of", model::format_rfc3339(options.end)}}}});
    }
    setenv("SELLERSCORE_HUBSPOT_TOKEN", fake_options.access_token.c_str(), 1);

    // --- first sync -------------------------------------------------------------------------------
    const Step first = run_crmhost({"--config", config.string(), "sync"}, log);
    if (first.exit_code != 0) {
        std::fprintf(stderr, "first sync failed (exit %d); see %s\n", first.exit_code, log.c_str());
        return 1;
    }
    const auto counts_first = fake.request_counts();
    const std::uint64_t requests_first = fake.request_count();
    const std::int64_t fake_busy_first_ns = fake_busy_ns.load();
    const std::uint64_t writes_first = write_requests(counts_first);
    const std::uint64_t rate_limited_first = fake.rate_limited_count();
    const std::uint64_t searches_first = searches.load(), searches_429_first = searches_429.load();
    const std::size_t deals_listed = fake.object_count("deals");
    const std::uint64_t property_writes = fake.total_property_writes();
    const std::uint64_t written_twice = fake.properties_written_more_than_once();
    const auto phases = timeline.phases(std::chrono::milliseconds(1'500));
    const double achieved_rate = timeline.sending_rate(std::chrono::milliseconds(1'500), 50);

    // Records lost: a deal or contact whose value the engine computes but HubSpot does not hold.
    kpi::KpiConfig kpi_config;
    kpi_config.as_of = options.end;
    const kpi::Scorecard card = kpi::compute_scorecard(in_hubspot, kpi_config);
    std::map<std::string, std::optional<double>> score_of;
    for (const auto& s : card.sellers) score_of[s.seller_id] = s.score;
    std::size_t open_deals = 0, deals_lost = 0, customers_lost = 0, records_written = 0;
    for (const auto& deal : in_hubspot.deals) {
        if (deal.status != model::DealStatus::open) continue;
        ++open_deals;
        const bool expected = score_of[deal.owner_id].has_value();
        const bool held = fake.value("deals", deal.id, "sellerscore_seller_score").has_value();
        if (expected && !held) ++deals_lost;
        if (fake.update_input_count("deals", deal.id) > 0) ++records_written;
    }
    for (const auto& customer : card.customers) {
        if (customer.churn_risk && !fake.value("contacts", customer.customer_id, "sellerscore_churn_risk")) {
            ++customers_lost;
        }
        if (fake.update_input_count("contacts", customer.customer_id) > 0) ++records_written;
    }

    // --- second sync, nothing changed --------------------------------------------------------------
    timeline.clear();
    const Step second = run_crmhost({"--config", config.string(), "sync"}, log);
    const auto counts_second = difference(fake.request_counts(), counts_first);
    std::uint64_t requests_second = 0;
    for (const auto& [route, n] : counts_second) requests_second += n;
    const std::uint64_t searches_second = searches.load() - searches_first;
    const std::uint64_t searches_429_second = searches_429.load() - searches_429_first;
    const std::uint64_t rate_limited_second = fake.rate_limited_count() - rate_limited_first;

    // --- third sync: 1,000 deals sent back to their first stage --------------------------------------
    constexpr std::size_t deals_moved = 1'000;
    std::map<std::string, std::string> first_stage;
    for (const auto& change : in_hubspot.stage_changes) first_stage.emplace(change.deal_id, change.stage_id);
    std::size_t moved = 0;
    for (const auto& deal : in_hubspot.deals) {
        if (moved == deals_moved) break;
        if (deal.status != model::DealStatus::open) continue;
        if (!fake.touch("deals", deal.id, {{"dealstage", first_stage[deal.id]}})) continue;
        ++moved;
    }
    const auto counts_before_third = fake.request_counts();
    const std::uint64_t searches_before_third = searches.load(), searches_429_before_third = searches_429.load();
    const std::uint64_t rate_limited_before_third = fake.rate_limited_count();
    const Step third = run_crmhost({"--config", config.string(), "sync"}, log);
    const auto counts_third = difference(fake.request_counts(), counts_before_third);
    std::uint64_t requests_third = 0;
    for (const auto& [route, n] : counts_third) requests_third += n;

    // --- report ------------------------------------------------------------------------------------
    const double allowed_rate = allowed_per_window / std::chrono::duration<double>(window).count();
    const std::size_t pulled = in_hubspot.record_count();
    std::printf("\nportal: %zu deals, %zu contacts, %zu engagements (%zu records read incl. stage history)\n",
                in_hubspot.deals.size(), in_hubspot.contacts.size(), in_hubspot.activities.size(), pulled);
    std::printf("limit: %d requests per %lld ms (HubSpot's 100 per 10 s, window scaled 10x down)\n\n",
                allowed_per_window, static_cast<long long>(window.count()));
    std::printf("first sync (crmhost process)        %8.1f s\n", first.seconds);
    std::printf("  requests                          %8llu  (%llu read, %llu write)\n",
                static_cast<unsigned long long>(requests_first),
                static_cast<unsigned long long>(requests_first - writes_first),
                static_cast<unsigned long long>(writes_first));
    std::printf("  read requests per record pulled   %8.4f\n",
                static_cast<double>(requests_first - writes_first) / static_cast<double>(pulled));
    std::printf("  write requests per record written %8.4f  (%zu records, %llu property values)\n",
                records_written ? static_cast<double>(writes_first) / static_cast<double>(records_written) : 0.0,
                records_written, static_cast<unsigned long long>(property_writes));
    for (std::size_t i = 0; i < phases.size(); ++i) {
        const double rate = phases[i].seconds > 0 ? (phases[i].requests - 1) / phases[i].seconds : 0;
        std::printf("  phase %zu: %6zu requests in %6.1f s = %6.1f req/s = %5.1f %% of the allowed rate\n", i + 1,
                    phases[i].requests, phases[i].seconds, rate, 100.0 * rate / allowed_rate);
    }
    const double achieved = achieved_rate;
    std::printf("  achieved rate while sending        %6.1f req/s = %5.1f %% of %.0f req/s (goal >= 90%%)\n",
                achieved, 100.0 * achieved / allowed_rate, allowed_rate);
    std::printf("  fake server time per request      %8.2f ms (the allowed rate leaves %.2f ms)\n",
                requests_first ? fake_busy_first_ns / 1e6 / static_cast<double>(requests_first) : 0.0,
                1000.0 / allowed_rate);
    std::printf("  peak requests in one window       %8d  (limit %d)\n", fake.peak_window_count(), allowed_per_window);
    std::printf("  429 answers                       %8llu  = %.2f %% of requests (goal < 1%%)\n",
                static_cast<unsigned long long>(rate_limited_first),
                requests_first ? 100.0 * rate_limited_first / requests_first : 0.0);
    std::printf("  searches                          %8llu  (429: %llu = %.2f %%; limit 4 per rolling second)\n",
                static_cast<unsigned long long>(searches_first), static_cast<unsigned long long>(searches_429_first),
                searches_first ? 100.0 * searches_429_first / searches_first : 0.0);
    std::printf("  requests for the stage history    %8llu  (%llu deal list pages at 50 with history, %zu deals)\n",
                static_cast<unsigned long long>(stage_history_requests(counts_first, deals_listed)),
                static_cast<unsigned long long>(counts_first.count("GET /crm/v3/objects/deals")
                                                    ? counts_first.at("GET /crm/v3/objects/deals")
                                                    : 0),
                deals_listed);
    std::printf("  records lost                      %8zu  (%zu open deals, %zu customers checked)\n",
                deals_lost + customers_lost, open_deals, card.customers.size());
    std::printf("  property values written twice    %8llu\n", static_cast<unsigned long long>(written_twice));
    std::printf("second sync, nothing changed        %8.1f s, exit %d\n", second.seconds, second.exit_code);
    std::printf("  requests                          %8llu  (write requests: %llu)\n",
                static_cast<unsigned long long>(requests_second),
                static_cast<unsigned long long>(write_requests(counts_second)));
    std::printf("  429 answers                       %8llu  = %.2f %% of requests\n",
                static_cast<unsigned long long>(rate_limited_second),
                requests_second ? 100.0 * rate_limited_second / requests_second : 0.0);
    std::printf("  searches                          %8llu  (429: %llu)\n",
                static_cast<unsigned long long>(searches_second), static_cast<unsigned long long>(searches_429_second));
    std::printf("  requests for the stage history    %8llu  (batch reads of the changed deals' histories)\n",
                static_cast<unsigned long long>(stage_history_requests(counts_second, 0)));
    for (const auto& [route, n] : counts_second) {
        std::printf("    %-58s %llu\n", route.c_str(), static_cast<unsigned long long>(n));
    }
    const std::uint64_t rate_limited_third = fake.rate_limited_count() - rate_limited_before_third;
    std::printf("third sync, %zu deals moved back      %8.1f s, exit %d\n", moved, third.seconds, third.exit_code);
    std::printf("  requests                          %8llu  (write requests: %llu)\n",
                static_cast<unsigned long long>(requests_third),
                static_cast<unsigned long long>(write_requests(counts_third)));
    std::printf("  429 answers                       %8llu  = %.2f %% of requests\n",
                static_cast<unsigned long long>(rate_limited_third),
                requests_third ? 100.0 * rate_limited_third / requests_third : 0.0);
    std::printf("  searches                          %8llu  (429: %llu)\n",
                static_cast<unsigned long long>(searches.load() - searches_before_third),
                static_cast<unsigned long long>(searches_429.load() - searches_429_before_third));
    std::printf("  requests for the stage history    %8llu  (batch reads of the changed deals' histories, 50 each)\n",
                static_cast<unsigned long long>(stage_history_requests(counts_third, 0)));
    fs::remove_all(work);
    return first.exit_code == 0 && second.exit_code == 0 && third.exit_code == 0 ? 0 : 1;
}
