// What custom-field writes reached the fake: how often each (object, id, field code) was set,
// whatever the value, and how many of them stored what the field already held, so tests and the
// bench can prove nothing was written twice.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "fake_pipedrive_object_kind.hpp"

namespace sellerscore::fakes::pipedrive {

struct WriteLog {
    std::map<std::tuple<ObjectKind, std::int64_t, std::string>, std::uint64_t> count_by_field;
    std::uint64_t total = 0;
    std::uint64_t unchanged = 0;  // writes of the value the field already held (a value written twice)

    void record(ObjectKind kind, std::int64_t id, const std::string& field_code) {
        ++count_by_field[{kind, id, field_code}];
        ++total;
    }
    void record_unchanged() { ++unchanged; }
};

}  // namespace sellerscore::fakes::pipedrive
