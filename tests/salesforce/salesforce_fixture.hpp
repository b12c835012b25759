// A SalesforceConnector talking TLS to a FakeSalesforce on loopback, both on one clock that moves
// only when someone waits on it (retry backoff, session expiry): fast, and never wall-clock bound.
#pragma once

#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "connectors/salesforce/salesforce_connector.hpp"
#include "host/demo/demo_crm_generator.hpp"
#include "plugin/model/record_json.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::salesforce_testing {

namespace sf = connectors::salesforce;

class SharedFakeClock final : public connectors::http::Clock {
public:
    static constexpr std::int64_t epoch_start_ms = 1'780'000'000'000;  // 2026-05-28
    std::chrono::steady_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::system_clock::time_point wall_now() const override {
        return std::chrono::system_clock::time_point{} + std::chrono::milliseconds(epoch_ms());
    }
    std::int64_t epoch_ms() const {
        std::lock_guard lock(mutex_);
        return epoch_start_ms + std::chrono::duration_cast<std::chrono::milliseconds>(now_ - start_).count();
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
    const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
    std::chrono::steady_clock::time_point now_ = start_;
};

class CollectingSink final : public connectors::RecordSink {
public:
    Status accept(connectors::ReadPage&& page) override {
        ++pages;
        if (!page.checkpoint.empty()) last_checkpoint = page.checkpoint;
        records.append(std::move(page.records));
        for (auto& held : page.held_values) held_values.push_back(std::move(held));
        for (auto& gone : page.removed) removed.push_back(std::move(gone));
        return Status::ok();
    }
    model::Dataset records;
    std::vector<connectors::HeldValue> held_values;
    std::vector<connectors::RemovedRecord> removed;
    std::size_t pages = 0;
    std::string last_checkpoint;
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
        for (auto* lines : {&sellers, &stages, &contacts, &deals, &stage_changes, &activities})
            std::sort(lines->begin(), lines->end());
    }
};

inline model::Dataset demo_dataset(int deals = 140) {
    demo::DemoOptions options;
    options.sellers = 5;
    options.contacts = 180;
    options.deals = deals;
    options.activities = 900;
    options.months = 6;
    auto data = demo::DemoCrmGenerator::dataset(options);
    if (!data) throw std::runtime_error(data.status().message());
    data->spend.clear();
    return std::move(*data);
}

class MemoryMap final : public connectors::ConnectorMemory {
public:
    std::optional<std::string> get(std::string_view key) const override {
        const auto it = values.find(std::string(key));
        if (it == values.end()) return std::nullopt;
        return it->second;
    }
    Status put(std::string_view key, std::string_view value) override {
        values[std::string(key)] = std::string(value);
        return Status::ok();
    }
    std::map<std::string, std::string> values;
};

struct SalesforceFixture {
    SharedFakeClock clock;
    fakes::FakeSalesforce fake;
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "salesforce-test-ca");
    fakes::LoopbackServer server{fake.handler(), certificate};
    MemoryMap memory;
    std::vector<std::string> log_lines;
    std::mutex log_mutex;

    explicit SalesforceFixture(fakes::FakeSalesforceOptions options = {}) : fake(with_clock(std::move(options))) {
        fake.set_instance_url(server.base_url());
    }

    fakes::FakeSalesforceOptions with_clock(fakes::FakeSalesforceOptions options) {
        options.steady_now = [this] { return clock.now(); };
        options.epoch_ms_now = [this] { return clock.epoch_ms(); };
        options.sleep_for = [this](std::chrono::milliseconds d) { clock.advance(d); };
        return options;
    }

    sf::SalesforceSettings settings() const {
        sf::SalesforceSettings s;
        s.token_url = server.base_url() + "/services/oauth2/token";  // the JWT audience stays login_url
        s.ca_file = ca_file;
        s.client_id = fake.options().client_id;
        s.client_secret = fake.options().client_secret;
        s.refresh_token = fake.options().refresh_token;
        s.retry.base_delay = std::chrono::milliseconds(20);
        s.retry.max_delay = std::chrono::milliseconds(200);
        s.read_timeout = std::chrono::milliseconds(5'000);
        return s;
    }

    std::unique_ptr<sf::SalesforceConnector> connector(sf::SalesforceSettings s) {
        auto made = sf::SalesforceConnector::create(
            std::move(s), memory,
            [this](connectors::http::LogLevel, const std::string& line) {
                std::lock_guard lock(log_mutex);
                log_lines.push_back(line);
            },
            {}, clock);
        if (!made) throw std::runtime_error(made.status().message());
        return std::move(*made);
    }
    std::unique_ptr<sf::SalesforceConnector> connector() { return connector(settings()); }
};

// The KPIS.md §7 deal fields the tests install: one of each Salesforce type we create.
inline std::vector<connectors::FieldDefinition> deal_fields() {
    using connectors::FieldType;
    using connectors::RecordObject;
    return {{"seller_score", "Seller score", FieldType::number, RecordObject::deal, "seller_kpis", "", {}},
            {"seller_win_rate", "Seller win rate", FieldType::percentage, RecordObject::deal, "seller_kpis", "", {}},
            {"seller_score_band", "Seller score band", FieldType::enumeration, RecordObject::deal, "seller_kpis", "",
             {"top", "middle", "low"}}};
}

}  // namespace sellerscore::salesforce_testing
