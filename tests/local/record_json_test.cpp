#include <catch2/catch.hpp>

#include "plugin/model/record_json.hpp"

namespace model = sellerscore::model;

namespace {

constexpr const char* open_deal =
    R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"open"})";

std::string reason(const sellerscore::Status& status) { return status.message(); }

}  // namespace

TEST_CASE("a complete deal line parses into every field") {
    const auto deal = model::parse_deal(
        R"({"id":"D-2","owner_id":"S-1","contact_id":"C-1","company_id":"CO-1","pipeline_id":"P","stage_id":"ST-9",)"
        R"("amount":1250.5,"created_at":"2026-01-05T09:00:00Z","closed_at":"2026-01-06T09:00:00+01:00","status":"won"})");
    REQUIRE(deal);
    CHECK(deal->id == "D-2");
    CHECK(deal->contact_id == "C-1");
    CHECK(deal->company_id == "CO-1");
    CHECK(deal->amount == 1250.5);
    // 2026-01-05 is day 20458; the close is 08:00 UTC one day later.
    CHECK(deal->created_at == (20458LL * 86400 + 9 * 3600) * 1000);
    CHECK(deal->closed_at == (20459LL * 86400 + 8 * 3600) * 1000);
    CHECK(deal->status == model::DealStatus::won);
}

TEST_CASE("absent and null nullable fields are both empty") {
    const auto absent = model::parse_deal(open_deal);
    REQUIRE(absent);
    CHECK_FALSE(absent->amount);
    CHECK_FALSE(absent->contact_id);
    const auto null = model::parse_deal(
        R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z",)"
        R"("status":"open","amount":null,"contact_id":null,"closed_at":null})");
    REQUIRE(null);
    CHECK_FALSE(null->amount);
    CHECK_FALSE(null->contact_id);
}

TEST_CASE("an unknown enum value is rejected with the field and the value") {
    const auto deal = model::parse_deal(
        R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"wn"})");
    REQUIRE_FALSE(deal);
    CHECK(reason(deal.status()) == "unknown status 'wn'");
}

TEST_CASE("a missing required field is rejected by name") {
    const auto deal = model::parse_deal(
        R"({"id":"D-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"open"})");
    REQUIRE_FALSE(deal);
    CHECK(reason(deal.status()) == "missing field 'owner_id'");
}

TEST_CASE("a value of the wrong JSON type is rejected") {
    const auto stage = model::parse_stage(R"({"id":"ST-1","pipeline_id":"P","name":"New","order":"1","kind":"open"})");
    REQUIRE_FALSE(stage);
    CHECK(reason(stage.status()) == "field 'order' must be an integer");
}

TEST_CASE("a null required field is a type error, not an absence") {
    const auto seller = model::parse_seller(R"({"id":"S-1","name":null,"email":"a@b.c","active":true})");
    REQUIRE_FALSE(seller);
    CHECK(reason(seller.status()) == "field 'name' must be a string");
}

TEST_CASE("a time that is not RFC 3339 is rejected") {
    const auto contact = model::parse_contact(R"({"id":"C-1","created_at":"2026-02-30T00:00:00Z"})");
    REQUIRE_FALSE(contact);
    CHECK(reason(contact.status()) == "field 'created_at' is not an RFC 3339 time: '2026-02-30T00:00:00Z'");
}

TEST_CASE("an unknown field name is rejected so that a typo cannot drop data") {
    const auto contact = model::parse_contact(R"({"id":"C-1","ownr_id":"S-1","created_at":"2026-02-01T00:00:00Z"})");
    REQUIRE_FALSE(contact);
    CHECK(reason(contact.status()) == "unknown field 'ownr_id'");
}

TEST_CASE("closed_at on an open deal is rejected") {
    const auto deal = model::parse_deal(
        R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z",)"
        R"("closed_at":"2026-01-07T09:00:00Z","status":"open"})");
    REQUIRE_FALSE(deal);
    CHECK(reason(deal.status()) == "closed_at on an open deal");
}

TEST_CASE("a won or lost deal without closed_at is rejected") {
    const auto won = model::parse_deal(
        R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"won"})");
    REQUIRE_FALSE(won);
    CHECK(reason(won.status()) == "won deal without closed_at");
    const auto lost = model::parse_deal(
        R"({"id":"D-1","owner_id":"S-1","pipeline_id":"P","stage_id":"ST-1","created_at":"2026-01-05T09:00:00Z","status":"lost"})");
    REQUIRE_FALSE(lost);
    CHECK(reason(lost.status()) == "lost deal without closed_at");
}

TEST_CASE("a stage probability outside [0, 1] is rejected") {
    const auto stage =
        model::parse_stage(R"({"id":"ST-1","pipeline_id":"P","name":"New","order":1,"kind":"open","probability":1.5})");
    REQUIRE_FALSE(stage);
    CHECK(reason(stage.status()) == "probability 1.5 is outside [0, 1]");
    CHECK_FALSE(
        model::parse_stage(R"({"id":"ST-1","pipeline_id":"P","name":"New","order":1,"kind":"open","probability":-0.1})"));
    CHECK(model::parse_stage(R"({"id":"ST-1","pipeline_id":"P","name":"New","order":1,"kind":"won","probability":1})"));
}

TEST_CASE("a spend month that is not YYYY-MM is rejected") {
    const auto spend = model::parse_spend(R"({"channel":"ads","month":"2026-13","amount":100})");
    REQUIRE_FALSE(spend);
    CHECK(reason(spend.status()) == "month '2026-13' is not YYYY-MM");
    CHECK_FALSE(model::parse_spend(R"({"channel":"ads","month":"2026-3","amount":100})"));
    CHECK_FALSE(model::parse_spend(R"({"channel":"ads","month":"2026-03-01","amount":100})"));
    CHECK(model::parse_spend(R"({"channel":"ads","month":"2026-03","amount":100})"));
}

TEST_CASE("a negative activity duration is rejected") {
    const auto activity = model::parse_activity(
        R"({"id":"A-1","owner_id":"S-1","type":"call","direction":"outbound","at":"2026-02-01T10:00:00Z","duration_s":-3})");
    REQUIRE_FALSE(activity);
    CHECK(reason(activity.status()) == "negative duration_s -3");
}

TEST_CASE("a line that is not JSON, or not an object, is rejected") {
    CHECK_FALSE(model::parse_seller(R"({"id":"S-1",)"));
    const auto array = model::parse_seller("[1,2]");
    REQUIRE_FALSE(array);
    CHECK(reason(array.status()) == "not a JSON object");
}

TEST_CASE("objection defaults to false when omitted") {
    const auto activity = model::parse_activity(
        R"({"id":"A-1","owner_id":"S-1","type":"email","direction":"outbound","at":"2026-02-01T10:00:00Z"})");
    REQUIRE(activity);
    CHECK_FALSE(activity->objection);
    CHECK_FALSE(activity->opened);
}

TEST_CASE("an activity round-trips through NDJSON") {
    model::Activity a;
    a.id = "A-7";
    a.owner_id = "S-\"quoted\"";
    a.type = model::ActivityType::email;
    a.direction = model::Direction::inbound;
    a.at = 1'772'366'400;
    a.contact_id = "C-3";
    a.deal_id = "D-4";
    a.duration_s = 12.25;
    a.outcome = model::Outcome::no_show;
    a.opened = true;
    a.clicked = false;
    a.objection = true;
    const auto back = model::parse_activity(model::to_ndjson(a));
    REQUIRE(back);
    CHECK(back->id == a.id);
    CHECK(back->owner_id == a.owner_id);
    CHECK(back->type == a.type);
    CHECK(back->direction == a.direction);
    CHECK(back->at == a.at);
    CHECK(back->contact_id == a.contact_id);
    CHECK(back->deal_id == a.deal_id);
    CHECK(back->duration_s == a.duration_s);
    CHECK(back->outcome == a.outcome);
    CHECK(back->opened == a.opened);
    CHECK(back->clicked == a.clicked);
    CHECK(back->objection == a.objection);
}

TEST_CASE("a won deal with a fractional amount round-trips through NDJSON") {
    model::Deal d;
    d.id = "D-1";
    d.owner_id = "S-1";
    d.company_id = "CO-2";
    d.pipeline_id = "P";
    d.stage_id = "ST-W";
    d.amount = 0.1 + 0.2;
    d.created_at = -86'400'001;
    d.closed_at = 1'000'000'000'123;
    d.status = model::DealStatus::won;
    const auto back = model::parse_deal(model::to_ndjson(d));
    REQUIRE(back);
    CHECK(back->amount == d.amount);
    CHECK(back->created_at == d.created_at);
    CHECK(back->closed_at == d.closed_at);
    CHECK(back->company_id == d.company_id);
    CHECK_FALSE(back->contact_id);
    CHECK(back->status == d.status);
}

TEST_CASE("null optionals are omitted and integral amounts print as integers") {
    model::Spend s;
    s.channel = "ads";
    s.month = "2026-03";
    s.amount = 1500;
    CHECK(model::to_ndjson(s) == R"({"channel":"ads","month":"2026-03","amount":1500})");
}

TEST_CASE("seller, stage, contact and stage change round-trip through NDJSON") {
    model::Seller seller{"S-1", "Ana", "ana@example.com", "North", false};
    const auto seller_back = model::parse_seller(model::to_ndjson(seller));
    REQUIRE(seller_back);
    CHECK(seller_back->team == "North");
    CHECK_FALSE(seller_back->active);

    model::Stage stage{"ST-1", "P", "Qualified", 3, model::StageKind::lost, 0.25};
    const auto stage_back = model::parse_stage(model::to_ndjson(stage));
    REQUIRE(stage_back);
    CHECK(stage_back->order == 3);
    CHECK(stage_back->kind == model::StageKind::lost);
    CHECK(stage_back->probability == 0.25);

    model::Contact contact{"C-1", "S-1", 86'400'250, "referral", "C-0", std::nullopt};
    const auto contact_back = model::parse_contact(model::to_ndjson(contact));
    REQUIRE(contact_back);
    CHECK(contact_back->owner_id == "S-1");
    CHECK(contact_back->created_at == 86'400'250);
    CHECK(contact_back->channel == "referral");
    CHECK(contact_back->referred_by == "C-0");
    CHECK_FALSE(contact_back->company_id);

    model::StageChange change{"D-1", "ST-1", 42};
    const auto change_back = model::parse_stage_change(model::to_ndjson(change));
    REQUIRE(change_back);
    CHECK(change_back->deal_id == "D-1");
    CHECK(change_back->stage_id == "ST-1");
    CHECK(change_back->entered_at == 42);
}
