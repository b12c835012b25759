// The matrix's Pipedrive: an API token (with the company's daily token budget) or an OAuth app
// whose hour-long tokens the test expires by moving the fake's clock past them.
#include <memory>

#include "host/demo/demo_crm_generator.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "fake_fault_switch.hpp"
#include "shifted_clock.hpp"
#include "vendor_world.hpp"

namespace sellerscore::faults {

namespace {

// Our fields by the names install gives them (manifest customFields labels).
constexpr const char* deal_fields[] = {"Seller score",          "Seller score band",        "Seller win rate",
                                       "Seller conversion rate", "Seller retention rate",   "Seller churn rate",
                                       "Seller average sale value", "Seller sales cycle (days)", "Seller KPIs updated at"};
constexpr const char* person_fields[] = {"Churn risk", "Customer lifetime value"};

class PipedriveWorld final : public VendorWorld {
public:
    PipedriveWorld(Auth auth, const fakes::ServerCertificate& certificate, std::string ca_file)
        : auth_(auth), ca_file_(std::move(ca_file)), fake_(options(clock_)),
          server_(injector.wrap(fake_.handler()), certificate) {
        fake_.set_api_domain(server_.base_url());
        auto source = demo::DemoCrmGenerator::dataset(matrix_company());
        if (source) fake_.seed(*source);
    }

    const char* name() const override { return auth_ == Auth::oauth ? "Pipedrive (OAuth)" : "Pipedrive"; }
    std::string connector() const override { return "pipedrive"; }
    boost::json::object section() const override {
        boost::json::object s{{"base_url", server_.base_url()},
                              {"ca_file", ca_file_},
                              {"rate_limit_max", 40},
                              {"rate_limit_interval_ms", 200},
                              {"read_timeout_ms", matrix_read_timeout.count()}};
        if (auth_ == Auth::oauth) s["token_url"] = server_.base_url() + "/oauth/token";
        return s;
    }
    std::map<std::string, std::string> credentials() const override {
        const fakes::FakePipedriveOptions& o = fake_.options();
        if (auth_ == Auth::static_token) return {{"SELLERSCORE_PIPEDRIVE_TOKEN", o.api_token}};
        return {{"SELLERSCORE_PIPEDRIVE_CLIENT_ID", o.client_id},
                {"SELLERSCORE_PIPEDRIVE_CLIENT_SECRET", o.client_secret},
                {"SELLERSCORE_PIPEDRIVE_REFRESH_TOKEN", o.refresh_token}};
    }

    FieldValues values() const override {
        FieldValues values;
        // Ids count up per type from deals 101 and persons 1001 (fake_pipedrive.hpp).
        const auto collect = [&](const char* object, std::int64_t first_id, const auto& names) {
            const auto count = static_cast<std::int64_t>(fake_.object_count(object));
            for (const char* field_name : names) {
                values[std::string("fields/") + object + "/" + field_name] =
                    std::to_string(fake_.fields_named(object, field_name).size());
                const auto field = fake_.field_by_name(object, field_name);
                if (!field) continue;
                for (std::int64_t id = first_id; id < first_id + count; ++id) {
                    auto v = fake_.value(object, id, field->field_code);
                    if (!v) continue;
                    // An enum holds an option id; compare the option's label (ids differ between fields).
                    for (const auto& option : field->options)
                        if (std::to_string(option.id) == *v) v = option.label;
                    values[std::string(object) + "/" + std::to_string(id) + "/" + field_name] = *v;
                }
            }
        };
        collect("deals", 101, deal_fields);
        collect("persons", 1001, person_fields);
        return values;
    }
    std::uint64_t writes_that_changed_nothing() const override { return fake_.writes_that_changed_nothing(); }
    std::uint64_t token_refreshes() const override { return fake_.refresh_count(); }
    bool is_value_write(const std::string& request) const override { return request.rfind("PATCH ", 0) == 0; }

    void inject(VendorFault fault, int times, std::chrono::milliseconds delay) override {
        inject_fake_fault<fakes::FakePipedriveFault>(fake_, fault, times, delay);
    }
    // Pipedrive's tokens live an hour: 61 minutes later every one issued so far has expired.
    void expire_tokens() override { clock_.advance(std::chrono::minutes(61)); }
    void exhaust_daily_budget() override { fake_.set_daily_tokens_remaining(0); }
    void restore_daily_budget() override { fake_.set_daily_tokens_remaining(fake_.options().daily_tokens); }
    void heal() override {
        fake_.clear_faults();
        injector.clear();
        restore_daily_budget();
    }

private:
    static fakes::FakePipedriveOptions options(const ShiftedClock& clock) {
        fakes::FakePipedriveOptions o;
        o.max_requests = 40;  // the Growth plan's 40 per 2 s, the window scaled down 10x
        o.interval = std::chrono::milliseconds(200);
        o.steady_now = [clock] { return clock.now(); };
        return o;
    }

    Auth auth_;
    std::string ca_file_;
    ShiftedClock clock_;
    fakes::FakePipedrive fake_;
    fakes::LoopbackServer server_;
};

}  // namespace

std::unique_ptr<VendorWorld> make_pipedrive_world(Auth auth, const fakes::ServerCertificate& certificate,
                                                  const std::string& ca_file) {
    return std::make_unique<PipedriveWorld>(auth, certificate, ca_file);
}

}  // namespace sellerscore::faults
