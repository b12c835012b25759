#include "connector_factory.hpp"

#include <crmext/crmext.h>

#include "connectors/hubspot/hubspot_connector.hpp"
#include "connectors/local/local_connector.hpp"
#include "connectors/pipedrive/pipedrive_connector.hpp"
#include "connectors/salesforce/salesforce_connector.hpp"

namespace sellerscore::plugin {

namespace {

connectors::http::LogSink host_log(const HostApi& host) {
    return [&host](connectors::http::LogLevel level, const std::string& message) {
        using connectors::http::LogLevel;
        switch (level) {
            case LogLevel::trace: host.log(CRMEXT_LOG_TRACE, message); break;
            case LogLevel::debug: host.log(CRMEXT_LOG_DEBUG, message); break;
            case LogLevel::info: host.log(CRMEXT_LOG_INFO, message); break;
            case LogLevel::warn: host.log(CRMEXT_LOG_WARN, message); break;
            case LogLevel::error: host.log(CRMEXT_LOG_ERROR, message); break;
        }
    };
}

Result<std::unique_ptr<connectors::Connector>> make_hubspot(const PluginSettings& settings, const HostApi& host) {
    connectors::hubspot::HubSpotSettings h;
    const RemoteCrmSettings& r = settings.remote;
    if (!r.base_url.empty()) h.base_url = r.base_url;
    h.ca_file = r.ca_file;
    if (!r.path_prefix.empty()) h.path_prefix = r.path_prefix;
    h.token_url = r.token_url;
    if (r.max_connections) h.max_connections = static_cast<std::size_t>(*r.max_connections);
    if (r.read_timeout_ms) h.read_timeout = std::chrono::milliseconds(*r.read_timeout_ms);
    if (r.rate_limit_max) h.rate_limit_max = *r.rate_limit_max;
    if (r.rate_limit_interval_ms) h.rate_limit_interval = std::chrono::milliseconds(*r.rate_limit_interval_ms);
    if (r.search_per_second) h.search_per_second = *r.search_per_second;
    if (!r.referral_property.empty()) h.referral_property = r.referral_property;
    if (!r.channel_property.empty()) h.channel_property = r.channel_property;
    h.delivery_promised_property = r.delivery_promised_property;
    h.delivery_delivered_property = r.delivery_delivered_property;
    h.access_token = host.secret("SELLERSCORE_HUBSPOT_TOKEN").value_or("");
    h.client_id = host.secret("SELLERSCORE_HUBSPOT_CLIENT_ID").value_or("");
    h.client_secret = host.secret("SELLERSCORE_HUBSPOT_CLIENT_SECRET").value_or("");
    h.refresh_token = host.secret("SELLERSCORE_HUBSPOT_REFRESH_TOKEN").value_or("");
    h.visit_types = settings.visit_types;
    h.proposal_stages = settings.proposal_stages;
    h.objection_markers = settings.objection_markers;
    auto made = connectors::hubspot::HubSpotConnector::create(std::move(h), host_log(host),
                                                             [&host] { return host.cancelled(); });
    if (!made) return made.status();
    return std::unique_ptr<connectors::Connector>(std::move(*made));
}

Result<std::unique_ptr<connectors::Connector>> make_pipedrive(const PluginSettings& settings, const HostApi& host,
                                                              connectors::ConnectorMemory& memory) {
    connectors::pipedrive::PipedriveSettings p;
    const RemoteCrmSettings& r = settings.remote;
    if (!r.base_url.empty()) p.base_url = r.base_url;
    p.ca_file = r.ca_file;
    if (!r.token_url.empty()) p.token_url = r.token_url;
    if (r.max_connections) p.max_connections = static_cast<std::size_t>(*r.max_connections);
    if (r.read_timeout_ms) p.read_timeout = std::chrono::milliseconds(*r.read_timeout_ms);
    if (r.rate_limit_max) p.burst_max = *r.rate_limit_max;
    if (r.rate_limit_interval_ms) p.burst_window = std::chrono::milliseconds(*r.rate_limit_interval_ms);
    if (r.daily_token_reserve) p.daily_token_reserve = *r.daily_token_reserve;
    if (!r.home_currency.empty()) p.home_currency = r.home_currency;
    if (!r.channel_field.empty()) p.channel_field = r.channel_field;
    if (!r.referral_field.empty()) p.referral_field = r.referral_field;
    p.experience.survey_score_field = r.survey_score_field;
    p.experience.survey_date_field = r.survey_date_field;
    if (r.survey_kind == "nps") p.experience.survey_kind = model::SurveyKind::nps;
    if (r.survey_object == "person") p.experience.survey_object = connectors::RecordObject::contact;
    p.experience.delivery_promised_field = r.delivery_promised_property;
    p.experience.delivery_delivered_field = r.delivery_delivered_property;
    p.api_token = host.secret("SELLERSCORE_PIPEDRIVE_TOKEN").value_or("");
    p.client_id = host.secret("SELLERSCORE_PIPEDRIVE_CLIENT_ID").value_or("");
    p.client_secret = host.secret("SELLERSCORE_PIPEDRIVE_CLIENT_SECRET").value_or("");
    p.refresh_token = host.secret("SELLERSCORE_PIPEDRIVE_REFRESH_TOKEN").value_or("");
    p.fx_rates = settings.fx_rates;
    p.visit_types = settings.visit_types;
    p.objection_markers = settings.objection_markers;
    auto made = connectors::pipedrive::PipedriveConnector::create(std::move(p), memory, host_log(host),
                                                                 [&host] { return host.cancelled(); });
    if (!made) return made.status();
    return std::unique_ptr<connectors::Connector>(std::move(*made));
}

Result<std::unique_ptr<connectors::Connector>> make_salesforce(const PluginSettings& settings, const HostApi& host,
                                                               connectors::ConnectorMemory& memory) {
    namespace sf = connectors::salesforce;
    sf::SalesforceSettings s;
    const RemoteCrmSettings& r = settings.remote;
    const SalesforceSection& section = settings.salesforce;
    if (!r.base_url.empty()) s.login_url = r.base_url;
    s.ca_file = r.ca_file;
    s.token_url = r.token_url;
    if (r.max_connections) s.max_connections = static_cast<std::size_t>(*r.max_connections);
    if (r.read_timeout_ms) s.read_timeout = std::chrono::milliseconds(*r.read_timeout_ms);
    s.instance_url = section.instance_url;
    if (!r.referral_field.empty()) s.referral_field = r.referral_field;
    if (!section.api_version.empty()) s.api_version = section.api_version;
    if (!section.permission_set.empty()) s.permission_set = section.permission_set;
    if (section.team_field == "UserRole") s.team_field = sf::TeamField::user_role;
    if (section.visit_rule == "location") s.visit_rule = sf::VisitRule::location;
    s.multi_currency = section.multi_currency;
    if (section.daily_reserve) s.daily_reserve_share = *section.daily_reserve;
    if (section.bulk_threshold) s.bulk_threshold = *section.bulk_threshold;
    if (section.bulk_write_threshold) s.bulk_write_threshold = *section.bulk_write_threshold;
    s.client_id = host.secret("SELLERSCORE_SALESFORCE_CLIENT_ID").value_or("");
    s.client_secret = host.secret("SELLERSCORE_SALESFORCE_CLIENT_SECRET").value_or("");
    s.refresh_token = host.secret("SELLERSCORE_SALESFORCE_REFRESH_TOKEN").value_or("");
    s.private_key_file = host.secret("SELLERSCORE_SALESFORCE_PRIVATE_KEY_FILE").value_or("");
    s.username = host.secret("SELLERSCORE_SALESFORCE_USERNAME").value_or("");
    s.experience.survey_score_field = r.survey_score_field;
    s.experience.survey_date_field = r.survey_date_field;
    if (r.survey_kind == "nps") s.experience.survey_kind = model::SurveyKind::nps;
    s.experience.survey_on_contact = r.survey_object == "Contact";
    s.experience.delivery_promised_field = r.delivery_promised_property;
    s.experience.delivery_delivered_field = r.delivery_delivered_property;
    s.fx_rates = settings.fx_rates;
    s.visit_types = settings.visit_types;
    s.proposal_stages = settings.proposal_stages;
    s.objection_markers = settings.objection_markers;
    auto made = sf::SalesforceConnector::create(std::move(s), memory, host_log(host), [&host] { return host.cancelled(); });
    if (!made) return made.status();
    return std::unique_ptr<connectors::Connector>(std::move(*made));
}

}  // namespace

Result<std::unique_ptr<connectors::Connector>> make_connector(const PluginSettings& settings, const HostApi& host,
                                                              connectors::ConnectorMemory& memory) {
    if (settings.connector == "local") {
        if (settings.local_database.empty()) {
            return Status::invalid_argument("settings: local.database: required when connector is \"local\"");
        }
        auto local = connectors::LocalConnector::open(settings.local_database);
        if (!local) return local.status();
        return std::unique_ptr<connectors::Connector>(std::move(*local));
    }
    if (settings.connector == "hubspot") return make_hubspot(settings, host);
    if (settings.connector == "pipedrive") return make_pipedrive(settings, host, memory);
    if (settings.connector == "salesforce") return make_salesforce(settings, host, memory);
    return Status::unsupported("connector '" + settings.connector + "' is not available in this build yet");
}

}  // namespace sellerscore::plugin
