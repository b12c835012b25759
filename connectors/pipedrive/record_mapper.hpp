// Pipedrive records -> the KPIS.md §1 model, exactly as pipedrive_mapping.md lays it out. Pure:
// JSON in, records out; the connector decides which requests bring the JSON.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "activity_type_map.hpp"
#include "custom_field.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

struct MappingOptions {
    // "" until known: the reader sets the company's currency (company_currency.hpp) unless the
    // settings name one.
    std::string home_currency;
    std::map<std::string, double> fx_rates;      // units of home currency per unit of the key currency
    std::vector<std::string> objection_markers;  // empty = {"#objection"}
};

// The person fields contacts take channel and referrer from (looked up by name in personFields).
struct PersonFieldKeys {
    std::optional<CustomField> channel;
    std::optional<CustomField> referred_by;
};

class RecordMapper {
public:
    RecordMapper(MappingOptions options, ActivityTypeMap activity_types);

    // A v1 user; active = active_flag and not is_deleted.
    std::optional<model::Seller> seller(const boost::json::value& user) const;

    // A v2 deal; nullopt for a deal the model cannot hold (no owner, pipeline or add_time, or a
    // status other than open/won/lost). `unconverted` is set when its amount had to be left out:
    // a currency other than the home currency without an fx rate.
    std::optional<model::Deal> deal(const boost::json::value& deal, bool& unconverted) const;

    // A v2 person; channel and referred_by from the fields in `keys`.
    std::optional<model::Contact> contact(const boost::json::value& person, const PersonFieldKeys& keys) const;

    // A v2 activity: id "activity:<id>". One marked done happened when it was marked done; one not
    // marked done is at its due date and time with outcome canceled: past, it did not happen as
    // planned; future, it does not exist yet at an as_of before it (the KPIS.md snapshot rule).
    std::optional<model::Activity> activity(const boost::json::value& activity) const;
    // A v1 note: id "note:<id>", type note.
    std::optional<model::Activity> note(const boost::json::value& note) const;

    static std::string activity_id(std::string_view pipedrive_id) { return "activity:" + std::string(pipedrive_id); }
    static std::string note_id(std::string_view pipedrive_id) { return "note:" + std::string(pipedrive_id); }

    const std::string& home_currency() const { return options_.home_currency; }
    void set_home_currency(std::string currency) { options_.home_currency = std::move(currency); }

private:
    bool has_objection(std::string_view text) const;

    MappingOptions options_;
    ActivityTypeMap activity_types_;
};

// A record's custom_fields.<code>, or nullptr.
const boost::json::value* custom_field_value(const boost::json::value& record, std::string_view code);

}  // namespace sellerscore::connectors::pipedrive
