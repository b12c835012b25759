// Times the KPI engine alone on the demo CRM generated in memory, single-threaded, best of three runs
// (wall and CPU time), in three parts: the KPIs bench/duckdb/kpi_duckdb.mjs recomputes in SQL (the
// dataset index and both windows' tallies), the BG/NBD churn-model fit of both windows on its own,
// and the whole compute_scorecard (which also builds channels, the score and the output). Reports the
// process's resident memory before and after loading the records and its peak during the compute.
// Optionally writes the records as interchange NDJSON and the engine's value of every scalar KPI per
// seller, team and organisation and window, for bench/duckdb/run_kpi_bench.sh to compare.
#include <malloc.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "host/demo/demo_crm_generator.hpp"
#include "plugin/kpi/bgnbd_fit.hpp"
#include "plugin/kpi/customer_results.hpp"
#include "plugin/kpi/customer_summary.hpp"
#include "plugin/kpi/dataset_index.hpp"
#include "plugin/kpi/kpi_catalog.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/kpi/tally_slots.hpp"
#include "plugin/kpi/window_tally.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace {

using sellerscore::demo::DemoCrmGenerator;
using sellerscore::demo::DemoOptions;
namespace model = sellerscore::model;
namespace kpi = sellerscore::kpi;

// The KPIs kpi_duckdb.mjs does not recompute: §6's expected churn needs the BG/NBD fit.
const std::vector<std::string> not_compared{"expected_churn"};

// A field of /proc/self/status in MiB ("VmRSS", "VmHWM"); -1 when it cannot be read.
double proc_status_mib(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next VmHWM is this phase's own peak.
bool reset_peak_rss() {
    std::ofstream clear_refs("/proc/self/clear_refs");
    clear_refs << "5";
    clear_refs.flush();
    return static_cast<bool>(clear_refs);
}

std::size_t heap_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
std::size_t heap_bytes(const std::optional<std::string>& s) { return s ? heap_bytes(*s) : 0; }

template <class Record>
std::size_t records_bytes(const std::vector<Record>& records) {
    std::size_t bytes = records.size() * sizeof(Record);
    for (const Record& r : records) {
        if constexpr (std::is_same_v<Record, model::Seller>) bytes += heap_bytes(r.id) + heap_bytes(r.name) + heap_bytes(r.email) + heap_bytes(r.team);
        if constexpr (std::is_same_v<Record, model::Stage>) bytes += heap_bytes(r.id) + heap_bytes(r.pipeline_id) + heap_bytes(r.name);
        if constexpr (std::is_same_v<Record, model::Contact>) bytes += heap_bytes(r.id) + heap_bytes(r.owner_id) + heap_bytes(r.channel) + heap_bytes(r.referred_by) + heap_bytes(r.company_id);
        if constexpr (std::is_same_v<Record, model::Deal>) bytes += heap_bytes(r.id) + heap_bytes(r.owner_id) + heap_bytes(r.contact_id) + heap_bytes(r.company_id) + heap_bytes(r.pipeline_id) + heap_bytes(r.stage_id);
        if constexpr (std::is_same_v<Record, model::StageChange>) bytes += heap_bytes(r.deal_id) + heap_bytes(r.stage_id);
        if constexpr (std::is_same_v<Record, model::Activity>) bytes += heap_bytes(r.id) + heap_bytes(r.owner_id) + heap_bytes(r.contact_id) + heap_bytes(r.deal_id);
        if constexpr (std::is_same_v<Record, model::Spend>) bytes += heap_bytes(r.channel) + heap_bytes(r.month);
    }
    return bytes;
}

// The bytes the Dataset's records need: one struct each plus strings too long for the small string
// buffer (vector slack and allocator overhead not counted).
std::size_t dataset_bytes(const model::Dataset& d) {
    return records_bytes(d.sellers) + records_bytes(d.stages) + records_bytes(d.contacts) + records_bytes(d.deals) +
           records_bytes(d.stage_changes) + records_bytes(d.activities) + records_bytes(d.spend);
}

boost::json::value json_of(std::optional<double> v) { return v ? boost::json::value(*v) : boost::json::value(nullptr); }

boost::json::object windows_of(const std::map<std::string, kpi::KpiValue>& kpis) {
    boost::json::object current;
    boost::json::object previous;
    for (const auto& [id, value] : kpis) {
        if (std::find(not_compared.begin(), not_compared.end(), id) != not_compared.end()) continue;
        current[id] = json_of(value.value);
        previous[id] = json_of(value.previous);
    }
    return {{"current", std::move(current)}, {"previous", std::move(previous)}};
}

// Slots named as kpi_duckdb.mjs names them: "seller:ID", "team:NAME", "organisation".
void write_kpis(const kpi::Scorecard& card, boost::json::object timings, const std::string& path) {
    boost::json::object slots;
    for (const kpi::SellerResult& seller : card.sellers) slots["seller:" + seller.seller_id] = windows_of(seller.kpis);
    for (const kpi::TeamResult& team : card.teams) slots["team:" + team.team] = windows_of(team.kpis);
    slots["organisation"] = windows_of(card.team);
    const boost::json::object document{
        {"as_of", model::format_rfc3339(card.as_of)}, {"timings", std::move(timings)}, {"slots", std::move(slots)}};
    std::ofstream(path) << boost::json::serialize(document) << '\n';
}

struct Timing {
    double wall_s = 1e300;
    double cpu_s = 1e300;
};

double cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// The best of `runs` runs, wall and CPU time each.
Timing best_of(int runs, const std::function<void()>& action) {
    Timing best;
    for (int run = 0; run < runs; ++run) {
        const double cpu_start = cpu_seconds();
        const auto start = std::chrono::steady_clock::now();
        action();
        best.wall_s = std::min(best.wall_s, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        best.cpu_s = std::min(best.cpu_s, cpu_seconds() - cpu_start);
    }
    return best;
}

// `count` customers drawn from the BG/NBD process itself with CDNOW's published parameters (r 0.243,
// α 4.414 weeks, a 0.793, b 2.426), first purchases spread over two years, purchases on whole days;
// summarised at day 730 (the window) and day 640 (the previous one, 90 days earlier). Fixed seed.
struct SimulatedCustomers {
    std::vector<kpi::CustomerSummary> now, before;
};

SimulatedCustomers simulate_customers(std::size_t count) {
    std::mt19937_64 random(20261001);
    std::gamma_distribution<double> purchase_rate(0.243, 1 / 4.414);  // per week
    std::gamma_distribution<double> beta_a(0.793, 1), beta_b(2.426, 1);
    std::uniform_real_distribution<double> unit(0, 1);
    constexpr int horizon_days = 730;
    const auto day = [](double d) { return static_cast<model::Timestamp>(d) * model::ms_per_day + model::ms_per_day / 2; };
    SimulatedCustomers customers;
    std::vector<model::Timestamp> purchases;
    for (std::size_t c = 0; c < count; ++c) {
        const double weekly_rate = purchase_rate(random);
        const double ga = beta_a(random);
        const double dropout = ga / (ga + beta_b(random));
        // Alive from the first purchase on; after each repeat purchase it drops out with p = dropout.
        double at = unit(random) * horizon_days;
        purchases.assign(1, day(at));
        for (;;) {
            at += -std::log(1 - unit(random)) / weekly_rate * 7;
            if (at >= horizon_days) break;
            purchases.push_back(day(at));
            if (unit(random) < dropout) break;
        }
        customers.now.push_back(*kpi::summarise_purchases(purchases, day(horizon_days)));
        if (const auto before = kpi::summarise_purchases(purchases, day(horizon_days - 90))) customers.before.push_back(*before);
    }
    return customers;
}

std::size_t distinct_triples(std::vector<kpi::CustomerSummary> customers) {
    std::sort(customers.begin(), customers.end());
    return static_cast<std::size_t>(std::unique(customers.begin(), customers.end()) - customers.begin());
}

int usage() {
    std::fprintf(stderr, "usage: kpi_bench [--size standard|large] [--ndjson DIR] [--kpis FILE.json]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::string size = "large";
    std::string ndjson_dir;
    std::string kpis_path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--size" && i + 1 < argc) {
            size = argv[++i];
        } else if (a == "--ndjson" && i + 1 < argc) {
            ndjson_dir = argv[++i];
        } else if (a == "--kpis" && i + 1 < argc) {
            kpis_path = argv[++i];
        } else {
            return usage();
        }
    }
    if (size != "standard" && size != "large") return usage();
    const DemoOptions options = size == "large" ? DemoOptions::large() : DemoOptions::standard();

    if (!ndjson_dir.empty()) {
        const auto start = std::chrono::steady_clock::now();
        if (const sellerscore::Status written = DemoCrmGenerator::write_ndjson(options, ndjson_dir); !written) {
            std::fprintf(stderr, "kpi_bench: writing NDJSON to %s failed: %s\n", ndjson_dir.c_str(),
                         written.message().c_str());
            return 1;
        }
        std::printf("ndjson written to %s in %.2f s\n", ndjson_dir.c_str(),
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }

    const double rss_before_load = proc_status_mib("VmRSS");
    model::Dataset data;
    const sellerscore::Status generated = DemoCrmGenerator::generate(options, [&](model::Dataset&& page) {
        data.append(std::move(page));
        return sellerscore::Status::ok();
    });
    if (!generated) {
        std::fprintf(stderr, "kpi_bench: generating the %s demo failed: %s\n", size.c_str(), generated.message().c_str());
        return 1;
    }
    // Growing the vectors freed their old buffers into malloc's free lists, still resident: handed
    // back here, or the engine would reuse them and its peak would hide its own allocations.
    malloc_trim(0);
    const double rss_after_load = proc_status_mib("VmRSS");
    const double records_mib = static_cast<double>(dataset_bytes(data)) / (1024.0 * 1024.0);

    kpi::KpiConfig config;
    config.as_of = options.end;
    constexpr int runs = 3;
    const bool peak_reset = reset_peak_rss();
    kpi::Scorecard card;
    const Timing whole = best_of(runs, [&] { card = kpi::compute_scorecard(data, config); });
    const double peak_during_compute = proc_status_mib("VmHWM");
    const double rss_after_compute = proc_status_mib("VmRSS");

    // The same steps compute_scorecard takes, timed apart (window_tally.hpp, customer_results.hpp).
    const model::Timestamp window_ms = config.window_days * model::ms_per_day;
    const model::Timestamp horizon_ms = config.churn_horizon_days * model::ms_per_day;
    const kpi::Window current{config.as_of - window_ms, config.as_of, horizon_ms};
    const kpi::Window previous{config.as_of - 2 * window_ms, config.as_of - window_ms, horizon_ms};
    std::size_t tallies = 0;
    const Timing kpis = best_of(runs, [&] {
        const kpi::DatasetIndex index(data, config.customer_entity, previous.start, current.as_of);
        const kpi::TallySlots slots(data.sellers, index.seller_ids);
        tallies = kpi::tally_window({index, slots, current}).size() + kpi::tally_window({index, slots, previous}).size();
    });
    const kpi::DatasetIndex index(data, config.customer_entity, previous.start, current.as_of);
    std::size_t customers = 0;
    const Timing fit = best_of(runs, [&] {
        customers = kpi::customer_results(index, current).customers.size() +
                    kpi::customer_results(index, previous).customers.size();
    });

    const SimulatedCustomers simulated = simulate_customers(100'000);
    kpi::BgNbdFit simulated_now, simulated_before;
    const Timing simulated_fit = best_of(runs, [&] {
        simulated_now = kpi::fit_bgnbd(simulated.now);
        simulated_before = kpi::fit_bgnbd(simulated.before);
    });

    std::printf("demo %s: %zu records (%zu activities, %zu deals, %zu contacts, %zu sellers), as_of %s\n",
                size.c_str(), data.record_count(), data.activities.size(), data.deals.size(), data.contacts.size(),
                data.sellers.size(), model::format_rfc3339(config.as_of).c_str());
    std::printf("engine, 1 thread, best of %d (wall / CPU):\n", runs);
    std::printf("  KPIs of both windows (index + tallies, %zu slots, no churn fit): %.3f s / %.3f s\n", tallies / 2,
                kpis.wall_s, kpis.cpu_s);
    std::printf("  churn-model fit of both windows (%zu customer rows):          %.3f s / %.3f s\n", customers,
                fit.wall_s, fit.cpu_s);
    std::printf("  compute_scorecard (everything):                              %.3f s / %.3f s\n", whole.wall_s,
                whole.cpu_s);
    std::printf("  churn model: %s\n", card.churn_model.note.c_str());
    std::vector<double> risks;
    for (const kpi::CustomerResult& customer : card.customers) {
        if (customer.churn_risk) risks.push_back(*customer.churn_risk);
    }
    if (!risks.empty()) {
        std::sort(risks.begin(), risks.end());
        const auto quantile = [&](double q) { return risks[static_cast<std::size_t>(q * static_cast<double>(risks.size() - 1))]; };
        std::printf("  churn_risk over %zu customers: p10 %.3f, median %.3f, p90 %.3f\n", risks.size(), quantile(0.1),
                    quantile(0.5), quantile(0.9));
    }
    std::printf("BG/NBD fit alone, 100,000 simulated customers (CDNOW's parameters), both windows, best of %d:\n"
                "  %.3f s wall / %.3f s CPU; window: %zu customers, %zu distinct (x, t_x, T), %s after %d "
                "evaluations (r %.3f, alpha %.3f, a %.3f, b %.3f); previous: %zu customers, %s after %d evaluations\n",
                runs, simulated_fit.wall_s, simulated_fit.cpu_s, simulated.now.size(), distinct_triples(simulated.now),
                simulated_now.converged ? "converged" : "NOT converged", simulated_now.evaluations,
                simulated_now.parameters.r, simulated_now.parameters.alpha, simulated_now.parameters.a,
                simulated_now.parameters.b, simulated.before.size(),
                simulated_before.converged ? "converged" : "NOT converged", simulated_before.evaluations);
    std::printf("records held: %.1f MiB (structs + long strings); RSS %.1f MiB before load, %.1f MiB after load "
                "(+%.1f MiB)\n",
                records_mib, rss_before_load, rss_after_load, rss_after_load - rss_before_load);
    std::printf("compute_scorecard: peak RSS %.1f MiB%s (+%.1f MiB over the loaded records, %.2fx their size; "
                "peak/records %.2fx), RSS after compute %.1f MiB\n",
                peak_during_compute, peak_reset ? "" : " (VmHWM could not be reset: process-wide peak)",
                peak_during_compute - rss_after_load, (peak_during_compute - rss_after_load) / records_mib,
                peak_during_compute / records_mib, rss_after_compute);
    if (!kpis_path.empty()) {
        write_kpis(card,
                   {{"runs", runs}, {"kpis_wall_s", kpis.wall_s}, {"kpis_cpu_s", kpis.cpu_s}, {"fit_wall_s", fit.wall_s},
                    {"fit_cpu_s", fit.cpu_s}, {"fit_100k_wall_s", simulated_fit.wall_s},
                    {"fit_100k_cpu_s", simulated_fit.cpu_s}, {"scorecard_wall_s", whole.wall_s}, {"scorecard_cpu_s", whole.cpu_s}},
                   kpis_path);
    }
    return 0;
}
