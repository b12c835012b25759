// Secrets never leak (DESIGN.md "Credentials"): crmhost, run as a child process at log level trace,
// installs and fully syncs each vendor's fake with OAuth credentials made of distinctive strings, and
// nothing it printed, nothing in the state directory (state store, record cache, their WAL files, the
// lock) holds the client secret, the refresh token, or an access token the vendor issued. The one
// exception is by design: a refresh token the vendor rotated must be kept for the next run (the
// previous one is revoked), so it lives in the state store, mode 0600 in a 0700 directory, and
// nowhere else. A secrets file that group or others may read is refused with one line.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <boost/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "engine_expectations.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "tests/fakes/test_certificates.hpp"

using namespace sellerscore;
using namespace sellerscore::host::testing;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

demo::DemoOptions small_crm() {
    demo::DemoOptions o;
    o.seed = 5;
    o.sellers = 4;
    o.contacts = 150;
    o.deals = 100;
    o.activities = 600;
    o.months = 12;
    return o;
}

// Everything a run left for someone to read: its output, and every file under the state directory.
struct Traces {
    std::vector<std::pair<std::string, std::string>> texts;  // (where, content)

    void add(const std::string& where, std::string content) { texts.emplace_back(where, std::move(content)); }
    void add_files_under(const fs::path& dir) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.is_regular_file()) add(entry.path().string(), read_whole_file(entry.path()));
        }
    }
    // Where `secret` occurs; the empty list is the only good answer.
    std::vector<std::string> holding(const std::string& secret) const {
        std::vector<std::string> found;
        for (const auto& [where, content] : texts) {
            if (content.find(secret) != std::string::npos) found.push_back(where);
        }
        return found;
    }
};

std::string config_for(const std::string& connector, json::object vendor) {
    return json::serialize(json::object{{"connector", connector},
                                        {connector, std::move(vendor)},
                                        {"state_dir", "state"},
                                        {"log_level", "trace"},
                                        {"kpi", {{"as_of", model::format_rfc3339(demo::DemoOptions::default_end)}}}});
}

// install, then sync --full, each at log level trace; everything they printed and left behind.
Traces install_and_sync(const ScratchDirectory& dir, const std::map<std::string, std::string>& secrets) {
    std::map<std::string, std::string> env = real_plugin;
    env.insert(secrets.begin(), secrets.end());
    Traces traces;
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"install"}, std::vector<std::string>{"sync", "--full"}}) {
        std::vector<std::string> args{"--config", "sellerscore.json"};
        args.insert(args.end(), command.begin(), command.end());
        const ProcessResult r = run_crmhost(args, dir.path(), env);
        INFO(command.front() << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        traces.add(command.front() + " stdout", r.out);
        traces.add(command.front() + " stderr", r.err + r.signature_warnings);
    }
    traces.add_files_under(dir.path() / "state");
    // The record cache is among what was searched (records-<vendor>.sqlite, KPIs computed over it).
    bool searched_cache = false;
    for (const auto& [where, content] : traces.texts) {
        if (where.find("/state/records-") != std::string::npos && !content.empty()) searched_cache = true;
    }
    CHECK(searched_cache);
    return traces;
}

// The trace level really was on: without it, a quiet run would pass trivially.
void check_verbose(const Traces& traces) {
    bool saw_debug = false;
    for (const auto& [where, content] : traces.texts) {
        if (content.find("[debug]") != std::string::npos || content.find("[trace]") != std::string::npos) saw_debug = true;
    }
    CHECK(saw_debug);
}

void check_absent(const Traces& traces, const std::string& what, const std::string& secret) {
    INFO(what << " \"" << secret << "\" found in: " << [&] {
        std::string list;
        for (const std::string& where : traces.holding(secret)) list += where + "; ";
        return list;
    }());
    CHECK(traces.holding(secret).empty());
}

}  // namespace

TEST_CASE("a HubSpot sync at log level trace leaves its OAuth secrets in no log line and no state file") {
    fakes::FakeHubSpotOptions options;
    options.client_id = "hs-client-id-5b1e";
    options.client_secret = "hs-CLIENT-SECRET-q7Zp2Rk9";
    options.refresh_token = "hs-REFRESH-TOKEN-w3Xk8Tn4";
    options.interval = std::chrono::milliseconds(250);
    fakes::FakeHubSpot fake(options);
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "host-secrets-hubspot-ca");
    fakes::LoopbackServer server(fake.handler(), certificate);
    fake.seed(sellerscore::testing::generate_demo(small_crm()));
    ScratchDirectory dir;
    dir.write("sellerscore.json",
              config_for("hubspot", {{"base_url", server.base_url()}, {"ca_file", ca_file},
                                     {"rate_limit_max", 100}, {"rate_limit_interval_ms", 250}}));

    const Traces traces = install_and_sync(dir, {{"SELLERSCORE_HUBSPOT_CLIENT_ID", options.client_id},
                                                 {"SELLERSCORE_HUBSPOT_CLIENT_SECRET", options.client_secret},
                                                 {"SELLERSCORE_HUBSPOT_REFRESH_TOKEN", options.refresh_token}});

    REQUIRE(fake.refresh_count() >= 1);  // an access token was issued, so there was one to leak
    check_verbose(traces);
    check_absent(traces, "client secret", options.client_secret);
    check_absent(traces, "refresh token", options.refresh_token);
    check_absent(traces, "issued access token", "CO-fake-oauth-");  // the fake's "CO-fake-oauth-<n>-na1"
}

TEST_CASE("a Pipedrive sync at log level trace leaves its OAuth secrets in no log line, and the rotated refresh token only in the 0600 state store") {
    fakes::FakePipedriveOptions options;
    options.client_id = "pd-client-id-7c2d";
    options.client_secret = "pd-CLIENT-SECRET-m4Hv6Jq1";
    options.refresh_token = "pd-REFRESH-TOKEN-e8Ys3Wu5";
    options.interval = std::chrono::milliseconds(200);
    fakes::FakePipedrive fake(options);
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "host-secrets-pipedrive-ca");
    fakes::LoopbackServer server(fake.handler(), certificate);
    fake.set_api_domain(server.base_url());
    fake.seed(sellerscore::testing::generate_demo(small_crm()));
    ScratchDirectory dir;
    dir.write("sellerscore.json",
              config_for("pipedrive", {{"base_url", server.base_url()}, {"ca_file", ca_file},
                                       {"token_url", server.base_url() + "/oauth/token"},
                                       {"rate_limit_max", 40}, {"rate_limit_interval_ms", 200}}));

    const Traces traces = install_and_sync(dir, {{"SELLERSCORE_PIPEDRIVE_CLIENT_ID", options.client_id},
                                                 {"SELLERSCORE_PIPEDRIVE_CLIENT_SECRET", options.client_secret},
                                                 {"SELLERSCORE_PIPEDRIVE_REFRESH_TOKEN", options.refresh_token}});

    REQUIRE(fake.refresh_count() >= 1);
    check_verbose(traces);
    check_absent(traces, "client secret", options.client_secret);
    check_absent(traces, "refresh token", options.refresh_token);
    check_absent(traces, "issued access token", "fake-pipedrive-access-");  // "v1u:fake-pipedrive-access-<n>"
    // The fake rotates the refresh token on every grant ("fake-pipedrive-refresh-token-<n>").
    const std::string rotated = "fake-pipedrive-refresh-token-" + std::to_string(fake.refresh_count());
    const fs::path state_store = dir.path() / "state" / "sellerscore-state.sqlite";
    CHECK(traces.holding(rotated) == std::vector<std::string>{state_store.string()});
    CHECK((fs::status(state_store).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    CHECK((fs::status(dir.path() / "state").permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
          fs::perms::none);
}

TEST_CASE("a Salesforce sync at log level trace leaves its OAuth secrets in no log line and no state file") {
    fakes::FakeSalesforceOptions options;
    options.client_id = "3MVG9sf.client.id.4e7a";
    options.client_secret = "sf-CLIENT-SECRET-b5Lc9Pz3";
    options.refresh_token = "5Aep861sf-REFRESH-TOKEN-t2Nf7Gd6";
    fakes::FakeSalesforce fake(options);
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "host-secrets-salesforce-ca");
    fakes::LoopbackServer server(fake.handler(), certificate);
    fake.set_instance_url(server.base_url());
    model::Dataset source = sellerscore::testing::generate_demo(small_crm());
    source.spend.clear();  // Salesforce holds no ad spend
    fake.seed(source);
    ScratchDirectory dir;
    dir.write("sellerscore.json", config_for("salesforce", {{"base_url", server.base_url()}, {"ca_file", ca_file}}));

    const Traces traces = install_and_sync(dir, {{"SELLERSCORE_SALESFORCE_CLIENT_ID", options.client_id},
                                                 {"SELLERSCORE_SALESFORCE_CLIENT_SECRET", options.client_secret},
                                                 {"SELLERSCORE_SALESFORCE_REFRESH_TOKEN", options.refresh_token}});

    check_verbose(traces);
    check_absent(traces, "client secret", options.client_secret);
    check_absent(traces, "refresh token", options.refresh_token);
    check_absent(traces, "issued access token", "AQ0AQFakeSession");  // "<org id>!AQ0AQFakeSession.<n>"
}

TEST_CASE("a secrets file readable by its group is refused with one line, exit 2, showing none of it") {
    ScratchDirectory dir;
    const fs::path secrets = dir.write("secrets.json", "{\"SELLERSCORE_PIPEDRIVE_TOKEN\": \"pd-API-TOKEN-x1Rr5Vb8\"}");
    ::chmod(secrets.c_str(), 0640);
    dir.write("sellerscore.json", R"({"connector": "pipedrive", "secrets_file": "secrets.json", "state_dir": "state"})");
    const ProcessResult result = run_crmhost({"sync"}, dir.path(), real_plugin);
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: sync: " + secrets.string() +
                            ": refusing to read a secrets file that others can access (mode 0640); run chmod 600 " +
                            secrets.string() + "\n");
    CHECK(result.out.empty());
    CHECK_FALSE(fs::exists(dir.path() / "state"));
}

TEST_CASE("a world-readable secrets file is refused before anything runs") {
    ScratchDirectory dir;
    const fs::path secrets = dir.write("secrets.json", "{\"SELLERSCORE_HUBSPOT_TOKEN\": \"pat-na1-WORLD-READABLE-k3Jd\"}");
    ::chmod(secrets.c_str(), 0604);
    dir.write("sellerscore.json", R"({"connector": "hubspot", "secrets_file": "secrets.json", "state_dir": "state"})");
    const ProcessResult result = run_crmhost({"sync"}, dir.path(), real_plugin);
    CHECK(result.exit_code == 2);
    CHECK(result.err == "crmhost: sync: " + secrets.string() +
                            ": refusing to read a secrets file that others can access (mode 0604); run chmod 600 " +
                            secrets.string() + "\n");
    CHECK(result.err.find("WORLD-READABLE") == std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "state"));
}
