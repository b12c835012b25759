#include "fake_pipedrive_oauth.hpp"

#include "tests/fakes/form_fields.hpp"

#include <cstdio>
#include <string_view>

#include <boost/json/object.hpp>

#include "fake_pipedrive_base64.hpp"
#include "fake_pipedrive_response.hpp"
#include "tests/fakes/authorization_credential.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

FakeResponse oauth_error(int status, const char* error, const char* message) {
    boost::json::object body;
    body["success"] = false;
    body["error"] = error;
    body["message"] = message;
    return json_body_response(status, body);
}

}  // namespace

OAuthServer::OAuthServer(std::string client_id, std::string client_secret, std::string refresh_token,
                         std::chrono::seconds lifetime, std::string scope)
    : client_id_(std::move(client_id)),
      client_secret_(std::move(client_secret)),
      current_refresh_token_(std::move(refresh_token)),
      lifetime_(lifetime),
      scope_(std::move(scope)) {}

FakeResponse OAuthServer::handle_token_request(const FakeRequest& request, TimePoint now,
                                               const std::string& api_domain) {
    const auto content_type = request.headers.find("content-type");
    if (content_type == request.headers.end() ||
        content_type->second.find("application/x-www-form-urlencoded") == std::string::npos)
        return oauth_error(400, "invalid_request",
                           "Invalid request: content must be application/x-www-form-urlencoded");

    const std::string basic = authorization_credential(request, {"Basic "});
    if (basic.empty()) return oauth_error(401, "invalid_client", "Invalid client: cannot retrieve client credentials");
    const std::optional<std::string> credentials = decode_base64(basic);
    if (!credentials || *credentials != client_id_ + ":" + client_secret_)
        return oauth_error(401, "invalid_client", "Invalid client: client is invalid");

    auto fields = parse_form_fields(request.body);
    if (fields.find("grant_type") == fields.end())
        return oauth_error(400, "invalid_request", "Missing parameter: grant_type");
    if (fields["grant_type"] != "refresh_token")
        return oauth_error(400, "unsupported_grant_type", "Unsupported grant type: grant_type is invalid");
    if (fields["refresh_token"] != current_refresh_token_)
        return oauth_error(400, "invalid_grant", "Invalid grant: refresh_token is invalid");

    ++refresh_count_;
    char access[64];
    std::snprintf(access, sizeof access, "v1u:fake-pipedrive-access-%06llu",
                  static_cast<unsigned long long>(refresh_count_));
    char refresh[64];
    std::snprintf(refresh, sizeof refresh, "fake-pipedrive-refresh-token-%llu",
                  static_cast<unsigned long long>(refresh_count_));
    expiry_by_token_[access] = now + lifetime_;
    current_refresh_token_ = refresh;

    boost::json::object body;
    body["access_token"] = access;
    body["token_type"] = "Bearer";
    body["refresh_token"] = current_refresh_token_;
    body["scope"] = scope_;
    body["expires_in"] = lifetime_.count();
    body["api_domain"] = api_domain;
    return json_body_response(200, body);
}

bool OAuthServer::is_valid(const std::string& access_token, TimePoint now) const {
    const auto found = expiry_by_token_.find(access_token);
    return found != expiry_by_token_.end() && now < found->second;
}

}  // namespace sellerscore::fakes::pipedrive
