// The matrix's HubSpot: a private-app token (with a daily limit) or an OAuth app whose 30-minute
// tokens the test expires by moving the fake's clock past them.
#include <memory>

#include "host/demo/demo_crm_generator.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "fake_fault_switch.hpp"
#include "shifted_clock.hpp"
#include "vendor_world.hpp"

namespace sellerscore::faults {

namespace {

constexpr const char* deal_properties[] = {
    "sellerscore_seller_score",           "sellerscore_seller_score_band",    "sellerscore_seller_win_rate",
    "sellerscore_seller_conversion_rate", "sellerscore_seller_retention_rate", "sellerscore_seller_churn_rate",
    "sellerscore_seller_avg_sale_value",  "sellerscore_seller_sales_cycle_days", "sellerscore_kpi_updated_at"};
constexpr const char* contact_properties[] = {"sellerscore_churn_risk", "sellerscore_customer_lifetime_value"};

class HubSpotWorld final : public VendorWorld {
public:
    HubSpotWorld(Auth auth, const fakes::ServerCertificate& certificate, std::string ca_file)
        : auth_(auth), ca_file_(std::move(ca_file)), fake_(options(clock_)),
          server_(injector.wrap(fake_.handler()), certificate) {
        auto source = demo::DemoCrmGenerator::dataset(matrix_company());
        if (source) fake_.seed(*source);
    }

    const char* name() const override { return auth_ == Auth::oauth ? "HubSpot (OAuth)" : "HubSpot"; }
    std::string connector() const override { return "hubspot"; }
    boost::json::object section() const override {
        return {{"base_url", server_.base_url()},
                {"ca_file", ca_file_},
                {"rate_limit_max", 100},
                {"rate_limit_interval_ms", 1000},
                {"search_per_second", 40},
                {"read_timeout_ms", matrix_read_timeout.count()}};
    }
    std::map<std::string, std::string> credentials() const override {
        const fakes::FakeHubSpotOptions& o = fake_.options();
        if (auth_ == Auth::static_token) return {{"SELLERSCORE_HUBSPOT_TOKEN", o.access_token}};
        return {{"SELLERSCORE_HUBSPOT_CLIENT_ID", o.client_id},
                {"SELLERSCORE_HUBSPOT_CLIENT_SECRET", o.client_secret},
                {"SELLERSCORE_HUBSPOT_REFRESH_TOKEN", o.refresh_token}};
    }

    FieldValues values() const override {
        FieldValues values;
        const auto collect = [&](const char* type, const auto& properties) {
            for (const std::string& id : fake_.object_ids(type)) {
                for (const char* property : properties) {
                    if (auto v = fake_.value(type, id, property)) values[std::string(type) + "/" + id + "/" + property] = *v;
                }
            }
            for (const char* property : properties) {
                values[std::string("fields/") + type + "/" + property] = fake_.property(type, property) ? "1" : "0";
            }
        };
        collect("deals", deal_properties);
        collect("contacts", contact_properties);
        return values;
    }
    std::uint64_t writes_that_changed_nothing() const override { return fake_.writes_that_changed_nothing(); }
    std::uint64_t token_refreshes() const override { return fake_.refresh_count(); }
    bool is_value_write(const std::string& request) const override {
        return request.rfind("POST ", 0) == 0 && request.find("/batch/update") != std::string::npos;
    }

    void inject(VendorFault fault, int times, std::chrono::milliseconds delay) override {
        inject_fake_fault<fakes::FakeHubSpotFault>(fake_, fault, times, delay);
    }
    // HubSpot's tokens live 30 minutes: 31 minutes later every one issued so far has expired.
    void expire_tokens() override { clock_.advance(std::chrono::minutes(31)); }
    void exhaust_daily_budget() override { fake_.set_daily_calls_remaining(0); }
    void restore_daily_budget() override { fake_.set_daily_calls_remaining(fake_.options().daily_limit); }
    void heal() override {
        fake_.clear_faults();
        injector.clear();
        restore_daily_budget();
    }

private:
    static fakes::FakeHubSpotOptions options(const ShiftedClock& clock) {
        fakes::FakeHubSpotOptions o;
        o.max_requests = 100;  // HubSpot's 100 per 10 s, the window scaled down 10x
        o.interval = std::chrono::milliseconds(1'000);
        o.search_per_second = 40;  // HubSpot's 4 searches per second, scaled up 10x like the burst window
        o.steady_now = [clock] { return clock.now(); };
        return o;
    }

    Auth auth_;
    std::string ca_file_;
    ShiftedClock clock_;
    fakes::FakeHubSpot fake_;
    fakes::LoopbackServer server_;
};

}  // namespace

std::unique_ptr<VendorWorld> make_hubspot_world(Auth auth, const fakes::ServerCertificate& certificate,
                                                const std::string& ca_file) {
    return std::make_unique<HubSpotWorld>(auth, certificate, ca_file);
}

}  // namespace sellerscore::faults
