// One sObject type of the fake org: its field definitions (standard and custom) and its records.
// Field names resolve case-insensitively, as in SOQL; output uses the defined spelling.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fake_salesforce_value.hpp"

namespace sellerscore::fakes {

enum class SfFieldType { id, reference, text, picklist, boolean, number, currency, percent, datetime, date };

struct SfField {
    std::string name;
    SfFieldType type = SfFieldType::text;
    bool custom = false;
    // Custom fields made by the org's admin in Setup come with field-level security for everyone;
    // fields created through the Tooling API have none until a permission set grants it.
    bool granted_to_all = true;
    std::string reference_to;       // reference fields: the sObject type pointed at
    std::string relationship_name;  // reference fields: "UserRole" for UserRoleId
    int precision = 0, scale = 0;  // numbers; for text fields `precision` is the maximum length
    std::vector<std::string> picklist_values;  // restricted picklists only: the values a write may use
};

struct SfRecord {
    std::string id;
    std::vector<SfValue> values;  // by field slot; missing trailing slots are null
    bool deleted = false;
    const SfValue& at(std::size_t slot) const {
        static const SfValue null_value;
        return slot < values.size() ? values[slot] : null_value;
    }
};

class SfObject {
public:
    SfObject(std::string name, std::string key_prefix, bool tooling = false);

    const std::string& name() const { return name_; }
    const std::string& key_prefix() const { return key_prefix_; }
    bool tooling() const { return tooling_; }

    std::size_t add_field(SfField field);
    std::optional<std::size_t> slot_of(std::string_view name) const;
    // A deleted custom field keeps its data under another name ("Seller_Score_del__c"), freeing its own.
    void rename_field(std::size_t slot, std::string new_name);
    // The reference field whose relationship name is `relationship` ("UserRole" -> UserRoleId).
    std::optional<std::size_t> relationship_slot(std::string_view relationship) const;
    const SfField& field(std::size_t slot) const { return fields_[slot]; }
    std::size_t field_count() const { return fields_.size(); }

    SfRecord& add_record(std::string id);
    SfRecord* find(std::string_view id);
    const SfRecord* find(std::string_view id) const;
    std::vector<SfRecord>& records() { return records_; }
    const std::vector<SfRecord>& records() const { return records_; }
    void set(SfRecord& record, std::size_t slot, SfValue value);
    // Indices of the records whose id/reference field at `slot` holds `id` (compared on 15 characters),
    // from an index built on first use and dropped when that field or the record set changes.
    const std::vector<std::size_t>& records_with(std::size_t slot, std::string_view id) const;

private:
    std::string name_, key_prefix_;
    bool tooling_;
    std::vector<SfField> fields_;
    std::unordered_map<std::string, std::size_t> slots_;  // lower-cased name -> slot
    std::unordered_map<std::string, std::size_t> relationships_;
    std::vector<SfRecord> records_;
    std::unordered_map<std::string, std::size_t> by_id_;  // 18-character ids
    mutable std::unordered_map<std::size_t, std::unordered_map<std::string, std::vector<std::size_t>>> indexes_;
};

std::string lower_case(std::string_view text);

}  // namespace sellerscore::fakes
