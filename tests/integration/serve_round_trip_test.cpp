// crmhost serve as a user runs it, against the fake Pipedrive over TLS on loopback: a deal added in
// the CRM, Pipedrive's webhook v2 delivery for it, serve's debounced incremental sync, and the
// deal's seller score written back in the fake. And a bounded load on the server in-process.
#include <catch2/catch.hpp>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"
#include "connectors/http/http_transport.hpp"
#include "connectors/http/https_server.hpp"
#include "engine_expectations.hpp"
#include "host/serve/serve_router.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "serve_child.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/test_certificates.hpp"

using namespace sellerscore;
using sellerscore::host::testing::read_whole_file;
using sellerscore::host::testing::run_crmhost;
using sellerscore::host::testing::ScratchDirectory;
using sellerscore::host::testing::ServeChild;
using sellerscore::host::testing::eventually;
using sellerscore::host::testing::serve_listening_port;
namespace json = boost::json;
namespace http = sellerscore::connectors::http;

namespace {

demo::DemoOptions small_company() {
    demo::DemoOptions company;
    company.seed = 14;
    company.sellers = 4;
    company.contacts = 200;
    company.deals = 150;
    company.activities = 1'500;
    company.months = 18;
    return company;
}

// The fake Pipedrive over TLS on loopback, synced once by `crmhost sync`: the owner of an open deal and
// the score that first sync wrote on it.
struct SyncedPipedrive {
    demo::DemoOptions company;
    fakes::FakePipedrive fake;
    model::Dataset in_pipedrive = fake.seed(testing::generate_demo(company));
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "serve-round-trip-ca");
    fakes::LoopbackServer crm{fake.handler(), certificate};
    ScratchDirectory dir;
    std::optional<fakes::FakePipedriveField> score_field;
    std::string owner;
    std::optional<double> owner_score;

    explicit SyncedPipedrive(demo::DemoOptions options = small_company()) : company(options) {
        {
            std::ofstream config(dir.path() / "sellerscore.json");
            config << json::serialize(json::object{{"connector", "pipedrive"},
                                                   {"pipedrive", {{"base_url", crm.base_url()}, {"ca_file", ca_file}}},
                                                   {"state_dir", (dir.path() / "state").string()},
                                                   {"kpi", {{"as_of", model::format_rfc3339(company.end)}}}});
        }
        const std::map<std::string, std::string> env{{"SELLERSCORE_PIPEDRIVE_TOKEN", fake.options().api_token}};
        REQUIRE(run_crmhost({"sync"}, dir.path(), env).exit_code == 0);
        score_field = fake.field_by_name("deals", "Seller score");
        REQUIRE(score_field);
        for (const model::Deal& d : in_pipedrive.deals) {
            if (d.status != model::DealStatus::open) continue;
            owner_score = fake.number_value("deals", std::stoll(d.id), score_field->field_code);
            if (owner_score) {
                owner = d.owner_id;
                break;
            }
        }
        REQUIRE(owner_score);
    }
    ~SyncedPipedrive() { std::filesystem::remove(ca_file); }
    SyncedPipedrive(const SyncedPipedrive&) = delete;
    SyncedPipedrive& operator=(const SyncedPipedrive&) = delete;
};

}  // namespace

TEST_CASE("a Pipedrive webhook makes crmhost serve sync, and the new deal gets its owner's seller score",
          "[serve][round-trip]") {
    SyncedPipedrive world;
    fakes::FakePipedrive& fake = world.fake;
    ScratchDirectory& dir = world.dir;
    const auto& score_field = world.score_field;
    const std::string& owner = world.owner;
    const std::optional<double>& owner_score = world.owner_score;

    ::setenv("SELLERSCORE_PIPEDRIVE_TOKEN", fake.options().api_token.c_str(), 1);
    // The build tree's plugin is not from a signed package (docs/operations.md, "Signed packages").
    ::setenv(host::testing::allow_unsigned_plugin_variable, "1", 1);
    ::setenv("SELLERSCORE_PIPEDRIVE_WEBHOOK_USER", "hooks", 1);
    ::setenv("SELLERSCORE_PIPEDRIVE_WEBHOOK_PASSWORD", "hook-password", 1);
    const std::filesystem::path log = dir.path() / "serve.log";
    ServeChild serve({"--config", (dir.path() / "sellerscore.json").string(), "serve", "--port", "0",
                      "--pipedrive-company", "456", "--debounce-ms", "0"},
                     log);
    REQUIRE(serve.started());
    REQUIRE(eventually([&] { return serve_listening_port(log) != 0; }));

    const auto created = fake.create("deals", {{"title", "Webhook deal"}, {"owner_id", owner}, {"value", "500"}});
    REQUIRE(created);
    CHECK_FALSE(fake.number_value("deals", *created, score_field->field_code));

    http::TransportOptions options;
    options.base_url = "http://127.0.0.1:" + std::to_string(serve_listening_port(log));
    auto transport = http::make_tls_transport(options);
    REQUIRE(transport.is_ok());
    http::HttpRequest webhook;
    webhook.method = http::Method::post;
    webhook.target = "/webhooks/pipedrive";
    webhook.body = json::serialize(json::object{
        {"meta", {{"action", "create"}, {"entity", "deal"}, {"entity_id", std::to_string(*created)},
                  {"company_id", "456"}, {"version", "2.0"}}},
        {"data", {{"id", *created}, {"owner_id", std::stoll(owner)}}}});

    // Wrong credentials: refused, and no sync follows.
    webhook.headers = {{"Authorization", "Basic " + http::base64_encode("hooks:wrong")}};
    http::ExchangeTrace trace;
    auto refused = (*transport)->exchange(webhook, trace);
    REQUIRE(refused.is_ok());
    CHECK(refused->status == 401);

    webhook.headers = {{"Authorization", "Basic " + http::base64_encode("hooks:hook-password")}};
    auto ack = (*transport)->exchange(webhook, trace);
    REQUIRE(ack.is_ok());
    CHECK(ack->status == 200);
    REQUIRE(eventually([&] { return fake.number_value("deals", *created, score_field->field_code).has_value(); }));
    CHECK(*fake.number_value("deals", *created, score_field->field_code) == Approx(*owner_score));
    CHECK(serve.stop() == 0);
    const std::string text = read_whole_file(log);
    CHECK_THAT(text, Catch::Contains("401 POST /webhooks/pipedrive: Basic credentials missing or wrong"));
    CHECK_THAT(text, !Catch::Contains("hook-password"));
    CHECK_THAT(text, !Catch::Contains(fake.options().api_token));
}

TEST_CASE("without any webhook, crmhost serve --sync-every runs the incremental sync and a new deal gets its score",
          "[serve][round-trip]") {
    // Smaller than the webhook test's company: what is under test is only that a sync starts.
    demo::DemoOptions company = small_company();
    company.contacts = 60;
    company.deals = 40;
    company.activities = 300;
    company.months = 6;
    SyncedPipedrive world(company);
    const auto created =
        world.fake.create("deals", {{"title", "Scheduled deal"}, {"owner_id", world.owner}, {"value", "500"}});
    REQUIRE(created);
    CHECK_FALSE(world.fake.number_value("deals", *created, world.score_field->field_code));

    const std::filesystem::path log = world.dir.path() / "serve.log";
    // No webhook credentials and no vendor secret: the schedule is the only thing that can start a sync.
    ServeChild serve({"--config", (world.dir.path() / "sellerscore.json").string(), "serve", "--port", "0",
                      "--sync-every", "1s"},
                     log,
                     {{"SELLERSCORE_PIPEDRIVE_TOKEN", world.fake.options().api_token},
                      {host::testing::allow_unsigned_plugin_variable, "1"},
                      {"SELLERSCORE_PIPEDRIVE_WEBHOOK_USER", ""},
                      {"SELLERSCORE_PIPEDRIVE_WEBHOOK_PASSWORD", ""}});
    REQUIRE(serve.started());
    REQUIRE(eventually([&] { return serve_listening_port(log) != 0; }));
    REQUIRE(eventually(
        [&] { return world.fake.number_value("deals", *created, world.score_field->field_code).has_value(); }));
    CHECK(*world.fake.number_value("deals", *created, world.score_field->field_code) == Approx(*world.owner_score));
    CHECK(serve.stop() == 0);
}

TEST_CASE("under a bounded load over TLS every card and panel request is answered, and only once each",
          "[serve][load]") {
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca = fakes::write_temp_pem(certificate.ca_pem, "serve-load-ca");
    const std::string chain = fakes::write_temp_pem(certificate.certificate_pem, "serve-load-chain");
    const std::string key = fakes::write_temp_pem(certificate.private_key_pem, "serve-load-key");
    std::atomic<int> refused{0};
    const std::int64_t now_ms = 1700000000000;
    host::serve::ServeRouter router({"https://localhost", "load-secret", "1", "", "", "", "", ""},
                                    {[=] { return now_ms; }, [] {}, [&](const std::string&) { ++refused; }});
    json::array sellers, deals;
    for (int s = 0; s < 10; ++s) {
        sellers.push_back(json::object{{"id", "s" + std::to_string(s)}, {"name", "S"}, {"score", 10.0 * s}, {"band", "C"}});
    }
    for (int d = 0; d < 100; ++d) deals.push_back(json::object{{"id", std::to_string(d)}, {"owner_id", "s" + std::to_string(d % 10)}});
    router.publish(std::make_shared<host::serve::ScorecardSnapshot>(json::object{{"as_of", "x"}, {"sellers", sellers}},
                                                                    json::object{{"deals", deals}}));
    std::atomic<int> handled{0};
    http::HttpsServerOptions options;
    options.certificate_chain_file = chain;
    options.private_key_file = key;
    auto server = http::HttpsServer::start(options, [&](const http::ServerRequest& r) {
        ++handled;
        return router.handle(r);
    });
    REQUIRE(server.is_ok());
    constexpr int clients = 8;
    constexpr int per_client = 100;
    std::atomic<int> ok{0}, wrong{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            http::TransportOptions t;
            t.base_url = "https://localhost:" + std::to_string((*server)->port());
            t.ca_file = ca;
            t.max_connections = 1;
            auto transport = http::make_tls_transport(t);
            if (!transport) return;
            for (int i = 0; i < per_client; ++i) {
                const int deal = (c * per_client + i) % 100;
                http::HttpRequest r;
                r.target = "/hubspot/card?dealId=" + std::to_string(deal) + "&portalId=1";
                const std::string ts = std::to_string(now_ms);
                r.headers = {{"X-HubSpot-Signature-v3",
                              http::base64_encode(http::hmac_sha256("load-secret", "GEThttps://localhost" + r.target + ts))},
                             {"X-HubSpot-Request-Timestamp", ts}};
                http::ExchangeTrace trace;
                auto response = (*transport)->exchange(r, trace);
                const std::string expected_seller = "\"id\":\"s" + std::to_string(deal % 10) + "\"";
                if (response && response->status == 200 && response->body.find(expected_seller) != std::string::npos) {
                    ++ok;
                } else {
                    ++wrong;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(ok == clients * per_client);
    CHECK(wrong == 0);
    CHECK(handled == clients * per_client);
    CHECK(refused == 0);
    for (const std::string& f : {ca, chain, key}) std::filesystem::remove(f);
}
