// write()'s plan: Pipedrive has no batch update for deals, persons or organizations, so each record
// gets one PATCH /api/v2/{deals|persons|organizations}/{id} {"custom_fields":{<code>: value, ...}}
// carrying all of its changed fields, and no record is sent twice.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "connectors/connector.hpp"
#include "connectors/http/http_message.hpp"
#include "custom_field.hpp"

namespace sellerscore::connectors::pipedrive {

struct RecordPatch {
    RecordObject object = RecordObject::deal;
    std::string record_id;
    std::vector<std::size_t> writes;  // indexes into the writes planned
    boost::json::object custom_fields;

    http::HttpRequest request() const;
};

struct PatchPlan {
    std::vector<RecordPatch> patches;   // in the order records first appear in the writes
    std::vector<WriteFailure> failures;  // writes no PATCH can carry (unknown field, bad value)
};

// `fields`: our fields per object, field id -> the Pipedrive field holding it.
PatchPlan plan_patches(std::span<const FieldWrite> writes,
                       const std::map<RecordObject, std::map<std::string, CustomField>>& fields);

}  // namespace sellerscore::connectors::pipedrive
