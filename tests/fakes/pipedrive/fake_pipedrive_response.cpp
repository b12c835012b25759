#include "fake_pipedrive_response.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sellerscore::fakes::pipedrive {

FakeResponse json_body_response(int status, const boost::json::value& body) {
    FakeResponse response;
    response.status = status;
    response.body = boost::json::serialize(body);
    return response;
}

FakeResponse success_response(boost::json::value data, boost::json::value additional_data) {
    boost::json::object body;
    body["success"] = true;
    body["data"] = std::move(data);
    if (!additional_data.is_null()) body["additional_data"] = std::move(additional_data);
    return json_body_response(200, body);
}

FakeResponse error_response(int status, std::string message) {
    boost::json::object body;
    body["success"] = false;
    body["error"] = std::move(message);
    body["errorCode"] = status;
    body["error_info"] = "Please check developers.pipedrive.com for more information about Pipedrive API.";
    body["data"] = nullptr;
    body["additional_data"] = nullptr;
    return json_body_response(status, body);
}

FakeResponse validation_error(const std::string& detail) {
    boost::json::object body;
    body["success"] = false;
    body["error"] = "Validation failed: " + detail;
    body["code"] = "ERR_SCHEMA_VALIDATION_FAILED";
    body["errorCode"] = 400;
    body["error_info"] = "Please check developers.pipedrive.com for more information about Pipedrive API.";
    return json_body_response(400, body);
}

FakeResponse cloudflare_forbidden_response() {
    FakeResponse response;
    response.status = 403;
    response.content_type = "text/html; charset=UTF-8";
    response.headers.emplace_back("server", "cloudflare");
    response.headers.emplace_back("cf-ray", "8f1e2d3c4b5a6978-FRA");
    response.body =
        "<!DOCTYPE html>\n<html lang=\"en-US\"><head><title>Attention Required! | Cloudflare</title></head>"
        "<body><div id=\"cf-wrapper\"><h1>Sorry, you have been blocked</h1>"
        "<h2>You are unable to access pipedrive.com</h2>"
        "<p>This website is using a security service to protect itself from online attacks.</p>"
        "<p>Cloudflare Ray ID: 8f1e2d3c4b5a6978</p></div></body></html>\n";
    return response;
}

FakeResponse bad_gateway_response() {
    FakeResponse response;
    response.status = 502;
    response.content_type = "text/html";
    response.body = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                    "</center><hr><center>cloudflare</center></body></html>\n";
    return response;
}

}  // namespace sellerscore::fakes::pipedrive
