// Salesforce's response shapes: JSON bodies, the REST error body
// [{"message":"...","errorCode":"..."}] and the OAuth error body {"error","error_description"}.
#pragma once

#include <string>

#include <boost/json/value.hpp>

#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

FakeResponse sf_json(int status, const boost::json::value& body);
FakeResponse sf_error(int status, const std::string& error_code, const std::string& message);
FakeResponse sf_oauth_error(int status, const std::string& error, const std::string& description);

}  // namespace sellerscore::fakes
