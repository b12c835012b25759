// crmhost syncing a large org from the fake Salesforce over TLS on loopback (issue 10's figures):
// API calls per record pulled and per record written, the first sync read through Bulk API 2.0 query
// jobs (salesforce.bulk_threshold at its default, 10,000) and written through Bulk API 2.0 ingest jobs
// (bulk_write_threshold at its default, 2,000) against the same sync read through REST query pages
// only and written through composite calls (thresholds above every count / 0), the share of a 100,000-call daily
// allocation the first sync takes, then a second sync with nothing changed; records lost and values
// written twice. crmhost runs as a child process, exactly as a user runs it; the fake runs in this
// process, a fresh org for each first sync.
#include <unistd.h>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bench/bench_company.hpp"
#include "bench/crmhost_child.hpp"
#include "bench/opportunity_field_history.hpp"
#include "bench/request_timeline.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace fs = std::filesystem;
using namespace sellerscore;
using sellerscore::bench::RequestTimeline;
using sellerscore::bench::run_crmhost;
using sellerscore::bench::Step;
using Clock = std::chrono::steady_clock;

namespace {

const std::string api = "/services/data/v62.0";
constexpr std::int64_t daily_allocation = 100'000;  // the base allocation of every paid edition
constexpr std::int64_t above_every_count = 1'000'000'000;

// The calls one crmhost run made, by the resources that matter for cost.
struct Calls {
    std::int64_t total = 0;  // counted against the daily allocation
    std::size_t query_pages = 0;  // /query, /queryAll and their nextRecordsUrl pages
    std::size_t bulk = 0;         // /jobs/query: create, status, results
    std::size_t composite = 0;    // PATCH /composite/sobjects
    std::size_t ingest = 0;       // /jobs/ingest: create, upload, close, status, results
    std::size_t setup = 0;        // Tooling API and sObject creates: fields and their permissions
    std::size_t records_written = 0;
    std::size_t unchanged_writes = 0;

    static Calls of(const fakes::FakeSalesforce& fake) {
        Calls c;
        c.total = fake.api_usage();
        c.query_pages = fake.requests(api + "/query");
        c.bulk = fake.requests(api + "/jobs/query");
        c.composite = fake.requests(api + "/composite/sobjects");
        c.ingest = fake.requests(api + "/jobs/ingest");
        c.setup = fake.requests(api + "/tooling") + fake.requests(api + "/sobjects");
        c.records_written = fake.records_written();
        c.unchanged_writes = fake.writes_that_changed_nothing();
        return c;
    }
    Calls since(const Calls& before) const {
        return {total - before.total,
                query_pages - before.query_pages,
                bulk - before.bulk,
                composite - before.composite,
                ingest - before.ingest,
                setup - before.setup,
                records_written - before.records_written,
                unchanged_writes - before.unchanged_writes};
    }
};

// "Opportunity" from "SELECT Id FROM Opportunity WHERE ...".
std::string from_object(const std::string& soql) {
    const std::size_t from = soql.find(" FROM ");
    if (from == std::string::npos) return "?";
    const std::size_t start = from + 6;
    return soql.substr(start, soql.find(' ', start) - start);
}

// Read calls by the object they read: a REST query's first page and a Bulk job's creation name it;
// the pages after (nextRecordsUrl) and a job's status and result reads are counted apart.
class ReadsByObject {
public:
    void record(const fakes::FakeRequest& request) {
        std::string key;
        if (request.method == "GET" && (request.path == api + "/query" || request.path == api + "/queryAll")) {
            const auto q = request.query.find("q");
            key = (q == request.query.end() ? "?" : from_object(q->second)) + ": REST query (first call)";
        } else if (request.method == "POST" && request.path == api + "/jobs/query") {
            const auto body = boost::json::parse(request.body);
            key = from_object(std::string(body.at("query").as_string())) + ": Bulk job created";
        } else if (request.path.starts_with(api + "/query/") || request.path.starts_with(api + "/queryAll/")) {
            key = "(any): REST next page";
        } else if (request.path.starts_with(api + "/jobs/query/")) {
            key = request.path.ends_with("/results") ? "(any): Bulk result set" : "(any): Bulk job status/close";
        } else {
            return;
        }
        std::lock_guard lock(mutex_);
        ++counts_[key];
    }
    std::map<std::string, std::size_t> counts() const {
        std::lock_guard lock(mutex_);
        return counts_;
    }

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::size_t> counts_;
};

void print_reads(const std::map<std::string, std::size_t>& counts) {
    for (const auto& [key, n] : counts) std::printf("      %-44s %6zu\n", key.c_str(), n);
}

// One org, seeded with the same data, behind its own TLS server, and a crmhost config for it.
class BenchOrg {
public:
    BenchOrg(const model::Dataset& source, const std::string& name, std::optional<std::int64_t> bulk_threshold,
             std::optional<std::int64_t> bulk_write_threshold)
        : certificate_(fakes::make_server_certificate()),
          ca_file_(fakes::write_temp_pem(certificate_.ca_pem, "bench-salesforce-ca")),
          server_(
              [this](const fakes::FakeRequest& request) {
                  timeline.record();
                  reads.record(request);
                  return fake.handle(request);
              },
              certificate_),
          work_(fs::temp_directory_path() / ("sellerscore-salesforce-bench-" + std::to_string(getpid()) + "-" + name)) {
        fake.set_instance_url(server_.base_url());
        const auto seed_start = Clock::now();
        in_salesforce = fake.seed(source);
        seed_seconds = std::chrono::duration<double>(Clock::now() - seed_start).count();
        fs::create_directories(work_);
        boost::json::object salesforce{{"base_url", server_.base_url()}, {"ca_file", ca_file_}};
        if (bulk_threshold) salesforce["bulk_threshold"] = *bulk_threshold;
        if (bulk_write_threshold) salesforce["bulk_write_threshold"] = *bulk_write_threshold;
        std::ofstream(config_) << boost::json::serialize(boost::json::object{
            {"connector", "salesforce"},
            {"salesforce", salesforce},
            {"state_dir", (work_ / "state").string()},
            {"kpi", {{"as_of", model::format_rfc3339(demo::DemoOptions::default_end)}}}});
    }
    ~BenchOrg() { fs::remove_all(work_); }

    Step sync() {
        const Step step = run_crmhost({"--config", config_.string(), "sync"}, log_);
        if (step.exit_code != 0) std::fprintf(stderr, "sync exit %d; see %s\n", step.exit_code, log_.c_str());
        return step;
    }

    // Open opportunities whose seller has a score, and customers with a churn risk, that the org
    // does not hold a value for after the sync.
    std::size_t records_lost(std::size_t& checked) const {
        kpi::KpiConfig config;
        config.as_of = demo::DemoOptions::default_end;
        const kpi::Scorecard card = kpi::compute_scorecard(in_salesforce, config);
        std::map<std::string, std::optional<double>> score_of;
        for (const auto& s : card.sellers) score_of[s.seller_id] = s.score;
        std::size_t lost = 0;
        checked = 0;
        for (const model::Deal& deal : in_salesforce.deals) {
            if (deal.status != model::DealStatus::open) continue;
            ++checked;
            if (score_of[deal.owner_id] && !fake.value("Opportunity", deal.id, "Seller_Score__c")) ++lost;
        }
        for (const auto& customer : card.customers) {
            ++checked;
            if (customer.churn_risk && !fake.value("Contact", customer.customer_id, "Churn_Risk__c")) ++lost;
        }
        return lost;
    }

    fakes::FakeSalesforce fake;
    RequestTimeline timeline;
    ReadsByObject reads;
    model::Dataset in_salesforce;
    double seed_seconds = 0;

private:
    fakes::ServerCertificate certificate_;
    std::string ca_file_;
    fakes::LoopbackServer server_;
    fs::path work_;
    fs::path config_ = work_ / "sellerscore.json";
    fs::path log_ = work_ / "crmhost.log";
};

void print_first_sync(const char* title, const Step& step, const Calls& c, std::size_t pulled, std::size_t lost,
                      std::size_t checked) {
    const std::size_t writes = c.composite + c.ingest;
    const std::int64_t reads = c.total - static_cast<std::int64_t>(writes);
    std::printf("%s %8.1f s, exit %d\n", title, step.seconds, step.exit_code);
    std::printf("  API calls                         %8lld  = %.2f %% of a %lld-call daily allocation\n",
                static_cast<long long>(c.total), 100.0 * static_cast<double>(c.total) / daily_allocation,
                static_cast<long long>(daily_allocation));
    std::printf("    query pages (REST)              %8zu\n", c.query_pages);
    std::printf("    Bulk 2.0 query job calls        %8zu\n", c.bulk);
    std::printf("    composite writes                %8zu\n", c.composite);
    std::printf("    Bulk 2.0 ingest job calls       %8zu\n", c.ingest);
    std::printf("    field setup (tooling, sobjects) %8zu\n", c.setup);
    std::printf("  calls per record pulled           %8.5f  (%lld calls other than writes, %zu records)\n",
                static_cast<double>(reads) / static_cast<double>(pulled), static_cast<long long>(reads), pulled);
    std::printf("  calls per record written          %8.5f  (%zu write calls: %zu composite + %zu ingest; %zu records)\n",
                c.records_written ? static_cast<double>(writes) / static_cast<double>(c.records_written) : 0.0,
                writes, c.composite, c.ingest, c.records_written);
    std::printf("  records lost                      %8zu  (of %zu open opportunities and customers checked)\n", lost,
                checked);
    std::printf("  values written twice              %8zu  (writes that changed nothing)\n", c.unchanged_writes);
}

}  // namespace

int main(int argc, char** argv) {
    demo::DemoOptions options;
    options.sellers = 50;
    options.contacts = 20'000;
    options.deals = 50'000;
    options.activities = 300'000;
    auto generated = bench::bench_company(options, argc, argv, "contacts", "activities");
    if (!generated) return 1;
    model::Dataset source = std::move(*generated);
    source.spend.clear();  // Salesforce holds no ad spend
    // 8 OpportunityHistory rows per opportunity: 400,000 for the 50,000 (stage moves + field edits).
    bench::add_opportunity_field_history(source, 8, demo::DemoOptions::default_end);

    const fakes::FakeSalesforceOptions defaults;
    setenv("SELLERSCORE_SALESFORCE_CLIENT_ID", defaults.client_id.c_str(), 1);
    setenv("SELLERSCORE_SALESFORCE_CLIENT_SECRET", defaults.client_secret.c_str(), 1);
    setenv("SELLERSCORE_SALESFORCE_REFRESH_TOKEN", defaults.refresh_token.c_str(), 1);

    // --- first sync, REST query pages only (one org, released before the next is seeded) ----------
    Step rest_step;
    Calls rest;
    std::map<std::string, std::size_t> rest_reads;
    std::size_t rest_lost = 0, rest_checked = 0;
    {
        BenchOrg org(source, "rest", above_every_count, 0);
        rest_step = org.sync();
        rest = Calls::of(org.fake);
        rest_reads = org.reads.counts();
        rest_lost = org.records_lost(rest_checked);
    }

    // --- first sync, default threshold (Bulk 2.0 for objects of >= 10,000 rows) ---------------------
    BenchOrg org(source, "bulk", std::nullopt, std::nullopt);
    const model::Dataset& in_sf = org.in_salesforce;
    const std::size_t history = in_sf.stage_changes.size();
    const std::size_t pulled = in_sf.record_count();
    std::printf("org: %zu opportunities, %zu history rows, %zu contacts (every second from a lead), %zu tasks and "
                "events; %zu records read in all (seeded in %.1f s)\n\n",
                in_sf.deals.size(), history, in_sf.contacts.size(), in_sf.activities.size(), pulled, org.seed_seconds);

    const Step bulk_step = org.sync();
    const Calls bulk = Calls::of(org.fake);
    const auto bulk_reads = org.reads.counts();
    std::size_t bulk_checked = 0;
    const std::size_t bulk_lost = org.records_lost(bulk_checked);

    // --- second sync, nothing changed ------------------------------------------------------------
    const Step second_step = org.sync();
    const Calls second = Calls::of(org.fake).since(bulk);

    print_first_sync("first sync, thresholds at their defaults (bulk_threshold 10,000, bulk_write_threshold 2,000)\n"
                     "                                   ",
                     bulk_step, bulk, pulled, bulk_lost, bulk_checked);
    std::printf("    read calls by object:\n");
    print_reads(bulk_reads);
    print_first_sync("first sync, REST only (bulk_threshold 1e9, bulk_write_threshold 0: composite writes)\n"
                     "                                   ",
                     rest_step, rest, pulled, rest_lost, rest_checked);
    std::printf("    read calls by object:\n");
    print_reads(rest_reads);
    std::printf("second sync, nothing changed       %8.1f s, exit %d\n", second_step.seconds, second_step.exit_code);
    std::printf("  API calls                         %8lld  (query pages %zu, bulk %zu, composite %zu, ingest %zu, setup %zu)\n",
                static_cast<long long>(second.total), second.query_pages, second.bulk, second.composite, second.ingest,
                second.setup);
    std::printf("  records written                   %8zu\n", second.records_written);
    std::printf("  values written twice              %8zu\n", second.unchanged_writes);
    std::printf("first sync's write-back: %zu calls through composite (%zu records) against %zu through Bulk 2.0 ingest "
                "(%zu records)\n",
                rest.composite + rest.ingest, rest.records_written, bulk.composite + bulk.ingest, bulk.records_written);
    return rest_step.exit_code == 0 && bulk_step.exit_code == 0 && second_step.exit_code == 0 ? 0 : 1;
}
