// What every vendor's `deals --where` round trip must answer, shared by the plugin-level vendor tests.
#pragma once

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <set>
#include <string>

#include "engine_expectations.hpp"
#include "loaded_plugin.hpp"

namespace sellerscore::testing {

// `seller_score >= 50` through the plugin returns exactly the open deals (of the CRM as `held` shows it)
// whose owner's score in `card` is at least 50, each carrying the seller_score it was matched on.
inline void check_seller_score_query(PluginSession& session, const model::Dataset& held, const kpi::Scorecard& card) {
    std::set<std::string> expected;
    for (const model::Deal& deal : held.deals) {
        if (deal.status != model::DealStatus::open) continue;
        const auto score = seller_of(card, deal.owner_id).score;
        if (score && *score >= 50) expected.insert(deal.id);
    }
    REQUIRE_FALSE(expected.empty());

    const CallResult r = session.query("seller_score >= 50", 10'000);
    INFO(r.message);
    REQUIRE(r.status == CRMEXT_OK);
    std::set<std::string> returned;
    const boost::json::value answer = r.json();
    for (const auto& deal : answer.at("deals").as_array()) {
        returned.insert(std::string(deal.at("id").as_string()));
        CHECK(deal.at("fields").at("seller_score").to_number<double>() >= 50);
    }
    CHECK(returned == expected);
}

}  // namespace sellerscore::testing
