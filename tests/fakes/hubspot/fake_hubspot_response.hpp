// HubSpot's response shapes: JSON bodies and the error body
// {"status":"error","message":..,"correlationId":..,"category":..}.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse json_response(int status, const boost::json::value& body);
// `extra` (an object) adds fields to the error body, e.g. "errorType" and "policyName" of a 429.
FakeResponse error_response(int status, std::string_view category, std::string message, std::string_view correlation_id,
                            const boost::json::value& extra = nullptr);
// HubSpot's 400 for a request it cannot validate (category VALIDATION_ERROR).
FakeResponse validation_error(std::string message, std::string_view correlation_id);
// A UUID-shaped id unique per response ("0b5e1c2a-0000-4000-8000-00000000002a").
std::string correlation_id(std::uint64_t sequence);

}  // namespace sellerscore::fakes
