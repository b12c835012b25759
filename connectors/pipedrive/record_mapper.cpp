#include "record_mapper.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>

#include <boost/json.hpp>

#include "json_access.hpp"
#include "pipedrive_time.hpp"
#include "stage_catalog.hpp"

namespace sellerscore::connectors::pipedrive {

namespace json = boost::json;

namespace {

std::optional<std::string> optional_text(const json::value& object, std::string_view key) {
    std::string text = text_at(object, key);
    if (text.empty()) return std::nullopt;
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

}  // namespace

const json::value* custom_field_value(const json::value& record, std::string_view code) {
    const json::value* fields = member(record, "custom_fields");
    return fields ? member(*fields, code) : nullptr;
}

RecordMapper::RecordMapper(MappingOptions options, ActivityTypeMap activity_types)
    : options_(std::move(options)), activity_types_(std::move(activity_types)) {
    if (options_.objection_markers.empty()) options_.objection_markers = {"#objection"};
    for (auto& marker : options_.objection_markers) marker = lower(marker);
}

bool RecordMapper::has_objection(std::string_view text) const {
    if (text.empty()) return false;
    const std::string haystack = lower(text);
    return std::any_of(options_.objection_markers.begin(), options_.objection_markers.end(),
                       [&](const std::string& marker) { return haystack.find(marker) != std::string::npos; });
}

std::optional<model::Seller> RecordMapper::seller(const json::value& user) const {
    model::Seller seller;
    seller.id = text_at(user, "id");
    if (seller.id.empty()) return std::nullopt;
    seller.name = text_at(user, "name");
    seller.email = text_at(user, "email");
    seller.active = bool_at(user, "active_flag").value_or(true) && !bool_at(user, "is_deleted").value_or(false);
    return seller;
}

std::optional<model::Deal> RecordMapper::deal(const json::value& item, bool& unconverted) const {
    unconverted = false;
    model::Deal deal;
    deal.id = text_at(item, "id");
    deal.owner_id = text_at(item, "owner_id");
    if (deal.owner_id.empty()) deal.owner_id = text_at(item, "user_id");  // v1's name for it
    deal.pipeline_id = text_at(item, "pipeline_id");
    const auto created = parse_time(text_at(item, "add_time"));
    if (deal.id.empty() || deal.owner_id.empty() || deal.pipeline_id.empty() || !created) return std::nullopt;
    deal.created_at = *created;
    deal.contact_id = optional_text(item, "person_id");
    deal.company_id = optional_text(item, "org_id");

    const std::string status = text_at(item, "status");
    if (status == "open") {
        deal.status = model::DealStatus::open;
        deal.stage_id = text_at(item, "stage_id");
        if (deal.stage_id.empty()) return std::nullopt;
    } else if (status == "won" || status == "lost") {
        const bool won = status == "won";
        deal.status = won ? model::DealStatus::won : model::DealStatus::lost;
        deal.stage_id = won ? StageCatalog::won_stage(deal.pipeline_id) : StageCatalog::lost_stage(deal.pipeline_id);
        auto closed = parse_time(text_at(item, won ? "won_time" : "lost_time"));
        if (!closed) closed = parse_time(text_at(item, "close_time"));
        deal.closed_at = closed;
    } else {
        return std::nullopt;
    }

    if (const auto value = number_at(item, "value")) {
        const std::string currency = text_at(item, "currency");
        if (currency.empty() || currency == options_.home_currency) {
            deal.amount = *value;
        } else if (const auto rate = options_.fx_rates.find(currency); rate != options_.fx_rates.end()) {
            deal.amount = *value * rate->second;
        } else {
            unconverted = true;
        }
    }
    return deal;
}

std::optional<model::Contact> RecordMapper::contact(const json::value& person, const PersonFieldKeys& keys) const {
    model::Contact contact;
    contact.id = text_at(person, "id");
    const auto created = parse_time(text_at(person, "add_time"));
    if (contact.id.empty() || !created) return std::nullopt;
    contact.created_at = *created;
    contact.owner_id = optional_text(person, "owner_id");
    contact.company_id = optional_text(person, "org_id");
    if (keys.channel) {
        const FieldValue channel = keys.channel->held_value(custom_field_value(person, keys.channel->code));
        if (const auto* text = std::get_if<std::string>(&channel)) contact.channel = *text;
    }
    if (keys.referred_by) {
        const FieldValue referrer = keys.referred_by->held_value(custom_field_value(person, keys.referred_by->code));
        if (const auto* id = std::get_if<std::string>(&referrer)) {
            contact.referred_by = *id;
        } else if (const auto* number = std::get_if<double>(&referrer); number && std::abs(*number) < 1e15) {
            // A person id; a number too large for one is no referrer (and would overflow the cast).
            contact.referred_by = std::to_string(static_cast<std::int64_t>(*number));
        }
    }
    return contact;
}

std::optional<model::Activity> RecordMapper::activity(const json::value& item) const {
    model::Activity activity;
    const std::string id = text_at(item, "id");
    activity.owner_id = text_at(item, "owner_id");
    if (activity.owner_id.empty()) activity.owner_id = text_at(item, "user_id");
    if (id.empty() || activity.owner_id.empty()) return std::nullopt;
    activity.id = activity_id(id);
    activity.type = activity_types_.type_of(text_at(item, "type"));
    const bool done = bool_at(item, "done").value_or(false);
    std::optional<model::Timestamp> at;
    if (done) at = parse_time(text_at(item, "marked_as_done_time"));
    if (!at) {
        const auto day = parse_date(text_at(item, "due_date"));
        if (day) {
            const auto time = parse_duration(text_at(item, "due_time"));
            at = *day + static_cast<model::Timestamp>(time.value_or(0) * model::ms_per_second);
        }
    }
    if (!at) return std::nullopt;
    activity.at = *at;
    activity.deal_id = optional_text(item, "deal_id");
    activity.contact_id = optional_text(item, "person_id");
    activity.duration_s = parse_duration(text_at(item, "duration"));
    activity.direction = model::Direction::outbound;
    activity.objection = has_objection(text_at(item, "note"));
    if (!done) activity.outcome = model::Outcome::canceled;
    return activity;
}

std::optional<model::Activity> RecordMapper::note(const json::value& item) const {
    model::Activity note;
    const std::string id = text_at(item, "id");
    note.owner_id = text_at(item, "user_id");
    const auto at = parse_time(text_at(item, "add_time"));
    if (id.empty() || note.owner_id.empty() || !at) return std::nullopt;
    note.id = note_id(id);
    note.type = model::ActivityType::note;
    note.at = *at;
    note.deal_id = optional_text(item, "deal_id");
    note.contact_id = optional_text(item, "person_id");
    note.direction = model::Direction::outbound;
    note.objection = has_objection(text_at(item, "content"));
    return note;
}

}  // namespace sellerscore::connectors::pipedrive
