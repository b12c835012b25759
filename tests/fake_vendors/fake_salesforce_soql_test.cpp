// The SOQL subset of the fake Salesforce: what it answers and how it refuses the rest.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

struct SoqlOrg {
    ManualClock clock;
    FakeSalesforce salesforce{options_with(clock)};
    model::Dataset seen;
    std::string token;

    explicit SoqlOrg(const model::Dataset& data, FakeSalesforceOptions options = {}) : salesforce(adjust(std::move(options))) {
        seen = salesforce.seed(data);
        token = session(salesforce);
    }
    FakeSalesforceOptions adjust(FakeSalesforceOptions options) const {
        options.steady_now = [steady = clock.steady] { return *steady; };
        options.epoch_ms_now = [epoch = clock.epoch_ms] { return *epoch; };
        return options;
    }
    FakeResponse query(const std::string& q, const std::string& resource = "/query") { return salesforce.handle(soql(token, q, resource)); }
    boost::json::array records(const std::string& q, const std::string& resource = "/query") {
        const FakeResponse response = query(q, resource);
        INFO(response.body);
        REQUIRE(response.status == 200);
        return json_of(response).at("records").as_array();
    }
};

model::Dataset two_teams() {
    model::Dataset data = deals_dataset(0);
    data.sellers.push_back({"S2", "Ben Kim", "ben@example.com", std::string("South"), false});
    data.deals = {{"D1", "S1", std::nullopt, std::nullopt, "sales", "new", 50.0, t0, std::nullopt, model::DealStatus::open},
                  {"D2", "S2", std::nullopt, std::nullopt, "sales", "won", 300.0, t0 + 2000, t0 + 5000, model::DealStatus::won},
                  {"D3", "S1", std::nullopt, std::nullopt, "sales", "new", std::nullopt, t0 + 1000, std::nullopt, model::DealStatus::open}};
    return data;
}

}  // namespace

TEST_CASE("a relationship field comes back as a nested record with its own attributes") {
    SoqlOrg org(two_teams());
    const auto records = org.records("SELECT Id, Name, Department, UserRole.Name FROM User WHERE Email = 'ana@example.com'");
    REQUIRE(records.size() == 1);
    const auto& user = records.at(0).as_object();
    CHECK(user.at("Name") == "Ana Lopez");
    CHECK(user.at("Department") == "North");
    CHECK(user.at("UserRole").at("attributes").at("type") == "UserRole");
    CHECK(user.at("UserRole").at("Name") == "North");
    // The integration user has no role: the relationship is null.
    const auto integration = org.records("SELECT Id, UserRole.Name FROM User WHERE Email = 'integration@example.com'");
    REQUIRE(integration.size() == 1);
    CHECK(integration.at(0).at("UserRole").is_null());
}

TEST_CASE("WHERE with AND, OR in parentheses, IN, !=, null and datetime literals selects the right rows") {
    SoqlOrg org(two_teams());
    auto ids = [&](const std::string& where) {
        std::vector<std::string> names;
        for (const auto& r : org.records("SELECT Name FROM Opportunity WHERE " + where + " ORDER BY Name")) names.push_back(str(r.at("Name")));
        return names;
    };
    using V = std::vector<std::string>;
    CHECK(ids("StageName = 'New' AND Amount > 10") == V{"Deal D1"});
    CHECK(ids("(StageName = 'Closed Won' OR Amount = null) AND IsDeleted = false") == V{"Deal D2", "Deal D3"});
    CHECK(ids("Name IN ('Deal D1', 'Deal D3')") == V{"Deal D1", "Deal D3"});
    CHECK(ids("Name NOT IN ('Deal D1')") == V{"Deal D2", "Deal D3"});
    CHECK(ids("Amount != null") == V{"Deal D1", "Deal D2"});
    CHECK(ids("CreatedDate >= 2026-01-01T00:00:01Z") == V{"Deal D2", "Deal D3"});
    CHECK(ids("CreatedDate > 2026-01-01T00:00:01.000Z") == V{"Deal D2"});
    CHECK(ids("CreatedDate < 2026-01-01T01:00:01+01:00") == V{"Deal D1"});
    CHECK(ids("CreatedDate < 2026-01-01T01:00:01.001+01:00") == V{"Deal D1", "Deal D3"});
    CHECK(ids("CloseDate = 2026-01-01") == V{"Deal D2"});
    CHECK(ids("stagename = 'closed won'") == V{"Deal D2"});  // names and text compare case-insensitively
}

TEST_CASE("ORDER BY puts nulls first ascending and last descending, LIMIT cuts, COUNT() counts") {
    SoqlOrg org(two_teams());
    auto names = [&](const std::string& q) {
        std::vector<std::string> out;
        for (const auto& r : org.records(q)) out.push_back(str(r.at("Name")));
        return out;
    };
    using V = std::vector<std::string>;
    CHECK(names("SELECT Name FROM Opportunity ORDER BY Amount ASC") == V{"Deal D3", "Deal D1", "Deal D2"});
    CHECK(names("SELECT Name FROM Opportunity ORDER BY Amount DESC") == V{"Deal D2", "Deal D1", "Deal D3"});
    CHECK(names("SELECT Name FROM Opportunity ORDER BY CreatedDate DESC LIMIT 2") == V{"Deal D2", "Deal D3"});
    const FakeResponse count = org.query("SELECT COUNT() FROM Opportunity WHERE StageName = 'New'");
    REQUIRE(count.status == 200);
    CHECK(count.body == R"({"totalSize":2,"done":true,"records":[]})");
}

TEST_CASE("convertCurrency(Amount) gives the corporate amount in a multi-currency org and is refused elsewhere") {
    FakeSalesforceOptions options;
    options.multi_currency = true;  // every second deal is in EUR at 0.5 EUR per USD
    SoqlOrg org(two_teams(), options);
    const auto records = org.records("SELECT Name, CurrencyIsoCode, Amount FROM Opportunity WHERE Name = 'Deal D2'");
    CHECK(records.at(0).at("CurrencyIsoCode") == "EUR");
    CHECK(records.at(0).at("Amount").as_double() == 150.0);
    const auto converted = org.records("SELECT Name, convertCurrency(Amount) FROM Opportunity WHERE Name = 'Deal D2'");
    CHECK(converted.at(0).at("Amount").as_double() == 300.0);

    SoqlOrg single(two_teams());
    const FakeResponse refused = single.query("SELECT convertCurrency(Amount) FROM Opportunity");
    CHECK(refused.status == 400);
    CHECK(error_code(refused) == "INVALID_FIELD");
}

TEST_CASE("an unknown field is INVALID_FIELD with Salesforce's message and caret position") {
    SoqlOrg org(two_teams());
    const FakeResponse response = org.query("SELECT Id, Colour FROM Opportunity");
    REQUIRE(response.status == 400);
    CHECK(error_code(response) == "INVALID_FIELD");
    CHECK(error_message(response) ==
          "\nSELECT Id, Colour FROM Opportunity\n           ^\nERROR at Row:1:Column:12\nNo such column 'Colour' on entity "
          "'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field "
          "name. Please reference your WSDL or the describe call for the appropriate names.");
    CHECK(error_code(org.query("SELECT Id FROM Opportunity WHERE Colour = 'red'")) == "INVALID_FIELD");
    CHECK(error_code(org.query("SELECT Id FROM Opportunity ORDER BY Colour")) == "INVALID_FIELD");
    CHECK(error_code(org.query("SELECT Nope.Name FROM Opportunity")) == "INVALID_FIELD");
    // A literal of the wrong type for the field.
    CHECK(error_code(org.query("SELECT Id FROM Opportunity WHERE CreatedDate > '2026-01-01'")) == "INVALID_FIELD");
}

TEST_CASE("an unknown object is INVALID_TYPE") {
    SoqlOrg org(two_teams());
    const FakeResponse response = org.query("SELECT Id FROM Deal");
    REQUIRE(response.status == 400);
    CHECK(error_code(response) == "INVALID_TYPE");
    CHECK(error_message(response).find("sObject type 'Deal' is not supported.") != std::string::npos);
    // Tooling objects live only behind /tooling/query.
    CHECK(error_code(org.query("SELECT Id FROM CustomField")) == "INVALID_TYPE");
}

TEST_CASE("SOQL outside the subset is MALFORMED_QUERY") {
    SoqlOrg org(two_teams());
    for (const std::string q : {"SELECT Id FROM Opportunity WHERE StageName = 'New' AND Amount > 1 OR Amount < 0",
                                "SELECT Id FROM Opportunity WHERE CreatedDate = TODAY",
                                "SELECT Id FROM Opportunity LIMIT 10 OFFSET 5",
                                "SELECT MAX(Amount) FROM Opportunity",
                                "SELECT Id, (SELECT Id FROM OpportunityHistories) FROM Opportunity",
                                "SELECT Id FROM Opportunity WHERE Name LIKE 'Deal%'",
                                "SELECT Owner.UserRole.Name FROM Opportunity",
                                "SELECT Id FROM Opportunity WHERE Amount > null",
                                "SELECT Id FROM Opportunity WHERE Name = 'unterminated",
                                "SELECT Id, Id FROM Opportunity",
                                "SELECT FROM Opportunity"}) {
        INFO(q);
        const FakeResponse response = org.query(q);
        CHECK(response.status == 400);
        CHECK(error_code(response) == "MALFORMED_QUERY");
    }
    const FakeResponse mixed = org.query("SELECT Id FROM Opportunity WHERE Amount > 1 AND Amount < 5 OR Amount = 7");
    CHECK(error_message(mixed).find("unexpected token: 'OR'") != std::string::npos);
}

TEST_CASE("queryAll returns deleted rows with IsDeleted = true, query does not") {
    SoqlOrg org(two_teams());
    const std::string deleted = org.seen.deals.at(0).id;
    REQUIRE(org.salesforce.remove("Opportunity", deleted));
    CHECK(org.records("SELECT Id FROM Opportunity").size() == 2);
    const auto all = org.records("SELECT Id, IsDeleted FROM Opportunity WHERE IsDeleted = true", "/queryAll");
    REQUIRE(all.size() == 1);
    CHECK(str(all.at(0).at("Id")) == deleted);
    CHECK(all.at(0).at("IsDeleted") == true);
    CHECK(org.records("SELECT Id FROM Opportunity", "/queryAll").size() == 3);
}

TEST_CASE("SystemModstamp advances on every modification, never the same millisecond twice") {
    SoqlOrg org(two_teams());
    const std::string a = org.seen.deals.at(0).id, b = org.seen.deals.at(1).id;
    const std::string before = *org.salesforce.value("Opportunity", a, "SystemModstamp");
    const std::string latest =
        str(org.records("SELECT SystemModstamp FROM Opportunity ORDER BY SystemModstamp DESC LIMIT 1").at(0).at("SystemModstamp"));
    // The clock does not move: the two edits still get distinct, increasing stamps.
    REQUIRE(org.salesforce.touch("Opportunity", a, {{"Name", "Renamed A"}}));
    REQUIRE(org.salesforce.touch("Opportunity", b, {{"Name", "Renamed B"}}));
    const std::string after_a = *org.salesforce.value("Opportunity", a, "SystemModstamp");
    const std::string after_b = *org.salesforce.value("Opportunity", b, "SystemModstamp");
    CHECK(before < after_a);
    CHECK(after_a < after_b);
    const auto changed = org.records("SELECT Id FROM Opportunity WHERE SystemModstamp > " + latest.substr(0, 23) + "Z ORDER BY SystemModstamp");
    REQUIRE(changed.size() == 2);
    CHECK(str(changed.at(0).at("Id")) == a);
}

TEST_CASE("a new StageName records an OpportunityHistory row and moves IsClosed and IsWon with the stage") {
    SoqlOrg org(two_teams());
    const std::string deal = org.seen.deals.at(0).id;
    REQUIRE(org.salesforce.touch("Opportunity", deal, {{"StageName", "Closed Won"}}));
    const auto opportunity = org.records("SELECT IsClosed, IsWon FROM Opportunity WHERE Id = '" + deal + "'");
    CHECK(opportunity.at(0).at("IsClosed") == true);
    CHECK(opportunity.at(0).at("IsWon") == true);
    const auto history = org.records("SELECT StageName FROM OpportunityHistory WHERE OpportunityId = '" + deal + "' ORDER BY CreatedDate");
    REQUIRE(history.size() == 2);
    CHECK(history.at(1).at("StageName") == "Closed Won");
    // A 15-character id names the same record.
    CHECK(org.records("SELECT Id FROM Opportunity WHERE Id = '" + deal.substr(0, 15) + "'").size() == 1);
}

TEST_CASE("id and reference filters see records added and references changed after an earlier query") {
    SoqlOrg org(two_teams());
    const std::string deal = org.seen.deals.at(0).id;
    const std::string by_deal = "SELECT Id FROM OpportunityHistory WHERE OpportunityId IN ('" + deal + "', '006000000000000AAA')";
    CHECK(org.records(by_deal).size() == 1);
    REQUIRE(org.salesforce.touch("Opportunity", deal, {{"StageName", "Closed Won"}}));
    CHECK(org.records(by_deal).size() == 2);
    const std::string ana = org.seen.sellers.at(1).id, ben = org.seen.sellers.at(2).id;
    CHECK(org.records("SELECT Id FROM Opportunity WHERE OwnerId = '" + ben + "'").size() == 1);
    REQUIRE(org.salesforce.touch("Opportunity", deal, {{"OwnerId", ben}}));
    CHECK(org.records("SELECT Id FROM Opportunity WHERE OwnerId = '" + ben + "'").size() == 2);
    CHECK(org.records("SELECT Id FROM Opportunity WHERE OwnerId = '" + ana + "' AND Amount = null").size() == 1);
}
