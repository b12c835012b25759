// Reading fields of an sObject record as the REST API returns it: {"attributes":{...},"Id":"...",
// "UserRole":{"attributes":{...},"Name":"EMEA"}}; a dotted path follows a relationship, and null or an
// absent relationship reads as absent.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::salesforce {

const boost::json::value* field_at(const boost::json::value& record, std::string_view path);
std::optional<std::string> text_at(const boost::json::value& record, std::string_view path);  // non-empty strings only
std::string id_at(const boost::json::value& record, std::string_view path = "Id");           // "" when absent
std::optional<double> number_at(const boost::json::value& record, std::string_view path);
bool flag_at(const boost::json::value& record, std::string_view path);  // absent = false
std::optional<model::Timestamp> instant_at(const boost::json::value& record, std::string_view path);

// The 3-character key prefix of an id: "006" Opportunity, "003" Contact, "00Q" Lead, "005" User.
std::string_view key_prefix(std::string_view id);

}  // namespace sellerscore::connectors::salesforce
