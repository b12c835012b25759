#include "fake_salesforce_query_api.hpp"

#include <algorithm>
#include <charconv>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>

#include "fake_salesforce_ids.hpp"
#include "fake_salesforce_response.hpp"

namespace sellerscore::fakes {

std::size_t SfQueryApi::batch_size(const FakeRequest& request) {
    const auto header = request.headers.find("sforce-query-options");
    if (header == request.headers.end()) return 2000;
    const std::string& value = header->second;
    const std::size_t at = lower_case(value).find("batchsize=");
    if (at == std::string::npos) return 2000;
    long long asked = 0;
    const char* begin = value.data() + at + 10;
    const auto [end, error] = std::from_chars(begin, value.data() + value.size(), asked);
    if (error != std::errc() || end == begin) return 2000;
    // Salesforce documents 200..2000 and no guarantee; the fake clamps into that range.
    return static_cast<std::size_t>(std::clamp<long long>(asked, 200, 2000));
}

FakeResponse SfQueryApi::query(SfOrg& org, const FakeRequest& request, const SfQueryContext& context, Clock::time_point now) {
    const auto q = request.query.find("q");
    if (q == request.query.end() || q->second.empty())
        return sf_error(400, "MALFORMED_QUERY", "A query string has to be specified");
    std::variant<SoqlQuery, SoqlError> parsed = parse_soql(q->second);
    if (const SoqlError* error = std::get_if<SoqlError>(&parsed)) return sf_error(400, error->error_code, error->message);
    std::variant<SfQueryResult, SoqlError> ran = run_soql(org, std::get<SoqlQuery>(parsed), context);
    if (const SoqlError* error = std::get_if<SoqlError>(&ran)) return sf_error(400, error->error_code, error->message);
    SfQueryResult& result = std::get<SfQueryResult>(ran);
    if (result.tooling && result.rows.size() > 1)
        for (const SfColumn& column : result.columns)
            if (column.key == "Metadata" || column.key == "FullName")
                return sf_error(400, "MALFORMED_QUERY",
                                "When retrieving results with Metadata or FullName fields, the query qualifications must specify "
                                "no more than one row for retrieval. Result size: " + std::to_string(result.rows.size()));
    if (result.count)
        return sf_json(200, boost::json::object{{"totalSize", result.total_size}, {"done", true}, {"records", boost::json::array{}}});
    // At most 10 open cursors per user: opening another releases that user's oldest.
    std::vector<std::map<std::string, Cursor>::iterator> open;
    for (auto it = cursors_.begin(); it != cursors_.end(); ++it)
        if (it->second.context.user_id == context.user_id) open.push_back(it);
    if (open.size() >= max_open_cursors) {
        const auto oldest = std::min_element(open.begin(), open.end(),
                                             [](const auto& a, const auto& b) { return a->second.opened < b->second.opened; });
        cursors_.erase(*oldest);
    }
    const std::string locator = salesforce_id("01g", ++locator_sequence_);
    Cursor& cursor = cursors_[locator];
    cursor.result = std::move(result);
    cursor.context = context;
    cursor.batch = batch_size(request);
    cursor.opened = locator_sequence_;
    cursor.last_used = now;
    return page(org, locator, cursor, 0);
}

FakeResponse SfQueryApi::next_page(SfOrg& org, const std::string& locator_and_offset, const std::string& user_id,
                                   Clock::time_point now) {
    const std::size_t dash = locator_and_offset.rfind('-');
    std::size_t offset = 0;
    bool valid = dash != std::string::npos;
    if (valid) {
        const char* begin = locator_and_offset.data() + dash + 1;
        const auto [end, error] = std::from_chars(begin, locator_and_offset.data() + locator_and_offset.size(), offset);
        valid = error == std::errc() && end == locator_and_offset.data() + locator_and_offset.size();
    }
    const auto found = valid ? cursors_.find(locator_and_offset.substr(0, dash)) : cursors_.end();
    // A cursor belongs to the user who ran the query.
    if (found != cursors_.end() && now - found->second.last_used >= cursor_idle_timeout) {
        cursors_.erase(found);
        return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    }
    if (found == cursors_.end() || found->second.context.user_id != user_id || offset > found->second.result.rows.size())
        return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    found->second.last_used = now;
    const std::string locator = found->first;
    FakeResponse response = page(org, locator, found->second, offset);
    return response;
}

FakeResponse SfQueryApi::page(SfOrg& org, const std::string& locator, Cursor& cursor, std::size_t from) {
    const std::size_t size = std::max<std::size_t>(1, cursor.batch - static_cast<std::size_t>(std::max(0, batch_shortfall_)));
    const std::size_t to = std::min(cursor.result.rows.size(), from + size);
    // One arena for the whole page: a 2,000-record body is freed at once.
    boost::json::monotonic_resource arena;
    boost::json::storage_ptr storage(&arena);
    boost::json::object body(storage);
    body["totalSize"] = cursor.result.total_size;
    body["done"] = to >= cursor.result.rows.size();
    if (to < cursor.result.rows.size())
        body["nextRecordsUrl"] = "/services/data/" + cursor.context.api_version + (cursor.result.tooling ? "/tooling" : "") +
                                 "/query/" + locator + "-" + std::to_string(to);
    body["records"] = render_records(org, cursor.result, from, to, cursor.context, storage);
    // The last page closes the cursor.
    if (to >= cursor.result.rows.size()) cursors_.erase(locator);
    return sf_json(200, body);
}

}  // namespace sellerscore::fakes
