// `crmhost deals --where '...'`: the manager's filter language, over the deal fields of the real
// manifest. Beyond not crashing: a filter that parses names only catalog fields, and one that does
// not says why.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "plugin/src/deal_filter.hpp"

namespace {

using sellerscore::plugin::FieldCatalog;

const FieldCatalog& catalog() {
    static const FieldCatalog loaded = [] {
        std::ifstream file(SELLERSCORE_SOURCE_DIR "/manifest/sellerscore.json");
        std::stringstream text;
        text << file.rdbuf();
        auto parsed = FieldCatalog::from_manifest(text.str());
        if (!parsed) std::abort();  // the harness itself is broken, not the parser
        return std::move(parsed).value();
    }();
    return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view where(reinterpret_cast<const char*>(data), size);
    const auto query = sellerscore::plugin::parse_deal_filter(where, catalog());
    if (!query) {
        if (query.status().message().empty()) std::abort();
        return 0;
    }
    for (const auto& predicate : query->all_of) {
        if (!catalog().index_of(predicate.field_id)) std::abort();
    }
    return 0;
}
