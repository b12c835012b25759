// A HubSpot conversation, response after response, through HubSpotApi as the portal reader uses
// it: a cursor probe (a one-result search read for its total), a CRM search paged with SearchPager
// (after, and re-windowing past the 10,000-result cap), then a GET and a batch POST, over the real
// HTTP client (retries, Retry-After, the search pacer, the X-HubSpot-RateLimit-* headers, error
// bodies). Beyond not crashing: the search ends, never asking for more than the script answered
// plus the client's retries, and every failure is a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/json/object.hpp>

#include "connectors/hubspot/cursor_probe.hpp"
#include "connectors/hubspot/hubspot_api.hpp"
#include "connectors/hubspot/search_pager.hpp"
#include "tests/fuzz/http_conversation.hpp"
#include "tests/fuzz/require_message.hpp"

namespace {

using namespace sellerscore;
using fuzz::require_message;
namespace http = sellerscore::connectors::http;
namespace hubspot = sellerscore::connectors::hubspot;
namespace json = boost::json;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view script(reinterpret_cast<const char*>(data), size);
    fuzz::HttpConversation conversation;
    http::RateLimitHeaders headers;  // as hubspot_connector.cpp names them
    headers.max = "X-HubSpot-RateLimit-Max";
    headers.remaining = "X-HubSpot-RateLimit-Remaining";
    headers.interval_ms = "X-HubSpot-RateLimit-Interval-Milliseconds";
    headers.daily_remaining = "X-HubSpot-RateLimit-Daily-Remaining";
    hubspot::HubSpotApi api(conversation.client(script, headers), "/crm/v3", conversation.clock, 4);

    const auto probe = hubspot::probe_type(api, hubspot::ObjectType::deals, 1'772'366'400'000);
    if (!probe) require_message(probe.status());
    hubspot::SearchPager pager("lastmodifieddate", 1'772'366'400'000, {"createdate", "hubspot_owner_id"});
    while (true) {
        auto body = api.search(hubspot::ObjectType::contacts, pager.request());
        if (!body) {
            require_message(body.status());
            break;
        }
        if (!pager.advance(*body)) break;
    }
    const auto owners = api.get(api.v3("/owners?limit=100"));
    if (!owners) require_message(owners.status());
    const json::object update{{"inputs", json::array{json::object{{"id", "501"}, {"properties", json::object{}}}}}};
    const auto written = api.post(api.v3("/objects/deals/batch/update"), update);
    if (!written) require_message(written.status());

    conversation.require_bounded(4);  // the 4 calls above
    return 0;
}
