// The config file is validated against the plugin manifest's configSchema; every problem is one
// line naming the file, the key path and what was expected.
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;

namespace {

// A config that loads the good fixture plugin, with `extra` members appended to the object.
std::string config_with(const std::string& extra) {
    return "{\"plugin\": \"" + fixture_plugin("good").string() + "\", \"connector\": \"local\"" + extra + "}";
}

}  // namespace

TEST_CASE("a valid config lets a command run") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", config_with(", \"kpi\": {\"window_days\": 90}"));
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out == "created 2 custom fields (seller_score, seller_score_band); 0 already existed\n");
}

TEST_CASE("malformed config JSON names file line and column") {
    ScratchDirectory dir;
    dir.write("bad.json", "{\"connector\": \"local\",\n  \"kpi\": {\"as_of\": tru}}");
    const ProcessResult result = run_crmhost({"--config", "bad.json", "sync"}, dir.path());
    CHECK(result.exit_code == 2);
    // Line 2 is `  "kpi": {"as_of": tru}}`; the bad token starts at its 20th character.
    CHECK(result.err == "crmhost: sync: bad.json:2:20: not valid JSON (syntax error)\n");
}

TEST_CASE("an unknown config key is named with its full path") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", config_with(", \"kpi\": {\"windw_days\": 90}"));
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: install: sellerscore.json: kpi.windw_days: unknown key\n");
}

TEST_CASE("a config value of the wrong type names the key and the expected and found types") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", config_with(", \"kpi\": {\"window_days\": \"90\"}"));
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: install: sellerscore.json: kpi.window_days: expected integer, got string \"90\"\n");
}

TEST_CASE("a config value outside the enum lists the allowed values") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", "{\"plugin\": \"" + fixture_plugin("good").string() + "\", \"connector\": \"zoho\"}");
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: install: sellerscore.json: connector: expected one of local, hubspot, pipedrive, "
                        "salesforce, got string \"zoho\"\n");
}

TEST_CASE("a missing config file given with --config is a config error") {
    ScratchDirectory dir;
    const ProcessResult result = run_crmhost({"--config", "missing.json", "sync"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: sync: missing.json: no such file\n");
}

TEST_CASE("a command that needs a config and finds none says how to give one") {
    ScratchDirectory dir;
    const ProcessResult result = run_crmhost({"scorecard"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("crmhost: scorecard: no configuration: pass --config FILE", 0) == 0);
}

TEST_CASE("the plugin path in a config is read relative to the config file's folder") {
    ScratchDirectory dir;
    const std::filesystem::path folder = dir.path() / "conf" / "plugin";
    std::filesystem::create_directories(folder);
    std::filesystem::copy_file(fixture_plugin("good"), folder / "sellerscore.so");
    std::filesystem::copy_file(fixture_plugin("good").parent_path() / "sellerscore.json", folder / "sellerscore.json");
    dir.write("conf/crm.json", "{\"plugin\": \"plugin/sellerscore.so\", \"connector\": \"local\"}");
    const ProcessResult result = run_crmhost({"--config", "conf/crm.json", "plugin", "info"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("library:     " + (folder / "sellerscore.so").string()) != std::string::npos);
}

TEST_CASE("a secrets file readable by others is refused without showing its content") {
    ScratchDirectory dir;
    const std::filesystem::path secrets = dir.write("secrets.json", "{\"SELLERSCORE_HUBSPOT_TOKEN\": \"pat-na1-abcd1234\"}");
    ::chmod(secrets.c_str(), 0644);
    dir.write("sellerscore.json", config_with(", \"secrets_file\": \"secrets.json\""));
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: install: " + secrets.string() +
                            ": refusing to read a secrets file that others can access (mode 0644); run chmod 600 " +
                            secrets.string() + "\n");
    CHECK(result.err.find("abcd1234") == std::string::npos);
}

TEST_CASE("a secrets file of mode 0600 is accepted") {
    ScratchDirectory dir;
    const std::filesystem::path secrets = dir.write("secrets.json", "{\"SELLERSCORE_HUBSPOT_TOKEN\": \"pat-na1-abcd1234\"}");
    ::chmod(secrets.c_str(), 0600);
    dir.write("sellerscore.json", config_with(", \"secrets_file\": \"secrets.json\""));
    const ProcessResult result = run_crmhost({"install"}, dir.path());
    CHECK(result.exit_code == 0);
}
