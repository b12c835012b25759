// HubSpot's v3 request signature (X-HubSpot-Signature-v3), as HubSpot documents it under
// "Validate the v3 request signature": base64(HMAC-SHA256(client secret, method + URI + body +
// timestamp)), the URI being the full URL with a listed set of percent-escapes decoded, and the
// X-HubSpot-Request-Timestamp (milliseconds) no older than 5 minutes. HubSpot signs both the
// requests an app card makes with hubspot.fetch and webhook deliveries this way.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sellerscore::host::serve {

inline constexpr std::int64_t hubspot_signature_max_age_ms = 5 * 60 * 1000;

enum class SignatureCheck { valid, missing, stale, mismatch };

struct HubSpotSignedRequest {
    std::string_view method;     // "GET", "POST"
    std::string_view uri;        // the full URL HubSpot called: "https://scores.example.com/hubspot/card?x=1"
    std::string_view body;       // raw, as received
    std::string_view timestamp;  // X-HubSpot-Request-Timestamp
    std::string_view signature;  // X-HubSpot-Signature-v3
};

// The URI as HubSpot signs it: %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B decoded, nothing else.
std::string hubspot_signed_uri(std::string_view uri);

// method + signed URI + body + timestamp.
std::string hubspot_v3_source(const HubSpotSignedRequest& request);

// `now_ms`: Unix milliseconds. A timestamp more than 5 minutes away (either way) is stale.
SignatureCheck check_hubspot_v3(const HubSpotSignedRequest& request, std::string_view client_secret,
                                std::int64_t now_ms);

}  // namespace sellerscore::host::serve
