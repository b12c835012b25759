// The record cache a remote sync keeps between runs (plugin/src/record_cache.cpp), compiled into
// this binary: records survive as they were read, milliseconds and all spend rows included.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "host_scratch_directory.hpp"
#include "plugin/src/record_cache.hpp"

using namespace sellerscore;
using sellerscore::host::testing::ScratchDirectory;

namespace {

std::string manifest_text() {
    std::ifstream in(SELLERSCORE_SOURCE_DIR "/manifest/sellerscore.json");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::unique_ptr<plugin::RecordCache> open_cache(const ScratchDirectory& dir) {
    auto cache = plugin::RecordCache::open(dir.path().string(), "test");
    REQUIRE(cache);
    return std::move(*cache);
}

void apply(plugin::RecordCache& cache, model::Dataset records) {
    REQUIRE(cache.begin("test vendor"));
    connectors::ReadPage page;
    page.records = std::move(records);
    REQUIRE(cache.apply(page));
    REQUIRE(cache.commit());
}

model::Dataset load(plugin::RecordCache& cache) {
    auto catalog = plugin::FieldCatalog::from_manifest(manifest_text());
    REQUIRE(catalog);
    plugin::HeldValues held(*catalog);
    auto loaded = cache.load(held);
    REQUIRE(loaded);
    return std::move(*loaded);
}

}  // namespace

TEST_CASE("the record cache keeps every spend row of a channel's month, and a page naming the month replaces them") {
    ScratchDirectory dir;
    auto cache = open_cache(dir);
    model::Dataset first;
    first.spend = {{"ads", "2026-03", 100, 10.0}, {"ads", "2026-03", 50, std::nullopt}, {"ads", "2026-04", 70, 7.0}};
    apply(*cache, first);
    CHECK(load(*cache).spend.size() == 3);

    model::Dataset correction;
    correction.spend = {{"ads", "2026-03", 120, 12.0}};
    apply(*cache, correction);
    const model::Dataset now = load(*cache);
    REQUIRE(now.spend.size() == 2);
    double march = 0;
    for (const model::Spend& row : now.spend)
        if (row.month == "2026-03") march += row.amount;
    CHECK(march == 120);
}

TEST_CASE("the record cache keeps the milliseconds of every instant") {
    ScratchDirectory dir;
    auto cache = open_cache(dir);
    model::Dataset records;
    model::Activity call;
    call.id = "a1";
    call.owner_id = "s1";
    call.type = model::ActivityType::call;
    call.at = 1'772'366'400'123;  // 2026-03-01T12:00:00.123Z
    records.activities = {call};
    records.stage_changes = {{"d1", "st1", 1'772'366'400'999}};
    apply(*cache, records);
    const model::Dataset back = load(*cache);
    REQUIRE(back.activities.size() == 1);
    CHECK(back.activities[0].at == 1'772'366'400'123);
    REQUIRE(back.stage_changes.size() == 1);
    CHECK(back.stage_changes[0].entered_at == 1'772'366'400'999);
}
