#include "fault_matrix.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

#include "crmhost_process.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/integration/host_scratch_directory.hpp"

namespace sellerscore::faults {

namespace {

using host::testing::ScratchDirectory;

std::string last_line(const std::string& text) {
    std::size_t end = text.find_last_not_of("\r\n");
    if (end == std::string::npos) return "";
    const std::size_t start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// The config crmhost syncs with, in `dir`, and the environment it runs in.
std::filesystem::path write_config(const VendorWorld& world, const ScratchDirectory& dir) {
    boost::json::object config{{"connector", world.connector()},
                               {world.connector(), world.section()},
                               {"state_dir", (dir.path() / "state").string()},
                               {"kpi", {{"as_of", model::format_rfc3339(demo::DemoOptions::default_end)}}}};
    return dir.write("sellerscore.json", boost::json::serialize(config));
}

std::map<std::string, std::string> environment(const VendorWorld& world) {
    std::map<std::string, std::string> env = world.credentials();
    env["SELLERSCORE_PLUGIN"] = SELLERSCORE_PLUGIN_PATH;
    // A build tree's plugin is not from a signed package; crmhost loads it only with this override.
    env["SELLERSCORE_ALLOW_UNSIGNED_PLUGIN"] = "1";
    return env;
}

// One crmhost sync; `started` learns the process as soon as it exists (request hooks use it).
CrmhostExit sync_once(const VendorWorld& world, const ScratchDirectory& dir,
                      std::atomic<const CrmhostProcess*>* started = nullptr) {
    const std::filesystem::path config = write_config(world, dir);
    CrmhostProcess child({"--config", config.string(), "sync"}, dir.path(), environment(world));
    if (started) started->store(&child);
    CrmhostExit exit = child.wait();
    if (started) started->store(nullptr);
    return exit;
}

void compare(const FieldValues& clean, const FieldValues& now, MatrixRow& row) {
    for (const auto& [key, value] : clean) {
        const auto found = now.find(key);
        if (found == now.end()) ++row.values_lost;
        else if (found->second != value) ++row.values_differ;
    }
    for (const auto& [key, value] : now)
        if (!clean.count(key)) ++row.values_extra;
}

}  // namespace

demo::DemoOptions matrix_company() {
    demo::DemoOptions o;
    o.seed = 21;
    o.sellers = 4;
    o.contacts = 150;
    o.deals = 120;
    o.activities = 600;
    o.months = 24;
    return o;
}

FaultMatrix::FaultMatrix(WorldFactory make_world) : make_world_(std::move(make_world)) {
    const std::unique_ptr<VendorWorld> world = make_world_();
    ScratchDirectory dir;
    const std::uint64_t refreshes_before = world->token_refreshes();
    const CrmhostExit exit = sync_once(*world, dir);
    clean_.exit_code = exit.code;
    clean_.err = exit.err;
    clean_.values = world->values();
    clean_.written_twice = world->writes_that_changed_nothing();
    clean_.refreshes = world->token_refreshes() - refreshes_before;
    clean_.requests = world->injector.request_log();
    for (std::size_t i = 0; i < clean_.requests.size(); ++i) {
        if (world->is_value_write(clean_.requests[i])) clean_.value_writes.push_back(i + 1);
    }
    if (!clean_.value_writes.empty()) clean_.first_write = clean_.value_writes.front();
}

std::vector<MatrixRow> FaultMatrix::run(const std::vector<RowSpec>& specs) {
    std::vector<MatrixRow> rows(specs.size());
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < parallel_rows; ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < specs.size(); i = next++) rows[i] = run_one(specs[i]);
        });
    }
    for (std::thread& worker : workers) worker.join();
    rows_.insert(rows_.end(), rows.begin(), rows.end());
    return rows;
}

MatrixRow FaultMatrix::run_one(const RowSpec& spec) const {
    const std::unique_ptr<VendorWorld> world = make_world_();
    ScratchDirectory dir;
    MatrixRow row;
    row.vendor = world->name();
    row.fault = spec.fault;
    row.at_request = spec.at_request;
    const std::uint64_t first_affected = spec.kills ? spec.at_request : spec.at_request + 1;
    row.phase = clean_.first_write != 0 && first_affected >= clean_.first_write ? "write" : "read";

    std::atomic<const CrmhostProcess*> child{nullptr};
    VendorWorld* armed = world.get();
    const auto& arm = spec.arm;
    world->injector.on_request(spec.at_request, spec.timing, [armed, &child, &arm] {
        // The hook can fire before sync_once has published the child: wait for it briefly.
        for (int i = 0; i < 1000 && child.load() == nullptr; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        if (const CrmhostProcess* process = child.load()) arm(*armed, *process);
    });
    const std::uint64_t refreshes_before = world->token_refreshes();
    const CrmhostExit faulted = sync_once(*world, dir, &child);
    row.fault_exit = faulted.code;
    row.fault_line = last_line(faulted.err);
    row.refreshes = world->token_refreshes() - refreshes_before;

    for (const auto& [key, value] : world->values())
        if (key.rfind("fields/", 0) != 0) ++row.values_after_fault;

    world->heal();
    const CrmhostExit rerun = sync_once(*world, dir);
    row.rerun_exit = rerun.code;
    if (rerun.code != 0 && row.fault_line.empty()) row.fault_line = "re-run: " + last_line(rerun.err);
    compare(clean_.values, world->values(), row);
    row.written_twice = world->writes_that_changed_nothing();
    return row;
}

std::uint64_t FaultMatrix::read_middle() const {
    std::uint64_t last_schema_change = 0;
    for (std::uint64_t n = 1; n < clean_.first_write; ++n) {
        const std::string& request = clean_.requests[n - 1];
        const bool reads = request.rfind("GET ", 0) == 0 || request.find("/search") != std::string::npos ||
                           request.find("/oauth") != std::string::npos;
        if (!reads) last_schema_change = n;
    }
    return std::max<std::uint64_t>(1, (last_schema_change + clean_.first_write) / 2);
}

std::vector<std::pair<std::uint64_t, fakes::HookTiming>> FaultMatrix::kill_points(std::size_t minimum) const {
    using fakes::HookTiming;
    std::vector<std::pair<std::uint64_t, HookTiming>> points;
    const std::uint64_t total = clean_.requests.size();
    const std::uint64_t first_write = clean_.first_write == 0 ? total + 1 : clean_.first_write;
    const std::uint64_t writes = total + 1 - first_write;
    // Value writes both before and after the vendor applied them (up to five of them, spread), then
    // the rest of the write-back (what follows the writes, e.g. the cursor after them) up to ten.
    const std::vector<std::uint64_t>& values = clean_.value_writes;
    const std::size_t chosen = std::min<std::size_t>(5, values.size());
    for (std::size_t i = 0; i < chosen; ++i) {
        const std::uint64_t n = values[chosen == 1 ? 0 : i * (values.size() - 1) / (chosen - 1)];
        points.emplace_back(n, HookTiming::before_vendor);
        points.emplace_back(n, HookTiming::after_vendor);
    }
    for (std::uint64_t i = 0; points.size() < 10 && writes > 1 && i < 20; ++i) {
        const std::pair<std::uint64_t, HookTiming> point{first_write + i * (writes - 1) / 19,
                                                         i % 2 ? HookTiming::after_vendor : HookTiming::before_vendor};
        if (std::find(points.begin(), points.end(), point) == points.end()) points.push_back(point);
    }
    // The rest over the read (and schema) requests before the write-back.
    const std::uint64_t reads = first_write - 1;
    const std::size_t read_points = std::max<std::size_t>(10, minimum > points.size() ? minimum - points.size() : 0);
    for (std::size_t i = 0; i < read_points && reads > 0; ++i) {
        const std::uint64_t n = 1 + i * (reads - 1) / std::max<std::size_t>(1, read_points - 1);
        points.emplace_back(n, i % 2 ? HookTiming::after_vendor : HookTiming::before_vendor);
    }
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    return points;
}

void FaultMatrix::print(const char* title) const {
    std::printf("\n%s\n(held: values in the CRM right after the faulted run; twice: writes that changed nothing, "
                "both runs; refr: token grants in the faulted run)\nclean run: exit %d, %zu requests (first value write: request %llu), %zu values, "
                "%llu written twice\n",
                title, clean_.exit_code, clean_.requests.size(), static_cast<unsigned long long>(clean_.first_write),
                clean_.values.size(), static_cast<unsigned long long>(clean_.written_twice));
    std::printf("%-18s %-34s %-5s %5s %4s %5s %5s %6s %6s %5s %5s %4s  %s\n", "vendor", "fault", "phase", "at", "exit",
                "held", "rerun", "differ", "lost", "extra", "twice", "refr", "last stderr line of the faulted run");
    for (const MatrixRow& r : rows_) {
        std::printf("%-18s %-34s %-5s %5llu %4d %5zu %5d %6zu %6zu %5zu %5llu %4llu  %.110s\n", r.vendor.c_str(),
                    r.fault.c_str(), r.phase.c_str(), static_cast<unsigned long long>(r.at_request), r.fault_exit,
                    r.values_after_fault, r.rerun_exit, r.values_differ, r.values_lost, r.values_extra,
                    static_cast<unsigned long long>(r.written_twice), static_cast<unsigned long long>(r.refreshes),
                    r.fault_line.c_str());
    }
    std::fflush(stdout);
}

}  // namespace sellerscore::faults
