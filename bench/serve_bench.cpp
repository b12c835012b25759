// crmhost serve's figures (issue 14):
//  1. card and panel lookups over loopback TLS with keep-alive: requests per second, p50 and p99,
//     with every request checked as in production (HubSpot v3 signature, Pipedrive HS256 JWT);
//  2. a webhook delivery to the new value in the fake Pipedrive: a deal created by a user, the
//     webhook v2 for it, the debounced incremental sync of a crmhost serve child, until the deal
//     carries its owner's seller score in the fake.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bench_company.hpp"
#include "bench/crmhost_child.hpp"
#include "connectors/http/base64.hpp"
#include "connectors/http/hmac_sha256.hpp"
#include "connectors/http/http_transport.hpp"
#include "connectors/http/https_server.hpp"
#include "host/serve/serve_router.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
namespace http = sellerscore::connectors::http;
using namespace sellerscore;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* client_secret = "bench-client-secret";
constexpr const char* jwt_secret = "bench-jwt-secret";
constexpr int sellers = 200;
constexpr int deals = 20'000;

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::shared_ptr<host::serve::ScorecardSnapshot> synthetic_snapshot() {
    json::array seller_list;
    for (int s = 0; s < sellers; ++s) {
        seller_list.push_back(json::object{
            {"id", "u" + std::to_string(s)},
            {"name", "Seller " + std::to_string(s)},
            {"score", 50.0 + s % 50},
            {"band", "B"},
            {"kpis", json::object{{"win_rate", json::object{{"value", 0.4}, {"previous", 0.35}, {"change", 0.05}}}}},
            {"drivers", json::object{{"lifts", json::array{}},
                                     {"holds", json::array{}},
                                     {"text", "\u2191 win rate 78% (top 10%) \u00b7 \u2193 follow up rate 41% (bottom 25%)"}}}});
    }
    json::array deal_list;
    for (int d = 0; d < deals; ++d) {
        deal_list.push_back(json::object{{"id", std::to_string(d)}, {"owner_id", "u" + std::to_string(d % sellers)}});
    }
    return std::make_shared<host::serve::ScorecardSnapshot>(
        json::object{{"as_of", "2026-12-01T00:00:00Z"}, {"sellers", std::move(seller_list)}},
        json::object{{"deals", std::move(deal_list)}});
}

std::string panel_token() {
    const std::string header = http::base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
    const std::string claims = http::base64url_encode(
        R"({"userId":1,"companyId":456,"exp":)" + std::to_string(now_ms() / 1000 + 3600) + "}");
    const std::string input = header + "." + claims;
    return input + "." + http::base64url_encode(http::hmac_sha256(jwt_secret, input));
}

double percentile(std::vector<double>& sorted_ms, double p) {
    if (sorted_ms.empty()) return 0;
    const std::size_t i = std::min(sorted_ms.size() - 1, static_cast<std::size_t>(p / 100.0 * sorted_ms.size()));
    return sorted_ms[i];
}

int lookup_bench(int clients, int requests_per_client) {
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca = fakes::write_temp_pem(certificate.ca_pem, "serve-bench-ca");
    const std::string chain = fakes::write_temp_pem(certificate.certificate_pem, "serve-bench-chain");
    const std::string key = fakes::write_temp_pem(certificate.private_key_pem, "serve-bench-key");
    host::serve::ServeRouter router(
        {"https://localhost", client_secret, "62515", jwt_secret, "456", "", "", ""},
        {now_ms, [] {}, [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); }});
    router.publish(synthetic_snapshot());
    http::HttpsServerOptions options;
    options.certificate_chain_file = chain;
    options.private_key_file = key;
    auto server = http::HttpsServer::start(options, [&router](const http::ServerRequest& r) { return router.handle(r); });
    if (!server) {
        std::fprintf(stderr, "server: %s\n", server.status().message().c_str());
        return 1;
    }
    const std::string base = "https://localhost:" + std::to_string((*server)->port());
    const std::string token = panel_token();

    std::vector<std::vector<double>> latencies(clients);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            http::TransportOptions transport_options;
            transport_options.base_url = base;
            transport_options.ca_file = ca;
            transport_options.max_connections = 1;
            auto transport = http::make_tls_transport(transport_options);
            if (!transport) {
                ++failures;
                return;
            }
            latencies[c].reserve(requests_per_client);
            for (int i = 0; i < requests_per_client; ++i) {
                const int deal = (c * requests_per_client + i) % deals;
                http::HttpRequest request;
                if (i % 2 == 0) {
                    // The card's request as HubSpot forwards it: signed with the app's client secret.
                    request.target = "/hubspot/card?dealId=" + std::to_string(deal) + "&portalId=62515&userId=1&appId=2";
                    const std::string timestamp = std::to_string(now_ms());
                    const std::string source = "GEThttps://localhost" + request.target + timestamp;
                    request.headers = {{"X-HubSpot-Signature-v3", http::base64_encode(http::hmac_sha256(client_secret, source))},
                                       {"X-HubSpot-Request-Timestamp", timestamp}};
                } else {
                    request.target = "/pipedrive/panel?resource=deal&view=details&companyId=456&selectedIds=" + std::to_string(deal);
                    request.headers = {{"Authorization", "Bearer " + token}};
                }
                const auto sent = Clock::now();
                http::ExchangeTrace trace;
                auto response = (*transport)->exchange(request, trace);
                const auto took = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
                if (!response || response->status != 200) {
                    ++failures;
                    continue;
                }
                latencies[c].push_back(took);
            }
        });
    }
    for (auto& t : threads) t.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    std::printf("card + panel lookups over loopback TLS, keep-alive, %d client connections, %u hardware threads\n",
                clients, std::thread::hardware_concurrency());
    std::printf("  snapshot                         %d sellers, %d deals\n", sellers, deals);
    std::printf("  requests (half card, half panel) %zu ok, %d failed\n", all.size(), failures.load());
    std::printf("  throughput                       %.0f requests/s (goal >= 2000)\n", all.size() / seconds);
    std::printf("  latency p50                      %.2f ms\n", percentile(all, 50));
    std::printf("  latency p99                      %.2f ms (goal < 20)\n", percentile(all, 99));
    std::printf("  latency max                      %.2f ms\n", all.empty() ? 0.0 : all.back());
    for (const std::string& f : {ca, chain, key}) fs::remove(f);
    return failures.load() == 0 ? 0 : 1;
}

pid_t spawn_serve(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<std::string> copy = args;
    std::string exe = SELLERSCORE_CRMHOST_PATH;
    std::vector<char*> argv{exe.data()};
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    if (posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

// The port crmhost serve printed ("listening on http://127.0.0.1:<port>"), 0 while not yet.
int listening_port(const fs::path& log) {
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t at = line.find("listening on http://127.0.0.1:");
        if (at != std::string::npos) return std::stoi(line.substr(at + 30));
    }
    return 0;
}

int webhook_bench(int argc, char** argv) {
    demo::DemoOptions options;
    options.sellers = 20;
    options.contacts = 2'000;
    options.deals = 4'000;
    options.activities = 20'000;
    auto generated = bench::bench_company(options, argc, argv, "persons", "activities");
    if (!generated) return 1;
    fakes::FakePipedriveOptions fake_options;
    fake_options.daily_tokens = 100'000'000;
    fakes::FakePipedrive fake(fake_options);
    const model::Dataset in_pipedrive = fake.seed(*generated);
    const fakes::ServerCertificate certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "serve-bench-pipedrive-ca");
    fakes::LoopbackServer crm(fake.handler(), certificate);

    const fs::path work = fs::temp_directory_path() / ("sellerscore-serve-bench-" + std::to_string(getpid()));
    fs::create_directories(work);
    const fs::path config = work / "sellerscore.json";
    const fs::path log = work / "crmhost.log";
    {
        std::ofstream out(config);
        out << json::serialize(json::object{{"connector", "pipedrive"},
                                            {"pipedrive", {{"base_url", crm.base_url()}, {"ca_file", ca_file}}},
                                            {"state_dir", (work / "state").string()},
                                            {"kpi", {{"as_of", model::format_rfc3339(options.end)}}}});
    }
    setenv("SELLERSCORE_PIPEDRIVE_TOKEN", fake_options.api_token.c_str(), 1);
    // The build tree's plugin is not from a signed package (docs/operations.md, "Signed packages").
    setenv("SELLERSCORE_ALLOW_UNSIGNED_PLUGIN", "1", 1);
    setenv("SELLERSCORE_PIPEDRIVE_WEBHOOK_USER", "bench-hook", 1);
    setenv("SELLERSCORE_PIPEDRIVE_WEBHOOK_PASSWORD", "bench-hook-password", 1);
    const bench::Step first = bench::run_crmhost({"--config", config.string(), "sync"}, log);
    if (first.exit_code != 0) {
        std::fprintf(stderr, "first sync failed (exit %d); see %s\n", first.exit_code, log.c_str());
        return 1;
    }
    const int debounce_ms = 200;
    const pid_t serve = spawn_serve({"--config", config.string(), "serve", "--port", "0", "--pipedrive-company", "456",
                                     "--debounce-ms", std::to_string(debounce_ms)},
                                    log);
    int port = 0;
    for (int i = 0; i < 600 && port == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        port = listening_port(log);
    }
    if (serve <= 0 || port == 0) {
        std::fprintf(stderr, "crmhost serve did not start; see %s\n", log.c_str());
        if (serve > 0) kill(serve, SIGTERM);
        return 1;
    }

    // A user adds a deal for a scored seller; Pipedrive delivers deal.create to our webhook.
    std::string owner;
    for (const model::Deal& d : in_pipedrive.deals) {
        if (d.status == model::DealStatus::open) {
            owner = d.owner_id;
            break;
        }
    }
    const auto score_field = fake.field_by_name("deals", "Seller score");
    auto created = fake.create("deals", {{"title", "Bench deal"}, {"owner_id", owner}, {"value", "1000"}});
    if (!created || !score_field) {
        std::fprintf(stderr, "could not create the bench deal or find the score field\n");
        kill(serve, SIGTERM);
        return 1;
    }
    http::TransportOptions transport_options;
    transport_options.base_url = "http://127.0.0.1:" + std::to_string(port);
    auto transport = http::make_tls_transport(transport_options);
    http::HttpRequest webhook;
    webhook.method = http::Method::post;
    webhook.target = "/webhooks/pipedrive";
    webhook.headers = {{"Authorization", "Basic " + http::base64_encode("bench-hook:bench-hook-password")}};
    webhook.body = json::serialize(json::object{
        {"meta", {{"action", "create"}, {"entity", "deal"}, {"entity_id", std::to_string(*created)}, {"company_id", "456"}, {"version", "2.0"}}},
        {"data", {{"id", *created}}}});
    const auto delivered = Clock::now();
    http::ExchangeTrace trace;
    auto ack = (*transport)->exchange(webhook, trace);
    const double ack_ms = std::chrono::duration<double, std::milli>(Clock::now() - delivered).count();
    double visible_s = -1;
    while (std::chrono::duration<double>(Clock::now() - delivered).count() < 120) {
        if (fake.number_value("deals", *created, score_field->field_code)) {
            visible_s = std::chrono::duration<double>(Clock::now() - delivered).count();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(serve, SIGTERM);
    int status = 0;
    waitpid(serve, &status, 0);
    std::printf("\nwebhook -> value in the fake Pipedrive (%zu deals, %zu persons, %zu activities)\n",
                in_pipedrive.deals.size(), in_pipedrive.contacts.size(), in_pipedrive.activities.size());
    std::printf("  webhook acknowledged             %s in %.1f ms\n",
                ack && ack->status == 200 ? "200" : "NOT 200", ack_ms);
    if (visible_s < 0) {
        std::printf("  new deal's seller score          not written within 120 s; see %s\n", log.c_str());
        return 1;
    }
    std::printf("  new deal's seller score written  %.2f s after the delivery (debounce %d ms; goal < 60 s)\n",
                visible_s, debounce_ms);
    fs::remove_all(work);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int lookups = lookup_bench(4, 5'000);
    const int webhook = webhook_bench(argc, argv);
    return lookups != 0 ? lookups : webhook;
}
