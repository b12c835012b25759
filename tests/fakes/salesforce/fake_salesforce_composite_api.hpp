// PATCH /composite/sobjects (sObject Collections update): at most 200 records per call, one
// SaveResult per record in request order, allOrNone false applies what it can, allOrNone true
// rolls everything back when one record fails.
#pragma once

#include <string>

#include "fake_salesforce_record_update.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse update_records(SfOrg& org, const FakeRequest& request, const std::string& user_id, const SfUpdateHooks& hooks,
                            SfUpdateTally& tally);

}  // namespace sellerscore::fakes
