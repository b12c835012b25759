// `crmhost report` and the demo's report, end to end through the real plugin and its state store.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"

using namespace sellerscore::host::testing;
namespace json = boost::json;

namespace {

const std::map<std::string, std::string> plugin_env{{"SELLERSCORE_PLUGIN", SELLERSCORE_PLUGIN_PATH}};

}  // namespace

TEST_CASE("crmhost demo writes the report next to its CRM and prints its path") {
    ScratchDirectory dir;
    const ProcessResult demo = run_crmhost({"demo", "--dir", "demo"}, dir.path(), plugin_env);
    INFO(demo.err);
    REQUIRE(demo.exit_code == 0);
    CHECK(demo.out.find("The scorecard as a page with charts (open it in a browser): demo/report.html") !=
          std::string::npos);
    const std::string html = read_whole_file(dir.path() / "demo" / "report.html");
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("As of 2026-10-01T00:00:00Z") != std::string::npos);
    CHECK(html.find("://") == std::string::npos);
}

TEST_CASE("crmhost report writes the page, the JSON document, and one seller's or team's report") {
    ScratchDirectory dir;
    REQUIRE(run_crmhost({"demo", "--dir", "demo"}, dir.path(), plugin_env).exit_code == 0);
    const std::vector<std::string> config{"--config", "demo/sellerscore.json"};
    auto crmhost = [&](std::vector<std::string> args) {
        args.insert(args.begin(), config.begin(), config.end());
        return run_crmhost(args, dir.path(), plugin_env);
    };

    const ProcessResult page = crmhost({"report"});
    INFO(page.err);
    REQUIRE(page.exit_code == 0);
    CHECK(page.out == "Wrote the report to sellerscore-report.html\n");
    CHECK(read_whole_file(dir.path() / "sellerscore-report.html").find("<h2>Leaderboard</h2>") != std::string::npos);

    const ProcessResult document = crmhost({"report", "--format", "json", "--out", "report.json"});
    REQUIRE(document.exit_code == 0);
    const json::value doc = json::parse(read_whole_file(dir.path() / "report.json"));
    CHECK(doc.at("report_version") == 1);
    CHECK(doc.at("as_of") == "2026-10-01T00:00:00Z");
    const json::array& board = doc.at("leaderboard").as_array();
    REQUIRE(board.size() >= 2);
    const std::string seller_id(board[0].at("id").as_string());

    const ProcessResult one = crmhost({"report", "--format", "json", "--out", "one.json", "--seller", seller_id});
    REQUIRE(one.exit_code == 0);
    const json::value one_doc = json::parse(read_whole_file(dir.path() / "one.json"));
    REQUIRE(one_doc.at("leaderboard").as_array().size() == 1);
    CHECK(one_doc.at("leaderboard").at(0).at("id").as_string() == seller_id);
    CHECK(one_doc.at("leaderboard").at(0).at("rank") == 1);

    const std::string team(board[0].at("team").as_string());
    const ProcessResult team_report = crmhost({"report", "--format", "json", "--out", "team.json", "--team", team});
    REQUIRE(team_report.exit_code == 0);
    const json::value team_doc = json::parse(read_whole_file(dir.path() / "team.json"));
    CHECK(team_doc.at("scope").at("label").as_string() == "Team " + team);
    for (const json::value& entry : team_doc.at("leaderboard").as_array()) CHECK(entry.at("team").as_string() == team);
}

TEST_CASE("crmhost report names a seller it does not know in one line, and writes nothing") {
    ScratchDirectory dir;
    REQUIRE(run_crmhost({"demo", "--dir", "demo"}, dir.path(), plugin_env).exit_code == 0);
    const ProcessResult result =
        run_crmhost({"--config", "demo/sellerscore.json", "report", "--seller", "nobody"}, dir.path(), plugin_env);
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: report: no seller 'nobody' in the last scorecard\n");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "sellerscore-report.html"));
}
