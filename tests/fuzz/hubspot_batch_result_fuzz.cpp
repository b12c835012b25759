// The answer to POST /crm/v3/objects/<type>/batch/update: 200 with results, or 207 Multi-Status
// with errors[] whose context.ids name the inputs that failed. Beyond not crashing: every id we
// sent comes back updated or failed, never lost (a lost id would be neither retried nor reported).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>

#include "connectors/hubspot/batch_update_result.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace json = boost::json;
    boost::system::error_code ec;
    const json::value body = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec) return 0;
    const std::vector<std::string> sent = {"1", "2", "3", "501", ""};
    const auto result = sellerscore::connectors::hubspot::BatchUpdateResult::parse(body, sent);
    for (const std::string& id : sent) {
        if (!result.updated.contains(id) && !result.failed.contains(id)) std::abort();
    }
    return 0;
}
