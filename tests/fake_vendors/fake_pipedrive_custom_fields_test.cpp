#include <catch2/catch.hpp>

#include "fake_pipedrive_test_requests.hpp"

using namespace sellerscore::fakes;
using namespace sellerscore::fakes::pipedrive_test;

namespace {

std::string create_field(FakePipedrive& fake, const std::string& body, const std::string& path = "/api/v2/dealFields") {
    const FakeResponse response = fake.handle(authed("POST", path, body));
    REQUIRE(response.status == 200);
    return std::string(json_of(response).at("data").at("field_code").as_string());
}

FakeResponse patch_deal(FakePipedrive& fake, std::int64_t id, const std::string& body) {
    return fake.handle(authed("PATCH", "/api/v2/deals/" + std::to_string(id), body));
}

bool is_lower_hex_40(const std::string& code) {
    return code.size() == 40 && code.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("fake pipedrive creates a custom field with a 40 hex field code") {
    FakePipedrive fake;
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    CHECK(is_lower_hex_40(code));
    const auto field = fake.field_by_name("deals", "Seller score");
    REQUIRE(field);
    CHECK(field->field_code == code);
    CHECK(field->field_type == "double");
    CHECK(field->is_custom_field);
}

TEST_CASE("fake pipedrive allows two custom fields with the same name") {
    FakePipedrive fake;
    const std::string first = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    const std::string second = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    CHECK(first != second);
    CHECK(fake.fields_named("deals", "Seller score").size() == 2);
}

TEST_CASE("fake pipedrive refuses an unknown field type and an enum without options") {
    FakePipedrive fake;
    CHECK(fake.handle(authed("POST", "/api/v2/dealFields", R"({"field_name":"Score","field_type":"number"})")).status == 400);
    CHECK(fake.handle(authed("POST", "/api/v2/dealFields", R"({"field_name":"Band","field_type":"enum"})")).status == 400);
    CHECK(fake.handle(authed("POST", "/api/v2/dealFields", R"({"field_type":"double"})")).status == 400);
    CHECK_FALSE(fake.field_by_name("deals", "Score"));
    CHECK_FALSE(fake.field_by_name("deals", "Band"));
}

TEST_CASE("fake pipedrive gives enum options ids") {
    FakePipedrive fake;
    const FakeResponse response = fake.handle(authed(
        "POST", "/api/v2/dealFields",
        R"({"field_name":"Band","field_type":"enum","options":[{"label":"A"},{"label":"B"}]})"));
    REQUIRE(response.status == 200);
    const auto body = json_of(response);
    const auto& options = body.at("data").at("options").as_array();
    REQUIRE(options.size() == 2);
    CHECK(options[0].at("label").as_string() == "A");
    CHECK(options[0].at("id").as_int64() != options[1].at("id").as_int64());
}

TEST_CASE("fake pipedrive lists custom fields among the system fields") {
    FakePipedrive fake;
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    const auto body = json_of(fake.handle(authed("GET", "/api/v2/dealFields?limit=500")));
    bool found_custom = false, found_title = false;
    for (const auto& field : body.at("data").as_array()) {
        if (field.at("field_code").as_string() == code) found_custom = field.at("is_custom_field").as_bool();
        if (field.at("field_code").as_string() == "title") found_title = !field.at("is_custom_field").as_bool();
    }
    CHECK(found_custom);
    CHECK(found_title);
    CHECK(body.at("additional_data").at("next_cursor").is_null());
}

TEST_CASE("fake pipedrive stores a number in a double field nested under custom_fields") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    const FakeResponse response = patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":87.5}})");
    REQUIRE(response.status == 200);
    CHECK(json_of(response).at("data").at("custom_fields").at(code).as_double() == 87.5);
    CHECK(fake.value("deals", 101, code) == "87.5");
    CHECK(fake.number_value("deals", 101, code) == 87.5);
}

TEST_CASE("fake pipedrive refuses a string in a double field") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    const FakeResponse response = patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":"87.5"}})");
    CHECK(response.status == 400);
    const std::string error(json_of(response).at("error").as_string());
    CHECK(error.find("Validation failed") == 0);
    CHECK(error.find("Expected 'number'") != std::string::npos);
    CHECK_FALSE(fake.value("deals", 101, code));
}

TEST_CASE("fake pipedrive takes an option id in an enum field and refuses a label") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const auto created = json_of(fake.handle(authed(
        "POST", "/api/v2/dealFields", R"({"field_name":"Band","field_type":"enum","options":[{"label":"A"},{"label":"B"}]})")));
    const std::string code(created.at("data").at("field_code").as_string());
    const std::int64_t b = created.at("data").at("options").at(1).at("id").as_int64();
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":"B"}})").status == 400);
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":999999}})").status == 400);
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":)" + std::to_string(b) + "}}").status == 200);
    CHECK(fake.value("deals", 101, code) == std::to_string(b));
}

TEST_CASE("fake pipedrive takes only YYYY-MM-DD in a date field") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Scored on","field_type":"date"})");
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":"2026-03-01T00:00:00Z"}})").status == 400);
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":"2026-02-30"}})").status == 400);
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":"2026-03-01"}})").status == 200);
    CHECK(fake.value("deals", 101, code) == "2026-03-01");
}

TEST_CASE("fake pipedrive clears a custom value written as null") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":null}})").status == 200);
    CHECK_FALSE(fake.value("deals", 101, code));
}

TEST_CASE("fake pipedrive refuses unknown field codes custom codes at the root and unknown deals") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{"0123456789abcdef0123456789abcdef01234567":1}})").status == 400);
    CHECK(patch_deal(fake, 101, R"({")" + code + R"(":1})").status == 400);
    CHECK(patch_deal(fake, 101, R"({"custom_fields":{"title":"x"}})").status == 400);
    CHECK(patch_deal(fake, 999, R"({"custom_fields":{")" + code + R"(":1}})").status == 404);
    CHECK(fake.total_field_writes() == 0);
}

TEST_CASE("fake pipedrive bumps update_time on every modification even within one second") {
    ManualClock clock;
    FakePipedrive fake(options_with(clock));
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    const std::int64_t seeded = *fake.update_time("deals", 101);
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    const std::int64_t first = *fake.update_time("deals", 101);
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":2}})").status == 200);
    const std::int64_t second = *fake.update_time("deals", 101);
    CHECK(seeded < first);
    CHECK(first < second);
}

TEST_CASE("fake pipedrive counts writes per field and those written more than once") {
    FakePipedrive fake;
    fake.seed(many_deals(2));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    REQUIRE(patch_deal(fake, 102, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    CHECK(fake.fields_written_more_than_once() == 0);
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    CHECK(fake.write_count("deals", 101, code) == 2);
    CHECK(fake.total_field_writes() == 3);
    CHECK(fake.fields_written_more_than_once() == 1);
}

TEST_CASE("fake pipedrive writes person custom fields too") {
    FakePipedrive fake;
    fake.seed(small_company());
    const std::string code = create_field(fake, R"({"field_name":"Churn risk","field_type":"double"})", "/api/v2/personFields");
    CHECK(fake.handle(authed("PATCH", "/api/v2/persons/1001", R"({"custom_fields":{")" + code + R"(":0.25}})")).status == 200);
    CHECK(fake.number_value("persons", 1001, code) == 0.25);
}

TEST_CASE("fake pipedrive deletes a custom field with its values") {
    FakePipedrive fake;
    fake.seed(many_deals(1));
    const std::string code = create_field(fake, R"({"field_name":"Seller score","field_type":"double"})");
    REQUIRE(patch_deal(fake, 101, R"({"custom_fields":{")" + code + R"(":1}})").status == 200);
    CHECK(fake.handle(authed("DELETE", "/api/v2/dealFields/" + code)).status == 200);
    CHECK_FALSE(fake.field_by_code("deals", code));
    CHECK_FALSE(fake.value("deals", 101, code));
    CHECK(fake.handle(authed("DELETE", "/api/v2/dealFields/title")).status == 400);
}

TEST_CASE("fake pipedrive define_field plants a conflicting field without checks") {
    FakePipedrive fake;
    FakePipedriveField planted;
    planted.field_name = "Seller score";
    planted.field_type = "varchar";
    const FakePipedriveField stored = fake.define_field("deals", planted);
    CHECK(is_lower_hex_40(stored.field_code));
    CHECK(fake.field_by_name("deals", "Seller score")->field_type == "varchar");
}
