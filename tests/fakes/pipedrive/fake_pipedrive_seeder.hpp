// Fills the store from a model dataset the way Pipedrive would hold it (pipedrive_mapping.md in
// reverse) and returns what a faithful reader gets back; FakePipedrive::seed documents the rules.
#pragma once

#include <cstdint>
#include <string>

#include "fake_pipedrive_store.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::fakes::pipedrive {

// The person fields the seeder fills (looked up by name, created when missing).
inline constexpr const char* lead_source_field_name = "Lead source";
inline constexpr const char* referred_by_field_name = "Referred by";

// `currency`: the company's default currency, every user's default_currency and every deal's currency.
model::Dataset seed_store(Store& store, const model::Dataset& source, std::int64_t now,
                          const std::string& currency = "EUR");

}  // namespace sellerscore::fakes::pipedrive
