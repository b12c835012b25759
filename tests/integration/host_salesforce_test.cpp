// The real crmhost binary, run as a child process the way a user or cron runs it, with
// `"connector": "salesforce"` against the fake Salesforce over TLS on loopback: install, sync and
// `deals --where` exit 0 and leave the org as the command promises. The connected app's credentials
// come from a 0600 secrets file, as docs/operations.md tells an operator to keep them.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <boost/json.hpp>

#include <set>
#include <string>

#include "engine_expectations.hpp"
#include "host_scratch_directory.hpp"
#include "host_test_process.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "tests/fake_vendors/fake_salesforce_test_support.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "tests/fakes/test_certificates.hpp"

using namespace sellerscore;
using namespace sellerscore::host::testing;
namespace json = boost::json;
namespace sf = sellerscore::fakes::sf_testing;

namespace {

// The small demo CRM of plugin_salesforce_sync_test.cpp, with seed 21 instead of 7: two of its
// sellers score band A (seed 7 has none), so `deals --where` has two sellers' deals to find.
demo::DemoOptions small_org() {
    demo::DemoOptions o;
    o.seed = 21;
    o.sellers = 6;
    o.contacts = 400;
    o.deals = 300;
    o.activities = 3'000;
    o.months = 24;
    return o;
}

// A Salesforce org holding the small demo CRM behind TLS, and a folder holding crmhost's config and
// secrets file for it.
class SalesforceHost {
public:
    SalesforceHost()
        : certificate(fakes::make_server_certificate()),
          ca_file(fakes::write_temp_pem(certificate.ca_pem, "host-salesforce-test-ca")),
          server(fake.handler(), certificate) {
        fake.set_instance_url(server.base_url());
        model::Dataset source = sellerscore::testing::generate_demo(small_org());
        source.spend.clear();  // Salesforce holds no ad spend
        in_salesforce = fake.seed(source);
        dir.write("secrets.json",
                  json::serialize(json::object{
                      {"SELLERSCORE_SALESFORCE_CLIENT_ID", fake.options().client_id},
                      {"SELLERSCORE_SALESFORCE_CLIENT_SECRET", fake.options().client_secret},
                      {"SELLERSCORE_SALESFORCE_REFRESH_TOKEN", fake.options().refresh_token}}));
        ::chmod((dir.path() / "secrets.json").c_str(), 0600);
        dir.write("sellerscore.json",
                  json::serialize(json::object{
                      {"connector", "salesforce"},
                      {"salesforce", {{"base_url", server.base_url()}, {"ca_file", ca_file}}},
                      {"secrets_file", "secrets.json"},
                      {"state_dir", "state"},
                      {"kpi", {{"as_of", model::format_rfc3339(demo::DemoOptions::default_end)}}}}));
    }

    ProcessResult crmhost(const std::vector<std::string>& command) const {
        std::vector<std::string> args{"--config", "sellerscore.json"};
        args.insert(args.end(), command.begin(), command.end());
        return run_crmhost(args, dir.path(), real_plugin);
    }

    // "Object.DeveloperName" of every custom field the org's Tooling API lists.
    std::set<std::string> custom_fields() {
        const std::string token = sf::session(fake);
        const fakes::FakeResponse reply =
            fake.handle(sf::soql(token, "SELECT DeveloperName, TableEnumOrId FROM CustomField", "/tooling/query"));
        REQUIRE(reply.status == 200);
        std::set<std::string> fields;
        const json::value answer = sf::json_of(reply);
        for (const json::value& r : answer.at("records").as_array()) {
            fields.insert(sf::str(r.at("TableEnumOrId")) + "." + sf::str(r.at("DeveloperName")));
        }
        return fields;
    }

    fakes::FakeSalesforce fake;
    fakes::ServerCertificate certificate;
    std::string ca_file;
    fakes::LoopbackServer server;
    model::Dataset in_salesforce;  // the org as a faithful reader sees it
    ScratchDirectory dir;
};

}  // namespace

TEST_CASE("crmhost install on Salesforce exits 0 and the org holds the fields, granted to the integration user") {
    SalesforceHost org;
    REQUIRE(org.custom_fields().count("Opportunity.Seller_Score") == 0);

    const ProcessResult r = org.crmhost({"install"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::set<std::string> fields = org.custom_fields();
    for (const char* field : {"Opportunity.Seller_Score", "Opportunity.Seller_Score_Band", "Opportunity.Seller_Win_Rate",
                              "Opportunity.Kpi_Updated_At", "Contact.Churn_Risk", "Contact.Customer_Lifetime_Value"}) {
        INFO(field);
        CHECK(fields.count(field) == 1);
    }
    CHECK(org.fake.record_count("PermissionSet") == 1);
    CHECK(org.fake.record_count("PermissionSetAssignment") == 1);
    CHECK(org.fake.record_count("FieldPermissions") > 0);
}

TEST_CASE("crmhost sync on Salesforce exits 0 and every open opportunity holds Seller_Score__c") {
    SalesforceHost org;
    REQUIRE(org.crmhost({"install"}).exit_code == 0);

    const ProcessResult r = org.crmhost({"sync"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const kpi::Scorecard card = [&] {
        kpi::KpiConfig config;
        config.as_of = demo::DemoOptions::default_end;
        return kpi::compute_scorecard(org.in_salesforce, config);
    }();
    std::size_t open_deals = 0, scored = 0;
    for (const model::Deal& deal : org.in_salesforce.deals) {
        INFO("opportunity " << deal.id);
        const auto held = org.fake.value("Opportunity", deal.id, "Seller_Score__c");
        if (deal.status != model::DealStatus::open) {
            CHECK_FALSE(held.has_value());
            continue;
        }
        ++open_deals;
        const auto expected = sellerscore::testing::seller_of(card, deal.owner_id).score;
        CHECK(sellerscore::testing::same_number(held ? std::optional<double>(std::stod(*held)) : std::nullopt, expected));
        if (held) ++scored;
    }
    CHECK(open_deals > 0);
    CHECK(scored > 0);
    CHECK(org.fake.writes_that_changed_nothing() == 0);
}

TEST_CASE("crmhost deals --where on Salesforce lists exactly the open opportunities whose held band is A") {
    SalesforceHost org;
    REQUIRE(org.crmhost({"install"}).exit_code == 0);
    REQUIRE(org.crmhost({"sync"}).exit_code == 0);
    std::set<std::string> band_a;
    for (const model::Deal& deal : org.in_salesforce.deals) {
        if (deal.status == model::DealStatus::open && org.fake.value("Opportunity", deal.id, "Seller_Score_Band__c") == "A") {
            band_a.insert(deal.id);
        }
    }
    REQUIRE_FALSE(band_a.empty());

    const ProcessResult r =
        org.crmhost({"deals", "--where", "seller_score_band = A", "--format", "json", "--limit", "10000"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> listed;
    const json::value answer = json::parse(r.out);
    for (const json::value& deal : answer.at("deals").as_array()) {
        listed.insert(sf::str(deal.at("id")));
        CHECK(sf::str(deal.at("fields").at("seller_score_band")) == "A");
    }
    CHECK(listed == band_a);

    // The table a user reads names the same opportunities.
    const ProcessResult table = org.crmhost({"deals", "--where", "seller_score_band = A", "--limit", "10000"});
    REQUIRE(table.exit_code == 0);
    for (const std::string& id : band_a) {
        INFO(id);
        CHECK(table.out.find(id) != std::string::npos);
    }
}
