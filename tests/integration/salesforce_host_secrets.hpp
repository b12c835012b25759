// The connected app's credentials a TestHost hands the Salesforce connector, taken from the fake org.
#pragma once

#include "loaded_plugin.hpp"
#include "tests/fakes/salesforce/fake_salesforce.hpp"

namespace sellerscore::testing {

inline void give_salesforce_secrets(TestHost& host, const fakes::FakeSalesforceOptions& org) {
    host.secrets["SELLERSCORE_SALESFORCE_CLIENT_ID"] = org.client_id;
    host.secrets["SELLERSCORE_SALESFORCE_CLIENT_SECRET"] = org.client_secret;
    host.secrets["SELLERSCORE_SALESFORCE_REFRESH_TOKEN"] = org.refresh_token;
}

}  // namespace sellerscore::testing
