// --format table|json|csv on every command that prints data. JSON is the plugin's document as
// people read it (two-space indent, shortest round-trip numbers, counts as integers); CSV is RFC 4180
// with a header row and CRLF line ends, what a spreadsheet opens. Expected output written out by hand
// from the fixture plugin's documents (tests/integration/fixtures/fixture_plugin.c).
#include <catch2/catch.hpp>

#include <algorithm>

#include <boost/json/value.hpp>

#include "host/csv_text.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;
namespace host = sellerscore::host;

namespace {

ProcessResult run_in_good_config(const std::vector<std::string>& args) {
    ScratchDirectory dir;
    write_good_config(dir);
    return run_crmhost(args, dir.path());
}

}  // namespace

TEST_CASE("a CSV field with a comma, a quote or a line break is quoted, its quotes doubled") {
    CHECK(host::csv_row({"plain", "Smith, Jones", "say \"hi\"", "two\nlines", "Müller"}) ==
          "plain,\"Smith, Jones\",\"say \"\"hi\"\"\",\"two\nlines\",Müller\r\n");
}

TEST_CASE("a count held as a double is a CSV integer, a fraction its shortest decimal") {
    const boost::json::value count(132.0);
    const boost::json::value fraction(41.3);
    CHECK(host::csv_cell(&count) == "132");
    CHECK(host::csv_cell(&fraction) == "41.3");
}

TEST_CASE("sync --format json prints the run summary document") {
    const ProcessResult result = run_in_good_config({"sync", "--format", "json"});
    CHECK(result.exit_code == 0);
    CHECK(result.out ==
          "{\n"
          "  \"run_id\": 7,\n"
          "  \"as_of\": \"2026-03-01T00:00:00Z\",\n"
          "  \"records\": {\n"
          "    \"sellers\": 3,\n"
          "    \"deals\": 1200\n"
          "  },\n"
          "  \"fields_written\": 1234,\n"
          "  \"records_updated\": 400,\n"
          "  \"write_failures\": 0,\n"
          "  \"duration_ms\": 2300,\n"
          "  \"nothing_to_write\": false,\n"
          "  \"message\": \"\"\n"
          "}\n");
}

TEST_CASE("sync --format csv prints the run summary as a header and one row, nested counts flattened") {
    const ProcessResult result = run_in_good_config({"sync", "--format", "csv"});
    CHECK(result.exit_code == 0);
    CHECK(result.out ==
          "run_id,as_of,records.sellers,records.deals,fields_written,records_updated,write_failures,duration_ms,"
          "nothing_to_write,message\r\n"
          "7,2026-03-01T00:00:00Z,3,1200,1234,400,0,2300,false,\r\n");
}

TEST_CASE("install --format csv lists each custom field with what happened to it") {
    const ProcessResult result = run_in_good_config({"install", "--format", "csv"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "field,status\r\nseller_score,created\r\nseller_score_band,created\r\n");
}

TEST_CASE("install --format json prints the install document") {
    const ProcessResult result = run_in_good_config({"install", "--format", "json"});
    CHECK(result.exit_code == 0);
    CHECK(result.out ==
          "{\n  \"created\": [\n    \"seller_score\",\n    \"seller_score_band\"\n  ],\n  \"existing\": []\n}\n");
}

TEST_CASE("uninstall --format csv lists each removed field") {
    const ProcessResult result = run_in_good_config({"uninstall", "--yes", "--format", "csv"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "field,status\r\nseller_score,removed\r\nseller_score_band,removed\r\n");
}

TEST_CASE("uninstall --format json prints the uninstall document") {
    const ProcessResult result = run_in_good_config({"uninstall", "--yes", "--format", "json"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "{\n  \"removed\": [\n    \"seller_score\",\n    \"seller_score_band\"\n  ]\n}\n");
}

TEST_CASE("deals --format csv prints every deal with its KPI fields as columns") {
    const ProcessResult result = run_in_good_config({"deals", "--where", "seller_score_band = A", "--format", "csv"});
    CHECK(result.exit_code == 0);
    CHECK(result.out ==
          "id,name,owner_id,stage_id,status,amount,fields.seller_score,fields.seller_score_band\r\n"
          "d1,Acme renewal,s1,proposal,open,1500.5,81.5,A\r\n");
}

TEST_CASE("plugin info --format csv prints the manifest's facts as a header and one row") {
    const ProcessResult result = run_in_good_config({"plugin", "info", "--format", "csv"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("id,name,version,abi,host_abi,library,manifest,connectors,description\r\n", 0) == 0);
    CHECK(std::count(result.out.begin(), result.out.end(), '\n') == 2);
}

TEST_CASE("plugin info --format json prints the manifest's facts with connectors as a list") {
    const ProcessResult result = run_in_good_config({"plugin", "info", "--format", "json"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.rfind("{\n  \"id\": ", 0) == 0);
    CHECK(result.out.find("  \"connectors\": [") != std::string::npos);
}

TEST_CASE("import --format csv prints the imported counts as integers") {
    ScratchDirectory dir;
    dir.write("sellerscore.json", R"({"connector":"local","local":{"database":"crm.sqlite"},"state_dir":"state"})");
    dir.write("ndjson/sellers.ndjson", "{\"id\":\"S1\",\"name\":\"Ana\",\"email\":\"ana@example.com\",\"active\":true}\n"
                                       "{\"id\":\"S2\",\"name\":\"Bo\",\"email\":\"bo@example.com\",\"active\":true}\n");
    const ProcessResult result = run_crmhost({"--config", "sellerscore.json", "import", "ndjson", "--format", "csv"},
                                             dir.path(), {{"SELLERSCORE_PLUGIN", SELLERSCORE_PLUGIN_PATH}});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    // The database as the config resolves it: next to the config file.
    CHECK(result.out ==
          "database,records,sellers,stages,contacts,deals,stage_changes,activities,spend\r\n" +
          (dir.path() / "crm.sqlite").string() + ",2,2,0,0,0,0,0,0\r\n");
}

TEST_CASE("an unknown --format is a usage error") {
    const ProcessResult result = run_in_good_config({"sync", "--format", "xml"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.rfind("crmhost: sync: ", 0) == 0);
}
