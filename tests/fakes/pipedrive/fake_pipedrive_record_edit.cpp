#include "fake_pipedrive_record_edit.hpp"

#include <array>
#include <string_view>

namespace sellerscore::fakes::pipedrive {
namespace {

bool is_integer(const boost::json::value& value) { return value.is_int64() || value.is_uint64(); }
std::int64_t as_integer(const boost::json::value& value) {
    return value.is_int64() ? value.get_int64() : static_cast<std::int64_t>(value.get_uint64());
}

boost::json::value id_or_null(const std::optional<std::int64_t>& id) {
    if (id) return *id;
    return nullptr;
}

std::string not_allowed(std::string_view key) {
    return std::string(key) + ": Parameter '" + std::string(key) + "' is not allowed for this request";
}

std::string not_found_message(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::deal: return "Deal not found";
        case ObjectKind::person: return "Person not found";
        case ObjectKind::organization: return "Organization not found";
    }
    return "Not found";
}

// Checks one standard field's value; the 400 detail when it does not fit.
std::optional<std::string> check_standard(const Store& store, ObjectKind kind, std::string_view key,
                                          const boost::json::value& value) {
    const std::string k(key);
    auto expected = [&](const char* what) { return k + ": Expected " + what + " as value of '" + k + "'"; };
    if (key == "title" || key == "name") {
        if ((key == "title") != (kind == ObjectKind::deal)) return not_allowed(key);
        if (!value.is_string() || value.get_string().empty()) return expected("a non-empty 'string'");
        return std::nullopt;
    }
    if (key == "owner_id") {
        if (!is_integer(value)) return expected("'number'");
        if (!find_by_id(store.users, as_integer(value))) return k + ": User " + std::to_string(as_integer(value)) + " not found";
        return std::nullopt;
    }
    if (key == "org_id" && kind != ObjectKind::organization) {
        if (value.is_null()) return std::nullopt;
        if (!is_integer(value)) return expected("'number'");
        if (!find_by_id(store.organizations, as_integer(value)))
            return k + ": Organization " + std::to_string(as_integer(value)) + " not found";
        return std::nullopt;
    }
    if (kind != ObjectKind::deal) return not_allowed(key);
    if (key == "value") return value.is_number() ? std::nullopt : std::optional<std::string>(expected("'number'"));
    if (key == "currency") {
        if (!value.is_string() || value.get_string().size() != 3) return expected("a 3-letter currency code");
        return std::nullopt;
    }
    if (key == "person_id") {
        if (value.is_null()) return std::nullopt;
        if (!is_integer(value)) return expected("'number'");
        if (!find_by_id(store.persons, as_integer(value)))
            return k + ": Person " + std::to_string(as_integer(value)) + " not found";
        return std::nullopt;
    }
    if (key == "stage_id") {
        if (!is_integer(value)) return expected("'number'");
        if (!find_by_id(store.stages, as_integer(value)))
            return k + ": Stage " + std::to_string(as_integer(value)) + " not found";
        return std::nullopt;
    }
    if (key == "status") {
        if (!value.is_string()) return expected("'string'");
        const std::string_view status = value.get_string();
        if (status != "open" && status != "won" && status != "lost")
            return k + ": Parameter 'status' must be one of: open, won, lost";
        return std::nullopt;
    }
    return not_allowed(key);
}

void apply_deal_field(Store& store, DealRecord& deal, std::string_view key, const boost::json::value& value,
                      std::int64_t time, std::int64_t user) {
    auto record = [&](boost::json::value old_value, const boost::json::value& new_value) {
        if (old_value != new_value) store.record_change(deal.id, std::string(key), std::move(old_value), new_value, time, user);
    };
    if (key == "title") {
        record(boost::json::value(deal.title), value);
        deal.title = std::string(value.get_string());
    } else if (key == "value") {
        record(boost::json::value(deal.value), value);
        deal.value = value.to_number<double>();
    } else if (key == "currency") {
        record(boost::json::value(deal.currency), value);
        deal.currency = std::string(value.get_string());
    } else if (key == "owner_id") {
        record(boost::json::value(deal.owner_id), value);
        deal.owner_id = as_integer(value);
    } else if (key == "person_id") {
        record(id_or_null(deal.person_id), value);
        deal.person_id = value.is_null() ? std::nullopt : std::optional<std::int64_t>(as_integer(value));
    } else if (key == "org_id") {
        record(id_or_null(deal.org_id), value);
        deal.org_id = value.is_null() ? std::nullopt : std::optional<std::int64_t>(as_integer(value));
    } else if (key == "stage_id") {
        const std::int64_t stage_id = as_integer(value);
        if (stage_id == deal.stage_id) return;
        record(boost::json::value(deal.stage_id), value);
        deal.stage_id = stage_id;
        deal.pipeline_id = find_by_id(store.stages, stage_id)->pipeline_id;
        deal.stage_change_time = time;
    } else if (key == "status") {
        const std::string status(value.get_string());
        if (status == deal.status) return;
        record(boost::json::value(deal.status), value);
        deal.status = status;
        deal.won_time = status == "won" ? std::optional<std::int64_t>(time) : std::nullopt;
        deal.lost_time = status == "lost" ? std::optional<std::int64_t>(time) : std::nullopt;
        deal.close_time = status == "open" ? std::nullopt : std::optional<std::int64_t>(time);
    }
}

void apply_other_field(Store& store, ObjectKind kind, std::int64_t id, std::string_view key,
                       const boost::json::value& value) {
    const std::optional<std::int64_t> id_value =
        is_integer(value) ? std::optional<std::int64_t>(as_integer(value)) : std::nullopt;
    if (kind == ObjectKind::person) {
        PersonRecord& person = *find_by_id(store.persons, id);
        if (key == "name") person.name = std::string(value.get_string());
        if (key == "owner_id") person.owner_id = id_value;
        if (key == "org_id") person.org_id = id_value;
    } else {
        OrganizationRecord& organization = *find_by_id(store.organizations, id);
        if (key == "name") organization.name = std::string(value.get_string());
        if (key == "owner_id") organization.owner_id = id_value;
    }
}

}  // namespace

EditResult edit_record(Store& store, ObjectKind kind, std::int64_t id, const boost::json::object& changes,
                       std::int64_t now, std::int64_t acting_user_id, WriteLog* writes) {
    // Everything is checked before anything is applied: a 400 leaves the record as it was.
    const boost::json::object* custom = nullptr;
    for (const auto& change : changes) {
        if (change.key() == "custom_fields") {
            custom = change.value().if_object();
            if (!custom) return {EditOutcome::invalid, "custom_fields: Expected 'object' as value of 'custom_fields'"};
            continue;
        }
        if (auto problem = check_standard(store, kind, change.key(), change.value()))
            return {EditOutcome::invalid, *problem};
    }
    if (custom) {
        for (const auto& entry : *custom) {
            const FakePipedriveField* field = store.catalog.find_by_code(kind, entry.key());
            if (!field || !field->is_custom_field)
                return {EditOutcome::invalid,
                        "custom_fields: Unknown custom field key '" + std::string(entry.key()) + "'"};
            if (auto problem = FieldCatalog::check_value(*field, entry.value())) return {EditOutcome::invalid, *problem};
        }
    }
    std::int64_t* update_time = store.update_time(kind, id);
    if (!update_time) return {EditOutcome::not_found, not_found_message(kind)};

    const std::int64_t time = next_update_time(*update_time, now);
    *update_time = time;
    DealRecord* deal = kind == ObjectKind::deal ? find_by_id(store.deals, id) : nullptr;
    for (const auto& change : changes) {
        if (change.key() == "custom_fields") continue;
        if (deal)
            apply_deal_field(store, *deal, change.key(), change.value(), time, acting_user_id);
        else
            apply_other_field(store, kind, id, change.key(), change.value());
    }
    if (custom) {
        CustomValues& values = *store.custom_values(kind, id);
        for (const auto& entry : *custom) {
            const std::string code(entry.key());
            if (writes) writes->record(kind, id, code);
            const auto existing = values.find(code);
            const boost::json::value old_value = existing == values.end() ? boost::json::value(nullptr) : existing->second;
            if (old_value == entry.value()) {
                if (writes) writes->record_unchanged();
                continue;
            }
            if (deal) store.record_change(id, code, old_value, entry.value(), time, acting_user_id);
            if (entry.value().is_null())
                values.erase(code);
            else
                values[code] = entry.value();
        }
    }
    return {};
}

}  // namespace sellerscore::fakes::pipedrive
