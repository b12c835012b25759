// PATCH /composite/sobjects (sObject Collections update): at most 200 records per call, one
// SaveResult per record in request order, allOrNone false applies what it can; per-record faults
// (UNABLE_TO_LOCK_ROW, FIELD_CUSTOM_VALIDATION_EXCEPTION) and field-level security on each field.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "fake_salesforce_org.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

struct SfCompositeTally {
    std::size_t written = 0;
    std::size_t unchanged = 0;  // written records whose every field already held the value
};

struct SfCompositeHooks {
    std::function<bool()> lock_failure;                             // the next record fails with UNABLE_TO_LOCK_ROW
    const std::map<std::string, std::string>* validation_failures;  // id -> message
};

FakeResponse update_records(SfOrg& org, const FakeRequest& request, const std::string& user_id, const SfCompositeHooks& hooks,
                            SfCompositeTally& tally);

}  // namespace sellerscore::fakes
