// GET /query?q=, /queryAll?q=, /tooling/query?q= and the next pages behind nextRecordsUrl
// (/query/<locator>-<offset>). Pages hold Sforce-Query-Options batchSize rows, clamped to
// Salesforce's 200..2000 (default 2000), minus the configured shortfall. A cursor keeps the rows
// that matched when the query ran; their field values are read when each page is served. As in
// Salesforce, a user has at most 10 open cursors (an 11th releases the oldest), a cursor idle for
// 15 minutes is gone, and a cursor whose last page was served is closed.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "fake_salesforce_query_engine.hpp"
#include "tests/fakes/fake_exchange.hpp"

namespace sellerscore::fakes {

class SfQueryApi {
public:
    explicit SfQueryApi(int batch_shortfall) : batch_shortfall_(batch_shortfall) {}

    using Clock = std::chrono::steady_clock;
    FakeResponse query(SfOrg& org, const FakeRequest& request, const SfQueryContext& context, Clock::time_point now);
    FakeResponse next_page(SfOrg& org, const std::string& locator_and_offset, const std::string& user_id, Clock::time_point now);
    static constexpr std::size_t max_open_cursors = 10;
    static constexpr std::chrono::minutes cursor_idle_timeout{15};

    // The page size a request asks for, as Salesforce applies it.
    static std::size_t batch_size(const FakeRequest& request);

private:
    struct Cursor {
        SfQueryResult result;
        SfQueryContext context;
        std::size_t batch = 2000;
        std::uint64_t opened = 0;  // opening order, to release the oldest
        Clock::time_point last_used;
    };
    FakeResponse page(SfOrg& org, const std::string& locator, Cursor& cursor, std::size_t from);

    int batch_shortfall_;
    std::map<std::string, Cursor> cursors_;
    std::uint64_t locator_sequence_ = 0;
};

}  // namespace sellerscore::fakes
