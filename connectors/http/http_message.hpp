// One HTTP exchange as the connectors see it: no Beast types, so a vendor connector compiles in
// seconds and never instantiates Asio templates (PLUGIN_ABI_AND_STYLE.md, build-time facts).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sellerscore::connectors::http {

enum class Method { get, post, patch, put, del };

std::string_view to_string(Method method);  // "GET", "POST", ...

struct Header {
    std::string name;
    std::string value;
};

struct HttpRequest {
    Method method = Method::get;
    // Path and query relative to the client's base URL: "/crm/v3/objects/deals?limit=100".
    std::string target;
    // Besides Host, User-Agent, Accept, Accept-Encoding, Content-Length and the credential, which
    // the client adds itself.
    std::vector<Header> headers;
    std::string body;
    std::string content_type;  // sent when the body is non-empty; "application/json" if left empty
    // False for a request that must not reach the server twice (a create without an idempotency
    // key): it is then retried only when it provably never left (connect failure), never after a
    // reset or timeout that may have happened after the server acted.
    bool idempotent = true;
    // False: a 429 is handed back to the caller instead of retried, for a caller that paces a limit
    // the client cannot see (HubSpot's search limit: no rate-limit headers on its answers).
    bool retry_rate_limited = true;
};

struct HttpResponse {
    int status = 0;
    std::vector<Header> headers;  // as received; names compared case-insensitively
    std::string body;             // already inflated when the server sent gzip

    // The first header of that name, compared case-insensitively.
    std::optional<std::string_view> header(std::string_view name) const;
};

// "GET /crm/v3/objects/deals": how logs and failure messages name a request. The query is left
// out: it may carry cursors, and some vendors accept credentials there.
std::string method_and_path(const HttpRequest& request);

}  // namespace sellerscore::connectors::http
