// A Salesforce conversation, response after response, through SalesforceApi as the org reader uses
// it: a REST query followed through nextRecordsUrl, a COUNT(), a Tooling API query, over the real
// HTTP client (retries, Retry-After, Sforce-Limit-Info usage headers, error bodies). Beyond not
// crashing: the query ends, never asking for more than the script answered plus the client's
// retries, and every failure is a message.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "connectors/salesforce/salesforce_api.hpp"
#include "tests/fuzz/http_conversation.hpp"
#include "tests/fuzz/require_message.hpp"

namespace {

using namespace sellerscore;
using fuzz::require_message;
namespace salesforce = sellerscore::connectors::salesforce;
namespace json = boost::json;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view script(reinterpret_cast<const char*>(data), size);
    fuzz::HttpConversation conversation;
    salesforce::ApiAllocation allocation(0.2);
    salesforce::SalesforceApi api(conversation.client(script), "v62.0", allocation);

    std::size_t records = 0;
    require_message(api.query("SELECT Id, StageName FROM Opportunity", [&records](const json::array& page) {
        records += page.size();
        return Status::ok();
    }));
    const auto total = api.count("SELECT COUNT() FROM Task");
    if (!total) require_message(total.status());
    const auto stages = api.tooling_query("SELECT Id FROM OpportunityStage");
    if (!stages) require_message(stages.status());

    conversation.require_bounded(3);  // the 3 calls above
    return 0;
}
