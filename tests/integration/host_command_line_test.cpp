// Command-line mistakes are one line plus a usage hint, exit 2; plugin failures map to the
// documented exit codes.
#include <catch2/catch.hpp>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;

TEST_CASE("an unknown command is a usage error naming the word") {
    ScratchDirectory dir;
    const ProcessResult result = run_crmhost({"frobnicate"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: unknown command 'frobnicate' (see crmhost --help)\n");
}

TEST_CASE("an unknown flag is a usage error naming the flag") {
    ScratchDirectory dir;
    const ProcessResult result = run_crmhost({"sync", "--bogus"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--bogus") != std::string::npos);
    CHECK(result.err.rfind("crmhost: sync: ", 0) == 0);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}

TEST_CASE("an unknown plugin subcommand is a usage error") {
    ScratchDirectory dir;
    const ProcessResult result = run_crmhost({"plugin", "inspect"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: plugin: unknown command 'inspect' (see crmhost --help)\n");
}

TEST_CASE("uninstall without --yes and without a terminal refuses") {
    ScratchDirectory dir;
    write_good_config(dir);
    const ProcessResult result = run_crmhost({"uninstall"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: uninstall: refusing to remove the custom fields without confirmation; pass --yes\n");
}

TEST_CASE("uninstall --yes reports what was removed") {
    ScratchDirectory dir;
    write_good_config(dir);
    const ProcessResult result = run_crmhost({"uninstall", "--yes"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "removed 2 custom fields (seller_score, seller_score_band) and their values\n");
}

TEST_CASE("sync prints a summary and off a terminal reports progress as JSON lines") {
    ScratchDirectory dir;
    write_good_config(dir);
    const ProcessResult result = run_crmhost({"sync"}, dir.path());
    CHECK(result.exit_code == 0);
    // The fixture's run summary: 3 sellers, 1200 deals, 1234 fields on 400 records, 2300 ms.
    CHECK(result.out ==
          "sync run 7 as of 2026-03-01T00:00:00Z: read 3 sellers, 1,200 deals; wrote 1,234 fields on 400 records in "
          "2.3 s\n");
    CHECK(result.err.find("{\"progress\":{\"label\":\"reading\",\"done\":2,\"total\":2}}") != std::string::npos);
}

TEST_CASE("a plugin's invalid-argument failure is exit 2 with the plugin's message") {
    ScratchDirectory dir;
    write_good_config(dir);
    const ProcessResult result = run_crmhost({"deals", "--where", "bogus > 1"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: deals: where: unknown field 'bogus'\n");
}

TEST_CASE("deals prints the matching deals as a table") {
    ScratchDirectory dir;
    write_good_config(dir);
    const ProcessResult result = run_crmhost({"deals", "--where", "seller_score_band = A"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Acme renewal") != std::string::npos);
    CHECK(result.out.find("1,501") != std::string::npos);  // 1500.5 rounded to whole units
    CHECK(result.out.find("81.5") != std::string::npos);
}
