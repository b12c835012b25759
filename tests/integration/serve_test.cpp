// crmhost serve's checks and answers, in-process: HubSpot v3 signatures and Pipedrive JWTs against
// vectors computed independently with the OpenSSL command line (the commands are beside each),
// the card and panel shapes, the webhook rules and the debounced sync.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>

#include "host/serve/basic_credentials.hpp"
#include "host/serve/hubspot_request_signature.hpp"
#include "host/serve/jwt_hs256.hpp"
#include "host/serve/serve_router.hpp"
#include "host/serve/sync_debouncer.hpp"
#include "host/serve/sync_interval.hpp"

namespace json = boost::json;
namespace http = sellerscore::connectors::http;
using namespace sellerscore::host::serve;

namespace {

constexpr const char* client_secret = "hs-client-secret";
constexpr std::int64_t signed_at_ms = 1700000000000;  // X-HubSpot-Request-Timestamp of every vector

const std::string webhook_body =
    R"([{"eventId":1,"subscriptionId":7,"portalId":62515,"occurredAt":1700000000000,"subscriptionType":"deal.propertyChange","objectId":123,"propertyName":"dealstage","propertyValue":"closedwon"}])";
// printf '%s' "POSThttps://scores.example.com/webhooks/hubspot${webhook_body}1700000000000" |
//   openssl dgst -sha256 -hmac hs-client-secret -binary | base64
constexpr const char* webhook_signature = "t3wL2M06pWBE1ZIj4jRMi1oO4UV1lAhITLRpTbVurwg=";

const std::string other_portal_body =
    R"([{"eventId":2,"subscriptionId":7,"portalId":99999,"occurredAt":1700000000000,"subscriptionType":"deal.creation","objectId":124}])";
constexpr const char* other_portal_body_signature = "Nb7IEw64wAQ3Zw4LKW1lhy9i0s1cefuFrhXo4IpsuuY=";

constexpr const char* card_target = "/hubspot/card?dealId=d1&portalId=62515&userId=5&userEmail=rep@example.com&appId=77";
// printf '%s' "GEThttps://scores.example.com${card_target}1700000000000" | openssl dgst -sha256 -hmac hs-client-secret -binary | base64
constexpr const char* card_signature = "4gSJIqVXFD3cZxl1wsr+8b68S7vl64xCZ5CPp5Eanqg=";
constexpr const char* other_portal_card_target =
    "/hubspot/card?dealId=d1&portalId=99999&userId=5&userEmail=rep@example.com&appId=77";
constexpr const char* other_portal_card_signature = "xHp7DGAVEpwUzRNp+A6oGKmYD8DKJO5hbBgkm2yF7Uo=";

// header {"alg":"HS256","typ":"JWT"}, claims {"userId":123,"companyId":456,"iat":1700000000,"exp":1700000600},
// signature: printf '%s' "$header.$claims" | openssl dgst -sha256 -hmac panel-secret -binary | base64url
constexpr const char* jwt_secret = "panel-secret";
constexpr const char* panel_jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEyMywiY29tcGFueUlkIjo0NTYsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwNj"
    "AwfQ.96RpUF-dqYS4ka5qCYahqrirNtVo-7byIq5rTB3xAuY";
// The same with companyId 999.
constexpr const char* other_company_jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEyMywiY29tcGFueUlkIjo5OTksImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwNj"
    "AwfQ.F_djsEg2fR_vvXFLW43f0Rw92ZBYYZRt5661RGECflo";
// Claims {"userId":123,"iat":1700000000,"exp":1700000600}: no companyId.
constexpr const char* no_company_jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEyMywiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA2MDB9."
    "Qn-eOQ1p9HQg81w7Gazl_wSngpqNHvEBAF-LKlGySyM";
// Claims without exp.
constexpr const char* no_expiry_jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOjEyMywiY29tcGFueUlkIjo0NTYsImlhdCI6MTcwMDAwMDAwMH0."
    "zBs6IEOOnz4KI_Kp8d0qWSI30nnm_ysDwNVvfa9AkrU";
// {"alg":"none"} with the first token's claims and no signature.
constexpr const char* unsigned_jwt =
    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJ1c2VySWQiOjEyMywiY29tcGFueUlkIjo0NTYsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwNj"
    "AwfQ.";

HubSpotSignedRequest signed_webhook(std::string_view body, std::string_view signature, std::string_view timestamp = "1700000000000") {
    return {"POST", "https://scores.example.com/webhooks/hubspot", body, timestamp, signature};
}

const char* scorecard_text = R"json({"as_of":"2024-03-31T00:00:00Z","sellers":[
  {"id":"ana","name":"Ana","team":null,"eligible":true,"score":66.7,"band":"B",
   "drivers":{"lifts":[{"kpi":"deals_won_count","value":3,"team_value":6,"percentile":100,"points":33.3}],
              "holds":[{"kpi":"revenue_won","value":300,"team_value":1750,"percentile":0,"points":-16.7}],
              "text":"\u2191 deals won 3 (top 1%) \u00b7 \u2193 revenue won 300 (bottom 1%)"},
   "kpis":{"win_rate":{"value":0.5,"previous":0.4,"change":0.1},"calls_count":{"value":9,"previous":null,"change":null}}}]})json";
const char* deals_text = R"({"deals":[{"id":"d1","owner_id":"ana"},{"id":"42","owner_id":"ana"},{"id":"7","owner_id":"gone"}]})";

struct RouterFixture {
    std::int64_t now_ms = signed_at_ms + 1000;
    int changes = 0;
    std::vector<std::string> log;
    ServeRouter router;

    RouterFixture()
        : router(
              ServeSettings{"https://scores.example.com", client_secret, "62515", jwt_secret, "456", "pd-hook", "pd-pass",
                            "https://reports.example.com/sellers"},
              ServeHooks{[this] { return now_ms; }, [this] { ++changes; }, [this](const std::string& l) { log.push_back(l); }}) {
        router.publish(std::make_shared<ScorecardSnapshot>(json::parse(scorecard_text), json::parse(deals_text)));
    }

    http::ServerResponse get(const std::string& target, std::map<std::string, std::string> headers = {}) {
        return router.handle({"GET", target, std::move(headers), ""});
    }
    http::ServerResponse post(const std::string& target, const std::string& body, std::map<std::string, std::string> headers) {
        return router.handle({"POST", target, std::move(headers), body});
    }
    std::string joined_log() const {
        std::string all;
        for (const std::string& l : log) all += l + "\n";
        return all;
    }
};

std::map<std::string, std::string> hubspot_headers(const std::string& signature) {
    return {{"x-hubspot-signature-v3", signature}, {"x-hubspot-request-timestamp", "1700000000000"}};
}

}  // namespace

TEST_CASE("a HubSpot v3 signature over method, URI, body and timestamp is accepted", "[serve][signature]") {
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature), client_secret, signed_at_ms + 1000) ==
          SignatureCheck::valid);
}

TEST_CASE("a HubSpot v3 signature over a tampered body is rejected", "[serve][signature]") {
    std::string tampered = webhook_body;
    tampered.replace(tampered.find("closedwon"), 9, "closedlost");
    CHECK(check_hubspot_v3(signed_webhook(tampered, webhook_signature), client_secret, signed_at_ms) ==
          SignatureCheck::mismatch);
}

TEST_CASE("a HubSpot v3 timestamp more than 5 minutes old is rejected, one exactly 5 minutes old is not",
          "[serve][signature]") {
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature), client_secret, signed_at_ms + 300'000) ==
          SignatureCheck::valid);
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature), client_secret, signed_at_ms + 300'001) ==
          SignatureCheck::stale);
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature), client_secret, signed_at_ms - 300'001) ==
          SignatureCheck::stale);
}

TEST_CASE("a HubSpot v3 timestamp at either end of the 64-bit range is stale, not an overflow", "[serve][signature]") {
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature, "-9223372036854775808"), client_secret,
                           signed_at_ms) == SignatureCheck::stale);
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature, "9223372036854775807"), client_secret,
                           signed_at_ms) == SignatureCheck::stale);
}

TEST_CASE("a HubSpot v3 signature made with another secret is rejected", "[serve][signature]") {
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature), "another-secret", signed_at_ms) ==
          SignatureCheck::mismatch);
}

TEST_CASE("a request without the v3 signature or timestamp is rejected", "[serve][signature]") {
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, ""), client_secret, signed_at_ms) == SignatureCheck::missing);
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature, ""), client_secret, signed_at_ms) ==
          SignatureCheck::missing);
    CHECK(check_hubspot_v3(signed_webhook(webhook_body, webhook_signature, "17e11"), client_secret, signed_at_ms) ==
          SignatureCheck::missing);
}

TEST_CASE("the signed URI decodes only HubSpot's listed escapes", "[serve][signature]") {
    CHECK(hubspot_signed_uri("https://x.example/a%3Ab%2fc?q=%40me%20you%2C%3B%26") == "https://x.example/a:b/c?q=@me%20you,;%26");
}

TEST_CASE("an HS256 JWT with the right secret and a future exp is accepted, with its claims", "[serve][jwt]") {
    const JwtVerdict v = verify_jwt_hs256(panel_jwt, jwt_secret, 1700000599);
    REQUIRE(v.check == JwtCheck::valid);
    CHECK(v.claims.at("companyId").as_int64() == 456);
    CHECK(v.claims.at("userId").as_int64() == 123);
}

TEST_CASE("a JWT at or past its exp is expired, and one without exp is refused", "[serve][jwt]") {
    CHECK(verify_jwt_hs256(panel_jwt, jwt_secret, 1700000600).check == JwtCheck::expired);
    CHECK(verify_jwt_hs256(no_expiry_jwt, jwt_secret, 1700000000).check == JwtCheck::expired);
}

TEST_CASE("a JWT signed with another secret, or with its claims swapped, fails its signature", "[serve][jwt]") {
    CHECK(verify_jwt_hs256(panel_jwt, "not-the-secret", 1700000000).check == JwtCheck::bad_signature);
    // The other company's claims under the first token's signature.
    std::string swapped = other_company_jwt;
    const std::string first = panel_jwt;
    swapped = swapped.substr(0, swapped.rfind('.')) + first.substr(first.rfind('.'));
    CHECK(verify_jwt_hs256(swapped, jwt_secret, 1700000000).check == JwtCheck::bad_signature);
}

TEST_CASE("a JWT naming another algorithm, or none, is refused whatever its signature", "[serve][jwt]") {
    CHECK(verify_jwt_hs256(unsigned_jwt, jwt_secret, 1700000000).check == JwtCheck::wrong_algorithm);
    CHECK(verify_jwt_hs256("not.a-jwt", jwt_secret, 1700000000).check == JwtCheck::malformed);
    CHECK(verify_jwt_hs256("", jwt_secret, 1700000000).check == JwtCheck::malformed);
}

TEST_CASE("HTTP Basic credentials match RFC 7617's example and nothing else", "[serve][basic]") {
    CHECK(basic_credentials_match("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame"));
    CHECK(basic_credentials_match("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame"));
    CHECK_FALSE(basic_credentials_match("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame!"));
    CHECK_FALSE(basic_credentials_match("Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame"));
    CHECK_FALSE(basic_credentials_match("", "Aladdin", "open sesame"));
}

TEST_CASE("the card answers a signed request for the portal with the deal owner's score, band, KPIs and drivers",
          "[serve][router]") {
    RouterFixture f;
    const http::ServerResponse r = f.get(card_target, hubspot_headers(card_signature));
    REQUIRE(r.status == 200);
    CHECK(r.content_type == "application/json");
    const json::object card = json::parse(r.body).as_object();
    CHECK(card.at("deal_id") == "d1");
    CHECK(card.at("seller").at("id") == "ana");
    CHECK(card.at("seller").at("name") == "Ana");
    CHECK(card.at("score").as_double() == 66.7);
    CHECK(card.at("band") == "B");
    CHECK(card.at("as_of") == "2024-03-31T00:00:00Z");
    CHECK(card.at("kpis").at("win_rate").at("previous").as_double() == 0.4);
    CHECK_FALSE(card.at("kpis").as_object().contains("calls_count"));  // not one of the deal fields' KPIs
    CHECK(card.at("drivers").at("lifts").at(0).at("kpi") == "deals_won_count");
    CHECK(card.at("drivers").at("text") == "\u2191 deals won 3 (top 1%) \u00b7 \u2193 revenue won 300 (bottom 1%)");
    CHECK(card.at("report_url") == "https://reports.example.com/sellers");
}

TEST_CASE("the card refuses another portal with 403 and an unsigned or stale request with 401, revealing nothing",
          "[serve][router]") {
    RouterFixture f;
    const http::ServerResponse other = f.get(other_portal_card_target, hubspot_headers(other_portal_card_signature));
    CHECK(other.status == 403);
    CHECK(other.body == "{\"error\":\"forbidden\"}");
    const http::ServerResponse unsigned_request = f.get(card_target);
    CHECK(unsigned_request.status == 401);
    CHECK(unsigned_request.body == "{\"error\":\"unauthorized\"}");
    f.now_ms = signed_at_ms + 6 * 60 * 1000;
    CHECK(f.get(card_target, hubspot_headers(card_signature)).status == 401);
    const std::string log = f.joined_log();
    CHECK_THAT(log, Catch::Contains("403 GET /hubspot/card: another portal"));
    CHECK_THAT(log, Catch::Contains("401 GET /hubspot/card: v3 timestamp outside 5 minutes"));
    CHECK_THAT(log, !Catch::Contains(client_secret));
    CHECK_THAT(log, !Catch::Contains(card_signature));
}

TEST_CASE("the Pipedrive panel answers a valid JWT with Pipedrive's data shape for the deal's owner",
          "[serve][router]") {
    RouterFixture f;
    f.now_ms = 1700000100000;
    // The JWT as Pipedrive's example apps read it: the `token` query parameter, next to userId, companyId
    // and selectedIds.
    const http::ServerResponse r = f.get(
        std::string("/pipedrive/panel?resource=deal&view=details&userId=123&companyId=456&selectedIds=42&token=") +
        panel_jwt);
    REQUIRE(r.status == 200);
    const json::value panel = json::parse(r.body);
    REQUIRE(panel.at("data").as_array().size() == 1);
    const json::object& o = panel.at("data").at(0).as_object();
    CHECK(o.at("id").as_int64() == 42);
    CHECK(o.at("header") == "Seller score 66.7 (B)");
    CHECK(o.at("seller") == "Ana");
    CHECK(o.at("band").at("label") == "B");
    CHECK(o.at("band").at("color") == "blue");
    CHECK(o.at("lifts") == "\u2191 deals won 3 (top 1%)");
    CHECK(o.at("holds") == "\u2193 revenue won 300 (bottom 1%)");
    CHECK(o.at("scored_at") == "2024-03-31T00:00:00Z");
    // The same token as a Bearer header gets the same answer.
    CHECK(f.get("/pipedrive/panel?resource=deal&view=details&userId=123&companyId=456&selectedIds=42",
                {{"authorization", std::string("Bearer ") + panel_jwt}})
              .body == r.body);
}

TEST_CASE("the Pipedrive panel refuses another company (403), an expired or missing JWT (401)", "[serve][router]") {
    RouterFixture f;
    f.now_ms = 1700000100000;
    const std::string target = "/pipedrive/panel?resource=deal&view=details&selectedIds=42";
    CHECK(f.get(target, {{"authorization", std::string("Bearer ") + other_company_jwt}}).status == 403);
    CHECK(f.get(target).status == 401);
    f.now_ms = 1700000600000;
    CHECK(f.get(target + "&token=" + panel_jwt).status == 401);
    CHECK_THAT(f.joined_log(), !Catch::Contains(panel_jwt));
}

TEST_CASE("a Pipedrive panel JWT without a companyId claim is refused (403), even with companyId in the query",
          "[serve][router]") {
    RouterFixture f;
    f.now_ms = 1700000100000;
    const http::ServerResponse r =
        f.get(std::string("/pipedrive/panel?companyId=456&selectedIds=42&token=") + no_company_jwt);
    CHECK(r.status == 403);
    CHECK(r.body == "{\"error\":\"forbidden\"}");
    CHECK_THAT(f.joined_log(), Catch::Contains("403 GET /pipedrive/panel: JWT without a companyId claim"));
}

TEST_CASE("a deal nobody scored gives the panel no data and the card 404", "[serve][router]") {
    RouterFixture f;
    f.now_ms = 1700000100000;
    const http::ServerResponse r =
        f.get("/pipedrive/panel?selectedIds=7", {{"authorization", std::string("Bearer ") + panel_jwt}});
    CHECK(r.status == 200);
    CHECK(r.body == "{\"data\":[]}");
}

TEST_CASE("a signed HubSpot webhook for the portal is acknowledged and asks for one sync", "[serve][router]") {
    RouterFixture f;
    const http::ServerResponse r = f.post("/webhooks/hubspot", webhook_body, hubspot_headers(webhook_signature));
    CHECK(r.status == 200);
    CHECK(f.changes == 1);
}

TEST_CASE("a HubSpot webhook for another portal is 403, a tampered one 401, and neither asks for a sync",
          "[serve][router]") {
    RouterFixture f;
    CHECK(f.post("/webhooks/hubspot", other_portal_body, hubspot_headers(other_portal_body_signature)).status == 403);
    std::string tampered = webhook_body;
    tampered.replace(tampered.find("\"objectId\":123"), 14, "\"objectId\":124");
    CHECK(f.post("/webhooks/hubspot", tampered, hubspot_headers(webhook_signature)).status == 401);
    CHECK(f.changes == 0);
}

TEST_CASE("a Pipedrive webhook v2 with the subscription's Basic credentials asks for a sync", "[serve][router]") {
    RouterFixture f;
    // base64("pd-hook:pd-pass") = cGQtaG9vazpwZC1wYXNz
    const std::string body =
        R"({"meta":{"action":"change","entity":"deal","entity_id":"42","company_id":"456","version":"2.0"},"data":{"id":42,"status":"won"},"previous":{"status":"open"}})";
    CHECK(f.post("/webhooks/pipedrive", body, {{"authorization", "Basic cGQtaG9vazpwZC1wYXNz"}}).status == 200);
    CHECK(f.changes == 1);
    CHECK(f.post("/webhooks/pipedrive", body, {{"authorization", "Basic cGQtaG9vazp3cm9uZw=="}}).status == 401);
    std::string other = body;
    other.replace(other.find("\"456\""), 5, "\"999\"");
    CHECK(f.post("/webhooks/pipedrive", other, {{"authorization", "Basic cGQtaG9vazpwZC1wYXNz"}}).status == 403);
    CHECK(f.changes == 1);
}

TEST_CASE("only the five endpoints exist, each with its one method", "[serve][router]") {
    RouterFixture f;
    CHECK(f.get("/health").status == 200);
    CHECK(f.get("/").status == 404);
    CHECK(f.get("/scorecard").status == 404);
    CHECK(f.post("/hubspot/card", "", {}).status == 405);
    CHECK(f.get("/webhooks/hubspot").status == 405);
}

TEST_CASE("changes during a sync give exactly one more sync after it", "[serve][debounce]") {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::atomic<int> in_sync{0};
    SyncDebouncer debouncer(
        [&] {
            ++in_sync;
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return release; });
        },
        std::chrono::milliseconds(0));
    debouncer.notify();
    while (in_sync.load() == 0) std::this_thread::yield();
    for (int i = 0; i < 5; ++i) debouncer.notify();  // all while the first sync runs
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    debouncer.wait_idle();
    CHECK(debouncer.syncs_started() == 2);
}

TEST_CASE("no change, no sync", "[serve][debounce]") {
    std::atomic<int> syncs{0};
    SyncDebouncer debouncer([&] { ++syncs; }, std::chrono::milliseconds(0));
    debouncer.wait_idle();
    CHECK(debouncer.syncs_started() == 0);
}

TEST_CASE("with a period, syncs run with no notification at all, one at a time", "[serve][debounce][schedule]") {
    std::atomic<int> running{0};
    std::atomic<int> most_at_once{0};
    SyncDebouncer debouncer(
        [&] {
            const int now = ++running;
            int seen = most_at_once.load();
            while (now > seen && !most_at_once.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            --running;
        },
        std::chrono::milliseconds(0), std::chrono::milliseconds(1));
    // A bound against hanging, not a measurement.
    for (int i = 0; i < 6000 && debouncer.scheduled_syncs_started() < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(debouncer.scheduled_syncs_started() >= 3);
    CHECK(debouncer.syncs_started() >= debouncer.scheduled_syncs_started());
    CHECK(most_at_once == 1);
}

TEST_CASE("without a period, nothing is ever scheduled", "[serve][debounce][schedule]") {
    std::atomic<int> syncs{0};
    SyncDebouncer debouncer([&] { ++syncs; }, std::chrono::milliseconds(0));
    debouncer.notify();
    for (int i = 0; i < 6000 && syncs == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    debouncer.wait_idle();
    CHECK(debouncer.syncs_started() == 1);
    CHECK(debouncer.scheduled_syncs_started() == 0);
}

TEST_CASE("serve's --sync-every takes a whole number of seconds, minutes or hours, and 0 for none", "[serve][schedule]") {
    CHECK(parse_sync_interval("90s").value() == std::chrono::seconds(90));
    CHECK(parse_sync_interval("15m").value() == std::chrono::seconds(900));
    CHECK(parse_sync_interval("1h").value() == std::chrono::seconds(3600));
    CHECK(parse_sync_interval("168h").value() == std::chrono::seconds(604800));  // a week, the most
    CHECK(parse_sync_interval("0").value() == std::chrono::seconds(0));
    CHECK(parse_sync_interval("0m").value() == std::chrono::seconds(0));
}

TEST_CASE("serve's --sync-every refuses a value without a unit, another unit, a sign, a fraction or more than a week",
          "[serve][schedule]") {
    for (const char* bad : {"", "15", "m", "1d", "1.5h", "-1h", "+1h", "169h", "10081m", "h1", "99999999999999999999s"}) {
        INFO(bad);
        const auto parsed = parse_sync_interval(bad);
        REQUIRE_FALSE(parsed.is_ok());
        CHECK(parsed.status().code() == sellerscore::StatusCode::invalid_argument);
        CHECK_THAT(parsed.status().message(), Catch::Contains("--sync-every"));
    }
}
