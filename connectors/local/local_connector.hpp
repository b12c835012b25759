// The Connector over the embedded CRM (LocalCrmDatabase).
//
// Cursors are "seq:N", a value of the database's change sequence: read("seq:N") streams the
// records stamped after N, each with every custom field value it holds (a field write stamps the
// record it sits on, so a changed value brings its record along). Company values, which have no
// record of their own, stream when they changed after N.
#pragma once

#include <filesystem>
#include <memory>

#include "connectors/connector.hpp"
#include "local_crm_database.hpp"

namespace sellerscore::connectors {

class LocalConnector final : public Connector {
public:
    // Records per ReadPage at most: big enough to amortise the sink's per-page work, small
    // enough that a page of activities stays a few tens of megabytes.
    static constexpr std::size_t page_size = 50'000;

    static Result<std::unique_ptr<LocalConnector>> open(const std::filesystem::path& path);
    explicit LocalConnector(std::unique_ptr<LocalCrmDatabase> db) : db_(std::move(db)) {}

    // The database underneath, for importing into it (NdjsonImporter).
    LocalCrmDatabase& database() { return *db_; }

    std::string_view vendor() const override { return "local"; }
    bool reads_locally() const override { return true; }
    Result<std::string> read(std::string_view cursor, RecordSink& sink) override;
    Result<std::string> current_cursor() override;
    Result<SchemaReport> ensure_fields(std::span<const FieldDefinition> fields) override;
    Result<SchemaReport> remove_fields(std::span<const FieldDefinition> fields) override;
    Result<WriteReport> write(std::span<const FieldWrite> writes) override;
    Result<std::vector<DealRow>> query_deals(const DealQuery& query) override;

private:
    std::unique_ptr<LocalCrmDatabase> db_;
};

}  // namespace sellerscore::connectors
