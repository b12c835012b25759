// The demo's survey responses and deliveries: valid, plausible, varied by seller, some late.
#include <catch2/catch.hpp>

#include <map>
#include <fstream>
#include <set>

#include <unistd.h>

#include "host/demo/demo_crm_generator.hpp"
#include "plugin/model/record_json.hpp"

namespace {

using namespace sellerscore;
using demo::DemoCrmGenerator;
using demo::DemoOptions;

const model::Dataset& standard_data() {
    static const model::Dataset data = *DemoCrmGenerator::dataset(DemoOptions::standard());
    return data;
}

}  // namespace

TEST_CASE("the demo's deliveries are of won deals, dated before the end, and some are late") {
    const model::Dataset& all = standard_data();
    const model::Timestamp end = DemoOptions::standard().end;
    std::map<std::string, const model::Deal*> deals;
    for (const auto& d : all.deals) deals[d.id] = &d;
    REQUIRE_FALSE(all.deliveries.empty());
    int late = 0, outstanding = 0, on_time = 0;
    std::set<std::string> ids;
    for (const model::Delivery& v : all.deliveries) {
        INFO(v.id);
        CHECK(ids.insert(v.id).second);
        REQUIRE(deals.count(v.deal_id) == 1);
        CHECK(deals.at(v.deal_id)->status == model::DealStatus::won);
        if (v.delivered_at) {
            CHECK(*v.delivered_at < end);
            CHECK(*v.delivered_at >= *deals.at(v.deal_id)->closed_at);
            (*v.delivered_at <= v.promised_at ? on_time : late) += 1;
        } else {
            outstanding += 1;
        }
    }
    CHECK(on_time > late);
    CHECK(late > 0);
    CHECK(outstanding > 0);
}

TEST_CASE("the demo's survey answers use both kinds within range and satisfaction varies by seller") {
    const model::Dataset& all = standard_data();
    const model::Timestamp end = DemoOptions::standard().end;
    std::map<std::string, std::string> deal_owner;
    for (const auto& d : all.deals) deal_owner[d.id] = d.owner_id;
    std::map<std::string, std::string> contact_owner;
    for (const auto& c : all.contacts) {
        if (c.owner_id) contact_owner[c.id] = *c.owner_id;
    }
    REQUIRE(all.survey_responses.size() > 100);
    std::map<std::string, std::pair<int, int>> satisfied_of_csat;  // seller -> (4-5 answers, answers)
    int nps = 0, contact_only = 0;
    for (const model::SurveyResponse& r : all.survey_responses) {
        INFO(model::to_ndjson(r));
        CHECK(r.at < end);
        CHECK(model::parse_survey_response(model::to_ndjson(r)).is_ok());  // in range for its kind
        REQUIRE(r.contact_id);
        if (!r.deal_id) ++contact_only;
        if (r.kind == model::SurveyKind::nps) {
            ++nps;
            continue;
        }
        if (!r.deal_id) continue;
        auto& tally = satisfied_of_csat[deal_owner.at(*r.deal_id)];
        tally.first += r.score >= 4 ? 1 : 0;
        tally.second += 1;
    }
    CHECK(nps > 0);
    CHECK(nps < static_cast<int>(all.survey_responses.size()));
    CHECK(contact_only > 0);
    double lowest = 1, highest = 0;
    for (const auto& [seller, tally] : satisfied_of_csat) {
        if (tally.second < 10) continue;
        const double share = static_cast<double>(tally.first) / tally.second;
        lowest = std::min(lowest, share);
        highest = std::max(highest, share);
    }
    CHECK(highest - lowest > 0.2);
}

TEST_CASE("the demo writes survey_responses.ndjson and deliveries.ndjson, the same bytes for the same seed") {
    auto write = [](const std::filesystem::path& dir) {
        DemoOptions options;
        options.sellers = 5;
        options.contacts = 300;
        options.deals = 450;
        options.activities = 2'000;
        REQUIRE(DemoCrmGenerator::write_ndjson(options, dir).is_ok());
    };
    const auto base = std::filesystem::temp_directory_path() /
                      ("sellerscore_demo_experience_" + std::to_string(::getpid()));
    write(base / "a");
    write(base / "b");
    for (const char* file : {"survey_responses.ndjson", "deliveries.ndjson"}) {
        INFO(file);
        std::ifstream a(base / "a" / file), b(base / "b" / file);
        const std::string ta((std::istreambuf_iterator<char>(a)), {}), tb((std::istreambuf_iterator<char>(b)), {});
        CHECK_FALSE(ta.empty());
        CHECK(ta == tb);
    }
    std::error_code ignored;
    std::filesystem::remove_all(base, ignored);
}
