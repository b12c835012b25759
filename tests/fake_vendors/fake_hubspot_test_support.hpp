// Raw requests to the fake HubSpot and a clock the tests move by hand.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "tests/fakes/fake_exchange.hpp"
#include "tests/fakes/hubspot/fake_hubspot.hpp"

namespace sellerscore::fakes::testing {

inline const std::string static_token = "pat-na1-test-token";

// Steady and epoch time that only move when told to.
struct ManualClock {
    std::shared_ptr<std::chrono::steady_clock::time_point> steady =
        std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::time_point{} + std::chrono::hours(1));
    std::shared_ptr<std::int64_t> epoch_ms = std::make_shared<std::int64_t>(1'780'000'000'000);  // 2026-05-28

    void advance(std::chrono::milliseconds step) {
        *steady += step;
        *epoch_ms += step.count();
    }
};

inline FakeHubSpotOptions options_with(const ManualClock& clock) {
    FakeHubSpotOptions options;
    options.access_token = static_token;
    options.steady_now = [steady = clock.steady] { return *steady; };
    options.epoch_ms_now = [epoch = clock.epoch_ms] { return *epoch; };
    return options;
}

// A request as the server hands it over: target split into path and query (tests use no escapes).
inline FakeRequest request(std::string method, std::string target, std::string body = "",
                           const std::string& token = static_token) {
    FakeRequest built;
    built.method = std::move(method);
    built.target = target;
    const std::size_t question = target.find('?');
    built.path = target.substr(0, question);
    if (question != std::string::npos) {
        std::string rest = target.substr(question + 1);
        std::size_t start = 0;
        while (start <= rest.size()) {
            const std::size_t amp = rest.find('&', start);
            const std::string pair = rest.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
            const std::size_t equals = pair.find('=');
            if (!pair.empty()) built.query[pair.substr(0, equals)] = equals == std::string::npos ? "" : pair.substr(equals + 1);
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
    }
    if (!token.empty()) built.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) built.headers["content-type"] = "application/json";
    built.body = std::move(body);
    return built;
}

inline boost::json::value json_of(const FakeResponse& response) { return boost::json::parse(response.body); }

// A JSON string's text (other values serialized), to compare with std::string.
inline std::string str(const boost::json::value& value) {
    return value.is_string() ? std::string(value.get_string()) : boost::json::serialize(value);
}

inline std::string header_of(const FakeResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return "<absent>";
}

inline bool has_header(const FakeResponse& response, const std::string& name) {
    return header_of(response, name) != "<absent>";
}

}  // namespace sellerscore::fakes::testing

#include "plugin/model/records.hpp"

namespace sellerscore::fakes::testing {

inline constexpr model::Timestamp t0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z, in ms

// A small CRM touching every mapping rule: two sellers (one inactive), a pipeline with a stage id
// HubSpot cannot keep, a deal that re-enters a stage, a deal and an activity whose owner is unknown.
inline model::Dataset small_dataset() {
    model::Dataset data;
    data.sellers = {{"S1", "Ana Lopez", "ana@example.com", std::string("North"), true},
                    {"S2", "Ben  Kim ", "ben@example.com", std::nullopt, false}};
    data.stages = {{"new", "sales", "New", 1, model::StageKind::open, 0.1},
                   {"Proposal Sent", "sales", "Proposal sent", 2, model::StageKind::open, 0.6},
                   {"won", "sales", "Won", 3, model::StageKind::won, 1.0},
                   {"lost", "sales", "Lost", 4, model::StageKind::lost, 0.0}};
    data.contacts = {{"C1", std::string("S1"), t0, std::string("referral"), std::nullopt, std::string("CO1")},
                     {"C2", std::string("S2"), t0 + 60 * 1000, std::nullopt, std::string("C1"), std::nullopt},
                     {"C3", std::nullopt, t0 + 120 * 1000, std::string("web"), std::nullopt, std::nullopt}};
    data.deals = {{"D1", "S1", std::string("C1"), std::string("CO1"), "sales", "won", 1234.5, t0 + 100 * 1000, t0 + 900 * 1000,
                   model::DealStatus::won},
                  {"D2", "S2", std::string("C2"), std::nullopt, "sales", "new", std::nullopt, t0 + 200 * 1000, std::nullopt,
                   model::DealStatus::open},
                  {"D3", "ghost", std::nullopt, std::nullopt, "sales", "lost", 10.0, t0 + 300 * 1000, t0 + 400 * 1000,
                   model::DealStatus::lost}};
    data.stage_changes = {{"D1", "new", t0 + 100 * 1000},
                          {"D1", "Proposal Sent", t0 + 200 * 1000},
                          {"D1", "new", t0 + 300 * 1000},
                          {"D1", "won", t0 + 900 * 1000}};
    auto activity = [](std::string id, std::string owner, model::ActivityType type, model::Timestamp at) {
        model::Activity a;
        a.id = std::move(id);
        a.owner_id = std::move(owner);
        a.type = type;
        a.at = at;
        return a;
    };
    model::Activity call = activity("A1", "S1", model::ActivityType::call, t0 + 1000 * 1000);
    call.contact_id = "C1";
    call.deal_id = "D1";
    call.duration_s = 90.5;
    call.outcome = model::Outcome::connected;
    call.objection = true;
    model::Activity odd_call = activity("A2", "S1", model::ActivityType::call, t0 + 1001 * 1000);
    odd_call.outcome = model::Outcome::completed;
    odd_call.direction = model::Direction::inbound;
    model::Activity email = activity("A3", "S2", model::ActivityType::email, t0 + 1002 * 1000);
    email.direction = model::Direction::inbound;
    email.opened = true;
    email.clicked = false;
    email.contact_id = "C2";
    model::Activity meeting = activity("A4", "S1", model::ActivityType::meeting, t0 + 1003 * 1000);
    meeting.duration_s = 1800.4;
    meeting.outcome = model::Outcome::completed;
    meeting.direction = model::Direction::inbound;
    model::Activity visit = activity("A5", "S1", model::ActivityType::visit, t0 + 1004 * 1000);
    visit.outcome = model::Outcome::connected;
    model::Activity proposal = activity("A6", "S1", model::ActivityType::proposal, t0 + 1005 * 1000);
    proposal.deal_id = "D1";
    proposal.contact_id = "C1";
    proposal.objection = true;
    model::Activity note = activity("A7", "S2", model::ActivityType::note, t0 + 1006 * 1000);
    note.objection = true;
    model::Activity task = activity("A8", "S2", model::ActivityType::task, t0 + 1007 * 1000);
    model::Activity orphan = activity("A9", "ghost", model::ActivityType::note, t0 + 1008 * 1000);
    data.activities = {call, odd_call, email, meeting, visit, proposal, note, task, orphan};
    data.spend = {{"paid_search", "2026-01", 500.0, std::nullopt}};
    return data;
}

}  // namespace sellerscore::fakes::testing
