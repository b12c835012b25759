// Pipedrive's response shapes: {"success":true,"data":..,"additional_data":..}, the error body
// {"success":false,"error":..,"errorCode":..,"error_info":..}, and the HTML pages that come from in
// front of the API (Cloudflare's 403 after abuse, a 502 from the edge).
#pragma once

#include <string>

#include <boost/json/value.hpp>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes::pipedrive {

FakeResponse success_response(boost::json::value data, boost::json::value additional_data = nullptr);
FakeResponse error_response(int status, std::string message);
// v2's schema validation failure: 400 with code ERR_SCHEMA_VALIDATION_FAILED and "Validation failed: ..".
FakeResponse validation_error(const std::string& detail);
FakeResponse json_body_response(int status, const boost::json::value& body);
FakeResponse cloudflare_forbidden_response();
FakeResponse bad_gateway_response();

}  // namespace sellerscore::fakes::pipedrive
