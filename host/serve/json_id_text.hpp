// Vendors send record ids as JSON strings or numbers (HubSpot's portalId, Pipedrive's companyId and
// owner ids): one text form to compare and look them up by.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sellerscore::host::serve {

// The id as text; empty when absent (null pointer) or neither a string nor an integer.
std::string json_id_text(const boost::json::value* value);

}  // namespace sellerscore::host::serve
