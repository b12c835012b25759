// Content-Encoding: gzip bodies, which arrive from the network before anything has checked them.
// Beyond not crashing: the inflated size never passes the cap, whatever the compressed bytes say.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "connectors/http/gzip_decoder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    // A small cap makes the zip-bomb refusal reachable from small inputs; the large one lets
    // concatenated members and long back-references run their course.
    for (const std::size_t cap : {std::size_t{4096}, std::size_t{8} << 20}) {
        const auto inflated = sellerscore::connectors::http::decode_gzip(body, cap);
        if (inflated && inflated->size() > cap) std::abort();
    }
    return 0;
}
