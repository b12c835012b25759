// Full and incremental reads against the fake HubSpot over TLS.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "hubspot_fixture.hpp"
#include "connectors/hubspot/property_value.hpp"
#include "connectors/hubspot/sync_cursor.hpp"

using namespace sellerscore;
using namespace sellerscore::hubspot_testing;
using sellerscore::connectors::RemovedRecord;

namespace {

void check_same_records(const model::Dataset& read, const model::Dataset& expected) {
    const RecordLines got(read);
    const RecordLines want(expected);
    CHECK(got.sellers == want.sellers);
    CHECK(got.stages == want.stages);
    CHECK(got.contacts == want.contacts);
    CHECK(got.deals == want.deals);
    CHECK(got.stage_changes == want.stage_changes);
    CHECK(got.activities == want.activities);
}

std::set<std::string> ids_of(const std::vector<model::Deal>& deals) {
    std::set<std::string> ids;
    for (const auto& d : deals) ids.insert(d.id);
    return ids;
}

// Ids of `type` last modified exactly at the cursor's mark: an incremental read searches
// lastmodified >= mark, so these come once more besides what really changed.
std::set<std::string> at_mark(const fakes::FakeHubSpot& fake, const std::string& cursor, hs::ObjectType type) {
    const auto parsed = hs::SyncCursor::parse(cursor);
    REQUIRE(parsed);
    const std::string name(hs::path_name(type));
    const std::string modified(hs::last_modified_property(type));
    std::set<std::string> ids;
    for (const auto& id : fake.object_ids(name)) {
        const auto value = fake.value(name, id, modified);
        if (value && hs::parse_time_ms(*value) == parsed->mark(type)) ids.insert(id);
    }
    return ids;
}

std::set<std::string> activity_ids_at_mark(const fakes::FakeHubSpot& fake, const std::string& cursor) {
    std::set<std::string> ids;
    for (hs::ObjectType type : hs::all_object_types) {
        if (!hs::is_engagement(type)) continue;
        for (const auto& id : at_mark(fake, cursor, type)) ids.insert(std::string(hs::path_name(type)) + ":" + id);
    }
    return ids;
}

std::set<std::string> activity_ids(const std::vector<model::Activity>& activities) {
    std::set<std::string> ids;
    for (const auto& a : activities) ids.insert(a.id);
    return ids;
}

}  // namespace

TEST_CASE("a full read returns exactly the seeded records page by page") {
    HubSpotFixture f;
    const model::Dataset expected = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    REQUIRE(cursor);
    check_same_records(sink.records, expected);
    CHECK(sink.records.spend.empty());
    // 140 deals at 50 per page (HubSpot's page size with propertiesWithHistory): three deal pages.
    CHECK(sink.max_deals_per_page <= 50);
    CHECK(sink.pages >= 3 + 2 + 9 + 1);
    CHECK(f.fake.request_count("GET /crm/v3/objects/deals") == 3);
    CHECK(sink.removed.empty());
}

TEST_CASE("a full read skips deals without owner and says so once") {
    HubSpotFixture f;
    model::Dataset source = demo_dataset();
    source.deals[0].owner_id = "nobody";
    const model::Dataset expected = f.fake.seed(source);
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    CHECK(sink.records.deals.size() == expected.deals.size());
    CHECK(sink.records.deals.size() == source.deals.size() - 1);
    const auto warnings = std::count_if(f.log_lines.begin(), f.log_lines.end(), [](const std::string& line) {
        return line == "hubspot: skipped 1 deals without an owner (hubspot_owner_id): the model needs one";
    });
    CHECK(warnings == 1);
}

TEST_CASE("an incremental read returns exactly the touched and archived records") {
    HubSpotFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink full;
    const auto cursor = connector->read("", full);
    REQUIRE(cursor);

    const std::string touched_deal = seeded.deals[3].id;
    const std::string touched_contact = seeded.contacts[5].id;
    // The contact moves to another seller.
    std::string other_owner;
    for (const auto& s : seeded.sellers) {
        if (s.id != seeded.contacts[5].owner_id) other_owner = s.id;
    }
    const std::string archived_deal = seeded.deals[7].id;
    const std::string archived_call = f.fake.object_ids("calls").front();
    REQUIRE(f.fake.touch("deals", touched_deal, {{"amount", "777"}}));
    const Status touched = f.fake.touch("contacts", touched_contact, {{"hubspot_owner_id", other_owner}});
    INFO(touched.message());
    REQUIRE(touched);
    REQUIRE(f.fake.archive("deals", archived_deal));
    REQUIRE(f.fake.archive("calls", archived_call));
    std::set<std::string> expected_deals = at_mark(f.fake, *cursor, hs::ObjectType::deals);
    expected_deals.insert(touched_deal);
    expected_deals.erase(archived_deal);
    std::set<std::string> expected_contacts = at_mark(f.fake, *cursor, hs::ObjectType::contacts);
    expected_contacts.insert(touched_contact);
    std::set<std::string> expected_activities = activity_ids_at_mark(f.fake, *cursor);
    expected_activities.erase("calls:" + archived_call);

    CollectingSink changes;
    const auto next = connector->read(*cursor, changes);
    REQUIRE(next);
    CHECK(*next != *cursor);
    CHECK(ids_of(changes.records.deals) == expected_deals);
    CHECK(expected_deals.size() <= 2);
    std::set<std::string> contacts;
    for (const auto& c : changes.records.contacts) {
        contacts.insert(c.id);
        if (c.id == touched_contact) CHECK(c.owner_id == std::optional<std::string>(other_owner));
    }
    CHECK(contacts == expected_contacts);
    for (const auto& d : changes.records.deals) {
        if (d.id == touched_deal) CHECK(d.amount == std::optional<double>(777));
    }
    CHECK(activity_ids(changes.records.activities) == expected_activities);
    // the touched deal comes with its whole stage history
    std::size_t expected_history = 0;
    for (const auto& change : seeded.stage_changes) expected_history += expected_deals.contains(change.deal_id);
    CHECK(changes.records.stage_changes.size() == expected_history);
    // owners and pipelines come whole on every run
    CHECK(changes.records.sellers.size() == seeded.sellers.size());
    CHECK(changes.records.stages.size() == seeded.stages.size());

    std::set<std::pair<model::RecordType, std::string>> removed;
    for (const RemovedRecord& r : changes.removed) removed.insert({r.type, r.id});
    CHECK(removed == std::set<std::pair<model::RecordType, std::string>>{
                         {model::RecordType::deal, archived_deal}, {model::RecordType::activity, "calls:" + archived_call}});
}

TEST_CASE("an incremental read with nothing changed returns no records beyond owners and stages") {
    HubSpotFixture f;
    f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink full;
    const auto cursor = connector->read("", full);
    REQUIRE(cursor);
    CollectingSink changes;
    const auto next = connector->read(*cursor, changes);
    REQUIRE(next);
    CHECK(*next == *cursor);
    // The mark is inclusive (>=): only the records modified in each type's newest millisecond come again.
    CHECK(ids_of(changes.records.deals) == at_mark(f.fake, *cursor, hs::ObjectType::deals));
    CHECK(activity_ids(changes.records.activities) == activity_ids_at_mark(f.fake, *cursor));
    CHECK(changes.removed.empty());
}

TEST_CASE("an incremental read passes the 10000 search results cap by re-windowing") {
    HubSpotFixture f;
    model::Dataset source;
    source.sellers = {{"s1", "Sam Seller", "sam@example.com", std::nullopt, true}};
    const int calls = 10'050;
    for (int i = 0; i < calls; ++i) {
        model::Activity call;
        call.id = "a" + std::to_string(i);
        call.owner_id = "s1";
        call.type = model::ActivityType::call;
        call.at = 1'767'225'600 + i;
        source.activities.push_back(call);
    }
    f.fake.seed(source);
    auto connector = f.connector();
    const auto cursor = connector->current_cursor();
    REQUIRE(cursor);
    const auto ids = f.fake.object_ids("calls");
    REQUIRE(ids.size() == static_cast<std::size_t>(calls));
    for (const auto& id : ids) REQUIRE(f.fake.touch("calls", id, {{"hs_call_body", "followed up"}}));

    CollectingSink changes;
    REQUIRE(connector->read(*cursor, changes));
    std::map<std::string, int> seen;
    for (const auto& a : changes.records.activities) ++seen[a.id];
    CHECK(seen.size() == static_cast<std::size_t>(calls));
    CHECK(std::all_of(seen.begin(), seen.end(), [](const auto& entry) { return entry.second == 1; }));
    CHECK(f.fake.request_count("POST /crm/v3/objects/calls/search") >= 51);
}

TEST_CASE("a full read with hundreds of stages still lists deals with their history in one pass") {
    HubSpotFixture f;
    model::Dataset source = demo_dataset();
    // 50 more pipelines of 6 stages: the stage history no longer needs one property per stage.
    for (int p = 0; p < 50; ++p) {
        for (int s = 0; s < 6; ++s) {
            source.stages.push_back({"extra_" + std::to_string(p) + "_stage_" + std::to_string(s),
                                     "extra_pipeline_" + std::to_string(p), "Stage " + std::to_string(s), s,
                                     s == 5 ? model::StageKind::won : model::StageKind::open, s == 5 ? 1.0 : 0.5});
        }
    }
    const model::Dataset expected = f.fake.seed(source);
    auto connector = f.connector();
    CollectingSink sink;
    const auto cursor = connector->read("", sink);
    INFO(cursor.status().message());
    REQUIRE(cursor);
    check_same_records(sink.records, expected);
    CHECK(f.fake.request_count("POST /crm/v3/objects/deals/batch/read") == 0);
    CHECK(f.fake.request_count("GET /crm/v3/objects/deals") == 3);
}

namespace {

// A deal of the demo data sent back: its first two stages entered once more, a day apart.
struct DealThatWentBack {
    model::Dataset source = demo_dataset();
    std::string deal_id;
    std::string first_stage, second_stage;
    model::Timestamp back_at = 0;

    DealThatWentBack() {
        std::map<std::string, std::vector<model::StageChange>> by_deal;
        for (const auto& change : source.stage_changes) by_deal[change.deal_id].push_back(change);
        for (const auto& [id, changes] : by_deal) {
            if (changes.size() < 2) continue;
            deal_id = id;
            first_stage = changes[0].stage_id;
            second_stage = changes[1].stage_id;
            back_at = changes.back().entered_at + model::ms_per_day;
            break;
        }
        REQUIRE(!deal_id.empty());
        source.stage_changes.push_back({deal_id, first_stage, back_at});
        source.stage_changes.push_back({deal_id, second_stage, back_at + model::ms_per_day});
    }
};

std::vector<model::StageChange> history_of(const model::Dataset& d, const std::string& deal_id) {
    std::vector<model::StageChange> history;
    for (const auto& change : d.stage_changes)
        if (change.deal_id == deal_id) history.push_back(change);
    std::stable_sort(history.begin(), history.end(),
                     [](const auto& a, const auto& b) { return a.entered_at < b.entered_at; });
    return history;
}

}  // namespace

TEST_CASE("a full read brings every stay of a deal that went back to an earlier stage") {
    HubSpotFixture f;
    const DealThatWentBack back;
    const model::Dataset seeded = f.fake.seed(back.source);
    // The seeded deal's HubSpot id: the one whose history holds the re-entry.
    auto connector = f.connector();
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    std::string hubspot_id;
    for (const auto& change : seeded.stage_changes)
        if (change.entered_at == back.back_at) hubspot_id = change.deal_id;
    REQUIRE(!hubspot_id.empty());
    const auto history = history_of(sink.records, hubspot_id);
    REQUIRE(history.size() >= 4);
    const auto n = history.size();
    // ..., first stage again at back_at, second stage again a day later: both stays kept.
    CHECK(history[n - 2].entered_at == back.back_at);
    CHECK(history[n - 1].entered_at == back.back_at + model::ms_per_day);
    CHECK(history[n - 2].stage_id == history[0].stage_id);
    CHECK(history[n - 1].stage_id == history[1].stage_id);
}

TEST_CASE("an incremental read of a deal moved back brings its whole history through one batch read") {
    HubSpotFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    auto connector = f.connector();
    CollectingSink full;
    const auto cursor = connector->read("", full);
    REQUIRE(cursor);
    // A deal with at least two stays goes back to its first stage, then forward again.
    std::string deal_id;
    std::vector<model::StageChange> before;
    for (const auto& d : seeded.deals) {
        before = history_of(full.records, d.id);
        if (before.size() >= 2) {
            deal_id = d.id;
            break;
        }
    }
    REQUIRE(!deal_id.empty());
    REQUIRE(f.fake.touch("deals", deal_id, {{"dealstage", before[0].stage_id}}));
    REQUIRE(f.fake.touch("deals", deal_id, {{"dealstage", before[1].stage_id}}));

    CollectingSink changes;
    REQUIRE(connector->read(*cursor, changes));
    const auto after = history_of(changes.records, deal_id);
    REQUIRE(after.size() == before.size() + 2);
    for (std::size_t i = 0; i < before.size(); ++i) CHECK(model::to_ndjson(after[i]) == model::to_ndjson(before[i]));
    CHECK(after[before.size()].stage_id == before[0].stage_id);
    CHECK(after[before.size() + 1].stage_id == before[1].stage_id);
    // Search cannot return histories: one batch/read (up to 50 deals) brings them.
    CHECK(f.fake.request_count("POST /crm/v3/objects/deals/batch/read") == 1);
}

TEST_CASE("a portal keeping the lead source in its own contact property gets it as the contact's channel") {
    HubSpotFixture f;
    const model::Dataset seeded = f.fake.seed(demo_dataset());
    fakes::FakeHubSpotProperty source;
    source.name = "lead_source_custom";
    source.label = "Lead source";
    source.type = "string";
    source.field_type = "text";
    source.group_name = "contactinformation";
    f.fake.define_property("contacts", source);
    const std::string contact_id = seeded.contacts[0].id;
    REQUIRE(f.fake.touch("contacts", contact_id, {{"lead_source_custom", "referral"}}));

    hs::HubSpotSettings settings = f.settings();
    settings.channel_property = "lead_source_custom";
    auto connector = f.connector(settings);
    CollectingSink sink;
    REQUIRE(connector->read("", sink));
    std::map<std::string, std::optional<std::string>> channel_of;
    for (const auto& c : sink.records.contacts) channel_of[c.id] = c.channel;
    CHECK(channel_of.at(contact_id) == std::optional<std::string>("referral"));
    // Contacts without a value in that property have no channel, whatever hs_analytics_source says.
    CHECK(channel_of.at(seeded.contacts[1].id) == std::nullopt);
}
