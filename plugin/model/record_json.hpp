// Records <-> the NDJSON interchange format of KPIS.md §1.1 (one JSON object per line, one file per
// record type, field names exactly as in the model).
#pragma once

#include <string>
#include <string_view>

#include "records.hpp"
#include "status.hpp"

namespace sellerscore::model {

// The record types of the interchange format, in the order an import must load them so that
// references (a deal's owner and stage, a stage change's deal) resolve.
enum class RecordType { seller, stage, contact, deal, stage_change, activity, spend, survey_response, delivery };

// "sellers.ndjson", "stages.ndjson", ..., "survey_responses.ndjson", "deliveries.ndjson".
std::string_view ndjson_file_name(RecordType type);

// Parses one line. On failure the Status is a reason without file or line ("unknown status 'wn'",
// "missing field 'owner_id'", "closed_at on an open deal"); the caller adds "file:line: ".
// Checks the record on its own; references between records are the importer's job.
Result<Seller> parse_seller(std::string_view line);
Result<Stage> parse_stage(std::string_view line);
Result<Contact> parse_contact(std::string_view line);
Result<Deal> parse_deal(std::string_view line);
Result<StageChange> parse_stage_change(std::string_view line);
Result<Activity> parse_activity(std::string_view line);
Result<Spend> parse_spend(std::string_view line);
// A score outside its kind's range is rejected here; a delivery's deal being won is the importer's.
Result<SurveyResponse> parse_survey_response(std::string_view line);
Result<Delivery> parse_delivery(std::string_view line);

// One line of NDJSON without the trailing newline. Null optionals are omitted. parse_X(to_ndjson(r))
// gives back r exactly.
std::string to_ndjson(const Seller& r);
std::string to_ndjson(const Stage& r);
std::string to_ndjson(const Contact& r);
std::string to_ndjson(const Deal& r);
std::string to_ndjson(const StageChange& r);
std::string to_ndjson(const Activity& r);
std::string to_ndjson(const Spend& r);
std::string to_ndjson(const SurveyResponse& r);
std::string to_ndjson(const Delivery& r);

// Enum spellings, exactly as in KPIS.md ("open", "won", ..., "no_show").
std::string_view to_string(StageKind v);
std::string_view to_string(DealStatus v);
std::string_view to_string(ActivityType v);
std::string_view to_string(Direction v);
std::string_view to_string(Outcome v);
std::string_view to_string(SurveyKind v);

}  // namespace sellerscore::model
