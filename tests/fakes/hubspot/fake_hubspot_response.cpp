#include "fake_hubspot_response.hpp"

#include <cstdio>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace sellerscore::fakes {

FakeResponse json_response(int status, const boost::json::value& body) {
    FakeResponse response;
    response.status = status;
    response.body = boost::json::serialize(body);
    return response;
}

FakeResponse error_response(int status, std::string_view category, std::string message, std::string_view correlation,
                            const boost::json::value& extra) {
    boost::json::object body;
    body["status"] = "error";
    body["message"] = std::move(message);
    body["correlationId"] = correlation;
    if (!category.empty()) body["category"] = category;
    if (const boost::json::object* fields = extra.if_object())
        for (const auto& field : *fields) body[field.key()] = field.value();
    return json_response(status, body);
}

FakeResponse validation_error(std::string message, std::string_view correlation) {
    return error_response(400, "VALIDATION_ERROR", std::move(message), correlation);
}

std::string correlation_id(std::uint64_t sequence) {
    char text[40];
    std::snprintf(text, sizeof text, "0b5e1c2a-0000-4000-8000-%012llx", static_cast<unsigned long long>(sequence));
    return text;
}

}  // namespace sellerscore::fakes
