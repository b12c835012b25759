// The currency a company's amounts are kept in when the settings name none. Pipedrive has no
// company-wide currency in its API: each user has a default_currency (GET /v1/users, the list the
// reader fetches anyway, so this costs no call). The company's is that of the user the API is used
// as (is_you): the admin who installed the integration, whose currency the company was set up in.
#pragma once

#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace sellerscore::connectors::pipedrive {

// The is_you user's default_currency, else the one most users have; "" when no user has one.
std::string company_currency(const std::vector<boost::json::value>& users);

}  // namespace sellerscore::connectors::pipedrive
