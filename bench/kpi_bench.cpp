// Times the KPI engine alone: the demo CRM generated in memory, then one single-threaded
// compute_scorecard (both windows, the score and the churn model are all inside it), with the
// process's resident memory before and after loading the records and its peak during the compute.
// Optionally writes the records as interchange NDJSON and the engine's values of the KPIs that
// bench/duckdb/kpi_duckdb.mjs recomputes in SQL, for bench/duckdb/run_kpi_bench.sh to compare.
#include <malloc.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "host/demo/demo_crm_generator.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace {

using sellerscore::demo::DemoCrmGenerator;
using sellerscore::demo::DemoOptions;
namespace model = sellerscore::model;
namespace kpi = sellerscore::kpi;

// The KPIs kpi_duckdb.mjs computes in SQL, per seller, for the current window.
const std::vector<std::string> compared_kpis{"calls_count",    "emails_count",   "visits_count",
                                             "meetings_count", "win_rate",       "avg_sale_value",
                                             "avg_sales_cycle_days", "conversion_rate", "retention_rate"};

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

void write_kpis(const kpi::Scorecard& card, double compute_seconds, const std::string& path) {
    boost::json::object sellers;
    for (const kpi::SellerResult& seller : card.sellers) {
        boost::json::object values;
        for (const std::string& id : compared_kpis) {
            const auto it = seller.kpis.find(id);
            values[id] = it == seller.kpis.end() ? boost::json::value(nullptr) : json_of(it->second.value);
        }
        sellers[seller.seller_id] = std::move(values);
    }
    boost::json::array missing;
    for (const std::string& id : compared_kpis) {
        if (card.sellers.empty() || !card.sellers.front().kpis.contains(id)) missing.emplace_back(id);
    }
    const boost::json::object document{{"as_of", model::format_rfc3339(card.as_of)},
                                       {"compute_seconds", compute_seconds},
                                       {"kpis_missing_from_engine", std::move(missing)},
                                       {"sellers", std::move(sellers)}};
    std::ofstream(path) << boost::json::serialize(document) << '\n';
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
    const bool peak_reset = reset_peak_rss();
    const auto start = std::chrono::steady_clock::now();
    const kpi::Scorecard card = kpi::compute_scorecard(data, config);
    const double compute_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double peak_during_compute = proc_status_mib("VmHWM");
    const double rss_after_compute = proc_status_mib("VmRSS");

    std::printf("demo %s: %zu records (%zu activities, %zu deals, %zu contacts, %zu sellers), as_of %s\n",
                size.c_str(), data.record_count(), data.activities.size(), data.deals.size(), data.contacts.size(),
                data.sellers.size(), model::format_rfc3339(config.as_of).c_str());
    std::printf("compute_scorecard: %.3f s single-threaded (%.0f records/s)\n", compute_seconds,
                static_cast<double>(data.record_count()) / compute_seconds);
    std::printf("records held: %.1f MiB (structs + long strings); RSS %.1f MiB before load, %.1f MiB after load "
                "(+%.1f MiB)\n",
                records_mib, rss_before_load, rss_after_load, rss_after_load - rss_before_load);
    std::printf("engine phase: peak RSS %.1f MiB%s (+%.1f MiB over the loaded records, %.2fx their size), "
                "RSS after compute %.1f MiB\n",
                peak_during_compute, peak_reset ? "" : " (VmHWM could not be reset: process-wide peak)",
                peak_during_compute - rss_after_load, (peak_during_compute - rss_after_load) / records_mib,
                rss_after_compute);
    if (!kpis_path.empty()) write_kpis(card, compute_seconds, kpis_path);
    return 0;
}
