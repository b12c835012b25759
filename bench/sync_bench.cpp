// Times the user path on the embedded CRM (import, full sync, no-change re-sync, forced re-sync),
// each step a child crmhost process whose wall time and peak RSS come from wait4().
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "host/demo/demo_crm_generator.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace fs = std::filesystem;
using sellerscore::demo::DemoCrmGenerator;
using sellerscore::demo::DemoOptions;

namespace {

struct StepResult {
    double seconds = 0;
    double peak_rss_mb = 0;
    int exit_code = 0;
};

StepResult run_crmhost(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<char*> argv;
    std::string exe = SELLERSCORE_CRMHOST_PATH;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);

    // The plugin of a build tree is not from a signed package (docs/operations.md, "Signed packages").
    setenv("SELLERSCORE_ALLOW_UNSIGNED_PLUGIN", "1", 1);
    std::fflush(stdout);  // or the child inherits, and prints again, what is still buffered
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        std::FILE* out = std::freopen(log.c_str(), "a", stdout);
        std::FILE* err = std::freopen(log.c_str(), "a", stderr);
        if (out == nullptr || err == nullptr) _exit(127);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    StepResult r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.peak_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

void print_step(const char* name, const StepResult& r) {
    std::printf("%-34s %8.2f s   peak RSS %7.1f MB   exit %d\n", name, r.seconds, r.peak_rss_mb, r.exit_code);
}

}  // namespace

int main(int argc, char** argv) {
    std::string size = "large";
    fs::path dir;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--size" && i + 1 < argc) {
            size = argv[++i];
        } else if (a == "--dir" && i + 1 < argc) {
            dir = argv[++i];
        } else {
            std::fprintf(stderr, "usage: sync_bench [--size standard|large] [--dir DIR]\n");
            return 2;
        }
    }
    const DemoOptions options = size == "standard" ? DemoOptions::standard() : DemoOptions::large();
    const bool keep = !dir.empty();
    if (!keep) dir = fs::temp_directory_path() / ("sellerscore-bench-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path ndjson = dir / "ndjson", log = dir / "crmhost.log", config = dir / "sellerscore.json";

    auto t0 = std::chrono::steady_clock::now();
    if (auto st = DemoCrmGenerator::write_ndjson(options, ndjson); !st) {
        std::fprintf(stderr, "sync_bench: %s\n", st.message().c_str());
        return 1;
    }
    const double generate_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::size_t records = 0;
    for (const auto& entry : fs::directory_iterator(ndjson)) {
        std::ifstream in(entry.path());
        records += static_cast<std::size_t>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
    }

    {
        std::ofstream out(config);
        out << boost::json::serialize(boost::json::object{
            {"connector", "local"},
            {"local", {{"database", "crm.sqlite"}}},
            {"state_dir", "state"},
            {"kpi", {{"as_of", sellerscore::model::format_rfc3339(options.end)}}}});
    }
    const std::string cfg = config.string();

    std::printf("sync_bench: preset %s, %zu records (%d sellers, %d contacts, %d deals, %d activities)\n",
                size.c_str(), records, options.sellers, options.contacts, options.deals, options.activities);
    std::printf("%-34s %8.2f s\n", "generate NDJSON (not a target)", generate_s);
    const StepResult import = run_crmhost({"--config", cfg, "import", ndjson.string()}, log);
    print_step("crmhost import", import);
    const StepResult full = run_crmhost({"--config", cfg, "sync"}, log);
    print_step("crmhost sync (first, full)", full);
    const StepResult again = run_crmhost({"--config", cfg, "sync"}, log);
    print_step("crmhost sync (no change)", again);
    const StepResult forced = run_crmhost({"--config", cfg, "sync", "--full"}, log);
    print_step("crmhost sync --full (no change)", forced);

    std::printf("\nimport rate                      %10.0f records/s   (target >= 200,000)\n",
                static_cast<double>(records) / import.seconds);
    std::printf("full sync                        %10.2f s           (target <= 30 s)\n", full.seconds);
    std::printf("full sync peak RSS               %10.1f MB          (target <= 1,536 MB)\n", full.peak_rss_mb);
    std::printf("no-change re-sync / full sync    %10.1f %%           (target <= 20%%)\n",
                100.0 * again.seconds / full.seconds);
    std::printf("forced re-sync / full sync       %10.1f %%           (recompute, nothing written)\n",
                100.0 * forced.seconds / full.seconds);
    const bool ok = import.exit_code == 0 && full.exit_code == 0 && again.exit_code == 0 && forced.exit_code == 0;
    if (!ok) std::printf("a step failed: see %s\n", log.c_str());
    if (!keep) fs::remove_all(dir);
    return ok ? 0 : 1;
}
