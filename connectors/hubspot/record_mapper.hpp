// HubSpot objects -> the KPIS.md §1 model, exactly as hubspot_mapping.md lays it out. Pure: JSON in,
// records out; the readers decide which requests bring the JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "connectors/connector.hpp"
#include "field_schema.hpp"
#include "object_type.hpp"
#include "stage_catalog.hpp"

namespace sellerscore::connectors::hubspot {

struct MappingOptions {
    std::vector<std::string> visit_types;        // meeting location types that are visits; empty = {"ADDRESS"}
    std::vector<std::string> proposal_stages;    // stage ids or labels; empty = none (quotes are the proposals)
    std::vector<std::string> objection_markers;  // empty = {"#objection"}
    std::string referral_property = "referred_by_contact_id";
    // The contact property holding the lead source (the contact's channel): HubSpot's own original
    // source, or a portal's custom property.
    std::string channel_property = "hs_analytics_source";
    // The deal properties a won deal's delivery comes from (HubSpot has no delivery object); empty:
    // no deliveries.
    std::string delivery_promised_property;
    std::string delivery_delivered_property;
};

// The feedback submissions object (HubSpot's survey responses, read-only) and what is read of it.
inline constexpr std::string_view feedback_submissions_path = "feedback_submissions";
inline constexpr std::string_view feedback_properties[] = {"hs_survey_type", "hs_value", "hs_submission_timestamp",
                                                           "hs_createdate"};

// The first associated id of each kind a record refers to.
struct FirstAssociations {
    std::optional<std::string> contact;
    std::optional<std::string> company;
    std::optional<std::string> deal;
};

// From the "associations" member a list read embeds ({"contacts":{"results":[{"id":..}]}, ...}).
FirstAssociations embedded_associations(const boost::json::value& crm_object);

enum class MapOutcome {
    mapped,
    no_owner,     // a deal or activity without hubspot_owner_id: the model needs an owner
    not_a_record  // a draft quote, or an object missing what the model requires (a date, a stage)
};

class RecordMapper {
public:
    RecordMapper(MappingOptions options, const StageCatalog& stages, const FieldSchema& schema);

    // nullopt for QUEUE owners.
    std::optional<model::Seller> seller(const boost::json::value& owner) const;

    // The deal with its whole stage history (propertiesWithHistory.dealstage), one proposal per entry
    // into a proposal stage, and its held values.
    MapOutcome add_deal(const boost::json::value& deal, const FirstAssociations& links, ReadPage& page) const;
    MapOutcome add_contact(const boost::json::value& contact, ReadPage& page) const;
    // Companies only carry held values.
    void add_company(const boost::json::value& company, ReadPage& page) const;
    // An NPS or CSAT feedback submission as a survey response rating its contact's owner (the engine
    // attributes it). HubSpot's CSAT scale is 0 (unsatisfied), 1 (neutral), 2 (satisfied), read as 1,
    // 3 and 5 of 5 so that "satisfied" is a 4 or 5; NPS is 0-10 as is. CES and custom surveys, and a
    // value outside its scale, are not_a_record.
    MapOutcome add_feedback_submission(const boost::json::value& submission, const FirstAssociations& links,
                                       ReadPage& page) const;

    MapOutcome add_activity(ObjectType type, const boost::json::value& engagement, const FirstAssociations& links,
                            ReadPage& page) const;

    // What disappears from the model with an archived (or no longer mappable) object.
    void add_removed(ObjectType type, const boost::json::value& crm_object, std::vector<RemovedRecord>& removed) const;

    // "calls:1001"
    static std::string activity_id(ObjectType type, std::string_view hubspot_id);
    // "deal-delivery:501": the one delivery a deal's two delivery properties describe.
    static std::string delivery_id(std::string_view deal_id);

private:
    void add_held_values(RecordObject object, const boost::json::value& crm_object, ReadPage& page) const;
    std::vector<model::StageChange> stage_history(const boost::json::value& deal, const std::string& deal_id,
                                                  const std::string& current_stage,
                                                  model::Timestamp created_at) const;
    bool has_objection(std::string_view text) const;
    bool is_visit(std::string_view location_type) const;

    MappingOptions options_;
    const StageCatalog& stages_;
    const FieldSchema& schema_;
};

}  // namespace sellerscore::connectors::hubspot
