// A HubSpotConnector talking TLS to a FakeHubSpot on loopback, with a clock shared by both that
// only moves when someone waits on it: pacing, backoff and token expiry run in fake time, so the
// tests are fast and never measure wall-clock durations.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "connectors/hubspot/hubspot_connector.hpp"
#include "host/demo/demo_crm_generator.hpp"
#include "plugin/model/record_json.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::hubspot_testing {

namespace hs = connectors::hubspot;

class SharedFakeClock final : public connectors::http::Clock {
public:
    std::chrono::steady_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::system_clock::time_point wall_now() const override {
        std::lock_guard lock(mutex_);
        return std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 365 * 56) +
               std::chrono::duration_cast<std::chrono::system_clock::duration>(now_.time_since_epoch());
    }
    void sleep_until(std::chrono::steady_clock::time_point until) override {
        std::lock_guard lock(mutex_);
        if (until > now_) now_ = until;
    }
    void advance(std::chrono::steady_clock::duration by) {
        std::lock_guard lock(mutex_);
        now_ += by;
    }

private:
    mutable std::mutex mutex_;
    std::chrono::steady_clock::time_point now_ = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
};

// Every page a read delivers, kept.
class CollectingSink final : public connectors::RecordSink {
public:
    Status accept(connectors::ReadPage&& page) override {
        ++pages;
        max_deals_per_page = std::max(max_deals_per_page, page.records.deals.size());
        records.append(std::move(page.records));
        for (auto& held : page.held_values) held_values.push_back(std::move(held));
        for (auto& gone : page.removed) removed.push_back(std::move(gone));
        return Status::ok();
    }

    model::Dataset records;
    std::vector<connectors::HeldValue> held_values;
    std::vector<connectors::RemovedRecord> removed;
    std::size_t pages = 0;
    std::size_t max_deals_per_page = 0;
};

// A dataset as sorted NDJSON lines per record type: equal exactly when the records are.
struct RecordLines {
    std::vector<std::string> sellers, stages, contacts, deals, stage_changes, activities;

    explicit RecordLines(const model::Dataset& d) {
        for (const auto& r : d.sellers) sellers.push_back(model::to_ndjson(r));
        for (const auto& r : d.stages) stages.push_back(model::to_ndjson(r));
        for (const auto& r : d.contacts) contacts.push_back(model::to_ndjson(r));
        for (const auto& r : d.deals) deals.push_back(model::to_ndjson(r));
        for (const auto& r : d.stage_changes) stage_changes.push_back(model::to_ndjson(r));
        for (const auto& r : d.activities) activities.push_back(model::to_ndjson(r));
        for (auto* lines : {&sellers, &stages, &contacts, &deals, &stage_changes, &activities}) {
            std::sort(lines->begin(), lines->end());
        }
    }
};

// A small demo CRM: every record type, a few hundred records, several list pages per type.
inline model::Dataset demo_dataset() {
    demo::DemoOptions options;
    options.sellers = 5;
    options.contacts = 180;
    options.deals = 140;
    options.activities = 900;
    options.months = 6;
    auto data = demo::DemoCrmGenerator::dataset(options);
    if (!data) throw std::runtime_error(data.status().message());
    data->spend.clear();
    return std::move(*data);
}

inline const std::string test_token = "pat-na1-00000000-test-0000-0000-000000000000";

struct HubSpotFixture {
    SharedFakeClock clock;
    // Runs as each request reaches the fake (before it is counted in any rate window): a test
    // advances the clock here to play network delay. Set it before the first request.
    std::function<void()> on_arrival;
    fakes::FakeHubSpot fake;
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "hubspot-test-ca");
    fakes::LoopbackServer server{fake.handler(), certificate};
    std::vector<std::string> log_lines;
    std::mutex log_mutex;

    explicit HubSpotFixture(fakes::FakeHubSpotOptions options = fake_options()) : fake(with_clock(std::move(options))) {}

    static fakes::FakeHubSpotOptions fake_options() {
        fakes::FakeHubSpotOptions options;
        options.access_token = test_token;
        options.max_requests = 100;
        options.interval = std::chrono::milliseconds(500);
        options.search_per_second = 5;
        options.search_interval = std::chrono::milliseconds(50);
        return options;
    }

    fakes::FakeHubSpotOptions with_clock(fakes::FakeHubSpotOptions options) {
        options.steady_now = [this] {
            if (on_arrival) on_arrival();
            return clock.now();
        };
        return options;
    }

    hs::HubSpotSettings settings() const {
        hs::HubSpotSettings s;
        s.base_url = server.base_url();
        s.ca_file = ca_file;
        s.access_token = test_token;
        s.rate_limit_max = 100;
        s.rate_limit_interval = std::chrono::milliseconds(500);
        s.search_per_second = 80;  // the fake allows 5 per 50 ms
        s.retry.base_delay = std::chrono::milliseconds(20);
        s.retry.max_delay = std::chrono::milliseconds(200);
        s.read_timeout = std::chrono::milliseconds(2'000);
        return s;
    }

    std::unique_ptr<hs::HubSpotConnector> connector(hs::HubSpotSettings s) {
        auto made = hs::HubSpotConnector::create(
            std::move(s),
            [this](connectors::http::LogLevel, const std::string& line) {
                std::lock_guard lock(log_mutex);
                log_lines.push_back(line);
            },
            {}, clock);
        if (!made) throw std::runtime_error(made.status().message());
        return std::move(*made);
    }
    std::unique_ptr<hs::HubSpotConnector> connector() { return connector(settings()); }
};

}  // namespace sellerscore::hubspot_testing
