// The settings of the customer-experience sources (hubspot.delivery.*, pipedrive.survey.* and
// .delivery.*, salesforce.survey.* and .delivery.*) as the plugin's create() parses them: a good
// section is taken and reaches the connector (its install names the fields it looks for), a section
// missing one half of a pair or holding a value of the wrong kind is one config error naming the key.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <string>

#include "host_scratch_directory.hpp"
#include "loaded_plugin.hpp"
#include "salesforce_host_secrets.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"
#include "tests/fakes/loopback_server.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"
#include "tests/fakes/test_certificates.hpp"

using namespace sellerscore;
using namespace sellerscore::testing;
using sellerscore::host::testing::ScratchDirectory;
namespace json = boost::json;

namespace {

// create()'s status and message for a config whose `connector` section is `section`.
std::pair<crmext_status, std::string> create_with(const std::string& connector, const json::object& section) {
    ScratchDirectory dir;
    TestHost host;
    host.state_dir = (dir.path() / "state").string();
    const std::string settings = json::serialize(
        json::object{{"connector", connector}, {connector, section}, {"state_dir", host.state_dir}});
    PluginSession session(host, settings);
    return {session.create_status, session.create_message};
}

void check_refused(const std::string& connector, const json::object& section, const std::string& expected) {
    const auto [status, message] = create_with(connector, section);
    INFO(json::serialize(section) << " -> " << message);
    CHECK(status != CRMEXT_OK);
    CHECK(message.find(expected) != std::string::npos);
    // One line: one error, not a list.
    CHECK(message.find('\n') == std::string::npos);
}

bool logged(const TestHost& host, const std::string& text) {
    return std::any_of(host.logs.begin(), host.logs.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("hubspot.delivery: both properties are taken, one without the other is refused naming the missing key") {
    CHECK(create_with("hubspot", {{"delivery", {{"promised_property", "promised"}, {"delivered_property", "delivered"}}}}).first ==
          CRMEXT_OK);
    CHECK(create_with("hubspot", {{"delivery", json::value()}}).first == CRMEXT_OK);
    check_refused("hubspot", {{"delivery", {{"promised_property", "promised"}}}},
                  "settings: hubspot.delivery.delivered_property: expected a name too, since promised_property is set "
                  "(both or neither)");
    check_refused("hubspot", {{"delivery", {{"delivered_property", "delivered"}}}},
                  "settings: hubspot.delivery.promised_property: expected a name too, since delivered_property is set "
                  "(both or neither)");
    // Pipedrive's and Salesforce's key names are not HubSpot's: refused, not ignored.
    check_refused("hubspot", {{"delivery", {{"promised_field", "promised"}, {"delivered_field", "delivered"}}}},
                  "settings: hubspot.delivery.promised_field: expected one of promised_property, delivered_property");
    check_refused("hubspot", {{"delivery", {{"promised_property", 5}, {"delivered_property", "delivered"}}}},
                  "settings: hubspot.delivery.promised_property: expected a string");
    check_refused("hubspot", {{"delivery", "promised"}}, "settings: hubspot.delivery: expected object");
}

TEST_CASE("pipedrive.survey and pipedrive.delivery: complete pairs are taken, and a missing half, an unknown kind or object is refused") {
    CHECK(create_with("pipedrive", {{"survey", {{"score_field", "CSAT score"}, {"date_field", "CSAT date"}, {"kind", "nps"},
                                                {"object", "person"}}},
                                    {"delivery", {{"promised_field", "Promised delivery"}, {"delivered_field", "Delivered on"}}}})
              .first == CRMEXT_OK);
    CHECK(create_with("pipedrive", {{"survey", {{"score_field", "CSAT score"}, {"date_field", "CSAT date"}}}}).first == CRMEXT_OK);
    check_refused("pipedrive", {{"survey", {{"score_field", "CSAT score"}}}},
                  "settings: pipedrive.survey.date_field: expected a name too, since score_field is set (both or neither)");
    check_refused("pipedrive", {{"survey", {{"date_field", "CSAT date"}, {"kind", "csat"}}}},
                  "settings: pipedrive.survey.score_field: expected a name too, since date_field is set (both or neither)");
    check_refused("pipedrive", {{"survey", {{"score_field", "CSAT score"}, {"date_field", "CSAT date"}, {"type", "csat"}}}},
                  "settings: pipedrive.survey.type: expected one of score_field, date_field, kind, object");
    check_refused("pipedrive", {{"survey", {{"score_field", "CSAT score"}, {"date_field", "CSAT date"}, {"kind", "ces"}}}},
                  "settings: pipedrive.survey.kind: expected \"csat\" or \"nps\"");
    // Salesforce's object names are not Pipedrive's.
    check_refused("pipedrive", {{"survey", {{"score_field", "CSAT score"}, {"date_field", "CSAT date"}, {"object", "Contact"}}}},
                  "settings: pipedrive.survey.object: expected \"deal\" or \"person\"");
    check_refused("pipedrive", {{"delivery", {{"promised_field", "Promised delivery"}}}},
                  "settings: pipedrive.delivery.delivered_field: expected a name too, since promised_field is set "
                  "(both or neither)");
    check_refused("pipedrive", {{"delivery", {{"promised_field", "Promised delivery"}, {"delivered_field", true}}}},
                  "settings: pipedrive.delivery.delivered_field: expected a string");
}

TEST_CASE("salesforce.survey and salesforce.delivery: complete pairs are taken, and a missing half, an unknown kind or object is refused") {
    CHECK(create_with("salesforce", {{"survey", {{"score_field", "NPS__c"}, {"date_field", "NPS_Date__c"}, {"kind", "nps"},
                                                 {"object", "Contact"}}},
                                     {"delivery", {{"promised_field", "Promised__c"}, {"delivered_field", "Delivered__c"}}}})
              .first == CRMEXT_OK);
    check_refused("salesforce", {{"survey", {{"date_field", "NPS_Date__c"}}}},
                  "settings: salesforce.survey.score_field: expected a name too, since date_field is set (both or neither)");
    check_refused("salesforce", {{"survey", {{"score_field", "NPS__c"}, {"date_field", "NPS_Date__c"}, {"object", "person"}}}},
                  "settings: salesforce.survey.object: expected \"Opportunity\" or \"Contact\"");
    check_refused("salesforce", {{"survey", {{"score_field", "NPS__c"}, {"date_field", "NPS_Date__c"}, {"kind", "NPS"}}}},
                  "settings: salesforce.survey.kind: expected \"csat\" or \"nps\"");
    check_refused("salesforce", {{"delivery", {{"delivered_field", "Delivered__c"}}}},
                  "settings: salesforce.delivery.promised_field: expected a name too, since delivered_field is set "
                  "(both or neither)");
    check_refused("salesforce", {{"survey", json::array{}}}, "settings: salesforce.survey: expected object");
}

// The parsed names reach each connector: install, against an org or company without those fields,
// names each setting and the field it names.
TEST_CASE("the experience settings reach the Pipedrive and Salesforce connectors: install names each missing field by its setting") {
    const auto certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "experience-settings-ca");
    SECTION("Pipedrive") {
        fakes::FakePipedrive fake{fakes::FakePipedriveOptions{}};
        fakes::LoopbackServer server(fake.handler(), certificate);
        ScratchDirectory dir;
        TestHost host;
        host.secrets["SELLERSCORE_PIPEDRIVE_TOKEN"] = fake.options().api_token;
        host.state_dir = (dir.path() / "state").string();
        const json::object section{{"base_url", server.base_url()},
                                   {"ca_file", ca_file},
                                   {"survey", {{"score_field", "Happiness"}, {"date_field", "Asked on"}, {"object", "person"}}},
                                   {"delivery", {{"promised_field", "Due"}, {"delivered_field", "Arrived"}}}};
        PluginSession session(host, json::serialize(json::object{
                                        {"connector", "pipedrive"}, {"pipedrive", section}, {"state_dir", host.state_dir}}));
        REQUIRE(session.create_status == CRMEXT_OK);
        const CallResult install = session.install();
        INFO(install.message);
        REQUIRE(install.status == CRMEXT_OK);
        CHECK(logged(host, "pipedrive.survey.score_field names person field 'Happiness'"));
        CHECK(logged(host, "pipedrive.survey.date_field names person field 'Asked on'"));
        CHECK(logged(host, "pipedrive.delivery.promised_field names deal field 'Due'"));
        CHECK(logged(host, "pipedrive.delivery.delivered_field names deal field 'Arrived'"));
    }
    SECTION("Salesforce") {
        fakes::FakeSalesforce fake;
        fakes::LoopbackServer server(fake.handler(), certificate);
        fake.set_instance_url(server.base_url());
        ScratchDirectory dir;
        TestHost host;
        give_salesforce_secrets(host, fake.options());
        host.state_dir = (dir.path() / "state").string();
        const json::object section{{"base_url", server.base_url()},
                                   {"ca_file", ca_file},
                                   {"survey", {{"score_field", "Happiness__c"}, {"date_field", "Asked__c"}, {"object", "Contact"}}},
                                   {"delivery", {{"promised_field", "Due__c"}, {"delivered_field", "Arrived__c"}}}};
        PluginSession session(host, json::serialize(json::object{
                                        {"connector", "salesforce"}, {"salesforce", section}, {"state_dir", host.state_dir}}));
        REQUIRE(session.create_status == CRMEXT_OK);
        const CallResult install = session.install();
        INFO(install.message);
        REQUIRE(install.status == CRMEXT_OK);
        // One probe per object: the first unknown field of each pair is named, and its pair dropped.
        CHECK(logged(host, "salesforce.survey.score_field names Contact field 'Happiness__c'"));
        CHECK(logged(host, "salesforce.delivery.promised_field names Opportunity field 'Due__c'"));
    }
}

// KPIS.md's csat and nps need a survey source: a Salesforce org with neither Feedback Management nor
// named survey fields says so once at install and once per sync; an org with Feedback Management
// (and its CSAT and NPS questions) has a source and says nothing.
TEST_CASE("a Salesforce sync without any survey source warns once, and with Feedback Management it does not") {
    const auto certificate = fakes::make_server_certificate();
    const std::string ca_file = fakes::write_temp_pem(certificate.ca_pem, "survey-source-ca");
    const auto lines_naming = [](const TestHost& host, const std::string& text) {
        return std::count_if(host.logs.begin(), host.logs.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
    };
    for (const bool feedback_management : {false, true}) {
        fakes::FakeSalesforceOptions options;
        options.feedback_management = feedback_management;
        fakes::FakeSalesforce fake(options);
        fakes::LoopbackServer server(fake.handler(), certificate);
        fake.set_instance_url(server.base_url());
        fake.seed(model::Dataset{});  // the integration user; with Feedback Management its survey and questions
        ScratchDirectory dir;
        TestHost host;
        give_salesforce_secrets(host, fake.options());
        host.state_dir = (dir.path() / "state").string();
        PluginSession session(host, json::serialize(json::object{{"connector", "salesforce"},
                                                                 {"salesforce", {{"base_url", server.base_url()}, {"ca_file", ca_file}}},
                                                                 {"state_dir", host.state_dir}}));
        REQUIRE(session.create_status == CRMEXT_OK);
        INFO("feedback management: " << feedback_management);
        REQUIRE(session.install().status == CRMEXT_OK);
        CHECK(lines_naming(host, "no survey fields named") == (feedback_management ? 0 : 1));
        const CallResult sync = session.sync();
        INFO(sync.message);
        REQUIRE(sync.status == CRMEXT_OK);
        CHECK(lines_naming(host, "no survey fields named") == (feedback_management ? 0 : 2));
    }
}
