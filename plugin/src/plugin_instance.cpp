#include "plugin_instance.hpp"

#include <boost/json.hpp>

#include "plugin/model/json_text.hpp"
#include "connector_factory.hpp"
#include "deal_filter.hpp"
#include "embedded_manifest.hpp"
#include "fail_point.hpp"
#include "plugin/model/record_json.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "sync_job.hpp"

namespace sellerscore::plugin {

namespace json = boost::json;

namespace {

Result<json::object> parse_options(std::string_view options_json) {
    if (options_json.empty()) return json::object();
    json::error_code ec;
    json::value v = json::parse(options_json, ec);
    if (ec || !v.is_object()) return Status::invalid_argument("options: expected a JSON object");
    return std::move(v.get_object());
}

Result<bool> bool_option(const json::object& options, std::string_view key) {
    const json::value* v = options.if_contains(key);
    if (v == nullptr) return false;
    if (!v->is_bool()) return Status::invalid_argument("options: " + std::string(key) + ": expected true or false");
    return v->get_bool();
}

json::value field_value_json(const connectors::FieldValue& v) {
    if (const double* d = std::get_if<double>(&v)) return *d;
    if (const std::string* s = std::get_if<std::string>(&v)) return json::string(*s);
    return nullptr;
}

json::array string_array(const std::vector<std::string>& items) {
    json::array a;
    for (const auto& s : items) a.emplace_back(s);
    return a;
}

}  // namespace

Result<std::unique_ptr<PluginInstance>> PluginInstance::create(const crmext_host_services* host,
                                                               std::string_view settings_json) {
    auto settings = PluginSettings::parse(settings_json);
    if (!settings) return settings.status();
    auto catalog = FieldCatalog::from_manifest(embedded_manifest());
    if (!catalog) return catalog.status();
    if (settings->kpi.customer_entity == kpi::CustomerEntity::company) {
        catalog->place_customer_fields_on(connectors::RecordObject::company);
    }
    fail_point("create");
    return std::unique_ptr<PluginInstance>(
        new PluginInstance(HostApi(host), std::move(*settings), std::move(*catalog)));
}

Result<connectors::Connector*> PluginInstance::connector() {
    if (!connector_) {
        auto made = make_connector(settings_, host_, memory_);
        if (!made) return made.status();
        connector_ = std::move(*made);
    }
    return connector_.get();
}

std::optional<std::string> PluginInstance::StateMemory::get(std::string_view key) const {
    auto s = instance_.state();
    return s ? (*s)->get(key) : std::nullopt;
}

Status PluginInstance::StateMemory::put(std::string_view key, std::string_view value) {
    auto s = instance_.state();
    return s ? (*s)->put(key, value) : s.status();
}

Result<StateStore*> PluginInstance::state() {
    if (!state_) {
        std::optional<std::string> dir = settings_.state_dir;
        if (!dir) dir = host_.state_dir();
        if (!dir) return Status::invalid_argument("settings: state_dir: not set, and the host offers no state dir");
        auto opened = StateStore::open(*dir);
        if (!opened) return opened.status();
        state_ = std::move(*opened);
    }
    return state_.get();
}

Result<std::string> PluginInstance::install() {
    fail_point("install");
    auto c = connector();
    if (!c) return c.status();
    auto report = (*c)->ensure_fields(catalog_.fields());
    if (!report) return report.status();
    return model::json_text(
        json::object{{"created", string_array(report->created)}, {"existing", string_array(report->existing)}});
}

Result<std::string> PluginInstance::sync(std::string_view options_json) {
    fail_point("sync");
    auto options = parse_options(options_json);
    if (!options) return options.status();
    auto full = bool_option(*options, "full");
    if (!full) return full.status();
    auto dry_run = bool_option(*options, "dry_run");
    if (!dry_run) return dry_run.status();
    auto c = connector();
    if (!c) return c.status();
    auto s = state();
    if (!s) return s.status();
    SyncJob job(host_, **c, **s, catalog_, settings_);
    return job.run(SyncOptions{*full, *dry_run});
}

Result<std::string> PluginInstance::scorecard() {
    fail_point("scorecard");
    auto s = state();
    if (!s) return s.status();
    auto last = (*s)->last_scorecard();
    if (!last) return last.status();
    if (!*last) return Status::not_found("no scorecard yet: run `crmhost sync` first");
    return std::move(**last);
}

Result<std::string> PluginInstance::query(std::string_view options_json) {
    fail_point("query");
    auto options = parse_options(options_json);
    if (!options) return options.status();
    const json::value* where = options->if_contains("where");
    if (where == nullptr || !where->is_string()) return Status::invalid_argument("options: where: expected a string");
    auto query = parse_deal_filter(where->get_string(), catalog_);
    if (!query) return query.status();
    if (const json::value* limit = options->if_contains("limit")) {
        if (!limit->is_int64() || limit->get_int64() < 1) {
            return Status::invalid_argument("options: limit: expected an integer >= 1");
        }
        query->limit = static_cast<std::size_t>(limit->get_int64());
    }
    auto c = connector();
    if (!c) return c.status();
    if (Status known = (*c)->know_fields(catalog_.fields()); !known) return known;
    auto rows = (*c)->query_deals(*query);
    if (!rows) return rows.status();

    json::array deals;
    for (const connectors::DealRow& row : *rows) {
        json::object fields;
        for (const auto& [id, value] : row.fields) fields[id] = field_value_json(value);
        const model::Deal& d = row.deal;
        deals.push_back(json::object{{"id", d.id},
                                     {"owner_id", d.owner_id},
                                     {"stage_id", d.stage_id},
                                     {"status", model::to_string(d.status)},
                                     {"amount", d.amount ? json::value(*d.amount) : json::value(nullptr)},
                                     {"fields", std::move(fields)}});
    }
    return model::json_text(json::object{{"deals", std::move(deals)}});
}

Result<std::string> PluginInstance::uninstall() {
    fail_point("uninstall");
    auto c = connector();
    if (!c) return c.status();
    auto report = (*c)->remove_fields(catalog_.fields());
    if (!report) return report.status();
    return model::json_text(
        json::object{{"removed", string_array(report->created)}, {"absent", string_array(report->existing)}});
}

Result<std::string> PluginInstance::health() {
    fail_point("health");
    auto c = connector();
    if (!c) return c.status();
    auto cursor = (*c)->current_cursor();
    if (!cursor) return cursor.status();
    return model::json_text(json::object{{"ok", true}, {"connector", (*c)->vendor()}, {"cursor", *cursor}});
}

}  // namespace sellerscore::plugin
