// A PipedriveConnector talking TLS to a FakePipedrive on loopback, with a clock shared by both that
// only moves when someone waits on it: pacing, back-off and token expiry run in fake time, so the
// tests are fast and never measure wall-clock durations.
#pragma once

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "connectors/connector_memory.hpp"
#include "connectors/pipedrive/pipedrive_connector.hpp"
#include "host/demo/demo_crm_generator.hpp"
#include "plugin/model/record_json.hpp"
#include "tests/fakes/fault_injector.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/test_certificates.hpp"

namespace sellerscore::pipedrive_testing {

namespace pd = connectors::pipedrive;

class SharedFakeClock final : public connectors::http::Clock {
public:
    std::chrono::steady_clock::time_point now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::system_clock::time_point wall_now() const override {
        std::lock_guard lock(mutex_);
        // 2026-12-01T00:00:00Z (after the demo data) at the steady clock's start.
        return std::chrono::system_clock::time_point{} + std::chrono::seconds(1'796'083'200) +
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

// The plugin's state store as the connector sees it, in memory.
class MemoryStore final : public connectors::ConnectorMemory {
public:
    std::optional<std::string> get(std::string_view key) const override {
        std::lock_guard lock(mutex_);
        const auto it = values_.find(std::string(key));
        if (it == values_.end()) return std::nullopt;
        return it->second;
    }
    Status put(std::string_view key, std::string_view value) override {
        std::lock_guard lock(mutex_);
        values_[std::string(key)] = std::string(value);
        return Status::ok();
    }

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::string> values_;
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
        if (!page.checkpoint.empty()) last_checkpoint = page.checkpoint;
        return Status::ok();
    }

    model::Dataset records;
    std::vector<connectors::HeldValue> held_values;
    std::vector<connectors::RemovedRecord> removed;
    std::string last_checkpoint;
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

// A small demo CRM: every record type, a few hundred records, several list pages of some types.
inline model::Dataset demo_dataset(int deals = 140, int activities = 900) {
    demo::DemoOptions options;
    options.sellers = 5;
    options.contacts = 180;
    options.deals = deals;
    options.activities = activities;
    options.months = 6;
    auto data = demo::DemoCrmGenerator::dataset(options);
    if (!data) throw std::runtime_error(data.status().message());
    data->spend.clear();
    return std::move(*data);
}

inline const std::string test_token = "0123456789abcdef0123456789abcdef01234567";

struct PipedriveFixture {
    SharedFakeClock clock;
    fakes::FakePipedrive fake;
    fakes::ServerCertificate certificate = fakes::make_server_certificate();
    std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "pipedrive-test-ca");
    fakes::FaultInjector edge;  // what a proxy or CDN in front of Pipedrive can answer instead
    fakes::LoopbackServer server{edge.wrap(fake.handler()), certificate};
    MemoryStore memory;
    std::vector<std::string> log_lines;
    std::mutex log_mutex;

    explicit PipedriveFixture(fakes::FakePipedriveOptions options = fake_options()) : fake(with_clock(std::move(options))) {
        fake.set_api_domain(server.base_url());
    }

    static fakes::FakePipedriveOptions fake_options() {
        fakes::FakePipedriveOptions options;
        options.api_token = test_token;
        options.max_requests = 40;
        options.interval = std::chrono::milliseconds(2'000);
        options.abuse_cooldown = std::chrono::milliseconds(3'000);
        return options;
    }

    fakes::FakePipedriveOptions with_clock(fakes::FakePipedriveOptions options) {
        options.steady_now = [this] { return clock.now(); };
        // Pipedrive's update_time comes from the same clock the connector sees.
        options.epoch_seconds_now = [this] {
            return std::chrono::duration_cast<std::chrono::seconds>(clock.wall_now().time_since_epoch()).count();
        };
        return options;
    }

    pd::PipedriveSettings settings() const {
        pd::PipedriveSettings s;
        s.base_url = server.base_url();
        s.ca_file = ca_file;
        s.api_token = test_token;
        s.burst_max = 40;
        s.burst_window = std::chrono::milliseconds(2'000);
        s.daily_token_reserve = 0;
        s.retry.base_delay = std::chrono::milliseconds(20);
        s.retry.max_delay = std::chrono::milliseconds(2'000);
        return s;
    }

    std::unique_ptr<pd::PipedriveConnector> connector(pd::PipedriveSettings s) {
        auto made = pd::PipedriveConnector::create(
            std::move(s), memory,
            [this](connectors::http::LogLevel, const std::string& line) {
                std::lock_guard lock(log_mutex);
                log_lines.push_back(line);
            },
            {}, clock);
        if (!made) throw std::runtime_error(made.status().message());
        return std::move(*made);
    }
    std::unique_ptr<pd::PipedriveConnector> connector() { return connector(settings()); }

    // One connection: the shared clock jumps for every thread when one waits, so a request in
    // flight on another connection reaches the fake later than it was paced to start and can
    // over-fill its rolling window. Tests that count 429s or requests exactly read on one
    // connection; the bench measures 429s with concurrent reads on a real clock.
    std::unique_ptr<pd::PipedriveConnector> sequential_connector() {
        pd::PipedriveSettings s = settings();
        s.max_connections = 1;
        return connector(std::move(s));
    }
};

}  // namespace sellerscore::pipedrive_testing

namespace sellerscore::pipedrive_testing {

// The KPIS.md §7 fields as the manifest defines them.
inline std::vector<connectors::FieldDefinition> catalog_fields() {
    using connectors::FieldType;
    using connectors::RecordObject;
    auto field = [](const char* id, const char* label, FieldType type, RecordObject object) {
        connectors::FieldDefinition d;
        d.id = id;
        d.label = label;
        d.type = type;
        d.object = object;
        if (type == FieldType::enumeration) d.options = {"A", "B", "C", "D"};
        return d;
    };
    return {field("seller_score", "Seller score", FieldType::number, RecordObject::deal),
            field("seller_score_band", "Seller score band", FieldType::enumeration, RecordObject::deal),
            field("seller_win_rate", "Seller win rate", FieldType::percentage, RecordObject::deal),
            field("seller_conversion_rate", "Seller conversion rate", FieldType::percentage, RecordObject::deal),
            field("seller_retention_rate", "Seller retention rate", FieldType::percentage, RecordObject::deal),
            field("seller_churn_rate", "Seller churn rate", FieldType::percentage, RecordObject::deal),
            field("seller_avg_sale_value", "Seller average sale value", FieldType::money, RecordObject::deal),
            field("seller_sales_cycle_days", "Seller sales cycle (days)", FieldType::number, RecordObject::deal),
            field("kpi_updated_at", "Seller KPIs updated at", FieldType::datetime, RecordObject::deal),
            field("seller_csat", "Seller CSAT", FieldType::percentage, RecordObject::deal),
            field("seller_nps", "Seller NPS", FieldType::number, RecordObject::deal),
            field("seller_on_time_delivery_rate", "Seller on-time delivery rate", FieldType::percentage,
                  RecordObject::deal),
            field("churn_risk", "Churn risk", FieldType::percentage, RecordObject::contact),
            field("customer_lifetime_value", "Customer lifetime value", FieldType::money, RecordObject::contact)};
}

}  // namespace sellerscore::pipedrive_testing
