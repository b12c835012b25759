#include "fake_pipedrive_entity_json.hpp"

#include <algorithm>
#include <cstdio>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "fake_pipedrive_time.hpp"

namespace sellerscore::fakes::pipedrive {
namespace {

boost::json::value optional_id(const std::optional<std::int64_t>& id) {
    if (id) return *id;
    return nullptr;
}

boost::json::value optional_v2_time(const std::optional<std::int64_t>& time) {
    if (time) return boost::json::value(format_v2_time(*time));
    return nullptr;
}

boost::json::object custom_fields_json(const CustomValues& values, const CustomFieldSelection& selection) {
    boost::json::object json;
    if (!selection.fields) return json;
    for (const FakePipedriveField& field : *selection.fields) {
        if (!field.is_custom_field) continue;
        if (!selection.only.empty() &&
            std::find(selection.only.begin(), selection.only.end(), field.field_code) == selection.only.end())
            continue;
        const auto value = values.find(field.field_code);
        json[field.field_code] = value == values.end() ? boost::json::value(nullptr) : value->second;
    }
    return json;
}

std::string hours_minutes(int minutes) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
    return text;
}

// v1 changelog values are text, whatever the field's type.
boost::json::value as_v1_text(const boost::json::value& value) {
    if (value.is_null()) return nullptr;
    if (value.is_string()) return value;
    return boost::json::value(boost::json::serialize(value));
}

}  // namespace

boost::json::object deal_json(const DealRecord& deal, const CustomFieldSelection& custom) {
    boost::json::object json;
    json["id"] = deal.id;
    json["title"] = deal.title;
    json["creator_user_id"] = deal.owner_id;
    json["owner_id"] = deal.owner_id;
    json["person_id"] = optional_id(deal.person_id);
    json["org_id"] = optional_id(deal.org_id);
    json["pipeline_id"] = deal.pipeline_id;
    json["stage_id"] = deal.stage_id;
    json["value"] = deal.value;
    json["currency"] = deal.currency;
    json["add_time"] = format_v2_time(deal.add_time);
    json["update_time"] = format_v2_time(deal.update_time);
    json["stage_change_time"] = optional_v2_time(deal.stage_change_time);
    json["is_deleted"] = deal.status == "deleted";
    json["is_archived"] = deal.is_archived;
    json["archive_time"] = nullptr;
    json["status"] = deal.status;
    json["probability"] = nullptr;
    json["lost_reason"] = nullptr;
    json["visible_to"] = 3;
    json["close_time"] = optional_v2_time(deal.close_time);
    json["won_time"] = optional_v2_time(deal.won_time);
    json["lost_time"] = optional_v2_time(deal.lost_time);
    json["expected_close_date"] = nullptr;
    json["label_ids"] = boost::json::array();
    json["origin"] = "API";
    json["origin_id"] = nullptr;
    json["channel"] = nullptr;
    json["channel_id"] = nullptr;
    json["custom_fields"] = custom_fields_json(deal.custom, custom);
    return json;
}

boost::json::object person_json(const PersonRecord& person, const CustomFieldSelection& custom) {
    boost::json::object json;
    json["id"] = person.id;
    json["name"] = person.name;
    const std::size_t space = person.name.find(' ');
    json["first_name"] = person.name.substr(0, space);
    json["last_name"] = space == std::string::npos ? std::string() : person.name.substr(space + 1);
    json["owner_id"] = optional_id(person.owner_id);
    json["org_id"] = optional_id(person.org_id);
    json["add_time"] = format_v2_time(person.add_time);
    json["update_time"] = format_v2_time(person.update_time);
    boost::json::array emails;
    if (!person.email.empty()) emails.push_back({{"value", person.email}, {"primary", true}, {"label", "work"}});
    json["emails"] = std::move(emails);
    json["phones"] = boost::json::array();
    json["is_deleted"] = false;
    json["visible_to"] = 3;
    json["label_ids"] = boost::json::array();
    json["picture_id"] = nullptr;
    json["custom_fields"] = custom_fields_json(person.custom, custom);
    return json;
}

boost::json::object organization_json(const OrganizationRecord& organization, const CustomFieldSelection& custom) {
    boost::json::object json;
    json["id"] = organization.id;
    json["name"] = organization.name;
    json["owner_id"] = optional_id(organization.owner_id);
    json["add_time"] = format_v2_time(organization.add_time);
    json["update_time"] = format_v2_time(organization.update_time);
    json["is_deleted"] = false;
    json["visible_to"] = 3;
    json["label_ids"] = boost::json::array();
    json["address"] = nullptr;
    json["custom_fields"] = custom_fields_json(organization.custom, custom);
    return json;
}

boost::json::object activity_json(const ActivityRecord& activity) {
    boost::json::object json;
    json["id"] = activity.id;
    json["subject"] = activity.subject;
    json["type"] = activity.type;
    json["owner_id"] = activity.owner_id;
    json["creator_user_id"] = activity.owner_id;
    json["is_deleted"] = false;
    json["add_time"] = format_v2_time(activity.add_time);
    json["update_time"] = format_v2_time(activity.update_time);
    json["deal_id"] = optional_id(activity.deal_id);
    json["lead_id"] = nullptr;
    json["person_id"] = optional_id(activity.person_id);
    json["org_id"] = optional_id(activity.org_id);
    json["project_id"] = nullptr;
    json["due_date"] = format_date(activity.due);
    json["due_time"] = format_time_of_day(activity.due);
    json["duration"] = activity.duration_minutes ? boost::json::value(hours_minutes(*activity.duration_minutes))
                                                 : boost::json::value(nullptr);
    json["busy"] = false;
    json["done"] = activity.done;
    json["marked_as_done_time"] = optional_v2_time(activity.marked_as_done_time);
    json["location"] = nullptr;
    json["participants"] = boost::json::array();
    json["attendees"] = boost::json::array();
    json["public_description"] = nullptr;
    json["priority"] = nullptr;
    json["note"] = activity.note.empty() ? boost::json::value(nullptr) : boost::json::value(activity.note);
    return json;
}

boost::json::object pipeline_json(const Pipeline& pipeline) {
    boost::json::object json;
    json["id"] = pipeline.id;
    json["name"] = pipeline.name;
    json["order_nr"] = pipeline.order_nr;
    json["is_deleted"] = false;
    json["is_deal_probability_enabled"] = true;
    json["add_time"] = format_v2_time(pipeline.add_time);
    json["update_time"] = format_v2_time(pipeline.update_time);
    return json;
}

boost::json::object stage_json(const PipelineStage& stage) {
    boost::json::object json;
    json["id"] = stage.id;
    json["order_nr"] = stage.order_nr;
    json["name"] = stage.name;
    json["is_deleted"] = false;
    json["deal_probability"] = stage.deal_probability;
    json["pipeline_id"] = stage.pipeline_id;
    json["is_deal_rot_enabled"] = false;
    json["days_to_rotten"] = nullptr;
    json["add_time"] = format_v2_time(stage.add_time);
    json["update_time"] = format_v2_time(stage.update_time);
    return json;
}

boost::json::object user_json(const User& user, bool is_you) {
    boost::json::object json;
    json["id"] = user.id;
    json["name"] = user.name;
    json["default_currency"] = user.default_currency;
    json["locale"] = "en_US";
    json["lang"] = 1;
    json["email"] = user.email;
    json["phone"] = nullptr;
    json["activated"] = true;
    json["last_login"] = format_v1_time(user.modified);
    json["created"] = format_v1_time(user.created);
    json["modified"] = format_v1_time(user.modified);
    json["has_created_company"] = is_you;
    json["access"] = boost::json::array();
    json["active_flag"] = user.active_flag;
    json["timezone_name"] = "Europe/Berlin";
    json["timezone_offset"] = "+01:00";
    json["role_id"] = 1;
    json["icon_url"] = nullptr;
    json["is_you"] = is_you;
    json["is_deleted"] = user.is_deleted;
    return json;
}

boost::json::object note_json(const NoteRecord& note, const User* author) {
    boost::json::object json;
    json["id"] = note.id;
    json["user_id"] = note.user_id;
    json["deal_id"] = optional_id(note.deal_id);
    json["person_id"] = optional_id(note.person_id);
    json["org_id"] = optional_id(note.org_id);
    json["lead_id"] = nullptr;
    json["content"] = note.content;
    json["add_time"] = format_v1_time(note.add_time);
    json["update_time"] = format_v1_time(note.update_time);
    json["active_flag"] = true;
    json["pinned_to_deal_flag"] = false;
    json["pinned_to_person_flag"] = false;
    json["pinned_to_organization_flag"] = false;
    json["last_update_user_id"] = nullptr;
    boost::json::object user;
    if (author) {
        user["email"] = author->email;
        user["name"] = author->name;
        user["icon_url"] = nullptr;
        user["is_you"] = false;
    }
    json["user"] = std::move(user);
    return json;
}

boost::json::object lead_json(const LeadRecord& lead) {
    boost::json::object json;
    json["id"] = lead.id;
    json["title"] = lead.title;
    json["owner_id"] = lead.owner_id;
    json["creator_id"] = lead.owner_id;
    json["label_ids"] = boost::json::array();
    json["person_id"] = optional_id(lead.person_id);
    json["organization_id"] = optional_id(lead.org_id);
    json["source_name"] = lead.source_name;
    json["origin"] = "API";
    json["origin_id"] = nullptr;
    json["channel"] = nullptr;
    json["channel_id"] = nullptr;
    json["is_archived"] = lead.is_archived;
    json["was_seen"] = true;
    json["value"] = nullptr;
    json["expected_close_date"] = nullptr;
    json["next_activity_id"] = nullptr;
    json["add_time"] = format_lead_time(lead.add_time);
    json["update_time"] = format_lead_time(lead.update_time);
    json["visible_to"] = "3";
    json["cc_email"] = "company+" + lead.id.substr(lead.id.size() - 4) + "@pipedrivemail.com";
    return json;
}

boost::json::object activity_type_json(const ActivityTypeRecord& type) {
    boost::json::object json;
    json["id"] = type.id;
    json["order_nr"] = type.order_nr;
    json["name"] = type.name;
    json["key_string"] = type.key_string;
    json["icon_key"] = type.icon_key;
    json["active_flag"] = true;
    json["color"] = nullptr;
    json["is_custom_flag"] = type.is_custom_flag;
    json["add_time"] = "2020-01-01 00:00:00";
    json["update_time"] = nullptr;
    return json;
}

boost::json::object changelog_json(const ChangelogEntry& entry) {
    boost::json::object json;
    json["field_key"] = entry.field_key;
    json["old_value"] = as_v1_text(entry.old_value);
    json["new_value"] = as_v1_text(entry.new_value);
    json["actor_user_id"] = entry.user_id;
    json["time"] = format_v1_time(entry.time);
    json["change_source"] = "app";
    json["change_source_user_agent"] = nullptr;
    json["is_bulk_update_flag"] = false;
    return json;
}

boost::json::object flow_item_json(const ChangelogEntry& entry, std::int64_t deal_id) {
    boost::json::object data;
    data["id"] = static_cast<std::int64_t>(entry.sequence);
    data["item_id"] = deal_id;
    data["user_id"] = entry.user_id;
    data["field_key"] = entry.field_key;
    data["old_value"] = as_v1_text(entry.old_value);
    data["new_value"] = as_v1_text(entry.new_value);
    data["is_bulk_update_flag"] = nullptr;
    data["log_time"] = format_v1_time(entry.time);
    data["change_source"] = "app";
    data["change_source_user_agent"] = nullptr;
    data["additional_data"] = boost::json::object();
    boost::json::object json;
    json["object"] = "dealChange";
    json["timestamp"] = format_v1_time(entry.time);
    json["data"] = std::move(data);
    return json;
}

boost::json::object call_log_json(const CallLogRecord& log) {
    boost::json::object json;
    json["id"] = std::to_string(log.id);
    json["user_id"] = log.user_id;
    json["activity_id"] = optional_id(log.activity_id);
    json["subject"] = log.subject;
    json["duration"] = std::to_string(log.duration_s);
    json["outcome"] = log.outcome;
    json["from_phone_number"] = nullptr;
    json["to_phone_number"] = log.to_phone_number;
    json["start_time"] = format_v1_time(log.start_time);
    json["end_time"] = format_v1_time(log.end_time);
    json["person_id"] = optional_id(log.person_id);
    json["org_id"] = optional_id(log.org_id);
    json["deal_id"] = optional_id(log.deal_id);
    json["lead_id"] = nullptr;
    json["note"] = nullptr;
    json["has_recording"] = false;
    json["company_id"] = 1;
    return json;
}

}  // namespace sellerscore::fakes::pipedrive
