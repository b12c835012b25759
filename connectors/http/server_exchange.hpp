// What the HTTPS server hands its handler and takes back: plain types, so the code that decides
// the answers (crmhost serve) never sees Beast or Asio.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace sellerscore::connectors::http {

struct ServerRequest {
    std::string method;                         // "GET", "POST", ...
    std::string target;                         // path and query as received ("/card?dealId=7")
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

struct ServerResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
};

// Called from several connection threads at once: it must be thread-safe.
using ServerHandler = std::function<ServerResponse(const ServerRequest&)>;

}  // namespace sellerscore::connectors::http
