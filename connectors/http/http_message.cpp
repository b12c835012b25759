#include "connectors/http/http_message.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace sellerscore::connectors::http {

std::string_view to_string(Method method) {
    switch (method) {
        case Method::get: return "GET";
        case Method::post: return "POST";
        case Method::patch: return "PATCH";
        case Method::put: return "PUT";
        case Method::del: return "DELETE";
    }
    return "GET";
}

std::optional<std::string_view> HttpResponse::header(std::string_view name) const {
    for (const auto& h : headers)
        if (boost::algorithm::iequals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

std::string method_and_path(const HttpRequest& request) {
    const std::string_view target = request.target;
    return std::string(to_string(request.method)) + " " + std::string(target.substr(0, target.find('?')));
}

}  // namespace sellerscore::connectors::http
