// The plugin, loaded through its C ABI, syncing against the fake HubSpot over TLS on loopback:
// every value written is checked against the KPI engine run on the data as HubSpot holds it, a
// re-run with nothing changed writes nothing, an edit in HubSpot is pulled incrementally, and
// `deals --where` is answered through HubSpot's search.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <map>
#include <set>

#include "engine_expectations.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "plugin_vendor_world.hpp"
#include "seller_score_query_expectation.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"

using namespace sellerscore;
using namespace sellerscore::testing;
namespace json = boost::json;

namespace {

// Small enough to sync in about a second under a 100-per-250-ms rate limit, big enough to have
// several pages of every object type, open and closed deals, and repeat customers.
demo::DemoOptions small_portal() {
    demo::DemoOptions o;
    o.seed = 7;
    o.sellers = 6;
    o.contacts = 400;
    o.deals = 300;
    o.activities = 3'000;
    o.months = 24;
    return o;
}

fakes::FakeHubSpotOptions fast_limits(const std::int64_t* epoch_ms) {
    fakes::FakeHubSpotOptions o;
    o.max_requests = 100;
    o.interval = std::chrono::milliseconds(250);
    o.search_per_second = 5;
    o.search_interval = std::chrono::milliseconds(250);
    o.epoch_ms_now = [epoch_ms] { return *epoch_ms; };
    return o;
}

// "Now" for the fake, before the fake is built: 2026-09-30T12:00:00Z, so edits made "now" fall
// inside the KPI window.
struct HubSpotNow {
    std::int64_t now_ms = 1'790'769'600'000;
};

// A HubSpot account holding the small portal, served over TLS, and a plugin host holding its token.
class HubSpotWorld : public HubSpotNow, public PluginVendorWorld<fakes::FakeHubSpot> {
public:
    HubSpotWorld() : PluginVendorWorld("hubspot", fast_limits(&now_ms)) {
        const model::Dataset source = generate_demo(small_portal());
        in_hubspot = fake.seed(source);
        host.secrets["SELLERSCORE_HUBSPOT_TOKEN"] = fake.options().access_token;
    }

    std::string settings() const {
        return PluginVendorWorld::settings(
            {{"rate_limit_max", 100}, {"rate_limit_interval_ms", 250}, {"search_per_second", 5}});
    }

    kpi::Scorecard expected() const { return expected_of(in_hubspot); }

    model::Dataset in_hubspot;  // the portal as a faithful reader sees it
};

std::optional<double> number_in(const fakes::FakeHubSpot& fake, const std::string& type, const std::string& id,
                                const std::string& property) {
    const auto text = fake.value(type, id, property);
    if (!text) return std::nullopt;
    return std::stod(*text);
}

// Every KPIS.md §7 value on every open deal and every contact equals the engine's; after the first
// sync, closed deals hold none.
void check_written_values(const HubSpotWorld& world, bool first_sync) {
    const kpi::Scorecard card = world.expected();
    const std::map<std::string, std::string> seller_fields = {
        {"sellerscore_seller_win_rate", "win_rate"},
        {"sellerscore_seller_conversion_rate", "conversion_rate"},
        {"sellerscore_seller_retention_rate", "retention_rate"},
        {"sellerscore_seller_churn_rate", "churn_rate"},
        {"sellerscore_seller_avg_sale_value", "avg_sale_value"},
        {"sellerscore_seller_sales_cycle_days", "avg_sales_cycle_days"},
        // From the portal's feedback submissions (the seeder's demo answers): a ratio and points.
        {"sellerscore_seller_csat", "csat"},
        {"sellerscore_seller_nps", "nps"}};
    std::size_t open_deals = 0;
    for (const model::Deal& deal : world.in_hubspot.deals) {
        INFO("deal " << deal.id);
        if (deal.status != model::DealStatus::open) {
            // A deal closed since an earlier sync keeps the values it had while open (writeback.deals = open).
            if (first_sync) CHECK_FALSE(world.fake.value("deals", deal.id, "sellerscore_seller_score").has_value());
            continue;
        }
        ++open_deals;
        const kpi::SellerResult& seller = seller_of(card, deal.owner_id);
        CHECK(same_number(number_in(world.fake, "deals", deal.id, "sellerscore_seller_score"), seller.score));
        const auto band = world.fake.value("deals", deal.id, "sellerscore_seller_score_band");
        CHECK(band == band_text(seller));
        for (const auto& [property, kpi_id] : seller_fields) {
            INFO(property);
            CHECK(same_number(number_in(world.fake, "deals", deal.id, property), kpi_value(seller, kpi_id)));
        }
        const auto updated = world.fake.value("deals", deal.id, "sellerscore_kpi_updated_at");
        CHECK(updated.has_value());
        if (updated) CHECK(model::parse_rfc3339(*updated) == std::optional<model::Timestamp>(world.as_of));
    }
    CHECK(open_deals > 0);

    std::map<std::string, const kpi::CustomerResult*> customers;
    for (const auto& c : card.customers) customers[c.customer_id] = &c;
    std::size_t with_churn_risk = 0;
    for (const model::Contact& contact : world.in_hubspot.contacts) {
        INFO("contact " << contact.id);
        const auto it = customers.find(contact.id);
        const kpi::CustomerResult* expected = it == customers.end() ? nullptr : it->second;
        const auto churn = number_in(world.fake, "contacts", contact.id, "sellerscore_churn_risk");
        CHECK(same_number(churn, expected ? expected->churn_risk : std::nullopt));
        CHECK(same_number(number_in(world.fake, "contacts", contact.id, "sellerscore_customer_lifetime_value"),
                          expected ? expected->lifetime_value : std::nullopt));
        if (churn) ++with_churn_risk;
    }
    CHECK(with_churn_risk > 0);
}

}  // namespace

TEST_CASE("a HubSpot sync writes every KPI value the engine computes on the HubSpot data") {
    HubSpotWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.create_status == CRMEXT_OK);

    const CallResult r = session.sync();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    check_written_values(world, true);
    CHECK(world.fake.properties_written_more_than_once() == 0);
    // Seller values go on deals, churn risk and lifetime value on contacts, each in batches of <= 100
    // records: never more batches than one per 100 records updated, rounded up per object type.
    const auto deal_batches = world.fake.request_count("POST /crm/v3/objects/deals/batch/update");
    const auto contact_batches = world.fake.request_count("POST /crm/v3/objects/contacts/batch/update");
    CHECK(deal_batches > 0);
    CHECK(contact_batches > 0);
    const auto records_updated = r.json().at("records_updated").to_number<std::uint64_t>();
    CHECK(deal_batches + contact_batches <= records_updated / 100 + 2);
}

TEST_CASE("a HubSpot re-sync with nothing changed writes nothing and reads only the change markers") {
    HubSpotWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    const auto writes_before = world.fake.total_property_writes();
    const auto requests_before = world.fake.request_count();

    const CallResult again = session.sync();
    INFO(again.message);
    REQUIRE(again.status == CRMEXT_OK);
    CHECK(again.json().at("skipped").as_bool());
    CHECK(world.fake.total_property_writes() == writes_before);
    // One marker per object type (deals, contacts, companies, five engagement types, quotes) plus owners
    // and pipelines: a handful, nothing like a read.
    CHECK(world.fake.request_count() - requests_before <= 15);
}

TEST_CASE("a deal closed in HubSpot between syncs is pulled alone and its seller's values are rewritten") {
    HubSpotWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);

    // A seller wins one of their open deals (the edit lands 2026-09-30, inside the window).
    model::Deal* won = nullptr;
    for (auto& d : world.in_hubspot.deals) {
        if (d.status == model::DealStatus::open) {
            won = &d;
            break;
        }
    }
    REQUIRE(won != nullptr);
    std::string won_stage;
    for (const auto& s : world.in_hubspot.stages) {
        if (s.pipeline_id == won->pipeline_id && s.kind == model::StageKind::won) won_stage = s.id;
    }
    REQUIRE_FALSE(won_stage.empty());
    REQUIRE(world.fake.touch("deals", won->id, {{"dealstage", won_stage}, {"closedate", "2026-09-30T12:00:00.000Z"}})
                .is_ok());
    const auto entered = world.fake.value("deals", won->id, "hs_v2_date_entered_" + won_stage);
    REQUIRE(entered.has_value());
    won->status = model::DealStatus::won;
    won->stage_id = won_stage;
    won->closed_at = model::parse_rfc3339("2026-09-30T12:00:00Z");
    world.in_hubspot.stage_changes.push_back({won->id, won_stage, *model::parse_rfc3339(*entered)});

    const auto list_calls_before = world.fake.request_count("GET /crm/v3/objects/calls");
    const CallResult r = session.sync();
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    CHECK_FALSE(r.json().at("skipped").as_bool());
    // No full re-read: the only list call is the one page of archived calls an incremental read checks.
    CHECK(world.fake.request_count("GET /crm/v3/objects/calls") <= list_calls_before + 1);
    const json::value summary = r.json();
    const json::object& records = summary.at("records").as_object();
    // The deal, its stage history, and the owners and stages that are re-read every run.
    CHECK(records.at("pulled").to_number<std::int64_t>() <
          static_cast<std::int64_t>(world.in_hubspot.sellers.size() + world.in_hubspot.stages.size() + 20));
    check_written_values(world, false);
}

TEST_CASE("deals --where on HubSpot returns the open deals of the sellers that match") {
    HubSpotWorld world;
    PluginSession session(world.host, world.settings());
    REQUIRE(session.sync().status == CRMEXT_OK);
    check_seller_score_query(session, world.in_hubspot, world.expected());
}

TEST_CASE("a HubSpot portal keeping the lead source in its own contact property feeds the channel KPIs from it") {
    HubSpotWorld world;
    fakes::FakeHubSpotProperty source;
    source.name = "lead_source_custom";
    source.label = "Lead source";
    source.type = "string";
    source.field_type = "text";
    source.group_name = "contactinformation";
    world.fake.define_property("contacts", source);
    // Every contact created in the 90-day window before as_of gets the portal's own source.
    std::set<std::string> hubspot_sources;
    for (const auto& c : world.in_hubspot.contacts)
        if (c.channel) hubspot_sources.insert(*c.channel);
    REQUIRE_FALSE(hubspot_sources.empty());
    json::object settings = json::parse(world.settings()).as_object();
    settings["hubspot"].as_object()["channel_property"] = "lead_source_custom";
    PluginSession session(world.host, json::serialize(settings));
    REQUIRE(session.sync().status == CRMEXT_OK);
    const json::value first = session.scorecard().json();
    const auto window_start = model::parse_rfc3339(first.at("window").at("start").as_string());
    REQUIRE(window_start);
    std::int64_t in_window = 0;
    for (const auto& c : world.in_hubspot.contacts) {
        if (c.created_at < *window_start || c.created_at >= world.as_of) continue;
        REQUIRE(world.fake.touch("contacts", c.id, {{"lead_source_custom", "webinar_custom"}}));
        ++in_window;
    }
    REQUIRE(in_window > 0);

    const CallResult synced = session.sync();
    INFO(synced.message);
    REQUIRE(synced.status == CRMEXT_OK);
    const json::value doc = session.scorecard().json();
    std::map<std::string, std::int64_t> leads;
    for (const auto& channel : doc.at("channels").as_array()) {
        const std::string name(channel.at("channel").as_string());
        CHECK_FALSE(hubspot_sources.contains(name));  // hs_analytics_source is not read
        if (channel.at("leads_count").is_number()) leads[name] = channel.at("leads_count").to_number<std::int64_t>();
    }
    CHECK(leads["webinar_custom"] == in_window);
}
