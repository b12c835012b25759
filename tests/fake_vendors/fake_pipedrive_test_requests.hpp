// Requests to the fake Pipedrive as LoopbackServer would hand them over, a manual clock, and
// readers for the JSON and headers of its answers: shared by the fake's fidelity tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"
#include "tests/fakes/fake_exchange.hpp"
#include "tests/fakes/pipedrive/fake_pipedrive.hpp"

namespace sellerscore::fakes::pipedrive_test {

struct ManualClock {
    std::chrono::steady_clock::time_point steady{std::chrono::hours(1000)};
    std::int64_t epoch_seconds = 1'772'366'400;  // 2026-03-01T12:00:00Z

    void advance(std::chrono::milliseconds by) {
        steady += by;
        epoch_seconds += std::chrono::duration_cast<std::chrono::seconds>(by).count();
    }
};

// Options driven by `clock` (which must outlive the fake).
inline FakePipedriveOptions options_with(ManualClock& clock) {
    FakePipedriveOptions options;
    options.steady_now = [&clock] { return clock.steady; };
    options.epoch_seconds_now = [&clock] { return clock.epoch_seconds; };
    return options;
}

// `target` is "/api/v2/deals?limit=2&cursor=..."; the query is split on '&' and '=' (no escapes needed by the tests).
inline FakeRequest request(std::string method, std::string target, std::string body = {},
                           std::map<std::string, std::string> headers = {}) {
    FakeRequest r;
    r.method = std::move(method);
    r.target = target;
    const std::size_t question = target.find('?');
    r.path = target.substr(0, question);
    if (question != std::string::npos) {
        std::string rest = target.substr(question + 1);
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            const std::string pair = rest.substr(0, amp);
            const std::size_t equals = pair.find('=');
            r.query[pair.substr(0, equals)] = equals == std::string::npos ? std::string() : pair.substr(equals + 1);
            rest = amp == std::string::npos ? std::string() : rest.substr(amp + 1);
        }
    }
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

// The same with the default API token in x-api-token.
inline FakeRequest authed(std::string method, std::string target, std::string body = {}) {
    const std::string token = FakePipedriveOptions{}.api_token;
    return request(std::move(method), std::move(target), std::move(body), {{"x-api-token", token}});
}

inline boost::json::value json_of(const FakeResponse& response) { return boost::json::parse(response.body); }

inline std::string header(const FakeResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return {};
}

// A small company: two sellers, one pipeline (Qualified 20 %, Proposal 55 %, Won, Lost), three
// contacts (c2 has a channel but no deal: a lead carries it), an open and a won deal with their
// stage history, a call, a note and a visit.
inline constexpr std::int64_t t0 = 1'767'225'600;  // 2026-01-01T00:00:00Z
// Model records are in milliseconds; the fake's own API takes epoch seconds.
inline constexpr std::int64_t ms(std::int64_t epoch_seconds) { return epoch_seconds * 1000; }

inline sellerscore::model::Dataset small_company() {
    using namespace sellerscore::model;
    Dataset d;
    d.sellers = {{"s1", "Ana Alves", "ana@example.com", std::string("north"), true},
                 {"s2", "Ben Brandt", "ben@example.com", std::nullopt, false}};
    d.stages = {{"st1", "sales", "Qualified", 1, StageKind::open, 0.2},
                {"st2", "sales", "Proposal", 2, StageKind::open, 0.55},
                {"won", "sales", "Won", 3, StageKind::won, 1.0},
                {"lost", "sales", "Lost", 4, StageKind::lost, 0.0}};
    d.contacts = {{"c1", std::string("s1"), ms(t0), std::string("Referral"), std::nullopt, std::string("co1")},
                  {"c2", std::string("s2"), ms(t0 + 10), std::string("Ads"), std::nullopt, std::nullopt},
                  {"c3", std::string("s1"), ms(t0 + 20), std::nullopt, std::string("c1"), std::nullopt}};
    d.deals = {{"d1", "s1", std::string("c1"), std::string("co1"), "sales", "st2", 1000.0, ms(t0 + 100), std::nullopt,
                DealStatus::open},
               {"d2", "s2", std::string("c3"), std::nullopt, "sales", "won", std::nullopt, ms(t0 + 200), ms(t0 + 5000),
                DealStatus::won}};
    d.stage_changes = {{"d1", "st1", ms(t0 + 100)}, {"d1", "st2", ms(t0 + 1000)}, {"d2", "st1", ms(t0 + 200)}, {"d2", "won", ms(t0 + 5000)}};
    Activity call;
    call.id = "a1";
    call.owner_id = "s1";
    call.type = ActivityType::call;
    call.at = ms(t0 + 300);
    call.deal_id = "d1";
    call.contact_id = "c1";
    call.duration_s = 95;
    call.outcome = Outcome::connected;
    Activity note;
    note.id = "a2";
    note.owner_id = "s1";
    note.type = ActivityType::note;
    note.at = ms(t0 + 400);
    note.deal_id = "d1";
    note.objection = true;
    Activity visit;
    visit.id = "a3";
    visit.owner_id = "s2";
    visit.type = ActivityType::visit;
    visit.direction = Direction::inbound;
    visit.at = ms(t0 + 500);
    visit.objection = true;
    d.activities = {call, note, visit};
    d.spend = {{"Ads", "2026-01", 100.0, std::nullopt}};
    return d;
}

// `deals` open deals in one two-stage pipeline owned by one seller, created a second apart.
inline sellerscore::model::Dataset many_deals(int deals) {
    using namespace sellerscore::model;
    Dataset d;
    d.sellers = {{"s1", "Ana Alves", "ana@example.com", std::nullopt, true}};
    d.stages = {{"st1", "p", "One", 1, StageKind::open, 0.5}, {"st2", "p", "Two", 2, StageKind::open, 0.7}};
    for (int i = 0; i < deals; ++i)
        d.deals.push_back({"d" + std::to_string(i), "s1", std::nullopt, std::nullopt, "p", "st1", 10.0 * i, ms(t0 + i),
                           std::nullopt, DealStatus::open});
    return d;
}

}  // namespace sellerscore::fakes::pipedrive_test
