// The OAuth 2.0 JWT bearer flow of the fake Salesforce: an RS256 assertion verified against the
// connected app's certificate, then iss, sub, aud and exp.
#include <catch2/catch.hpp>

#include "fake_salesforce_jwt_signer.hpp"
#include "fake_salesforce_test_support.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

const JwtSigner& app_key() {
    static const JwtSigner signer;
    return signer;
}

struct JwtOrg {
    ManualClock clock;
    FakeSalesforce salesforce{configured(clock)};

    static FakeSalesforceOptions configured(const ManualClock& clock) {
        FakeSalesforceOptions options = options_with(clock);
        options.jwt_public_key_pem = app_key().public_key_pem();
        return options;
    }
    // Claims with exp `exp_s` seconds after the fake's now.
    std::string claims(const std::string& iss, const std::string& sub, const std::string& aud, long long exp_s = 180) const {
        return R"({"iss":")" + iss + R"(","sub":")" + sub + R"(","aud":")" + aud + R"(","exp":)" +
               std::to_string(*clock.epoch_ms / 1000 + exp_s) + "}";
    }
    std::string good_claims() const {
        const FakeSalesforceOptions& o = salesforce.options();
        return claims(o.client_id, o.username, o.login_url);
    }
    FakeResponse exchange(const std::string& assertion) {
        return salesforce.handle(
            token_request("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion));
    }
};

}  // namespace

TEST_CASE("a valid RS256 assertion gets a session and no refresh token") {
    JwtOrg org;
    const FakeResponse reply = org.exchange(app_key().sign(org.good_claims()));
    INFO(reply.body);
    REQUIRE(reply.status == 200);
    const auto body = json_of(reply).as_object();
    CHECK_FALSE(body.contains("refresh_token"));
    CHECK(body.contains("instance_url"));
    const std::string token(body.at("access_token").as_string());
    CHECK(org.salesforce.handle(request("GET", v + "/limits", "", token)).status == 200);
}

TEST_CASE("an assertion signed by another key, with another alg or tampered claims is invalid_grant") {
    JwtOrg org;
    const JwtSigner stranger;
    CHECK(json_of(org.exchange(stranger.sign(org.good_claims()))).at("error") == "invalid_grant");
    CHECK(json_of(org.exchange(app_key().sign(org.good_claims(), "RS384"))).at("error") == "invalid_grant");
    const std::string genuine = app_key().sign(org.good_claims());
    const std::size_t dot = genuine.find('.');
    const std::string tampered = genuine.substr(0, dot + 1) + base64url(org.claims(org.salesforce.options().client_id, "admin@example.com",
                                                                                   org.salesforce.options().login_url)) +
                                 genuine.substr(genuine.find('.', dot + 1));
    const FakeResponse response = org.exchange(tampered);
    CHECK(response.status == 400);
    CHECK(json_of(response).at("error_description") == "invalid assertion");
}

TEST_CASE("iss must be the client id, sub the integration user, aud the login URL and exp within the next 3 minutes") {
    JwtOrg org;
    const FakeSalesforceOptions& o = org.salesforce.options();
    CHECK(json_of(org.exchange(app_key().sign(org.claims("other-app", o.username, o.login_url)))).at("error") == "invalid_client_id");
    CHECK(json_of(org.exchange(app_key().sign(org.claims(o.client_id, "nobody@example.com", o.login_url)))).at("error") == "invalid_grant");
    CHECK(json_of(org.exchange(app_key().sign(org.claims(o.client_id, o.username, "https://test.salesforce.com")))).at("error") ==
          "invalid_grant");
    CHECK(json_of(org.exchange(app_key().sign(org.claims(o.client_id, o.username, o.login_url, 0)))).at("error_description") ==
          "expired authorization code");
    CHECK(org.exchange(app_key().sign(org.claims(o.client_id, o.username, o.login_url, 1))).status == 200);
    CHECK(org.exchange(app_key().sign(org.claims(o.client_id, o.username, o.login_url, 180))).status == 200);
    CHECK(org.exchange(app_key().sign(org.claims(o.client_id, o.username, o.login_url, 181))).status == 400);
}

TEST_CASE("the JWT flow is refused while the connected app has no certificate") {
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const FakeSalesforceOptions& o = salesforce.options();
    const std::string claims = R"({"iss":")" + o.client_id + R"(","sub":")" + o.username + R"(","aud":")" + o.login_url +
                               R"(","exp":9999999999})";
    const FakeResponse response = salesforce.handle(token_request(
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + app_key().sign(claims)));
    CHECK(response.status == 400);
    CHECK(json_of(response).at("error") == "invalid_grant");
}

TEST_CASE("the connected app's key may be given as its X.509 certificate") {
    ManualClock clock;
    FakeSalesforceOptions options = options_with(clock);
    options.jwt_public_key_pem = app_key().certificate_pem();
    FakeSalesforce salesforce(options);
    const std::string claims = R"({"iss":")" + options.client_id + R"(","sub":")" + options.username + R"(","aud":")" +
                               options.login_url + R"(","exp":)" + std::to_string(*clock.epoch_ms / 1000 + 60) + "}";
    const std::string form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
    CHECK(salesforce.handle(token_request(form + app_key().sign(claims))).status == 200);
    CHECK(salesforce.handle(token_request(form + JwtSigner().sign(claims))).status == 400);
}
