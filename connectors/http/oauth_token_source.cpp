#include "connectors/http/oauth_token_source.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <charconv>
#include <cstdint>

#include "connectors/http/base64.hpp"
#include "connectors/http/base_url.hpp"
#include "connectors/http/form_body.hpp"
#include "connectors/http/secret_redaction.hpp"

namespace sellerscore::connectors::http {
namespace {

constexpr std::string_view bearer = "Bearer ";

std::string string_field(const boost::json::object& object, std::string_view name) {
    const auto* value = object.if_contains(name);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// No vendor's access token lives longer than a day; one that dies sooner is refreshed on its 401. A
// longer expires_in is read as a day, so a wild one cannot overflow the clock (found by
// tests/fuzz/oauth_token_reply).
constexpr long long longest_lifetime_s = 24 * 60 * 60;

// expires_in is a number per RFC 6749; some endpoints send it as a string.
std::optional<long long> expires_in(const boost::json::object& object) {
    const auto* value = object.if_contains("expires_in");
    if (!value) return std::nullopt;
    if (value->is_int64()) return value->as_int64();
    if (value->is_uint64()) return static_cast<long long>(std::min<std::uint64_t>(value->as_uint64(), longest_lifetime_s));
    if (value->is_double()) {
        const double seconds = value->as_double();
        if (!(seconds > 0)) return std::nullopt;  // NaN too
        return seconds >= static_cast<double>(longest_lifetime_s) ? longest_lifetime_s : static_cast<long long>(seconds);
    }
    if (value->is_string()) {
        const std::string_view text = value->as_string();
        long long seconds = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
        if (error == std::errc() && end == text.data() + text.size()) return seconds;
    }
    return std::nullopt;
}

// The endpoint's reason: RFC 6749 §5.2 "error: error_description", HubSpot's "status: message",
// else the start of the body.
std::string refusal_reason(const HttpResponse& response) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(response.body, ec);
    if (!ec && parsed.is_object()) {
        const auto& object = parsed.as_object();
        for (const auto& [code_field, text_field] : {std::pair{"error", "error_description"}, std::pair{"status", "message"}}) {
            const std::string code = string_field(object, code_field);
            const std::string text = string_field(object, text_field);
            if (!code.empty() || !text.empty())
                return code.empty() ? text : text.empty() ? code : code + ": " + text;
        }
    }
    std::string text;
    for (const char c : response.body.substr(0, 200))
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) text += c;
    return "HTTP " + std::to_string(response.status) + (text.empty() ? "" : ": " + text);
}

}  // namespace

class OAuthTokenSource::LogRedaction {
public:
    void add(std::string secret) {
        std::lock_guard lock(mutex_);
        secrets_.push_back(std::move(secret));
    }
    std::string redact(std::string line) const {
        std::lock_guard lock(mutex_);
        const std::vector<std::string_view> secrets(secrets_.begin(), secrets_.end());
        return redact_secrets(std::move(line), secrets);
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> secrets_;
};

Result<std::unique_ptr<OAuthTokenSource>> OAuthTokenSource::create(OAuthSettings settings, Clock& clock) {
    Result<BaseUrl> url = parse_base_url(settings.token_url);
    if (!url) return Status::invalid_argument("OAuth token_url: " + url.status().message());

    ClientOptions options;
    options.transport.base_url = url->origin();
    options.transport.ca_file = settings.ca_file;
    options.retry = settings.retry;
    auto redaction = std::make_shared<LogRedaction>();
    redaction->add(settings.client_secret);
    redaction->add(settings.refresh_token);
    redaction->add(base64_encode(form_encode(settings.client_id) + ":" + form_encode(settings.client_secret)));
    if (settings.log) {
        options.log = [log = settings.log, redaction](LogLevel level, const std::string& line) {
            log(level, redaction->redact(line));
        };
    }
    Result<std::unique_ptr<HttpClient>> client = HttpClient::create(std::move(options), nullptr, clock);
    if (!client) return client.status().prefixed("OAuth token endpoint: ");

    std::string path = url->path_prefix.empty() ? "/" : url->path_prefix;
    std::string name = url->host_header + path;
    return std::unique_ptr<OAuthTokenSource>(
        new OAuthTokenSource(std::move(settings), std::move(client.value()), std::move(path), std::move(name), clock,
                             std::move(redaction)));
}

OAuthTokenSource::OAuthTokenSource(OAuthSettings settings, std::unique_ptr<HttpClient> token_client,
                                   std::string token_path, std::string endpoint_name, Clock& clock,
                                   std::shared_ptr<LogRedaction> redaction)
    : settings_(std::move(settings)),
      token_client_(std::move(token_client)),
      token_path_(std::move(token_path)),
      endpoint_name_(std::move(endpoint_name)),
      clock_(clock),
      redaction_(std::move(redaction)),
      refresh_token_(settings_.refresh_token) {}

Result<Header> OAuthTokenSource::credential() {
    std::unique_lock lock(mutex_);
    while (refreshing_) {
        const std::uint64_t before = refreshes_;
        refreshed_.wait(lock, [this] { return !refreshing_; });
        // The refresh we waited for failed: share its answer instead of asking again at once.
        if (refreshes_ != before && !last_refresh_) return last_refresh_;
    }
    if (!access_token_.empty() && clock_.now() < refresh_at_)
        return Header{"Authorization", std::string(bearer) + access_token_};

    refreshing_ = true;
    const std::string refresh_token = refresh_token_;
    lock.unlock();
    Result<Token> token = request_token(refresh_token);
    lock.lock();

    refreshing_ = false;
    ++refreshes_;
    if (token) {
        access_token_ = token->access_token;
        const std::chrono::seconds margin = std::min(settings_.refresh_margin, token->lifetime / 2);
        refresh_at_ = clock_.now() + token->lifetime - margin;
        if (!token->rotated_refresh_token.empty() && token->rotated_refresh_token != refresh_token_) {
            refresh_token_ = token->rotated_refresh_token;
            redaction_->add(refresh_token_);
            if (settings_.on_refresh_token_rotated) settings_.on_refresh_token_rotated(refresh_token_);
        }
        last_refresh_ = Status::ok();
    } else {
        access_token_.clear();
        last_refresh_ = token.status();
    }
    const std::string current = access_token_;
    lock.unlock();
    refreshed_.notify_all();
    if (!token) return token.status();
    return Header{"Authorization", std::string(bearer) + current};
}

bool OAuthTokenSource::reject(const Header& rejected) {
    std::lock_guard lock(mutex_);
    if (!access_token_.empty() && rejected.value == std::string(bearer) + access_token_) access_token_.clear();
    return true;
}

std::uint64_t OAuthTokenSource::refreshes() const {
    std::lock_guard lock(mutex_);
    return refreshes_;
}

Status OAuthTokenSource::failure(StatusCode code, const std::string& what, const std::string& refresh_token) const {
    const std::string message = redact_secrets("OAuth refresh at " + endpoint_name_ + ": " + what,
                                               {settings_.client_secret, refresh_token, settings_.refresh_token});
    return Status{code, message};
}

Result<OAuthTokenSource::Token> OAuthTokenSource::request_token(const std::string& refresh_token) const {
    HttpRequest request;
    request.method = Method::post;
    request.target = token_path_;
    request.content_type = "application/x-www-form-urlencoded";
    // With a rotating refresh token, a repeated request after the server acted would spend it.
    request.idempotent = false;
    std::vector<std::pair<std::string, std::string>> fields = {{"grant_type", "refresh_token"},
                                                               {"refresh_token", refresh_token}};
    if (settings_.grant_fields) {
        auto grant = settings_.grant_fields();
        if (!grant) return failure(grant.status().code(), grant.status().message(), refresh_token);
        fields = std::move(*grant);
    } else if (settings_.client_auth == OAuthClientAuth::body) {
        fields.emplace_back("client_id", settings_.client_id);
        fields.emplace_back("client_secret", settings_.client_secret);
    } else {
        request.headers.push_back(
            {"Authorization",
             "Basic " + base64_encode(form_encode(settings_.client_id) + ":" + form_encode(settings_.client_secret))});
    }
    request.body = form_body(fields);

    Result<HttpResponse> sent = token_client_->send(request);
    if (!sent) return failure(sent.status().code(), sent.status().message(), refresh_token);
    const HttpResponse& response = sent.value();
    if (response.status < 200 || response.status > 299) {
        const StatusCode code = response.status >= 400 && response.status <= 499 ? StatusCode::auth : StatusCode::network;
        return failure(code, refusal_reason(response), refresh_token);
    }

    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(response.body, ec);
    if (ec || !parsed.is_object()) return failure(StatusCode::auth, "the reply is not a JSON object", refresh_token);
    const auto& object = parsed.as_object();
    Token token;
    token.access_token = string_field(object, "access_token");
    if (token.access_token.empty()) return failure(StatusCode::auth, "the reply has no access_token", refresh_token);
    const auto seconds = expires_in(object);
    token.lifetime = seconds && *seconds > 0 ? std::chrono::seconds(std::min(*seconds, longest_lifetime_s))
                                             : settings_.default_lifetime;
    token.rotated_refresh_token = string_field(object, "refresh_token");
    if (settings_.on_token_reply) settings_.on_token_reply(response.body);
    return token;
}

}  // namespace sellerscore::connectors::http
