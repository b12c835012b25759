// One line of an NDJSON import file (KPIS.md §1.1), tried as each of the seven record kinds, since
// an admin's file can hold anything. Beyond not crashing: a line that parses writes back to a line
// that parses again and writes back the same ("parse_X(to_ndjson(r)) gives back r exactly").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "plugin/model/record_json.hpp"

namespace {

namespace model = sellerscore::model;

template <class Parse>
void round_trip(std::string_view line, Parse parse) {
    const auto record = parse(line);
    if (!record) {
        // The caller prefixes "file:line: "; an empty reason would leave the user a bare location.
        if (record.status().message().empty()) std::abort();
        return;
    }
    const std::string written = model::to_ndjson(*record);
    const auto again = parse(written);
    if (!again) std::abort();
    if (model::to_ndjson(*again) != written) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    round_trip(line, model::parse_seller);
    round_trip(line, model::parse_stage);
    round_trip(line, model::parse_contact);
    round_trip(line, model::parse_deal);
    round_trip(line, model::parse_stage_change);
    round_trip(line, model::parse_activity);
    round_trip(line, model::parse_spend);
    return 0;
}
