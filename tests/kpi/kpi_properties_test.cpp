// Properties of the whole engine on random small datasets (random_dataset.hpp), checked through the
// public API only, so that every KPI added to the catalog is covered without touching this file.
#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "kpi_test_data.hpp"
#include "plugin/kpi/kpi_catalog.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "random_dataset.hpp"

namespace sellerscore::kpi::test {
namespace {

using Optional = std::optional<double>;

// Summation order changes with record order, so equal means equal to 1e-9, relative.
constexpr double kpi_tolerance = 1e-9;
// The churn model is an iterative fit: a different summation order may move it a little more.
constexpr double churn_model_tolerance = 1e-6;

bool close(Optional a, Optional b, double tolerance = kpi_tolerance) {
    if (!a || !b) return !a && !b;
    return std::abs(*a - *b) <= tolerance * std::max({1.0, std::abs(*a), std::abs(*b)});
}

std::string shown(Optional v) { return v ? std::to_string(*v) : std::string("null"); }

// The first difference between two KPI maps, as "where: a vs b", or empty when they agree.
std::string kpi_difference(const std::string& where, const std::map<std::string, KpiValue>& a,
                           const std::map<std::string, KpiValue>& b) {
    for (const auto& [id, value] : a) {
        const auto other = b.find(id);
        if (other == b.end()) return where + " " + id + ": missing on the right";
        const KpiValue& v = other->second;
        if (!close(value.value, v.value) || !close(value.previous, v.previous) || !close(value.change, v.change)) {
            return where + " " + id + ": " + shown(value.value) + "/" + shown(value.previous) + "/" +
                   shown(value.change) + " vs " + shown(v.value) + "/" + shown(v.previous) + "/" + shown(v.change);
        }
    }
    if (a.size() != b.size()) return where + ": the right has KPIs the left has not";
    return {};
}

std::string map_difference(const std::string& where, const std::map<std::string, StageMap>& a,
                           const std::map<std::string, StageMap>& b) {
    if (a.size() != b.size()) return where + ": different map KPIs";
    for (const auto& [id, stages] : a) {
        const auto other = b.find(id);
        if (other == b.end() || other->second.size() != stages.size()) return where + " " + id + ": different stages";
        for (const auto& [stage, value] : stages) {
            const auto v = other->second.find(stage);
            if (v == other->second.end() || !close(value, v->second)) {
                return where + " " + id + "[" + stage + "]: " + shown(value) + " vs " +
                       (v == other->second.end() ? std::string("missing") : shown(v->second));
            }
        }
    }
    return {};
}

std::string seller_difference(const SellerResult& a, const SellerResult& b) {
    const std::string where = "seller " + a.seller_id;
    if (a.eligible != b.eligible || a.band != b.band || !close(a.score, b.score)) {
        return where + ": eligibility, score or band " + shown(a.score) + " vs " + shown(b.score);
    }
    if (std::string d = kpi_difference(where, a.kpis, b.kpis); !d.empty()) return d;
    return map_difference(where, a.maps, b.maps);
}

const SellerResult* find_seller(const Scorecard& card, const std::string& id) {
    const auto it = std::find_if(card.sellers.begin(), card.sellers.end(),
                                 [&](const SellerResult& s) { return s.seller_id == id; });
    return it == card.sellers.end() ? nullptr : &*it;
}

template <class Result, class Key>
const Result* find_by(const std::vector<Result>& results, Key key, const std::string& wanted) {
    const auto it = std::find_if(results.begin(), results.end(), [&](const Result& r) { return r.*key == wanted; });
    return it == results.end() ? nullptr : &*it;
}

// The first difference between two scorecards, sellers matched by `rename(a's id) = b's id`.
template <class Rename>
std::string scorecard_difference(const Scorecard& a, const Scorecard& b, Rename rename) {
    if (a.sellers.size() != b.sellers.size()) return "different numbers of sellers";
    for (const SellerResult& seller : a.sellers) {
        const SellerResult* other = find_seller(b, rename(seller.seller_id));
        if (other == nullptr) return "seller " + seller.seller_id + " missing on the right";
        if (std::string d = seller_difference(seller, *other); !d.empty()) return d;
    }
    if (std::string d = kpi_difference("team", a.team, b.team); !d.empty()) return d;
    if (std::string d = map_difference("team", a.team_maps, b.team_maps); !d.empty()) return d;
    if (a.teams.size() != b.teams.size()) return "different numbers of teams";
    for (const TeamResult& team : a.teams) {
        const TeamResult* other = find_by(b.teams, &TeamResult::team, team.team);
        if (other == nullptr) return "team " + team.team + " missing on the right";
        if (std::string d = kpi_difference("team " + team.team, team.kpis, other->kpis); !d.empty()) return d;
        if (std::string d = map_difference("team " + team.team, team.maps, other->maps); !d.empty()) return d;
    }
    if (a.channels.size() != b.channels.size()) return "different numbers of channels";
    for (const ChannelResult& channel : a.channels) {
        const ChannelResult* other = find_by(b.channels, &ChannelResult::channel, channel.channel);
        if (other == nullptr || other->kind != channel.kind || other->kpis.size() != channel.kpis.size()) {
            return "channel " + channel.channel + " differs in kind or KPI ids";
        }
        for (const auto& [id, value] : channel.kpis) {
            if (!close(value, other->kpis.at(id))) return "channel " + channel.channel + " " + id;
        }
    }
    if (a.customers.size() != b.customers.size()) return "different numbers of customers";
    for (const CustomerResult& customer : a.customers) {
        const CustomerResult* other = find_by(b.customers, &CustomerResult::customer_id, customer.customer_id);
        if (other == nullptr) return "customer " + customer.customer_id + " missing on the right";
        if (!close(customer.lifetime_value, other->lifetime_value) ||
            !close(customer.churn_risk, other->churn_risk, churn_model_tolerance) ||
            !close(customer.expected_purchases_90d, other->expected_purchases_90d, churn_model_tolerance)) {
            return "customer " + customer.customer_id + ": churn risk, lifetime value or expected purchases";
        }
    }
    if (a.churn_model.fitted != b.churn_model.fitted || !close(a.churn_model.r, b.churn_model.r, churn_model_tolerance) ||
        !close(a.churn_model.alpha, b.churn_model.alpha, churn_model_tolerance) ||
        !close(a.churn_model.a, b.churn_model.a, churn_model_tolerance) ||
        !close(a.churn_model.b, b.churn_model.b, churn_model_tolerance)) {
        return "churn model fit";
    }
    return {};
}

std::string scorecard_difference(const Scorecard& a, const Scorecard& b) {
    return scorecard_difference(a, b, [](const std::string& id) { return id; });
}

void require_no_difference(const std::string& difference) {
    if (!difference.empty()) RC_FAIL(difference);
}

// Every KPI map of the scorecard (sellers, organisation, teams), with where it comes from.
std::vector<std::pair<std::string, const std::map<std::string, KpiValue>*>> all_kpi_maps(const Scorecard& card) {
    std::vector<std::pair<std::string, const std::map<std::string, KpiValue>*>> maps{{"team", &card.team}};
    for (const SellerResult& s : card.sellers) maps.emplace_back("seller " + s.seller_id, &s.kpis);
    for (const TeamResult& t : card.teams) maps.emplace_back("team " + t.team, &t.kpis);
    return maps;
}

bool is_ratio_kpi(const std::string& id) {
    const KpiDefinition* definition = find_kpi(id);
    return definition != nullptr ? definition->unit == KpiUnit::ratio : id.ends_with("_rate");
}

bool is_share(Optional v) { return !v || (*v >= 0 && *v <= 1); }

void require_shares(const std::string& where, const std::map<std::string, KpiValue>& kpis) {
    for (const auto& [id, value] : kpis) {
        if (is_ratio_kpi(id) && (!is_share(value.value) || !is_share(value.previous))) {
            RC_FAIL(where + " " + id + " = " + shown(value.value) + " (previous " + shown(value.previous) + ")");
        }
    }
}

template <class Records, class Rename>
void rename_owners(Records& records, Rename rename) {
    for (auto& r : records) r.owner_id = rename(r.owner_id);
}

template <class Rename>
model::Dataset with_sellers_renamed(model::Dataset data, Rename rename) {
    for (model::Seller& s : data.sellers) s.id = rename(s.id);
    for (model::Contact& c : data.contacts) {
        if (c.owner_id) c.owner_id = rename(*c.owner_id);
    }
    rename_owners(data.deals, rename);
    rename_owners(data.activities, rename);
    return data;
}

// Every seller whose id `merge` accepts replaced by one active seller "merged" of team `team`, who
// owns all their records.
template <class Merge>
model::Dataset with_sellers_merged(model::Dataset data, Merge merge, std::optional<std::string> team) {
    const std::string merged = "merged";
    std::erase_if(data.sellers, [&](const model::Seller& s) { return merge(s.id); });
    model::Seller merged_seller = seller(merged);
    merged_seller.team = std::move(team);
    data.sellers.push_back(std::move(merged_seller));
    return with_sellers_renamed(std::move(data),
                                [&](const std::string& id) { return merge(id) ? merged : id; });
}

template <class Records>
void shuffle_records(Records& records, std::mt19937_64& random) {
    std::shuffle(records.begin(), records.end(), random);
}

TEST_CASE("Every ratio KPI of every seller team and channel lies between 0 and 1") {
    rc::prop("ratio KPIs, stage conversions, channel conversion and churn risk are shares", [] {
        const Scorecard card = compute_scorecard(*random_dataset(), config());
        for (const auto& [where, kpis] : all_kpi_maps(card)) require_shares(where, *kpis);
        // Map and channel KPIs are checked wherever the engine already produces them.
        for (const SellerResult& s : card.sellers) {
            if (const auto conversion = s.maps.find("stage_conversion"); conversion != s.maps.end()) {
                for (const auto& [stage, value] : conversion->second) RC_ASSERT(is_share(value));
            }
        }
        for (const ChannelResult& c : card.channels) {
            if (const auto conversion = c.kpis.find("conversion_rate"); conversion != c.kpis.end()) {
                RC_ASSERT(is_share(conversion->second));
            }
        }
        for (const CustomerResult& c : card.customers) RC_ASSERT(is_share(c.churn_risk));
    });
}

TEST_CASE("Churn rate and retention rate add up to 1 whenever both are defined") {
    rc::prop("churn_rate + retention_rate = 1", [] {
        const Scorecard card = compute_scorecard(*random_dataset(), config());
        for (const auto& [where, kpis] : all_kpi_maps(card)) {
            const KpiValue& churn = kpis->at("churn_rate");
            const KpiValue& retention = kpis->at("retention_rate");
            RC_ASSERT(churn.value.has_value() == retention.value.has_value());
            RC_ASSERT(churn.previous.has_value() == retention.previous.has_value());
            if (churn.value) RC_ASSERT(std::abs(*churn.value + *retention.value - 1) <= kpi_tolerance);
            if (churn.previous) RC_ASSERT(std::abs(*churn.previous + *retention.previous - 1) <= kpi_tolerance);
        }
    });
}

TEST_CASE("Scores lie between 0 and 100 in tenths and the band is read from the score") {
    rc::prop("eligible sellers have a score in [0, 100] and its band; others have neither", [] {
        const Scorecard card = compute_scorecard(*random_dataset(), config());
        for (const SellerResult& s : card.sellers) {
            RC_ASSERT(s.score.has_value() == s.eligible);
            RC_ASSERT(s.band.has_value() == s.eligible);
            if (!s.score) continue;
            const double score = *s.score;
            RC_ASSERT(score >= 0.0);
            RC_ASSERT(score <= 100.0);
            RC_ASSERT(std::abs(score * 10 - std::round(score * 10)) < 1e-6);
            const char band = score >= 75 ? 'A' : score >= 50 ? 'B' : score >= 25 ? 'C' : 'D';
            RC_ASSERT(*s.band == band);
        }
    });
}

TEST_CASE("Shuffling the input records changes no result") {
    rc::prop("the scorecard does not depend on record order", [] {
        const model::Dataset data = *random_dataset();
        model::Dataset shuffled = data;
        std::mt19937_64 random(*rc::gen::arbitrary<std::uint64_t>());
        shuffle_records(shuffled.sellers, random);
        shuffle_records(shuffled.stages, random);
        shuffle_records(shuffled.contacts, random);
        shuffle_records(shuffled.deals, random);
        shuffle_records(shuffled.stage_changes, random);
        shuffle_records(shuffled.activities, random);
        shuffle_records(shuffled.spend, random);
        require_no_difference(scorecard_difference(compute_scorecard(data, config()),
                                                   compute_scorecard(shuffled, config())));
    });
}

TEST_CASE("Renaming seller ids changes no seller's results") {
    rc::prop("results follow the seller, not its id", [] {
        const model::Dataset data = *random_dataset();
        // Reversing the ids' order as well as their spelling, so no result can ride on id order.
        const auto rename = [](const std::string& id) { return "renamed-" + std::to_string(100 - std::stoi(id.substr(1))); };
        require_no_difference(scorecard_difference(compute_scorecard(data, config()),
                                                   compute_scorecard(with_sellers_renamed(data, rename), config()),
                                                   rename));
    });
}

// KPIS.md §4 defines a team KPI as the seller KPI "over the union of the sellers' records", which is
// exactly the KPI of one seller owning all of them. Every catalog KPI and map KPI must therefore
// match, including those where a merged seller is not the sum of its parts: a contact touched by
// two sellers is one contact of the team (contacts_count, response_rate, follow_up_rate), a lead
// answered by another seller of the team than its owner is answered (lead_response_time_h), a
// customer who bought from two sellers is one repeat customer (repeat_purchase_rate,
// customer_lifetime_value, retention_rate). What cannot hold is eligibility, score and band: a team
// has none, and the merged seller is active even when some of its parts are not.
TEST_CASE("Organisation KPIs equal the KPIs of one seller owning every seller's records") {
    rc::prop("team KPIs = KPIs of the merged seller", [] {
        const model::Dataset data = *random_dataset();
        const auto everyone = [](const std::string&) { return true; };
        const Scorecard card = compute_scorecard(data, config());
        const Scorecard merged = compute_scorecard(with_sellers_merged(data, everyone, std::nullopt), config());
        const SellerResult& merged_seller = seller_result(merged, "merged");
        require_no_difference(kpi_difference("team vs merged", card.team, merged_seller.kpis));
        require_no_difference(map_difference("team vs merged", card.team_maps, merged_seller.maps));
    });
}

TEST_CASE("A team's KPIs equal the KPIs of one seller owning its sellers' records") {
    rc::prop("per-team KPIs = KPIs of the team's sellers merged, the other sellers kept", [] {
        const model::Dataset data = *random_dataset();
        const Scorecard card = compute_scorecard(data, config());
        for (const std::string team : {"north", "south"}) {
            const auto in_team = [&](const std::string& id) {
                return std::any_of(data.sellers.begin(), data.sellers.end(),
                                   [&](const model::Seller& s) { return s.id == id && s.team == team; });
            };
            const TeamResult* result = find_by(card.teams, &TeamResult::team, team);
            RC_ASSERT((result != nullptr) == std::any_of(data.sellers.begin(), data.sellers.end(),
                                                         [&](const model::Seller& s) { return s.team == team; }));
            if (result == nullptr) continue;
            const Scorecard merged = compute_scorecard(with_sellers_merged(data, in_team, team), config());
            const SellerResult& merged_seller = seller_result(merged, "merged");
            require_no_difference(kpi_difference("team " + team + " vs merged", result->kpis, merged_seller.kpis));
            require_no_difference(map_difference("team " + team + " vs merged", result->maps, merged_seller.maps));
        }
    });
}

TEST_CASE("Records dated after as_of and deals closed after as_of change nothing") {
    rc::prop("the scorecard reads the CRM as it stood at as_of", [] {
        const model::Dataset data = *random_dataset();
        require_no_difference(scorecard_difference(compute_scorecard(data, config()),
                                                   compute_scorecard(with_later_records(data), config())));
    });
}

}  // namespace
}  // namespace sellerscore::kpi::test
