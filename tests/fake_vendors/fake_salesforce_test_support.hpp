// Raw requests to the fake Salesforce, a session for them, and a clock the tests move by hand.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "tests/fakes/fake_exchange.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"

namespace sellerscore::fakes::sf_testing {

inline const std::string v = "/services/data/v62.0";

struct ManualClock {
    std::shared_ptr<std::chrono::steady_clock::time_point> steady =
        std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::time_point{} + std::chrono::hours(1));
    std::shared_ptr<std::int64_t> epoch_ms = std::make_shared<std::int64_t>(1'780'000'000'000);  // 2026-05-28

    void advance(std::chrono::milliseconds step) {
        *steady += step;
        *epoch_ms += step.count();
    }
};

inline FakeSalesforceOptions options_with(const ManualClock& clock) {
    FakeSalesforceOptions options;
    options.steady_now = [steady = clock.steady] { return *steady; };
    options.epoch_ms_now = [epoch = clock.epoch_ms] { return *epoch; };
    return options;
}

inline std::string percent_encoded(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// A request as the server hands it over (query parameters given decoded).
inline FakeRequest request(std::string method, std::string path, std::string body = "", const std::string& token = "",
                           std::map<std::string, std::string> query = {}) {
    FakeRequest built;
    built.method = std::move(method);
    built.path = path;
    built.target = path;
    char separator = '?';
    for (const auto& [name, value] : query) {
        built.target += separator + name + "=" + percent_encoded(value);
        separator = '&';
    }
    built.query = std::move(query);
    if (!token.empty()) built.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) built.headers["content-type"] = "application/json";
    built.body = std::move(body);
    return built;
}

inline FakeRequest token_request(const std::string& form) {
    FakeRequest built = request("POST", "/services/oauth2/token");
    built.headers["content-type"] = "application/x-www-form-urlencoded";
    built.body = form;
    return built;
}

inline std::string refresh_form(const FakeSalesforceOptions& options) {
    return "grant_type=refresh_token&client_id=" + percent_encoded(options.client_id) +
           "&client_secret=" + percent_encoded(options.client_secret) + "&refresh_token=" + percent_encoded(options.refresh_token);
}

inline boost::json::value json_of(const FakeResponse& response) { return boost::json::parse(response.body); }

// A JSON string's text (other values serialized), to compare with std::string.
inline std::string str(const boost::json::value& value) {
    return value.is_string() ? std::string(value.get_string()) : boost::json::serialize(value);
}

// An access token from the refresh-token flow.
inline std::string session(FakeSalesforce& salesforce) {
    const FakeResponse reply = salesforce.handle(token_request(refresh_form(salesforce.options())));
    return std::string(json_of(reply).at("access_token").as_string());
}

inline FakeRequest soql(const std::string& token, const std::string& q, const std::string& resource = "/query") {
    return request("GET", v + resource, "", token, {{"q", q}});
}

inline std::string header_of(const FakeResponse& response, const std::string& name) {
    for (const auto& [key, value] : response.headers)
        if (key == name) return value;
    return "<absent>";
}

// The errorCode of a REST error body [{"message","errorCode"}].
inline std::string error_code(const FakeResponse& response) {
    return std::string(json_of(response).as_array().at(0).as_object().at("errorCode").as_string());
}
inline std::string error_message(const FakeResponse& response) {
    return std::string(json_of(response).as_array().at(0).as_object().at("message").as_string());
}

}  // namespace sellerscore::fakes::sf_testing

#include "plugin/model/records.hpp"

namespace sellerscore::fakes::sf_testing {

inline constexpr model::Timestamp t0 = 1'767'225'600'000;  // 2026-01-01T00:00:00Z

// n deals owned by one seller in one pipeline: enough rows to page through.
inline model::Dataset deals_dataset(int n) {
    model::Dataset data;
    data.sellers = {{"S1", "Ana Lopez", "ana@example.com", std::string("North"), true}};
    data.stages = {{"new", "sales", "New", 1, model::StageKind::open, 0.1},
                   {"won", "sales", "Closed Won", 2, model::StageKind::won, 1.0}};
    for (int i = 0; i < n; ++i)
        data.deals.push_back({"D" + std::to_string(i), "S1", std::nullopt, std::nullopt, "sales", "new", 100.0 + i,
                              t0 + i * 1000, std::nullopt, model::DealStatus::open});
    return data;
}

}  // namespace sellerscore::fakes::sf_testing
