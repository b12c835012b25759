// The fake org's data: every sObject type the fake serves (standard fields as Salesforce names
// them), id sequences, the SystemModstamp clock, and field-level security on custom fields.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "fake_salesforce_sobject.hpp"

namespace sellerscore::fakes {

class SfOrg {
public:
    SfOrg(std::function<std::int64_t()> epoch_ms_now, bool multi_currency, bool enhanced_email,
          bool feedback_management = false);

    // nullptr for a type the org does not have (EmailMessage without Enhanced Email, the survey objects
    // without Feedback Management).
    SfObject* object(std::string_view name, bool tooling = false);
    const SfObject* object(std::string_view name, bool tooling = false) const;
    // The object whose records carry this id's key prefix.
    SfObject* object_of_id(std::string_view id);

    // "Now" for a modification, never the same millisecond twice.
    std::int64_t next_modstamp();
    std::int64_t now_ms() const { return epoch_ms_now_(); }

    // A new record with Id, CreatedDate = created_ms, SystemModstamp = a fresh modstamp, IsDeleted false.
    SfRecord& create(SfObject& object, std::int64_t created_ms);
    void touch(SfObject& object, SfRecord& record);
    void set(SfObject& object, SfRecord& record, std::string_view field, SfValue value);

    // Field-level security for `user_id`: standard fields and admin-made custom fields are readable and
    // editable; Tooling-made custom fields need FieldPermissions on a permission set assigned to the user.
    bool can_read(const SfObject& object, const SfField& field, const std::string& user_id) const;
    bool can_edit(const SfObject& object, const SfField& field, const std::string& user_id) const;

private:
    bool granted(const SfObject& object, const SfField& field, const std::string& user_id, bool edit) const;

    std::function<std::int64_t()> epoch_ms_now_;
    std::int64_t last_modstamp_ = 0;
    std::map<std::string, std::unique_ptr<SfObject>> objects_;  // lower-cased name (tooling: "tooling:" + name)
    std::map<std::string, SfObject*> by_prefix_;
    std::map<std::string, std::uint64_t> sequences_;
};

}  // namespace sellerscore::fakes
