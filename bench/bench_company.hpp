// The demo CRM a vendor bench syncs: the full size it names, or with --small a tenth of its contacts,
// deals and activities (the same code path, quickly).
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "host/demo/demo_crm_generator.hpp"

namespace sellerscore::bench {

// `contacts_noun` and `activities_noun` are the vendor's words for them ("persons", "engagements").
// Prints what it generates; nullopt (with the reason on stderr) when the generator refuses.
inline std::optional<model::Dataset> bench_company(demo::DemoOptions options, int argc, char** argv,
                                                   const char* contacts_noun, const char* activities_noun) {
    if (argc > 1 && std::string(argv[1]) == "--small") {
        options.contacts /= 10;
        options.deals /= 10;
        options.activities /= 10;
    }
    std::printf("generating %d deals, %d %s, %d %s...\n", options.deals, options.contacts, contacts_noun,
                options.activities, activities_noun);
    auto generated = demo::DemoCrmGenerator::dataset(options);
    if (!generated) {
        std::fprintf(stderr, "demo: %s\n", generated.status().message().c_str());
        return std::nullopt;
    }
    return std::move(*generated);
}

}  // namespace sellerscore::bench
