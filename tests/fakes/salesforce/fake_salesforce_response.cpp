#include "fake_salesforce_response.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sellerscore::fakes {

FakeResponse sf_json(int status, const boost::json::value& body) {
    FakeResponse response;
    response.status = status;
    response.body = boost::json::serialize(body);
    response.content_type = "application/json;charset=UTF-8";
    return response;
}

FakeResponse sf_error(int status, const std::string& error_code, const std::string& message) {
    return sf_json(status, boost::json::array{boost::json::object{{"message", message}, {"errorCode", error_code}}});
}

FakeResponse sf_oauth_error(int status, const std::string& error, const std::string& description) {
    return sf_json(status, boost::json::object{{"error", error}, {"error_description", description}});
}

}  // namespace sellerscore::fakes
