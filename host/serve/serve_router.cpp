#include "host/serve/serve_router.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "host/serve/basic_credentials.hpp"
#include "host/serve/json_id_text.hpp"
#include "host/serve/hubspot_request_signature.hpp"
#include "host/serve/jwt_hs256.hpp"
#include "host/serve/query_parameters.hpp"
#include "host/serve/seller_card.hpp"

namespace sellerscore::host::serve {

namespace json = boost::json;
using connectors::http::ServerRequest;
using connectors::http::ServerResponse;

namespace {

ServerResponse json_response(int status, std::string body) { return {status, "application/json", std::move(body)}; }

ServerResponse status_only(int status, std::string_view word) {
    return json_response(status, "{\"error\":\"" + std::string(word) + "\"}");
}

std::string header(const ServerRequest& request, const std::string& name) {
    const auto it = request.headers.find(name);
    return it == request.headers.end() ? std::string() : it->second;
}

std::string param(const std::map<std::string, std::string>& query, const std::string& name) {
    const auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

// HubSpot subscription types about deals, contacts, companies and engagements (activities), in
// the legacy ("deal.propertyChange") and the generic ("object.propertyChange") naming.
bool hubspot_event_is_relevant(std::string_view type) {
    for (std::string_view prefix : {"deal.", "contact.", "company.", "object.", "engagement.", "associationChange"}) {
        if (type.starts_with(prefix)) return true;
    }
    return false;
}

bool pipedrive_entity_is_relevant(std::string_view entity) {
    return entity == "deal" || entity == "person" || entity == "organization" || entity == "activity";
}

}  // namespace

ServeRouter::ServeRouter(ServeSettings settings, ServeHooks hooks)
    : settings_(std::move(settings)), hooks_(std::move(hooks)) {}

void ServeRouter::publish(std::shared_ptr<const ScorecardSnapshot> snapshot) {
    std::lock_guard lock(mutex_);
    snapshot_ = std::move(snapshot);
}

std::shared_ptr<const ScorecardSnapshot> ServeRouter::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

ServerResponse ServeRouter::refuse(int status, const ServerRequest& request, const std::string& reason) const {
    if (hooks_.log) {
        hooks_.log("serve: " + std::to_string(status) + " " + request.method + " " +
                   std::string(target_path(request.target)) + ": " + reason);
    }
    switch (status) {
        case 401: return status_only(401, "unauthorized");
        case 403: return status_only(403, "forbidden");
        case 404: return status_only(404, "not found");
        case 405: return status_only(405, "method not allowed");
        default: return status_only(400, "bad request");
    }
}

ServerResponse ServeRouter::handle(const ServerRequest& request) const {
    const std::string_view path = target_path(request.target);
    const bool get = request.method == "GET";
    const bool post = request.method == "POST";
    if (path == "/health") return get ? health() : refuse(405, request, "method");
    if (path == "/hubspot/card") return get ? hubspot_card(request) : refuse(405, request, "method");
    if (path == "/pipedrive/panel") return get ? pipedrive_panel(request) : refuse(405, request, "method");
    if (path == "/webhooks/hubspot") return post ? hubspot_webhook(request) : refuse(405, request, "method");
    if (path == "/webhooks/pipedrive") return post ? pipedrive_webhook(request) : refuse(405, request, "method");
    return refuse(404, request, "no such endpoint");
}

ServerResponse ServeRouter::health() const {
    const auto current = snapshot();
    json::object body{{"status", current ? "ok" : "no scorecard yet"},
                      {"as_of", current && !current->as_of().empty() ? json::value(current->as_of()) : json::value(nullptr)}};
    return json_response(current ? 200 : 503, json::serialize(body));
}

int ServeRouter::hubspot_signature_status(const ServerRequest& request, std::string& reason) const {
    const std::string uri = settings_.public_base_url + request.target;
    const std::string timestamp = header(request, "x-hubspot-request-timestamp");
    const std::string signature = header(request, "x-hubspot-signature-v3");
    switch (check_hubspot_v3({request.method, uri, request.body, timestamp, signature}, settings_.hubspot_client_secret,
                             hooks_.now_ms())) {
        case SignatureCheck::valid: return 0;
        case SignatureCheck::missing: reason = "v3 signature or timestamp missing"; return 401;
        case SignatureCheck::stale: reason = "v3 timestamp outside 5 minutes (replay?)"; return 401;
        case SignatureCheck::mismatch: reason = "v3 signature does not match"; return 401;
    }
    return 401;
}

ServerResponse ServeRouter::hubspot_card(const ServerRequest& request) const {
    if (settings_.hubspot_client_secret.empty()) return refuse(404, request, "HubSpot not configured");
    std::string reason;
    if (const int status = hubspot_signature_status(request, reason)) return refuse(status, request, reason);
    const auto query = query_parameters(request.target);
    if (param(query, "portalId") != settings_.hubspot_portal_id) return refuse(403, request, "another portal");
    const std::string deal_id = param(query, "dealId");
    if (deal_id.empty()) return refuse(400, request, "dealId missing");
    const auto current = snapshot();
    const auto owner = current ? current->owner_of_deal(deal_id) : std::nullopt;
    const json::object* seller = owner ? current->seller(*owner) : nullptr;
    if (seller == nullptr) return refuse(404, request, "no scored deal " + deal_id);
    return json_response(200, hubspot_card_json(*seller, {deal_id, current->as_of(), settings_.report_url}));
}

ServerResponse ServeRouter::pipedrive_panel(const ServerRequest& request) const {
    if (settings_.pipedrive_jwt_secret.empty()) return refuse(404, request, "Pipedrive panel not configured");
    const auto query = query_parameters(request.target);
    // Pipedrive's own example apps read the token from the `token` query parameter (their custom panels
    // and JSON modals); a Bearer header is taken too, as JSON panels' docs do not say which it is.
    std::string token = param(query, "token");
    if (const std::string auth = header(request, "authorization"); auth.starts_with("Bearer ")) token = auth.substr(7);
    if (token.empty()) return refuse(401, request, "JWT missing");
    const JwtVerdict verdict = verify_jwt_hs256(token, settings_.pipedrive_jwt_secret, hooks_.now_ms() / 1000);
    switch (verdict.check) {
        case JwtCheck::valid: break;
        case JwtCheck::malformed: return refuse(401, request, "JWT malformed");
        case JwtCheck::wrong_algorithm: return refuse(401, request, "JWT not HS256");
        case JwtCheck::bad_signature: return refuse(401, request, "JWT signature does not match");
        case JwtCheck::expired: return refuse(401, request, "JWT expired or without exp");
    }
    const std::string company = json_id_text(verdict.claims.if_contains("companyId"));
    if (company.empty()) return refuse(403, request, "JWT without a companyId claim");
    if (company != settings_.pipedrive_company_id) return refuse(403, request, "another company");
    if (const std::string asked = param(query, "companyId"); !asked.empty() && asked != company) {
        return refuse(403, request, "companyId differs from the token's");
    }
    std::string deal_id = param(query, "selectedIds");
    deal_id = deal_id.substr(0, deal_id.find(','));
    if (deal_id.empty()) return refuse(400, request, "selectedIds missing");
    const auto current = snapshot();
    const auto owner = current ? current->owner_of_deal(deal_id) : std::nullopt;
    const json::object* seller = owner ? current->seller(*owner) : nullptr;
    if (seller == nullptr) return json_response(200, "{\"data\":[]}");  // the panel shows "no data"
    return json_response(200, pipedrive_panel_json(*seller, {deal_id, current->as_of(), settings_.report_url}));
}

ServerResponse ServeRouter::hubspot_webhook(const ServerRequest& request) const {
    if (settings_.hubspot_client_secret.empty()) return refuse(404, request, "HubSpot not configured");
    std::string reason;
    if (const int status = hubspot_signature_status(request, reason)) return refuse(status, request, reason);
    json::error_code ec;
    const json::value events = json::parse(request.body, ec);
    if (ec || !events.is_array()) return refuse(400, request, "body is not a JSON array of events");
    bool relevant = false;
    for (const json::value& e : events.get_array()) {
        const json::object* o = e.if_object();
        if (o == nullptr) return refuse(400, request, "event is not an object");
        if (json_id_text(o->if_contains("portalId")) != settings_.hubspot_portal_id) return refuse(403, request, "another portal");
        const json::value* type = o->if_contains("subscriptionType");
        if (type != nullptr && type->is_string() && hubspot_event_is_relevant(type->get_string())) relevant = true;
    }
    if (relevant && hooks_.changed) hooks_.changed();
    return json_response(200, relevant ? "{\"sync\":\"scheduled\"}" : "{\"sync\":\"not needed\"}");
}

ServerResponse ServeRouter::pipedrive_webhook(const ServerRequest& request) const {
    if (settings_.pipedrive_webhook_user.empty()) return refuse(404, request, "Pipedrive webhooks not configured");
    if (!basic_credentials_match(header(request, "authorization"), settings_.pipedrive_webhook_user,
                                 settings_.pipedrive_webhook_password)) {
        return refuse(401, request, "Basic credentials missing or wrong");
    }
    json::error_code ec;
    const json::value body = json::parse(request.body, ec);
    const json::object* root = ec ? nullptr : body.if_object();
    const json::value* meta_value = root != nullptr ? root->if_contains("meta") : nullptr;
    const json::object* meta = meta_value != nullptr ? meta_value->if_object() : nullptr;
    if (meta == nullptr) return refuse(400, request, "body has no meta object");
    if (json_id_text(meta->if_contains("company_id")) != settings_.pipedrive_company_id) {
        return refuse(403, request, "another company");
    }
    const json::value* entity = meta->if_contains("entity");
    const bool relevant = entity != nullptr && entity->is_string() && pipedrive_entity_is_relevant(entity->get_string());
    if (relevant && hooks_.changed) hooks_.changed();
    return json_response(200, relevant ? "{\"sync\":\"scheduled\"}" : "{\"sync\":\"not needed\"}");
}

}  // namespace sellerscore::host::serve
