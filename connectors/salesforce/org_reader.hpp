// Reads an org into ReadPages: reference data (User, OpportunityStage, RecordType) whole every run,
// then Lead, Contact, Account, Opportunity (with every OpportunityHistory row and the primary
// OpportunityContactRole of its deals in the same page), Feedback Management's survey answers (whole,
// where the org has them), Task (with EmailMessage opens) and Event,
// each SOQL query ordered by SystemModstamp so that every page is a checkpoint: a read stopped by the
// daily reserve resumes after the last page it delivered. An incremental read asks each object for
// SystemModstamp > its mark and finds deletions with queryAll ... IsDeleted = true.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connectors/connector.hpp"
#include "connectors/http/http_client.hpp"
#include "experience_fields.hpp"
#include "feedback_surveys.hpp"
#include "field_schema.hpp"
#include "record_mapper.hpp"
#include "salesforce_api.hpp"
#include "sync_cursor.hpp"

namespace sellerscore::connectors::salesforce {

// The objects whose changes the cursor follows, in reading order.
inline constexpr std::string_view cursor_objects[] = {"User", "OpportunityStage", "Lead", "Contact", "Account",
                                                      "Opportunity", "Task", "Event"};

// Ids per IN (...) list: 200 ids of 18 characters keep a GET's query string near 6 KB, well under
// Salesforce's 16,384-byte URI limit.
inline constexpr std::size_t ids_per_in_list = 200;

struct ReaderOptions {
    MappingOptions mapping;
    bool multi_currency = false;  // select convertCurrency(Amount) and CurrencyIsoCode
    bool enhanced_email = true;   // read EmailMessage opens; turned off (one warning) when the org says no
    int batch_size = max_batch_size;
    // An object selection of at least this many rows (COUNT() first) is read with a Bulk API 2.0 query
    // job instead of REST pages; 0 = never. Needs `clock` for the job's polling.
    std::int64_t bulk_threshold = 0;
    http::Clock* clock = nullptr;
    ExperienceSettings experience;  // salesforce.survey.* and salesforce.delivery.*
    // Set when the sync's field check probed the survey and delivery sources just before this read:
    // `experience` is then what that probe left and these are Feedback Management's questions, used
    // as they are (no second probe, so the sync's warnings are said once).
    std::optional<FeedbackSurveys> probed_feedback;
};

class OrgReader {
public:
    OrgReader(SalesforceApi& api, const FieldSchema& schema, ReaderOptions options, http::LogSink log,
              std::function<bool()> cancelled);

    // Streams the org (whole, or what changed since `since`); `after` is the cursor the read returns,
    // taken before reading. Checkpoints carry `since`'s marks moved past each delivered page.
    Status read(const std::optional<SyncCursor>& since, RecordSink& sink);
    bool enhanced_email() const { return options_.enhanced_email; }

    // Newest SystemModstamp and COUNT() of every cursor object (2 calls per object).
    static Result<SyncCursor> probe(SalesforceApi& api);

private:
    using PageFn = std::function<Status(const boost::json::array&)>;
    // SELECT fields FROM object [WHERE SystemModstamp > mark] ORDER BY SystemModstamp, with a checkpoint
    // after each page.
    Status read_object(const std::string& object, const std::string& fields, const std::optional<SyncCursor>& since,
                       RecordSink& sink, const std::function<Status(const boost::json::array&, ReadPage&)>& map);
    // The same selection through a Bulk API 2.0 job; one checkpoint at the end.
    Status read_object_in_bulk(const std::string& object, const std::string& soql, RecordSink& sink,
                               const std::function<Status(const boost::json::array&, ReadPage&)>& map);
    Status read_deleted(const std::optional<SyncCursor>& since, RecordSink& sink);
    Status in_lists(const std::string& select_from, const std::string& id_field, const std::vector<std::string>& ids,
                    const std::string& extra_where, const PageFn& page);
    std::string custom_fields(RecordObject object) const;
    void held_values(RecordObject object, const boost::json::value& record, ReadPage& page) const;
    Status add_opportunities(const boost::json::array& rows, ReadPage& page);
    Status add_tasks(const boost::json::array& rows, ReadPage& page);

    SalesforceApi& api_;
    const FieldSchema& schema_;
    ReaderOptions options_;
    http::LogSink log_;
    std::function<bool()> cancelled_;
    std::optional<StageCatalog> stages_;
    std::optional<RecordMapper> mapper_;
    std::optional<ExperienceFields> experience_;  // the named fields the org has, probed per read
    std::optional<FeedbackSurveys> feedback_;     // Feedback Management's NPS and CSAT questions, per read
    bool incremental_ = false;
    std::map<std::string, std::string> lead_contacts_;  // converted lead -> its contact
    std::map<std::string, LeadOrigin> lead_origins_;    // contact -> its converted lead's origin
    SyncCursor progress_;                               // the marks delivered so far
};

}  // namespace sellerscore::connectors::salesforce
