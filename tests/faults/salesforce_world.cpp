// The matrix's Salesforce: a connected app's refresh-token flow; sessions end through the fake's
// expire_session fault, the daily allocation through REQUEST_LIMIT_EXCEEDED.
#include <memory>

#include "host/demo/demo_crm_generator.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "vendor_world.hpp"

namespace sellerscore::faults {

namespace {

constexpr const char* opportunity_fields[] = {
    "Seller_Score__c",           "Seller_Score_Band__c",     "Seller_Win_Rate__c",
    "Seller_Conversion_Rate__c", "Seller_Retention_Rate__c", "Seller_Churn_Rate__c",
    "Seller_Avg_Sale_Value__c",  "Seller_Sales_Cycle_Days__c", "Kpi_Updated_At__c"};
constexpr const char* contact_fields[] = {"Churn_Risk__c", "Customer_Lifetime_Value__c"};

class SalesforceWorld final : public VendorWorld {
public:
    SalesforceWorld(const fakes::ServerCertificate& certificate, std::string ca_file)
        : ca_file_(std::move(ca_file)), server_(injector.wrap(fake_.handler()), certificate) {
        fake_.set_instance_url(server_.base_url());
        auto source = demo::DemoCrmGenerator::dataset(matrix_company());
        if (source) {
            source->spend.clear();  // Salesforce holds no ad spend
            fake_.seed(*source);
        }
    }

    const char* name() const override { return "Salesforce"; }
    std::string connector() const override { return "salesforce"; }
    boost::json::object section() const override {
        return {{"base_url", server_.base_url()}, {"ca_file", ca_file_}, {"read_timeout_ms", matrix_read_timeout.count()}};
    }
    std::map<std::string, std::string> credentials() const override {
        const fakes::FakeSalesforceOptions& o = fake_.options();
        return {{"SELLERSCORE_SALESFORCE_CLIENT_ID", o.client_id},
                {"SELLERSCORE_SALESFORCE_CLIENT_SECRET", o.client_secret},
                {"SELLERSCORE_SALESFORCE_REFRESH_TOKEN", o.refresh_token}};
    }

    FieldValues values() const override {
        FieldValues values;
        const auto collect = [&](const char* object, const auto& fields) {
            for (const std::string& id : fake_.record_ids(object)) {
                for (const char* field : fields) {
                    if (auto v = fake_.value(object, id, field)) values[std::string(object) + "/" + id + "/" + field] = *v;
                }
            }
        };
        collect("Opportunity", opportunity_fields);
        collect("Contact", contact_fields);
        values["fields/CustomField"] = std::to_string(fake_.record_count("CustomField"));
        return values;
    }
    std::uint64_t writes_that_changed_nothing() const override { return fake_.writes_that_changed_nothing(); }
    std::uint64_t token_refreshes() const override { return fake_.requests("/services/oauth2/token"); }
    bool is_value_write(const std::string& request) const override {
        return request.rfind("PATCH ", 0) == 0 && request.find("/composite/sobjects") != std::string::npos;
    }

    void inject(VendorFault fault, int times, std::chrono::milliseconds delay) override {
        using fakes::FakeSalesforceFault;
        switch (fault) {
            case VendorFault::rate_limit_429: injector.inject(fakes::EdgeFault::rate_limit_429_bare, times); break;
            case VendorFault::http_5xx: fake_.inject(FakeSalesforceFault::http_5xx, times); break;
            case VendorFault::connection_reset: fake_.inject(FakeSalesforceFault::close_before_response, times); break;
            case VendorFault::truncated_body: fake_.inject(FakeSalesforceFault::truncate_body, times); break;
            case VendorFault::slow_answer: fake_.inject(FakeSalesforceFault::delay_response, times, "", delay); break;
        }
    }
    void expire_tokens() override { fake_.inject(fakes::FakeSalesforceFault::expire_session, 1); }
    void exhaust_daily_budget() override { fake_.inject(fakes::FakeSalesforceFault::request_limit_exceeded, 1'000'000); }
    void restore_daily_budget() override { fake_.clear_faults(); }
    void heal() override {
        fake_.clear_faults();
        injector.clear();
    }

private:
    std::string ca_file_;
    fakes::FakeSalesforce fake_;
    fakes::LoopbackServer server_;
};

}  // namespace

std::unique_ptr<VendorWorld> make_salesforce_world(const fakes::ServerCertificate& certificate,
                                                   const std::string& ca_file) {
    return std::make_unique<SalesforceWorld>(certificate, ca_file);
}

}  // namespace sellerscore::faults
