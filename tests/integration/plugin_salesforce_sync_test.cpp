// The plugin, loaded through its C ABI, syncing against the fake Salesforce over TLS on loopback:
// install creates the fields with field-level security, every value written equals the KPI engine
// run on the data as Salesforce holds it, a re-run with nothing changed writes nothing, and
// `deals --where` is answered with SOQL.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <map>
#include <set>

#include "engine_expectations.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "plugin_vendor_world.hpp"
#include "salesforce_host_secrets.hpp"
#include "seller_score_query_expectation.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"

using namespace sellerscore;
using namespace sellerscore::testing;
namespace json = boost::json;

namespace {

demo::DemoOptions small_org() {
    demo::DemoOptions o;
    o.seed = 7;
    o.sellers = 6;
    o.contacts = 400;
    o.deals = 300;
    o.activities = 3'000;
    o.months = 24;
    return o;
}

// A Salesforce org holding the small demo CRM, served over TLS, and a plugin host holding the
// connected app's refresh-token credentials.
class SalesforceWorld : public PluginVendorWorld<fakes::FakeSalesforce> {
public:
    SalesforceWorld() : PluginVendorWorld("salesforce") {
        fake.set_instance_url(server.base_url());
        model::Dataset source = generate_demo(small_org());
        source.spend.clear();  // Salesforce holds no ad spend
        in_salesforce = fake.seed(source);
        give_salesforce_secrets(host, fake.options());
    }

    kpi::Scorecard expected() const { return expected_of(in_salesforce); }

    std::optional<double> number(const std::string& object, const std::string& id, const std::string& field) const {
        const auto text = fake.value(object, id, field);
        if (!text) return std::nullopt;
        return std::stod(*text);
    }

    model::Dataset in_salesforce;  // the org as a faithful reader sees it
};

std::optional<double> percent_as_ratio(std::optional<double> held) {
    if (!held) return held;
    return *held / 100.0;
}

void check_written_values(const SalesforceWorld& world) {
    const kpi::Scorecard card = world.expected();
    const std::map<std::string, std::string> seller_rates = {{"Seller_Win_Rate__c", "win_rate"},
                                                             {"Seller_Conversion_Rate__c", "conversion_rate"},
                                                             {"Seller_Retention_Rate__c", "retention_rate"},
                                                             {"Seller_Churn_Rate__c", "churn_rate"}};
    std::size_t open_deals = 0;
    for (const model::Deal& deal : world.in_salesforce.deals) {
        INFO("deal " << deal.id);
        if (deal.status != model::DealStatus::open) {
            CHECK_FALSE(world.fake.value("Opportunity", deal.id, "Seller_Score__c").has_value());
            continue;
        }
        ++open_deals;
        const kpi::SellerResult& seller = seller_of(card, deal.owner_id);
        CHECK(same_number(world.number("Opportunity", deal.id, "Seller_Score__c"), seller.score));
        CHECK(world.fake.value("Opportunity", deal.id, "Seller_Score_Band__c") == band_text(seller));
        for (const auto& [field, kpi_id] : seller_rates) {
            INFO(field);
            CHECK(same_number(percent_as_ratio(world.number("Opportunity", deal.id, field)), kpi_value(seller, kpi_id)));
        }
        CHECK(same_number(world.number("Opportunity", deal.id, "Seller_Avg_Sale_Value__c"),
                          kpi_value(seller, "avg_sale_value")));
        CHECK(same_number(world.number("Opportunity", deal.id, "Seller_Sales_Cycle_Days__c"),
                          kpi_value(seller, "avg_sales_cycle_days")));
        const auto updated = world.fake.value("Opportunity", deal.id, "Kpi_Updated_At__c");
        REQUIRE(updated.has_value());
        CHECK(updated->substr(0, 19) == model::format_rfc3339(world.as_of).substr(0, 19));
    }
    CHECK(open_deals > 0);

    std::map<std::string, const kpi::CustomerResult*> customers;
    for (const auto& c : card.customers) customers[c.customer_id] = &c;
    std::size_t with_churn_risk = 0;
    for (const model::Contact& contact : world.in_salesforce.contacts) {
        INFO("contact " << contact.id);
        const auto it = customers.find(contact.id);
        const kpi::CustomerResult* expected = it == customers.end() ? nullptr : it->second;
        const auto churn = percent_as_ratio(world.number("Contact", contact.id, "Churn_Risk__c"));
        CHECK(same_number(churn, expected ? expected->churn_risk : std::nullopt));
        CHECK(same_number(world.number("Contact", contact.id, "Customer_Lifetime_Value__c"),
                          expected ? expected->lifetime_value : std::nullopt));
        if (churn) ++with_churn_risk;
    }
    CHECK(with_churn_risk > 0);
}

}  // namespace

TEST_CASE("a Salesforce install creates the fields, grants them and assigns the permission set") {
    SalesforceWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.create_status == CRMEXT_OK);
    const CallResult r = session.install();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    const auto granted = world.fake.record_count("FieldPermissions");
    INFO(r.message);
    CHECK(granted > 0);
    CHECK(world.fake.record_count("PermissionSet") == 1);
    CHECK(world.fake.record_count("PermissionSetAssignment") == 1);
    // A second install finds everything in place and grants nothing twice.
    REQUIRE(session.install().status == CRMEXT_OK);
    CHECK(world.fake.record_count("FieldPermissions") == granted);
    CHECK(world.fake.record_count("PermissionSetAssignment") == 1);
}

TEST_CASE("a Salesforce sync writes every KPI value the engine computes on the Salesforce data") {
    SalesforceWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.create_status == CRMEXT_OK);
    const CallResult r = session.sync();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    check_written_values(world);
    // Values go out in composite calls of <= 200 records.
    const auto calls = world.fake.requests("/services/data/v62.0/composite/sobjects");
    const auto records_updated = r.json().at("records_updated").to_number<std::uint64_t>();
    CHECK(calls > 0);
    CHECK(calls <= records_updated / 200 + 2);
    CHECK(world.fake.writes_that_changed_nothing() == 0);
}

TEST_CASE("a Salesforce sync above salesforce.bulk_write_threshold writes the same values through Bulk API 2.0 ingest jobs") {
    SalesforceWorld world;
    PluginSession session(world.host, world.settings({{"bulk_write_threshold", 50}}));
    REQUIRE(session.create_status == CRMEXT_OK);
    const CallResult r = session.sync();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    check_written_values(world);
    CHECK(world.fake.requests("/services/data/v62.0/composite/sobjects") == 0);
    // 90 records changed: one update job per object written (Opportunity, Contact), one batch each.
    CHECK(world.fake.bulk_batches_used() == 2);
    CHECK(world.fake.writes_that_changed_nothing() == 0);
    // Nothing changed since: the next run writes nothing.
    const auto written_before = world.fake.records_written();
    REQUIRE(session.sync().status == CRMEXT_OK);
    CHECK(world.fake.records_written() == written_before);
}

TEST_CASE("a Salesforce re-sync with nothing changed writes nothing and costs a handful of calls") {
    SalesforceWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    const auto written_before = world.fake.records_written();
    const auto usage_before = world.fake.api_usage();

    const CallResult again = session.sync();
    INFO(again.message);
    REQUIRE(again.status == CRMEXT_OK);
    CHECK(again.json().at("skipped").as_bool());
    CHECK(world.fake.records_written() == written_before);
    // /limits and the cursor probe (newest SystemModstamp and COUNT() of 8 objects).
    CHECK(world.fake.api_usage() - usage_before <= 17);
}

TEST_CASE("deals --where on Salesforce returns the open deals of the sellers that match") {
    SalesforceWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    check_seller_score_query(session, world.in_salesforce, world.expected());
}
