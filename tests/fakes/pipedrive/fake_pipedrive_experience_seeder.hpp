// Survey responses and deliveries stored the only way Pipedrive can hold them: in custom fields an
// admin made (Pipedrive has no survey or delivery object; docs/connectors/pipedrive.md section 6).
// A second seeding step, after FakePipedrive::seed():
//   deliveries -> the won deal's date fields "Promised delivery" and "Delivered on" (days only); a
//                 deal with several shipments keeps the one promised last
//   responses  -> naming a deal: that deal's double field "<KIND> score" and date field "<KIND> date"
//                 (KIND = CSAT or NPS); naming only a contact: the person's fields of those names;
//                 the latest answer per record and kind wins; one naming only a seller is not held
#pragma once

#include "fake_pipedrive.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::fakes::pipedrive {

inline constexpr const char* promised_delivery_field_name = "Promised delivery";
inline constexpr const char* delivered_on_field_name = "Delivered on";
inline constexpr const char* csat_score_field_name = "CSAT score";
inline constexpr const char* csat_date_field_name = "CSAT date";
inline constexpr const char* nps_score_field_name = "NPS score";
inline constexpr const char* nps_date_field_name = "NPS date";

// `held` is what seed(source) returned: its deals and contacts are source's, in the same order.
// invalid_argument when they do not line up or a field write is refused.
Status seed_experience_fields(FakePipedrive& fake, const model::Dataset& source, const model::Dataset& held);

}  // namespace sellerscore::fakes::pipedrive
