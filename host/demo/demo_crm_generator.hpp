// Generates the demo CRM: a deterministic, realistic sales organisation (sellers of different
// skill in three teams, leads from several channels, deals moving through a five-stage pipeline,
// calls, emails, meetings, visits and proposals, repeat customers and customers who stop buying,
// monthly paid-channel spend) so that every KPI of KPIS.md has something to show.
//
// The same options give byte-identical records on every machine. Nothing is dated at or after
// options.end, and the counts of sellers, contacts, deals and activities are exactly the options'.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "demo_options.hpp"
#include "demo_seller.hpp"
#include "plugin/model/records.hpp"
#include "plugin/model/status.hpp"

namespace sellerscore::demo {

class DemoCrmGenerator {
public:
    using PageSink = std::function<Status(model::Dataset&&)>;

    // Streams the CRM as pages: sellers and stages, then contacts, then deals with their stage
    // changes, then activities, then spend. A record only refers to records of its own or an
    // earlier page. Stops at, and returns, the first failure of the sink; invalid_argument for
    // options that cannot be honoured (DemoOptions::validate).
    static Status generate(const DemoOptions& options, const PageSink& page_sink);

    // The whole CRM in memory (benches and tests that seed a fake vendor with it).
    static Result<model::Dataset> dataset(const DemoOptions& options);

    // Writes the KPIS.md §1.1 interchange files (sellers.ndjson, stages.ndjson, contacts.ndjson,
    // deals.ndjson, stage_changes.ndjson, activities.ndjson, spend.ndjson) into `dir`, creating it
    // if needed and replacing files of those names.
    static Status write_ndjson(const DemoOptions& options, const std::filesystem::path& dir);

    // The sellers that generate() emits, with the traits behind their numbers; none for options
    // that fail DemoOptions::validate().
    static std::vector<DemoSeller> sellers(const DemoOptions& options);
};

}  // namespace sellerscore::demo
