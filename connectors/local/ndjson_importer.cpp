#include "ndjson_importer.hpp"

#include <array>
#include <optional>
#include <string>

#include "line_reader.hpp"
#include "plugin/model/record_json.hpp"
#include "record_loader.hpp"
#include "sqlite_transaction.hpp"

namespace sellerscore::connectors {

namespace {

using model::RecordType;

constexpr std::array<RecordType, 9> load_order{RecordType::seller,       RecordType::stage,
                                               RecordType::contact,      RecordType::deal,
                                               RecordType::stage_change, RecordType::activity,
                                               RecordType::spend,        RecordType::survey_response,
                                               RecordType::delivery};

// Progress is reported every this many records: often enough for a smooth bar, rarely enough to
// cost nothing.
constexpr std::size_t progress_interval = 16384;

class ProgressMeter {
public:
    ProgressMeter(const ImportProgress& callback, std::size_t total) : callback_(callback), total_(total) {}
    void advance() {
        if (++done_ % progress_interval == 0 && callback_) callback_(done_, total_);
    }
    void finish() {
        if (callback_) callback_(done_, done_);
    }

private:
    const ImportProgress& callback_;
    std::size_t total_;
    std::size_t done_ = 0;
};

std::string expected_names() {
    std::string names;
    for (RecordType type : load_order) {
        if (!names.empty()) names += ", ";
        names += model::ndjson_file_name(type);
    }
    return names;
}

template <class Record>
Status load_record(RecordLoader& loader, const Record& r, std::size_t) {
    return loader.load(r);
}

// A contact keeps its line number so that a dangling referral, found only after the last line,
// can still point at the line that made it.
Status load_record(RecordLoader& loader, const model::Contact& r, std::size_t line) { return loader.load(r, line); }

template <class Parse>
Status import_file(const std::filesystem::path& path, Parse parse, RecordLoader& loader, ProgressMeter& meter) {
    auto reader = LineReader::open(path);
    if (!reader) return reader.status();
    const std::string file = path.filename().string();
    auto at_line = [&file](std::size_t line) { return file + ":" + std::to_string(line) + ": "; };
    while (auto line = (*reader)->next()) {
        if (line->find_first_not_of(" \t") == std::string_view::npos) continue;
        const std::size_t number = (*reader)->line_number();
        auto record = parse(*line);
        Status status = record ? load_record(loader, *record, number) : record.status();
        if (!status) return status.prefixed(at_line(number));
        meter.advance();
    }
    return (*reader)->status();
}

Status import_typed_file(RecordType type, const std::filesystem::path& path, RecordLoader& loader,
                         ProgressMeter& meter) {
    switch (type) {
        case RecordType::seller: return import_file(path, model::parse_seller, loader, meter);
        case RecordType::stage: return import_file(path, model::parse_stage, loader, meter);
        case RecordType::contact: {
            if (Status status = import_file(path, model::parse_contact, loader, meter); !status) return status;
            std::size_t failed_line = 0;
            if (Status status = loader.finish_contacts(failed_line); !status) {
                return status.prefixed(path.filename().string() + ":" + std::to_string(failed_line) + ": ");
            }
            return Status::ok();
        }
        case RecordType::deal: return import_file(path, model::parse_deal, loader, meter);
        case RecordType::stage_change: return import_file(path, model::parse_stage_change, loader, meter);
        case RecordType::activity: return import_file(path, model::parse_activity, loader, meter);
        case RecordType::spend: return import_file(path, model::parse_spend, loader, meter);
        case RecordType::survey_response: return import_file(path, model::parse_survey_response, loader, meter);
        case RecordType::delivery: return import_file(path, model::parse_delivery, loader, meter);
    }
    return Status::internal("unknown record type");
}

template <class Record>
Status load_all(const std::vector<Record>& records, RecordLoader& loader, ProgressMeter& meter) {
    for (const Record& r : records) {
        if (Status status = loader.load(r); !status) return status;
        meter.advance();
    }
    return Status::ok();
}

}  // namespace

Result<ImportCounts> NdjsonImporter::import_directory(const std::filesystem::path& dir,
                                                      const ImportProgress& progress) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return Status::not_found(dir.string() + ": not a directory");
    }

    std::array<std::optional<std::filesystem::path>, load_order.size()> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".ndjson") continue;
        const std::string name = entry.path().filename().string();
        std::size_t index = 0;
        while (index < load_order.size() && model::ndjson_file_name(load_order[index]) != name) ++index;
        if (index == load_order.size()) {
            return Status::invalid_argument(entry.path().string() + ": unknown NDJSON file (expected " +
                                            expected_names() + ")");
        }
        files[index] = entry.path();
    }
    if (ec) return Status::internal(dir.string() + ": cannot list (" + ec.message() + ")");
    bool any = false;
    std::size_t total = 0;
    for (const auto& file : files) {
        if (!file) continue;
        any = true;
        auto lines = LineReader::count_lines(*file);
        if (!lines) return lines.status();
        total += *lines;
    }
    if (!any) return Status::invalid_argument(dir.string() + ": no NDJSON files (expected " + expected_names() + ")");

    auto transaction = SqliteTransaction::begin_write(db_);
    if (!transaction) return transaction.status();
    auto seq = db_.next_change_sequence();
    if (!seq) return seq.status();
    auto loader = RecordLoader::create(db_, *seq);
    if (!loader) return loader.status();

    ProgressMeter meter(progress, total);
    for (std::size_t i = 0; i < load_order.size(); ++i) {
        if (!files[i]) continue;
        if (Status status = import_typed_file(load_order[i], *files[i], **loader, meter); !status) return status;
    }
    if (Status status = transaction->commit(); !status) return status;
    meter.finish();
    return (*loader)->counts();
}

Result<ImportCounts> NdjsonImporter::import_dataset(const model::Dataset& data, const ImportProgress& progress) {
    auto transaction = SqliteTransaction::begin_write(db_);
    if (!transaction) return transaction.status();
    auto seq = db_.next_change_sequence();
    if (!seq) return seq.status();
    auto loader = RecordLoader::create(db_, *seq);
    if (!loader) return loader.status();
    RecordLoader& l = **loader;

    ProgressMeter meter(progress, data.record_count());
    Status status = load_all(data.sellers, l, meter);
    if (status) status = load_all(data.stages, l, meter);
    for (std::size_t i = 0; status && i < data.contacts.size(); ++i) {
        status = l.load(data.contacts[i], i);
        meter.advance();
    }
    if (status) {
        std::size_t failed_index = 0;
        status = l.finish_contacts(failed_index);
    }
    if (status) status = load_all(data.deals, l, meter);
    if (status) status = load_all(data.stage_changes, l, meter);
    if (status) status = load_all(data.activities, l, meter);
    if (status) status = load_all(data.spend, l, meter);
    if (status) status = load_all(data.survey_responses, l, meter);
    if (status) status = load_all(data.deliveries, l, meter);
    if (!status) return status;
    if (Status commit = transaction->commit(); !commit) return commit;
    meter.finish();
    return l.counts();
}

}  // namespace sellerscore::connectors
