#include "plugin_settings.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <initializer_list>

#include "plugin/kpi/kpi_catalog.hpp"
#include "plugin/model/timestamp_format.hpp"

namespace sellerscore::plugin {

namespace json = boost::json;

namespace {

Status bad(std::string_view key, std::string_view expected) {
    return Status::invalid_argument("settings: " + std::string(key) + ": expected " + std::string(expected));
}

// A misspelt key in a settings section would otherwise be ignored, and the admin left wondering why
// nothing is read.
Status known_keys_only(const json::value& section, const std::string& path, std::initializer_list<std::string> keys) {
    for (const auto& entry : section.get_object()) {
        if (std::find(keys.begin(), keys.end(), std::string(entry.key())) != keys.end()) continue;
        std::string expected = "one of";
        for (const std::string& key : keys) expected += (expected.size() > 6 ? ", " : " ") + key;
        return bad(path + "." + std::string(entry.key()), expected);
    }
    return Status::ok();
}

// Two settings that only mean something together: the error names the one that is missing.
Status both_or_neither(const std::string& path, const std::string& first_key, const std::string& first,
                       const std::string& second_key, const std::string& second) {
    if (first.empty() == second.empty()) return Status::ok();
    const bool second_missing = second.empty();
    return bad(path + "." + (second_missing ? second_key : first_key),
               "a name too, since " + (second_missing ? first_key : second_key) + " is set (both or neither)");
}

// FNV-1a: stable across builds and machines, unlike std::hash, because fingerprints are persisted.
std::string fnv1a_hex(std::string_view text) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

const json::value* find_path(const json::object& root, std::string_view section, std::string_view key) {
    const json::value* s = root.if_contains(section);
    if (s == nullptr || !s->is_object()) return nullptr;
    return s->get_object().if_contains(key);
}

Status read_number(const json::object& root, std::string_view section, std::string_view key, double& out,
                   bool integer) {
    const json::value* v = find_path(root, section, key);
    if (v == nullptr || v->is_null()) return Status::ok();
    const std::string path = std::string(section) + "." + std::string(key);
    if (v->is_int64()) {
        out = static_cast<double>(v->get_int64());
    } else if (v->is_uint64()) {
        out = static_cast<double>(v->get_uint64());
    } else if (v->is_double() && !integer) {
        out = v->get_double();
    } else {
        return bad(path, integer ? "integer" : "number");
    }
    return Status::ok();
}

Status read_string(const json::object& root, std::string_view section, std::string_view key, std::string& out) {
    const json::value* v = find_path(root, section, key);
    if (v == nullptr || v->is_null()) return Status::ok();
    if (!v->is_string()) return bad(std::string(section) + "." + std::string(key), "string");
    out = std::string(v->get_string());
    return Status::ok();
}

Status read_positive_int(const json::object& root, std::string_view section, std::string_view key,
                         std::optional<int>& out) {
    const json::value* v = find_path(root, section, key);
    if (v == nullptr || v->is_null()) return Status::ok();
    const std::string path = std::string(section) + "." + std::string(key);
    if (!v->is_int64() || v->get_int64() < 1 || v->get_int64() > 1'000'000'000) return bad(path, "an integer >= 1");
    out = static_cast<int>(v->get_int64());
    return Status::ok();
}

Status read_strings(const json::object& root, std::string_view section, std::string_view key,
                    std::vector<std::string>& out) {
    const json::value* v = find_path(root, section, key);
    if (v == nullptr || v->is_null()) return Status::ok();
    const std::string path = std::string(section) + "." + std::string(key);
    if (!v->is_array()) return bad(path, "an array of strings");
    for (const json::value& item : v->get_array()) {
        if (!item.is_string()) return bad(path, "an array of strings");
        out.emplace_back(item.get_string());
    }
    return Status::ok();
}

Status read_remote_section(const json::object& root, std::string_view section, RemoteCrmSettings& r) {
    if (const json::value* v = root.if_contains(section); v != nullptr && !v->is_object()) {
        return bad(section, "object");
    }
    for (auto [key, out] : {std::pair{"base_url", &r.base_url}, std::pair{"ca_file", &r.ca_file},
                            std::pair{"path_prefix", &r.path_prefix}, std::pair{"token_url", &r.token_url},
                            std::pair{"referral_property", &r.referral_property},
                            std::pair{"channel_property", &r.channel_property},
                            std::pair{"home_currency", &r.home_currency}, std::pair{"channel_field", &r.channel_field},
                            std::pair{"referral_field", &r.referral_field}}) {
        if (Status st = read_string(root, section, key, *out); !st) return st;
    }
    // HubSpot names properties, Pipedrive and Salesforce fields.
    const bool hubspot = section == "hubspot";
    const std::string promised_key = hubspot ? "promised_property" : "promised_field";
    const std::string delivered_key = hubspot ? "delivered_property" : "delivered_field";
    if (const json::value* delivery = find_path(root, section, "delivery"); delivery != nullptr && !delivery->is_null()) {
        const std::string path = std::string(section) + ".delivery";
        if (!delivery->is_object()) return bad(path, "object");
        for (auto [key, out] : {std::pair{&promised_key, &r.delivery_promised_property},
                                std::pair{&delivered_key, &r.delivery_delivered_property}}) {
            const json::value* v = delivery->get_object().if_contains(*key);
            if (v == nullptr || v->is_null()) continue;
            if (!v->is_string()) return bad(path + "." + *key, "a string");
            *out = std::string(v->get_string());
        }
        if (Status st = known_keys_only(*delivery, path, {promised_key, delivered_key}); !st) return st;
        if (Status st = both_or_neither(path, promised_key, r.delivery_promised_property, delivered_key,
                                        r.delivery_delivered_property);
            !st) {
            return st;
        }
    }
    if (const json::value* survey = find_path(root, section, "survey"); !hubspot && survey != nullptr && !survey->is_null()) {
        const std::string path = std::string(section) + ".survey";
        if (!survey->is_object()) return bad(path, "object");
        for (auto [key, out] : {std::pair{"score_field", &r.survey_score_field}, std::pair{"date_field", &r.survey_date_field},
                                std::pair{"kind", &r.survey_kind}, std::pair{"object", &r.survey_object}}) {
            const json::value* v = survey->get_object().if_contains(key);
            if (v == nullptr || v->is_null()) continue;
            if (!v->is_string()) return bad(path + "." + key, "a string");
            *out = std::string(v->get_string());
        }
        if (Status st = known_keys_only(*survey, path, {"score_field", "date_field", "kind", "object"}); !st) return st;
        if (Status st = both_or_neither(path, "score_field", r.survey_score_field, "date_field", r.survey_date_field); !st)
            return st;
        if (!r.survey_kind.empty() && r.survey_kind != "csat" && r.survey_kind != "nps") {
            return bad(path + ".kind", "\"csat\" or \"nps\"");
        }
        const bool salesforce = section == "salesforce";
        if (!r.survey_object.empty() && r.survey_object != (salesforce ? "Opportunity" : "deal") &&
            r.survey_object != (salesforce ? "Contact" : "person")) {
            return bad(path + ".object", salesforce ? "\"Opportunity\" or \"Contact\"" : "\"deal\" or \"person\"");
        }
    }
    for (auto [key, out] : {std::pair{"max_connections", &r.max_connections},
                            std::pair{"read_timeout_ms", &r.read_timeout_ms},
                            std::pair{"rate_limit_max", &r.rate_limit_max},
                            std::pair{"rate_limit_interval_ms", &r.rate_limit_interval_ms},
                            std::pair{"search_per_second", &r.search_per_second},
                            std::pair{"daily_token_reserve", &r.daily_token_reserve}}) {
        if (Status st = read_positive_int(root, section, key, *out); !st) return st;
    }
    return Status::ok();
}

Status read_salesforce_section(const json::object& root, SalesforceSection& out) {
    for (auto [key, field] : {std::pair{"instance_url", &out.instance_url}, std::pair{"api_version", &out.api_version},
                              std::pair{"permission_set", &out.permission_set},
                              std::pair{"team_field", &out.team_field}, std::pair{"visit_rule", &out.visit_rule}}) {
        if (Status st = read_string(root, "salesforce", key, *field); !st) return st;
    }
    if (!out.team_field.empty() && out.team_field != "Department" && out.team_field != "UserRole") {
        return bad("salesforce.team_field", "\"Department\" or \"UserRole\"");
    }
    if (!out.visit_rule.empty() && out.visit_rule != "type" && out.visit_rule != "location") {
        return bad("salesforce.visit_rule", "\"type\" or \"location\"");
    }
    if (const json::value* v = find_path(root, "salesforce", "multi_currency"); v != nullptr && !v->is_null()) {
        if (!v->is_bool()) return bad("salesforce.multi_currency", "true or false");
        out.multi_currency = v->get_bool();
    }
    if (const json::value* v = find_path(root, "salesforce", "daily_reserve"); v != nullptr && !v->is_null()) {
        if (!v->is_number() || v->to_number<double>() <= 0 || v->to_number<double>() > 1) {
            return bad("salesforce.daily_reserve", "a share of the allocation in (0, 1]");
        }
        out.daily_reserve = v->to_number<double>();
    }
    if (const json::value* v = find_path(root, "salesforce", "bulk_threshold"); v != nullptr && !v->is_null()) {
        if (!v->is_int64() || v->get_int64() < 0) return bad("salesforce.bulk_threshold", "an integer >= 0");
        out.bulk_threshold = v->get_int64();
    }
    if (const json::value* v = find_path(root, "salesforce", "bulk_write_threshold"); v != nullptr && !v->is_null()) {
        if (!v->is_int64() || v->get_int64() < 0) return bad("salesforce.bulk_write_threshold", "an integer >= 0");
        out.bulk_write_threshold = v->get_int64();
    }
    return Status::ok();
}

}  // namespace

Result<PluginSettings> PluginSettings::parse(std::string_view settings_json) {
    json::error_code ec;
    const json::value doc = json::parse(settings_json, ec);
    if (ec) return Status::invalid_argument("settings: not valid JSON (" + ec.message() + ")");
    if (!doc.is_object()) return Status::invalid_argument("settings: expected a JSON object");
    const json::object& root = doc.get_object();

    PluginSettings s;
    const json::value* connector = root.if_contains("connector");
    if (connector == nullptr || !connector->is_string()) return bad("connector", "string");
    s.connector = std::string(connector->get_string());

    if (const json::value* db = find_path(root, "local", "database"); db != nullptr) {
        if (!db->is_string()) return bad("local.database", "string");
        s.local_database = std::string(db->get_string());
    }
    if (s.connector != "local") {
        if (Status st = read_remote_section(root, s.connector, s.remote); !st) return st;
    }
    if (s.connector == "salesforce") {
        if (Status st = read_salesforce_section(root, s.salesforce); !st) return st;
    }
    s.data_source = s.connector + " " + s.remote.base_url;
    if (Status st = read_strings(root, "kpi", "visit_types", s.visit_types); !st) return st;
    if (Status st = read_strings(root, "kpi", "proposal_stages", s.proposal_stages); !st) return st;
    if (Status st = read_strings(root, "kpi", "objection_markers", s.objection_markers); !st) return st;
    if (const json::value* rates = find_path(root, "kpi", "fx_rates"); rates != nullptr) {
        if (!rates->is_object()) return bad("kpi.fx_rates", "an object of currency -> rate");
        for (const auto& [currency, rate] : rates->get_object()) {
            if (!rate.is_number() || rate.to_number<double>() <= 0) {
                return bad("kpi.fx_rates." + std::string(currency), "a number > 0");
            }
            s.fx_rates[std::string(currency)] = rate.to_number<double>();
        }
    }
    if (const json::value* dir = root.if_contains("state_dir"); dir != nullptr) {
        if (!dir->is_string()) return bad("state_dir", "string");
        s.state_dir = std::string(dir->get_string());
    }
    if (const json::value* as_of = find_path(root, "kpi", "as_of"); as_of != nullptr) {
        const auto t = as_of->is_string() ? model::parse_rfc3339(as_of->get_string()) : std::nullopt;
        if (!t) return bad("kpi.as_of", "an RFC 3339 instant such as 2026-10-01T00:00:00Z");
        s.as_of = *t;
    }

    double window = s.kpi.window_days, horizon = s.kpi.churn_horizon_days;
    if (Status st = read_number(root, "kpi", "window_days", window, true); !st) return st;
    if (Status st = read_number(root, "kpi", "churn_horizon_days", horizon, true); !st) return st;
    if (Status st = read_number(root, "kpi", "prior_strength", s.kpi.prior_strength, false); !st) return st;
    if (window < 1) return bad("kpi.window_days", "an integer >= 1");
    if (horizon < 1) return bad("kpi.churn_horizon_days", "an integer >= 1");
    if (s.kpi.prior_strength < 0) return bad("kpi.prior_strength", "a number >= 0");
    s.kpi.window_days = static_cast<int>(window);
    s.kpi.churn_horizon_days = static_cast<int>(horizon);

    if (const json::value* entity = find_path(root, "kpi", "customer_entity"); entity != nullptr) {
        if (!entity->is_string()) return bad("kpi.customer_entity", "\"contact\" or \"company\"");
        if (entity->get_string() == "contact") {
            s.kpi.customer_entity = kpi::CustomerEntity::contact;
        } else if (entity->get_string() == "company") {
            s.kpi.customer_entity = kpi::CustomerEntity::company;
        } else {
            return bad("kpi.customer_entity", "\"contact\" or \"company\"");
        }
    }
    if (const json::value* weights = find_path(root, "kpi", "score_weights"); weights != nullptr) {
        if (!weights->is_object()) return bad("kpi.score_weights", "an object of KPI id -> weight");
        s.kpi.score_weights.clear();
        for (const auto& [id, w] : weights->get_object()) {
            if (kpi::find_kpi(id) == nullptr) {
                return Status::invalid_argument("settings: kpi.score_weights." + std::string(id) +
                                                ": unknown KPI id (see docs/kpis.md)");
            }
            if (!w.is_number() || w.to_number<double>() < 0) {
                return bad("kpi.score_weights." + std::string(id), "a number >= 0");
            }
            s.kpi.score_weights[std::string(id)] = w.to_number<double>();
        }
    }
    if (const json::value* kinds = find_path(root, "kpi", "channel_kinds"); kinds != nullptr) {
        if (!kinds->is_object()) return bad("kpi.channel_kinds", "an object of channel -> \"branding\" | \"conversion\"");
        for (const auto& [channel, kind] : kinds->get_object()) {
            if (!kind.is_string() || (kind.get_string() != "branding" && kind.get_string() != "conversion")) {
                return bad("kpi.channel_kinds." + std::string(channel), "\"branding\" or \"conversion\"");
            }
            s.kpi.channel_kinds[std::string(channel)] = std::string(kind.get_string());
        }
    }
    if (const json::value* deals = find_path(root, "writeback", "deals"); deals != nullptr) {
        if (deals->is_string() && deals->get_string() == "all") {
            s.writeback_deals = WritebackDeals::all;
        } else if (!(deals->is_string() && deals->get_string() == "open")) {
            return bad("writeback.deals", "\"open\" or \"all\"");
        }
    }
    if (const json::value* on_null = find_path(root, "writeback", "on_null"); on_null != nullptr) {
        if (on_null->is_string() && on_null->get_string() == "keep") {
            s.on_null = OnNull::keep;
        } else if (!(on_null->is_string() && on_null->get_string() == "clear")) {
            return bad("writeback.on_null", "\"clear\" or \"keep\"");
        }
    }

    json::object affecting;
    affecting["connector"] = s.connector;
    affecting["database"] = s.local_database;
    affecting["source"] = s.data_source;
    if (const json::value* k = root.if_contains("kpi")) affecting["kpi"] = *k;
    if (const json::value* w = root.if_contains("writeback")) affecting["writeback"] = *w;
    affecting["plugin_version"] = SELLERSCORE_PLUGIN_VERSION;
    s.fingerprint = fnv1a_hex(json::serialize(affecting));
    return s;
}

}  // namespace sellerscore::plugin
