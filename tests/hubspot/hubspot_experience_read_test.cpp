// Survey responses (feedback submissions) and deliveries (two named deal properties) read from the
// fake HubSpot over TLS; what a portal without them says.
#include <catch2/catch.hpp>

#include <algorithm>

#include "hubspot_fixture.hpp"
#include "tests/fakes/hubspot/fake_hubspot_seeder.hpp"

using namespace sellerscore;
using namespace sellerscore::hubspot_testing;

namespace {

std::vector<std::string> lines_of(const auto& records) {
    std::vector<std::string> lines;
    for (const auto& r : records) lines.push_back(model::to_ndjson(r));
    std::sort(lines.begin(), lines.end());
    return lines;
}

hs::HubSpotSettings with_deliveries(hs::HubSpotSettings s) {
    s.delivery_promised_property = fakes::delivery_promised_property;
    s.delivery_delivered_property = fakes::delivery_delivered_property;
    return s;
}

std::size_t lines_containing(const std::vector<std::string>& lines, const std::string& text) {
    return static_cast<std::size_t>(
        std::count_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; }));
}

}  // namespace

TEST_CASE("a read brings every NPS and CSAT feedback submission and every named delivery, as HubSpot holds them") {
    HubSpotFixture f;
    const model::Dataset held = f.fake.seed(demo_dataset());
    REQUIRE_FALSE(held.survey_responses.empty());
    REQUIRE_FALSE(held.deliveries.empty());
    auto connector = f.connector(with_deliveries(f.settings()));
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(lines_of(sink.records.survey_responses) == lines_of(held.survey_responses));
    CHECK(lines_of(sink.records.deliveries) == lines_of(held.deliveries));
}

TEST_CASE("without the delivery settings a read brings no delivery; an incremental read brings only surveys it may lack") {
    HubSpotFixture f;
    const model::Dataset held = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    CHECK(sink.records.deliveries.empty());
    CollectingSink again;
    REQUIRE(connector->read(*cursor, again));
    // Those created since the first read began, at most: here, none is new, so some at most come again.
    const auto all = lines_of(held.survey_responses);
    const auto incremental = lines_of(again.records.survey_responses);
    CHECK(incremental.size() < all.size());
    CHECK(std::includes(all.begin(), all.end(), incremental.begin(), incremental.end()));
}

TEST_CASE("a portal without feedback submissions is read without surveys after one warning line") {
    fakes::FakeHubSpotOptions options = HubSpotFixture::fake_options();
    options.feedback_submissions_readable = false;
    HubSpotFixture f(options);
    const model::Dataset held = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(sink.records.survey_responses.empty());
    CHECK(sink.records.deals.size() == held.deals.size());
    CHECK(lines_containing(f.log_lines, "no feedback submissions readable") == 1);
}

TEST_CASE("a named delivery property the portal lacks is one warning line naming the setting, at install and at sync") {
    HubSpotFixture f;
    f.fake.seed(demo_dataset());
    hs::HubSpotSettings s = with_deliveries(f.settings());
    s.delivery_delivered_property = "actual_delivery_date";  // no such deal property
    auto connector = f.connector(s);
    const std::vector<connectors::FieldDefinition> fields = {
        {"seller_csat", "Seller CSAT", connectors::FieldType::percentage, connectors::RecordObject::deal, "Seller KPIs", "", {}}};
    REQUIRE(connector->ensure_fields(fields));
    const std::string warning =
        "hubspot.delivery.delivered_property names deal property 'actual_delivery_date', which the portal does not have";
    CHECK(lines_containing(f.log_lines, warning) == 1);
    CHECK(lines_containing(f.log_lines, "hubspot.delivery.promised_property") == 0);

    auto fresh = f.connector(s);
    CollectingSink sink;
    REQUIRE(fresh->read("", sink));
    CHECK(lines_containing(f.log_lines, warning) == 2);
    // The promise is still read: the deliveries are all outstanding.
    REQUIRE_FALSE(sink.records.deliveries.empty());
    CHECK(std::none_of(sink.records.deliveries.begin(), sink.records.deliveries.end(),
                       [](const model::Delivery& v) { return v.delivered_at.has_value(); }));
}

TEST_CASE("the fake refuses writes to feedback submissions, as HubSpot's read-only API does") {
    HubSpotFixture f;
    f.fake.seed(demo_dataset());
    const auto ids = f.fake.object_ids("feedback_submissions");
    REQUIRE_FALSE(ids.empty());
    fakes::FakeRequest request;
    request.method = "POST";
    request.path = "/crm/v3/objects/feedback_submissions/batch/update";
    request.target = request.path;
    request.headers["authorization"] = "Bearer " + test_token;
    request.headers["content-type"] = "application/json";
    request.body = R"({"inputs":[{"id":")" + ids.front() + R"(","properties":{"hs_value":"10"}}]})";
    const fakes::FakeResponse response = f.fake.handler()(request);
    CHECK(response.status == 405);
    CHECK(f.fake.value("feedback_submissions", ids.front(), "hs_value") != std::optional<std::string>("10"));
}
