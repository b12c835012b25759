// One writer per state directory and per local CRM: a second crmhost refuses at once with one line
// naming the first, and a lock left by a killed process does not block.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "host/single_writer_lock.hpp"
#include "host_local_crm.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;
using sellerscore::host::SingleWriterLock;

namespace {

std::string our_pid() { return "pid " + std::to_string(::getpid()); }

}  // namespace

TEST_CASE("a sync refuses at once while another crmhost syncs the same state directory, naming it") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    REQUIRE(run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin).exit_code == 0);
    std::filesystem::create_directories(dir.path() / "state");
    auto held = SingleWriterLock::acquire(dir.path() / "state" / "crmhost.lock", "state", "sync");
    REQUIRE(held);

    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "sync"}, dir.path(), real_plugin);
    CHECK(r.exit_code == 1);
    CHECK(single_line(r.err));
    CHECK_THAT(r.err, Catch::Contains("state directory " + (dir.path() / "state").string() +
                                         " is in use by crmhost sync (" + our_pid()));
    // Refused before it touched anything: no run was recorded.
    CHECK_FALSE(std::filesystem::exists(dir.path() / "state" / "sellerscore-state.sqlite"));
}

TEST_CASE("install and uninstall refuse while another crmhost holds the state directory") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    std::filesystem::create_directories(dir.path() / "state");
    auto held = SingleWriterLock::acquire(dir.path() / "state" / "crmhost.lock", "state", "sync");
    REQUIRE(held);
    const ProcessResult install = run_crmhost({"--config", "sellerscore.json", "install"}, dir.path(), real_plugin);
    CHECK(install.exit_code == 1);
    CHECK_THAT(install.err, Catch::Contains("in use by crmhost sync (" + our_pid()));
    const ProcessResult uninstall =
        run_crmhost({"--config", "sellerscore.json", "uninstall", "--yes"}, dir.path(), real_plugin);
    CHECK(uninstall.exit_code == 1);
    CHECK_THAT(uninstall.err, Catch::Contains("in use by crmhost sync (" + our_pid()));
}

TEST_CASE("an import refuses while another crmhost writes the same local CRM, and imports nothing") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    auto held = SingleWriterLock::acquire(dir.path() / "crm.sqlite.lock", "crm", "sync");
    REQUIRE(held);
    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin);
    CHECK(r.exit_code == 1);
    CHECK(single_line(r.err));
    CHECK_THAT(r.err, Catch::Contains("local CRM " + (dir.path() / "crm.sqlite").string() +
                                         " is in use by crmhost sync (" + our_pid()));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "crm.sqlite"));
}

TEST_CASE("a lock left by a killed crmhost does not block the next run") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", local_config);
    dir.write("ndjson/sellers.ndjson", one_seller);
    // A child takes the lock the way crmhost does, says so through a pipe, and is killed by SIGKILL
    // with the lock file still there.
    int ready[2];
    REQUIRE(::pipe(ready) == 0);
    const pid_t child = ::fork();
    if (child == 0) {
        // Off the test runner's output pipes, so a stray child can never hold them open.
        const int null_fd = ::open("/dev/null", O_WRONLY);
        ::dup2(null_fd, STDOUT_FILENO);
        ::dup2(null_fd, STDERR_FILENO);
        ::close(ready[0]);
        auto lock = SingleWriterLock::acquire(dir.path() / "crm.sqlite.lock", "crm", "import");
        const char held = lock ? 'y' : 'n';
        [[maybe_unused]] const ssize_t n = ::write(ready[1], &held, 1);
        for (;;) ::pause();
    }
    ::close(ready[1]);
    char held = 'n';
    pollfd wait_for_child{ready[0], POLLIN, 0};
    const bool answered = ::poll(&wait_for_child, 1, 60'000) == 1 && ::read(ready[0], &held, 1) == 1;
    ::close(ready[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(answered);
    REQUIRE(held == 'y');
    REQUIRE(std::filesystem::exists(dir.path() / "crm.sqlite.lock"));

    const ProcessResult r = run_crmhost({"--config", "sellerscore.json", "import", "ndjson"}, dir.path(), real_plugin);
    INFO(r.err);
    CHECK(r.exit_code == 0);
}
