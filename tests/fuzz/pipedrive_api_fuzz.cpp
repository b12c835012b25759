// A Pipedrive conversation, response after response, through PipedriveApi as the sync reader uses
// it: a cursor-paged v2 list, an offset-paged v1 list and an unpaged list, over the real HTTP
// client (retries, Retry-After, 403 firewall pages, rate-limit and budget headers, error bodies).
// Beyond not crashing: the walks end, never asking for more than the script answered plus the
// client's retries, and every failure is a message.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "connectors/pipedrive/pipedrive_api.hpp"
#include "tests/fuzz/http_conversation.hpp"
#include "tests/fuzz/require_message.hpp"

namespace {

using namespace sellerscore;
using fuzz::require_message;
namespace http = sellerscore::connectors::http;
namespace pipedrive = sellerscore::connectors::pipedrive;
namespace json = boost::json;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view script(reinterpret_cast<const char*>(data), size);
    fuzz::HttpConversation conversation;
    pipedrive::ApiOptions options;
    options.retry.max_attempts = 3;
    options.daily_token_reserve = 0;
    http::RateLimitHeaders headers;  // as pipedrive_connector.cpp names them
    headers.max = "x-ratelimit-limit";
    headers.remaining = "x-ratelimit-remaining";
    headers.daily_remaining = "x-daily-ratelimit-token-remaining";
    pipedrive::PipedriveApi api(conversation.client(script, headers), options, conversation.clock);

    std::size_t items = 0;
    const auto count = [&items](std::vector<json::value>&& page) {
        items += page.size();
        return Status::ok();
    };
    require_message(api.each_cursor_page(pipedrive::PipedriveApi::v2("/deals?limit=500"), count));
    require_message(api.each_offset_page(pipedrive::PipedriveApi::v1("/notes?limit=500"), count));
    const auto users = api.unpaged_list(pipedrive::PipedriveApi::v1("/users"));
    if (!users) require_message(users.status());

    conversation.require_bounded(3);  // the 3 calls above
    return 0;
}
