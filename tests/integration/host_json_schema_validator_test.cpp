// The JSON-Schema subset the config is checked with.
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include "host/json_schema_validator.hpp"

using sellerscore::host::JsonSchemaValidator;

namespace {

std::vector<std::string> problems(const char* schema, const char* document) {
    std::vector<std::string> out;
    for (const auto& v : JsonSchemaValidator(boost::json::parse(schema)).validate(boost::json::parse(document))) {
        out.push_back(v.to_string());
    }
    return out;
}

using Problems = std::vector<std::string>;

}  // namespace

TEST_CASE("schema: an integer-valued number counts as an integer") {
    CHECK(problems(R"({"type":"integer"})", "90.0").empty());
    CHECK(problems(R"({"type":"integer"})", "90.5") == Problems{"expected integer, got number 90.5"});
}

TEST_CASE("schema: minimum and maximum and exclusiveMinimum name the bound") {
    const char* schema = R"({"properties":{"d":{"type":"integer","minimum":1,"maximum":3660},
                             "fx":{"type":"number","exclusiveMinimum":0}}})";
    CHECK(problems(schema, R"({"d":0})") == Problems{"d: expected at least 1, got 0"});
    CHECK(problems(schema, R"({"d":4000})") == Problems{"d: expected at most 3660, got 4000"});
    CHECK(problems(schema, R"({"fx":0})") == Problems{"fx: expected more than 0, got 0"});
}

TEST_CASE("schema: missing required keys are named with their path") {
    const char* schema = R"({"properties":{"local":{"type":"object","required":["database"]}}})";
    CHECK(problems(schema, R"({"local":{}})") == Problems{"local.database: missing required key"});
}

TEST_CASE("schema: array items are checked with their index in the path") {
    const char* schema = R"({"properties":{"kpi":{"properties":{"visit_types":{"type":"array","items":{"type":"string"}}}}}})";
    CHECK(problems(schema, R"({"kpi":{"visit_types":["visit", 3]}})") ==
          Problems{"kpi.visit_types[1]: expected string, got integer 3"});
}

TEST_CASE("schema: additionalProperties as a schema checks every extra member") {
    const char* schema = R"({"properties":{"w":{"type":"object","additionalProperties":{"type":"number","minimum":0}}}})";
    CHECK(problems(schema, R"({"w":{"win_rate":0.2,"calls_count":-1}})") ==
          Problems{"w.calls_count: expected at least 0, got -1"});
}

TEST_CASE("schema: format date-time accepts RFC 3339 and rejects anything else") {
    const char* schema = R"({"type":"string","format":"date-time"})";
    CHECK(problems(schema, R"("2026-03-01T00:00:00Z")").empty());
    CHECK(problems(schema, R"("yesterday")") ==
          Problems{"expected an RFC 3339 date-time such as \"2026-03-01T00:00:00Z\", got string \"yesterday\""});
}
