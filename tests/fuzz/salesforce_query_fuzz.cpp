// A REST query page ({"totalSize":..,"done":..,"nextRecordsUrl":..,"records":[...]}) read as
// SalesforceApi::run_query reads it, each record then mapped as every SObject the org reader maps.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/salesforce_records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace json = boost::json;
    boost::system::error_code ec;
    const json::value body = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec);
    if (ec || !body.is_object()) return 0;  // run_query's "the answer is not a query result"
    const auto& page = body.as_object();
    if (const auto* records = page.if_contains("records"); records && records->is_array()) {
        sellerscore::fuzz::map_salesforce_records(records->as_array());
    }
    return 0;
}
