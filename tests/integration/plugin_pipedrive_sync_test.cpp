// The plugin, loaded through its C ABI, syncing against the fake Pipedrive over TLS on loopback:
// every value written is checked against the KPI engine run on the data as Pipedrive holds it; a
// sync stopped by the daily token budget keeps what it read and wrote and the next run finishes
// the job without writing anything twice; `deals --where` is answered from Pipedrive.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "engine_expectations.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "plugin_vendor_world.hpp"
#include "seller_score_query_expectation.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"

using namespace sellerscore;
using namespace sellerscore::testing;
namespace json = boost::json;

namespace {

demo::DemoOptions small_company() {
    demo::DemoOptions o;
    o.seed = 11;
    o.sellers = 5;
    o.contacts = 300;
    o.deals = 200;
    o.activities = 2'000;
    o.months = 24;
    return o;
}

// Pipedrive's Growth-plan burst (40 per 2 s) with the window scaled down 10x so tests run fast.
fakes::FakePipedriveOptions fast_limits() {
    fakes::FakePipedriveOptions o;
    o.max_requests = 40;
    o.interval = std::chrono::milliseconds(200);
    return o;
}

class PipedriveWorld : public PluginVendorWorld<fakes::FakePipedrive> {
public:
    PipedriveWorld() : PluginVendorWorld("pipedrive", fast_limits()) {
        const model::Dataset source = generate_demo(small_company());
        in_pipedrive = fake.seed(source);
        host.secrets["SELLERSCORE_PIPEDRIVE_TOKEN"] = fake.options().api_token;
    }

    std::string settings() const { return PluginVendorWorld::settings(section()); }
    // What a scheduled run uses: no as_of, so the KPIs are computed as of now.
    json::object scheduled_settings() const { return PluginVendorWorld::scheduled_settings(section()); }

    kpi::Scorecard expected() const { return expected_of(in_pipedrive); }

    std::string code_of(const std::string& object, const std::string& label) const {
        const auto field = fake.field_by_name(object, label);
        REQUIRE(field.has_value());
        return field->field_code;
    }

    model::Dataset in_pipedrive;

private:
    static json::object section() { return {{"rate_limit_max", 40}, {"rate_limit_interval_ms", 200}}; }
};

// Every KPIS.md §7 value on every open deal and every person equals the engine's.
void check_written_values(const PipedriveWorld& world) {
    const kpi::Scorecard card = world.expected();
    const std::map<std::string, std::string> seller_fields = {
        {"Seller win rate", "win_rate"},
        {"Seller conversion rate", "conversion_rate"},
        {"Seller retention rate", "retention_rate"},
        {"Seller churn rate", "churn_rate"},
        {"Seller average sale value", "avg_sale_value"},
        {"Seller sales cycle (days)", "avg_sales_cycle_days"}};
    const std::string score = world.code_of("deals", "Seller score");
    const auto band_field = world.fake.field_by_name("deals", "Seller score band");
    REQUIRE(band_field.has_value());
    std::map<std::string, std::string> band_label;  // option id -> label
    for (const auto& option : band_field->options) band_label[std::to_string(option.id)] = option.label;

    std::size_t open_deals = 0;
    for (const model::Deal& deal : world.in_pipedrive.deals) {
        if (deal.status != model::DealStatus::open) continue;
        INFO("deal " << deal.id);
        ++open_deals;
        const std::int64_t id = std::stoll(deal.id);
        const kpi::SellerResult& seller = seller_of(card, deal.owner_id);
        CHECK(same_number(world.fake.number_value("deals", id, score), seller.score));
        const auto band = world.fake.value("deals", id, band_field->field_code);
        const std::optional<std::string> band_written =
            band ? std::optional<std::string>(band_label[*band]) : std::nullopt;
        CHECK(band_written == band_text(seller));
        for (const auto& [label, kpi_id] : seller_fields) {
            INFO(label);
            CHECK(same_number(world.fake.number_value("deals", id, world.code_of("deals", label)),
                              kpi_value(seller, kpi_id)));
        }
        // A Pipedrive date field holds the day: the as_of's day.
        CHECK(world.fake.value("deals", id, world.code_of("deals", "Seller KPIs updated at")) ==
              std::optional<std::string>(model::format_rfc3339(world.as_of).substr(0, 10)));
    }
    CHECK(open_deals > 0);

    std::map<std::string, const kpi::CustomerResult*> customers;
    for (const auto& c : card.customers) customers[c.customer_id] = &c;
    const std::string churn = world.code_of("persons", "Churn risk");
    const std::string clv = world.code_of("persons", "Customer lifetime value");
    std::size_t with_churn_risk = 0;
    for (const model::Contact& person : world.in_pipedrive.contacts) {
        INFO("person " << person.id);
        const auto it = customers.find(person.id);
        const kpi::CustomerResult* expected = it == customers.end() ? nullptr : it->second;
        const std::int64_t id = std::stoll(person.id);
        const auto churn_written = world.fake.number_value("persons", id, churn);
        CHECK(same_number(churn_written, expected ? expected->churn_risk : std::nullopt));
        CHECK(same_number(world.fake.number_value("persons", id, clv), expected ? expected->lifetime_value : std::nullopt));
        if (churn_written) ++with_churn_risk;
    }
    CHECK(with_churn_risk > 0);
}

}  // namespace

TEST_CASE("a Pipedrive sync writes every KPI value the engine computes on the Pipedrive data") {
    PipedriveWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.create_status == CRMEXT_OK);

    const CallResult r = session.sync();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    check_written_values(world);
    CHECK(world.fake.fields_written_more_than_once() == 0);
    CHECK(world.fake.rate_limited_count() == 0);
}

TEST_CASE("a Pipedrive re-sync with nothing changed spends no write tokens") {
    PipedriveWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    const auto writes_before = world.fake.total_field_writes();
    const auto requests_before = world.fake.request_counts();

    const CallResult again = session.sync();
    INFO(again.message);
    REQUIRE(again.status == CRMEXT_OK);
    CHECK(again.json().at("skipped").as_bool());
    CHECK(world.fake.total_field_writes() == writes_before);
    for (const auto& [route, count] : world.fake.request_counts()) {
        if (route.rfind("PATCH ", 0) != 0 && route.rfind("POST ", 0) != 0) continue;
        INFO(route);
        const auto before = requests_before.find(route);
        CHECK(count == (before == requests_before.end() ? 0 : before->second));
    }
}

TEST_CASE("a Pipedrive sync stopped by the daily token budget resumes on the next run and writes nothing twice") {
    // What a whole first sync costs, measured on an identical company, and what its writes cost.
    std::int64_t sync_tokens = 0, write_tokens = 0;
    {
        PipedriveWorld twin;
        PluginSession session(twin.host, twin.settings());
        REQUIRE(session.sync().status == CRMEXT_OK);
        sync_tokens = twin.fake.tokens_spent();
        for (const auto& [route, count] : twin.fake.request_counts()) {
            if (route.rfind("PATCH ", 0) == 0) write_tokens += twin.fake.tokens_spent(route);
        }
    }
    REQUIRE(write_tokens > 0);
    PipedriveWorld world;
    // Enough for the read and half of the writes (plus the 1,000 tokens the connector leaves
    // untouched): the sync must stop cleanly part-way through writing.
    world.fake.set_daily_tokens_remaining(sync_tokens - write_tokens / 2 + 1'000);
    {
        PluginSession session(world.host, world.settings());
        const CallResult stopped = session.sync();
        INFO(stopped.message << stopped.output);
        if (stopped.status == CRMEXT_OK) {
            CHECK(stopped.json().at("write_failures").to_number<std::int64_t>() > 0);
            CHECK_THAT(stopped.output, Catch::Contains("daily API budget is spent"));
        } else {
            CHECK(stopped.status == CRMEXT_RATE_LIMITED);
        }
    }
    const auto written_before = world.fake.total_field_writes();

    world.fake.set_daily_tokens_remaining(300'000);  // the budget resets at midnight
    PluginSession session(world.host, world.settings());
    const CallResult resumed = session.sync();
    INFO(resumed.message);
    REQUIRE(resumed.status == CRMEXT_OK);
    check_written_values(world);
    CHECK(world.fake.fields_written_more_than_once() == 0);
    CHECK(world.fake.total_field_writes() >= written_before);
}

TEST_CASE("deals --where on Pipedrive returns the open deals of the sellers that match") {
    PipedriveWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    check_seller_score_query(session, world.in_pipedrive, world.expected());
}

TEST_CASE("a scheduled Pipedrive sync as of now after a first sync reads only what changed") {
    // Each run's as_of differs, so the second run reads incrementally: every list from its mark,
    // notes included, against a fake that refuses any updated_since Pipedrive would refuse.
    PipedriveWorld world;
    const std::string settings = json::serialize(world.scheduled_settings());
    PluginSession session(world.host, settings);
    REQUIRE(session.create_status == CRMEXT_OK);
    const CallResult first = session.sync();
    INFO(first.message);
    REQUIRE(first.status == CRMEXT_OK);
    const auto notes_before = world.fake.request_count("GET /api/v1/notes");
    const auto deals_before = world.fake.request_count("GET /api/v2/deals");

    // The next scheduled run, an hour later, after a user edited a deal.
    world.host.now_ms += 3'600'000;
    const model::Deal& open_deal = *std::find_if(world.in_pipedrive.deals.begin(), world.in_pipedrive.deals.end(),
                                                 [](const model::Deal& d) { return d.status == model::DealStatus::open; });
    REQUIRE(world.fake.touch("deals", std::stoll(open_deal.id), {{"title", "Renamed by a user"}}));

    const CallResult second = session.sync();
    INFO(second.message << second.output);
    REQUIRE(second.status == CRMEXT_OK);
    CHECK_FALSE(second.json().at("skipped").as_bool());
    CHECK(std::find(world.host.logs.begin(), world.host.logs.end(), "reading records changed since the last sync") !=
          world.host.logs.end());
    CHECK(world.fake.request_count("GET /api/v1/notes") > notes_before);
    CHECK(world.fake.request_count("GET /api/v2/deals") > deals_before);
}
