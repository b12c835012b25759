// What a fake vendor sees and answers, independent of the server that carries it: fake vendor
// logic compiles without Beast, and the loopback server (the only Beast TU of the fakes) plays
// the faults a response asks for on the wire.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace sellerscore::fakes {

struct FakeRequest {
    std::string method;  // "GET", "POST", ...
    std::string target;  // path and query, as received ("/crm/v3/objects/deals?limit=100&after=200")
    std::string path;    // target without the query, percent-decoded
    std::map<std::string, std::string> query;    // decoded query parameters (last one wins)
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
};

// How the server delivers a response; everything but `none` simulates a fault.
enum class WireFault {
    none,
    close_before_response,  // read the request, then close the connection without answering
    truncate_body,          // send the headers with the full Content-Length, then half the body, then close
    delay_response,         // wait `delay` before answering (a slow server; a client read timeout fires)
};

struct FakeResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;  // Content-Length and Content-Type are added
    std::string body;
    std::string content_type = "application/json;charset=utf-8";
    bool gzip = false;  // compress the body and send Content-Encoding: gzip (the client asked for it)
    WireFault fault = WireFault::none;
    std::chrono::milliseconds delay{0};
};

using FakeHandler = std::function<FakeResponse(const FakeRequest&)>;

}  // namespace sellerscore::fakes
