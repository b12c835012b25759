// BatchWriter over a scripted transport: what happens to per-record failures HubSpot marks as
// transient, which the fake never produces.
#include <catch2/catch.hpp>

#include <functional>
#include <mutex>

#include <boost/json.hpp>

#include "connectors/http/static_token_source.hpp"
#include "connectors/hubspot/batch_writer.hpp"
#include "hubspot_fixture.hpp"

using namespace sellerscore;
using namespace sellerscore::connectors;
using namespace sellerscore::hubspot_testing;
namespace json = boost::json;

namespace {

class ScriptedTransport final : public http::HttpTransport {
public:
    using Script = std::function<http::HttpResponse(const http::HttpRequest&)>;
    ScriptedTransport(Script script, std::vector<std::string>& bodies) : script_(std::move(script)), bodies_(bodies) {}

    Result<http::HttpResponse> exchange(const http::HttpRequest& request, http::ExchangeTrace& trace) override {
        std::lock_guard lock(mutex_);
        trace.request_written = true;
        bodies_.push_back(request.body);
        return script_(request);
    }

private:
    Script script_;
    std::vector<std::string>& bodies_;
    std::mutex mutex_;
};

// 200 for every input except `failing`, which gets a RATE_LIMITS error while `transient_answers` lasts.
http::HttpResponse answer(const http::HttpRequest& request, const std::string& failing, int& transient_answers) {
    const json::value body = json::parse(request.body);
    json::array results;
    json::array errors;
    for (const auto& input : body.at("inputs").as_array()) {
        const std::string id(input.at("id").as_string());
        if (id == failing && transient_answers > 0) {
            --transient_answers;
            errors.push_back(json::object{{"status", "error"},
                                          {"category", "RATE_LIMITS"},
                                          {"message", "secondly limit"},
                                          {"context", json::object{{"ids", json::array{json::string(id)}}}}});
            continue;
        }
        results.push_back(json::object{{"id", id}, {"updatedAt", "2026-03-01T12:00:00.000Z"}});
    }
    http::HttpResponse response;
    response.status = errors.empty() ? 200 : 207;
    response.body = json::serialize(json::object{{"status", "COMPLETE"}, {"results", results}, {"errors", errors}});
    return response;
}

struct Harness {
    SharedFakeClock clock;
    std::vector<std::string> bodies;
    int transient_answers = 0;
    hs::FieldSchema schema;
    hs::WriteLedger ledger;
    std::unique_ptr<hs::HubSpotApi> api;

    explicit Harness(int transient) : transient_answers(transient) {
        auto transport = std::make_unique<ScriptedTransport>(
            [this](const http::HttpRequest& request) { return answer(request, "2", transient_answers); }, bodies);
        auto client = std::make_unique<http::HttpClient>(
            http::ClientOptions{}, std::move(transport),
            std::make_unique<http::StaticTokenSource>("Authorization", "Bearer ", "t"), clock);
        api = std::make_unique<hs::HubSpotApi>(std::move(client), "/crm/v3", clock, 0);
        schema.set(RecordObject::deal, "seller_score", hs::PropertyKind::number);
    }

    Result<WriteReport> write(const std::vector<FieldWrite>& writes) {
        return hs::BatchWriter(*api, schema, ledger).write(writes);
    }
};

const std::vector<FieldWrite> three_deals = {{RecordObject::deal, "1", "seller_score", 1.0},
                                             {RecordObject::deal, "2", "seller_score", 2.0},
                                             {RecordObject::deal, "3", "seller_score", 3.0}};

}  // namespace

TEST_CASE("a record failing with a transient error is retried once alone") {
    Harness h(1);
    const auto report = h.write(three_deals);
    REQUIRE(report);
    CHECK(report->written == 3);
    CHECK(report->failures.empty());
    REQUIRE(h.bodies.size() == 2);
    CHECK(h.bodies[1] == R"({"inputs":[{"id":"2","properties":{"sellerscore_seller_score":"2"}}]})");
    CHECK(h.ledger.written(hs::ObjectType::deals) == 3);
}

TEST_CASE("a record failing transiently twice is reported after one retry") {
    Harness h(2);
    const auto report = h.write(three_deals);
    REQUIRE(report);
    CHECK(report->written == 2);
    REQUIRE(report->failures.size() == 1);
    CHECK(report->failures[0].index == 1);
    CHECK(report->failures[0].status.message() ==
          "hubspot: POST /crm/v3/objects/deals/batch/update: RATE_LIMITS: secondly limit");
    CHECK(h.bodies.size() == 2);
}
