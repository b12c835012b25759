#include "sync_job.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <filesystem>
#include <optional>

#include "plugin/model/json_text.hpp"
#include "fail_point.hpp"
#include "held_values.hpp"
#include "record_cache.hpp"
#include "plugin/kpi/kpi_engine.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "scorecard_json.hpp"
#include "write_failure_tally.hpp"
#include "writeback_planner.hpp"

namespace sellerscore::plugin {

namespace json = boost::json;

namespace {

// Writes go out in chunks so progress and cancellation are seen during a long write-back.
constexpr std::size_t write_chunk = 20'000;

// Applies each page to the record cache as it arrives; the cache, not memory, holds the portal.
class CachingSink final : public connectors::RecordSink {
public:
    CachingSink(const HostApi& host, RecordCache& cache, std::string_view source)
        : host_(host), cache_(cache), source_(source) {}

    Status accept(connectors::ReadPage&& page) override {
        if (host_.cancelled()) return Status::cancelled("sync cancelled while reading");
        pulled_ += page.records.record_count();
        removed_ += page.removed.size();
        if (Status s = cache_.apply(page); !s) return s;
        // A resumable point: keep what was read so far, so an interrupted read continues from here.
        if (!page.checkpoint.empty()) {
            if (Status s = cache_.set_cursor(page.checkpoint); !s) return s;
            if (Status s = cache_.commit(); !s) return s;
            if (Status s = cache_.begin(source_); !s) return s;
        }
        host_.progress(pulled_, 0, "reading changed records");
        return Status::ok();
    }
    std::uint64_t pulled() const { return pulled_; }
    std::uint64_t removed() const { return removed_; }

private:
    const HostApi& host_;
    RecordCache& cache_;
    std::string_view source_;
    std::uint64_t pulled_ = 0;
    std::uint64_t removed_ = 0;
};

class CollectingSink final : public connectors::RecordSink {
public:
    CollectingSink(const HostApi& host, model::Dataset& data, HeldValues& held) : host_(host), data_(data), held_(held) {}

    Status accept(connectors::ReadPage&& page) override {
        if (host_.cancelled()) return Status::cancelled("sync cancelled while reading");
        read_ += page.records.record_count();
        data_.append(std::move(page.records));
        for (auto& value : page.held_values) held_.add(std::move(value));
        host_.progress(read_, 0, "reading records");
        return Status::ok();
    }

private:
    const HostApi& host_;
    model::Dataset& data_;
    HeldValues& held_;
    std::uint64_t read_ = 0;
};

json::object record_counts(const model::Dataset& d) {
    return {{"sellers", d.sellers.size()},   {"stages", d.stages.size()},
            {"contacts", d.contacts.size()}, {"deals", d.deals.size()},
            {"stage_changes", d.stage_changes.size()}, {"activities", d.activities.size()},
            {"spend", d.spend.size()}, {"survey_responses", d.survey_responses.size()},
            {"deliveries", d.deliveries.size()}};
}

std::int64_t elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
}

json::object summary_of(const RunRecord& run, json::object records, const kpi::Scorecard* scorecard,
                        const std::string& message) {
    json::object s{{"run_id", run.id},
                   {"as_of", model::format_rfc3339(run.as_of)},
                   {"full", run.full},
                   {"dry_run", run.dry_run},
                   {"skipped", run.skipped},
                   {"records", std::move(records)},
                   {"fields_written", run.fields_written},
                   {"records_updated", run.records_updated},
                   {"write_failures", run.write_failures},
                   {"write_failure", nullptr},
                   {"duration_ms", run.duration_ms},
                   {"nothing_to_write", run.fields_written == 0 && run.write_failures == 0},
                   {"message", message}};
    if (scorecard != nullptr) {
        s["window"] = json::object{{"start", model::format_rfc3339(scorecard->window_start)},
                                   {"end", model::format_rfc3339(scorecard->window_end)}};
    }
    return s;
}

}  // namespace

Result<std::string> SyncJob::run(const SyncOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    RunRecord run;
    run.started_at = host_.now();
    run.as_of = settings_.as_of.value_or(run.started_at);
    run.full = options.full;
    run.dry_run = options.dry_run;
    run.settings_fingerprint = settings_.fingerprint;

    auto cursor_before = connector_.current_cursor();
    if (!cursor_before) return cursor_before.status();

    // Same data, same as_of, same settings: the previous run's results still hold, and what it wrote
    // is still in the CRM (any write to the CRM, ours or anyone's, moves the cursor).
    if (!options.full && !options.dry_run) {
        auto last = state_.last_applied_run();
        if (!last) return last.status();
        if (*last && (*last)->cursor == *cursor_before && (*last)->as_of == run.as_of &&
            (*last)->settings_fingerprint == run.settings_fingerprint && (*last)->write_failures == 0) {
            run.skipped = true;
            run.cursor = *cursor_before;
            run.records_json = "{}";
            run.duration_ms = elapsed_ms(started);
            auto id = state_.record_run(run);
            if (!id) return id.status();
            run.id = *id;
            const std::string message = "nothing changed since run " + std::to_string((*last)->id) +
                                        " (same data, same as_of): nothing written";
            return model::json_text(summary_of(run, json::object(), nullptr, message));
        }
    }

    auto ensured = connector_.ensure_fields(catalog_.fields());
    if (!ensured) return ensured.status();
    if (!ensured->created.empty()) host_.info("created " + std::to_string(ensured->created.size()) + " custom fields");

    model::Dataset data;
    HeldValues held(catalog_);
    std::unique_ptr<RecordCache> cache;
    Result<std::string> cursor_after_read = std::string();
    std::uint64_t pulled = 0;
    if (connector_.reads_locally()) {
        CollectingSink sink(host_, data, held);
        cursor_after_read = connector_.read("", sink);
        if (!cursor_after_read) return cursor_after_read.status();
        pulled = data.record_count();
    } else {
        auto opened = RecordCache::open(std::filesystem::path(state_.path()).parent_path().string(), connector_.vendor());
        if (!opened) return opened.status();
        cache = std::move(*opened);
        auto from = cache->cursor_for(settings_.data_source);
        if (!from) return from.status();
        const std::string read_from = options.full ? std::string() : *from;
        if (Status s = cache->begin(settings_.data_source); !s) return s;
        if (read_from.empty()) {
            if (Status s = cache->clear(); !s) return s;
        }
        host_.info(read_from.empty() ? std::string("reading every record (no cached records to update)")
                                     : std::string("reading records changed since the last sync"));
        CachingSink sink(host_, *cache, settings_.data_source);
        cursor_after_read = connector_.read(read_from, sink);
        if (!cursor_after_read) return cursor_after_read.status();
        if (Status s = cache->set_cursor(*cursor_after_read); !s) return s;
        if (Status s = cache->commit(); !s) return s;
        pulled = sink.pulled();
        host_.info("pulled " + std::to_string(sink.pulled()) + " records and " + std::to_string(sink.removed()) +
                   " removals from " + std::string(connector_.vendor()));
        auto loaded = cache->load(held);
        if (!loaded) return loaded.status();
        data = std::move(*loaded);
    }
    json::object records = record_counts(data);
    records["pulled"] = pulled;
    run.records_json = json::serialize(records);
    host_.info("read " + std::to_string(data.record_count()) + " records in " + std::to_string(elapsed_ms(started)) +
               " ms");

    fail_point("sync.after_read");
    kpi::KpiConfig config = settings_.kpi;
    config.as_of = run.as_of;
    host_.progress(0, 1, "computing KPIs");
    const kpi::Scorecard scorecard = kpi::compute_scorecard(data, config);
    host_.progress(1, 1, "computing KPIs");
    run.scorecard_json = scorecard_to_json(scorecard);

    const WritebackPlan plan = plan_writeback(data, scorecard, catalog_, held, settings_);
    WriteFailureTally failures;
    run.records_updated = static_cast<std::int64_t>(plan.records_updated);
    std::string message;
    if (options.dry_run) {
        message = "dry run: " + std::to_string(plan.writes.size()) + " field values on " +
                  std::to_string(plan.records_updated) + " records would be written";
        run.cursor = *cursor_after_read;
    } else {
        std::span<const connectors::FieldWrite> all(plan.writes);
        std::size_t budget_stopped = 0;  // values left unwritten because the vendor's daily budget ran out
        for (std::size_t done = 0; done < all.size(); done += write_chunk) {
            if (host_.cancelled()) return Status::cancelled("sync cancelled while writing; rerun to finish");
            const auto chunk = all.subspan(done, std::min(write_chunk, all.size() - done));
            auto report = connector_.write(chunk);
            if (!report) return report.status();
            run.fields_written += static_cast<std::int64_t>(report->written);
            run.write_failures += static_cast<std::int64_t>(report->failures.size());
            std::vector<char> failed(chunk.size(), 0);
            std::size_t left_for_budget = 0;
            std::optional<Status> budget_spent;
            for (const auto& failure : report->failures) {
                const auto& w = chunk[failure.index];
                failed[failure.index] = 1;
                failures.add(failure.status);
                if (failure.status.code() == StatusCode::rate_limited) {
                    ++left_for_budget;
                    if (!budget_spent) budget_spent = failure.status;
                } else {
                    host_.warn("write " + w.field_id + " on " + w.record_id + ": " + failure.status.message());
                }
            }
            if (cache) {
                if (Status s = cache->begin(settings_.data_source); !s) return s;
                if (Status s = cache->record_writes(chunk, failed); !s) return s;
                if (Status s = cache->commit(); !s) return s;
            }
            // The vendor's daily budget ran out: what was written stays, the next run writes the rest.
            if (left_for_budget > 0) {
                const std::size_t unattempted = all.size() - done - chunk.size();
                run.write_failures += static_cast<std::int64_t>(unattempted);
                failures.add(*budget_spent, unattempted);
                budget_stopped = unattempted + left_for_budget;
                break;
            }
            host_.progress(done + chunk.size(), all.size(), "writing fields");
        }
        auto cursor_after_write = connector_.current_cursor();
        if (cursor_after_write) {
            run.cursor = *cursor_after_write;
            // Our own writes are in the cache already: the next read starts after them.
            if (cache) {
                if (Status s = cache->begin(settings_.data_source); !s) return s;
                if (Status s = cache->set_cursor(*cursor_after_write); !s) return s;
                if (Status s = cache->commit(); !s) return s;
            }
        } else {
            // Often the same spent budget or outage that stopped the writes. What was written is
            // recorded; keeping the cursor of the read makes the next run read this run's writes back.
            host_.warn("the cursor after the write-back is unknown (" + cursor_after_write.status().message() +
                       "): the next run reads again from before this run's writes");
            run.cursor = *cursor_after_read;
            failures.add(cursor_after_write.status(), 0);
        }
        message = run.fields_written == 0 && run.write_failures == 0
                      ? std::string("no value changed: nothing written")
                      : "wrote " + std::to_string(run.fields_written) + " field values on " +
                            std::to_string(run.records_updated) + " records" +
                            (run.write_failures > 0 ? ", " + std::to_string(run.write_failures) + " failed" : "");
        if (budget_stopped > 0) {
            message += "; " + std::to_string(budget_stopped) +
                       " values left for the next run: the CRM's daily API budget is spent";
        }
    }
    run.duration_ms = elapsed_ms(started);
    auto id = state_.record_run(run);
    if (!id) return id.status();
    run.id = *id;
    json::object summary = summary_of(run, std::move(records), &scorecard, message);
    // The run is complete and recorded; the host exits by this failure (docs/abi.md "Run summary").
    if (const auto& worst = failures.worst()) {
        summary["write_failure"] = json::object{{"status", static_cast<int>(worst->code())}, {"first", worst->message()}};
    }
    const connectors::TransferStats traffic = connector_.transfer_stats();
    summary["traffic"] = json::object{
        {"requests", traffic.requests}, {"retries", traffic.retries}, {"rate_limited", traffic.rate_limited}};
    return model::json_text(summary);
}

}  // namespace sellerscore::plugin
