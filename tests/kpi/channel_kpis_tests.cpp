#include <catch2/catch.hpp>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_engine.hpp"

using namespace sellerscore;
using namespace sellerscore::kpi;
using namespace sellerscore::kpi::test;

// W = [day 910, day 1000) = [1972-06-29, 1972-09-27): June 1972 (30 days) shares its last 2 days
// with W, July and August lie inside it, September (30 days) shares its first 26 days.

namespace {

model::Contact lead(std::string id, std::optional<std::string> channel, double created_day,
                    std::optional<std::string> company = std::nullopt) {
    model::Contact c = contact(std::move(id), std::nullopt, created_day, std::move(company));
    c.channel = std::move(channel);
    return c;
}

model::Spend spend_row(std::string channel, std::string month, double amount,
                       std::optional<double> clicks = std::nullopt) {
    return {.channel = std::move(channel), .month = std::move(month), .amount = amount, .clicks = clicks};
}

model::Deal won_by_company(std::string id, double amount, double closed_day, std::string contact_id,
                           std::string company_id) {
    return deal(std::move(id), "ana", model::DealStatus::won, amount, closed_day - 10, closed_day,
                std::move(contact_id), std::move(company_id));
}

const ChannelResult& channel_result(const Scorecard& card, const std::string& channel) {
    for (const ChannelResult& c : card.channels) {
        if (c.channel == channel) return c;
    }
    throw std::out_of_range("no channel " + channel + " in the scorecard");
}

const ChannelResult& channel_result(Scorecard&& card, const std::string& channel) = delete;

}  // namespace

TEST_CASE("a channel's leads are its contacts created in W and conversion is the share won by as_of",
          "[kpi][channels]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {lead("c1", "web", 920), lead("c2", "web", 930), lead("c3", "web", 940), lead("c4", "web", 900)};
    data.deals = {won("d1", "ana", 50, 925, 990, "c1"), won("d2", "ana", 70, 935, 1001, "c2"),
                  won("d3", "ana", 20, 905, 950, "c4")};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& web = channel_result(card, "web");
    // c4 was created before W; c2's win closes after as_of
    CHECK(web.kpis.at("leads_count") == 3.0);
    CHECK(web.kpis.at("conversion_rate").value() == Approx(1.0 / 3.0));
    // d1 and d3 closed in W (d3 on a contact created before W still is web revenue)
    CHECK(web.kpis.at("revenue_won") == 70.0);
    CHECK(web.kpis.at("revenue_per_lead").value() == Approx(70.0 / 3.0));
    CHECK(web.kpis.at("new_customers_count") == 2.0);
}

TEST_CASE("a month partly inside W adds its spend and clicks times the share of its days inside W",
          "[kpi][channels]") {
    model::Dataset data;
    data.spend = {spend_row("ads", "1972-06", 300, 60), spend_row("ads", "1972-07", 310, 31),
                  spend_row("ads", "1972-09", 600, 30), spend_row("ads", "1972-05", 999, 99),
                  spend_row("ads", "1972-10", 999, 99)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& ads = channel_result(card, "ads");
    // June: 300 × 2/30 = 20, 60 × 2/30 = 4; July whole; September 600 × 26/30 = 520, 30 × 26/30 = 26;
    // May ends before W and October begins after as_of
    CHECK(ads.kpis.at("spend").value() == Approx(20.0 + 310.0 + 520.0));
    CHECK(ads.kpis.at("clicks").value() == Approx(4.0 + 31.0 + 26.0));
    CHECK(ads.kpis.at("cpc").value() == Approx(850.0 / 61.0));
}

TEST_CASE("several spend rows of one channel and month add up, a row without clicks adding no clicks",
          "[kpi][channels]") {
    model::Dataset data;
    // One row per campaign, as ad platforms export them.
    data.spend = {spend_row("ads", "1972-07", 310, 31), spend_row("ads", "1972-07", 155),
                  spend_row("ads", "1972-09", 600, 30), spend_row("ads", "1972-09", 300, 15)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& ads = channel_result(card, "ads");
    // July whole: 310 + 155 = 465, clicks 31 + nothing; September 26/30: (600 + 300) × 26/30 = 780,
    // clicks (30 + 15) × 26/30 = 39
    CHECK(ads.kpis.at("spend").value() == Approx(1245.0));
    CHECK(ads.kpis.at("clicks").value() == Approx(70.0));
    CHECK(ads.kpis.at("cpc").value() == Approx(1245.0 / 70.0));
}

TEST_CASE("cpc and clicks are null when no spend row of the channel has clicks", "[kpi][channels]") {
    model::Dataset data;
    data.spend = {spend_row("radio", "1972-07", 310), spend_row("radio", "1972-04", 100, 10)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& radio = channel_result(card, "radio");
    // April's clicks lie outside W: the clicks in W are unknown
    CHECK(radio.kpis.at("spend") == 310.0);
    CHECK_FALSE(radio.kpis.at("clicks").has_value());
    CHECK_FALSE(radio.kpis.at("cpc").has_value());
}

TEST_CASE("roi is negative when the channel's revenue is below its spend", "[kpi][channels]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {lead("c1", "ads", 920), lead("c2", "ads", 925)};
    data.deals = {won("d1", "ana", 400, 921, 960, "c1")};
    data.spend = {spend_row("ads", "1972-07", 1000)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& ads = channel_result(card, "ads");
    // (400 − 1000) ÷ 1000
    CHECK(ads.kpis.at("roi").value() == Approx(-0.6));
    CHECK(ads.kpis.at("cost_per_lead").value() == Approx(500.0));
    CHECK(ads.kpis.at("cpa").value() == Approx(1000.0));
}

TEST_CASE("a channel with spend but no leads has null cost_per_lead and a roi of minus one", "[kpi][channels]") {
    model::Dataset data;
    data.spend = {spend_row("tv", "1972-08", 500)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& tv = channel_result(card, "tv");
    CHECK(tv.kpis.at("leads_count") == 0.0);
    CHECK_FALSE(tv.kpis.at("cost_per_lead").has_value());
    CHECK_FALSE(tv.kpis.at("conversion_rate").has_value());
    CHECK_FALSE(tv.kpis.at("revenue_per_lead").has_value());
    CHECK_FALSE(tv.kpis.at("cpa").has_value());
    CHECK(tv.kpis.at("roi").value() == Approx(-1.0));
}

TEST_CASE("a channel with leads but no spend has zero spend and null cost ratios", "[kpi][channels]") {
    model::Dataset data;
    data.contacts = {lead("c1", "web", 920)};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& web = channel_result(card, "web");
    CHECK(web.kpis.at("spend") == 0.0);
    CHECK_FALSE(web.kpis.at("cpa").has_value());
    CHECK_FALSE(web.kpis.at("roi").has_value());
    CHECK(web.kpis.at("cost_per_lead") == 0.0);
}

TEST_CASE("a channel's kind comes from channel_kinds and is null for a channel not listed", "[kpi][channels]") {
    model::Dataset data;
    data.contacts = {lead("c1", "web", 920), lead("c2", "events", 920)};
    data.spend = {spend_row("tv", "1972-08", 500)};
    KpiConfig c = config();
    c.channel_kinds = {{"tv", "branding"}, {"web", "conversion"}};
    const Scorecard card = compute_scorecard(data, c);
    CHECK(channel_result(card, "tv").kind == "branding");
    CHECK(channel_result(card, "web").kind == "conversion");
    CHECK_FALSE(channel_result(card, "events").kind.has_value());
}

TEST_CASE("channels are sorted by name and contacts without a channel belong to none", "[kpi][channels]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {lead("c1", "web", 920), lead("c2", std::nullopt, 920), lead("c3", "", 920)};
    data.deals = {won("d1", "ana", 50, 921, 930, "c2")};
    data.spend = {spend_row("ads", "1972-08", 500)};
    const Scorecard card = compute_scorecard(data, config());
    REQUIRE(card.channels.size() == 2);
    CHECK(card.channels[0].channel == "ads");
    CHECK(card.channels[1].channel == "web");
    // c2's win is in no channel's revenue
    CHECK(card.channels[1].kpis.at("revenue_won") == 0.0);
}

TEST_CASE("a customer first won before W is no new customer of its channel", "[kpi][channels]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {lead("c1", "web", 850)};
    data.deals = {won("d1", "ana", 10, 850, 880, "c1"), won("d2", "ana", 20, 900, 950, "c1")};
    const Scorecard card = compute_scorecard(data, config());
    const ChannelResult& web = channel_result(card, "web");
    CHECK(web.kpis.at("new_customers_count") == 0.0);
    CHECK(web.kpis.at("revenue_won") == 20.0);
}

TEST_CASE("with customer_entity = company a company is one new customer for the channel of its first won deal",
          "[kpi][channels]") {
    model::Dataset data;
    data.sellers = {seller("ana")};
    data.contacts = {lead("c1", "web", 900, "acme"), lead("c2", "ads", 900, "acme")};
    data.deals = {won_by_company("d1", 10, 920, "c1", "acme"), won_by_company("d2", 30, 930, "c2", "acme")};
    KpiConfig by_company = config();
    by_company.customer_entity = CustomerEntity::company;
    const Scorecard card = compute_scorecard(data, by_company);
    CHECK(channel_result(card, "web").kpis.at("new_customers_count") == 1.0);
    CHECK(channel_result(card, "ads").kpis.at("new_customers_count") == 0.0);
    // revenue follows each deal's contact whatever the customer entity
    CHECK(channel_result(card, "ads").kpis.at("revenue_won") == 30.0);
    // with contacts as customers each contact is a new customer of its own channel
    const Scorecard by_contact = compute_scorecard(data, config());
    CHECK(channel_result(by_contact, "ads").kpis.at("new_customers_count") == 1.0);
}
