// The endpoints of crmhost serve, and nothing else: health, the HubSpot app card's backend, the
// Pipedrive JSON panel, and the two vendors' webhooks. Every request is checked before anything is
// looked up; a refusal says only its status ("unauthorized", "forbidden") and is logged with the
// reason, never with a secret, a signature or a token.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connectors/http/server_exchange.hpp"
#include "host/serve/scorecard_snapshot.hpp"

namespace sellerscore::host::serve {

struct ServeSettings {
    // The public https:// origin HubSpot calls (what it signs), e.g. "https://scores.example.com".
    std::string public_base_url;
    std::string hubspot_client_secret;  // empty: the HubSpot endpoints answer 404
    std::string hubspot_portal_id;
    std::string pipedrive_jwt_secret;   // empty: the panel answers 404
    std::string pipedrive_company_id;
    std::string pipedrive_webhook_user;  // both empty: the Pipedrive webhook answers 404
    std::string pipedrive_webhook_password;
    std::string report_url;  // optional link shown on the card
};

struct ServeHooks {
    std::function<std::int64_t()> now_ms;             // Unix milliseconds
    std::function<void()> changed;                    // a webhook reported a change
    std::function<void(const std::string&)> log;      // one line per refused or failed request
};

class ServeRouter {
public:
    ServeRouter(ServeSettings settings, ServeHooks hooks);

    // Replaces what the card and the panel answer from (after a sync).
    void publish(std::shared_ptr<const ScorecardSnapshot> snapshot);
    std::shared_ptr<const ScorecardSnapshot> snapshot() const;

    connectors::http::ServerResponse handle(const connectors::http::ServerRequest& request) const;

private:
    connectors::http::ServerResponse health() const;
    connectors::http::ServerResponse hubspot_card(const connectors::http::ServerRequest& request) const;
    connectors::http::ServerResponse pipedrive_panel(const connectors::http::ServerRequest& request) const;
    connectors::http::ServerResponse hubspot_webhook(const connectors::http::ServerRequest& request) const;
    connectors::http::ServerResponse pipedrive_webhook(const connectors::http::ServerRequest& request) const;
    connectors::http::ServerResponse refuse(int status, const connectors::http::ServerRequest& request,
                                            const std::string& reason) const;
    // 0 when the v3 signature holds, else the status to refuse with (401).
    int hubspot_signature_status(const connectors::http::ServerRequest& request, std::string& reason) const;

    ServeSettings settings_;
    ServeHooks hooks_;
    mutable std::mutex mutex_;
    std::shared_ptr<const ScorecardSnapshot> snapshot_;
};

}  // namespace sellerscore::host::serve
