// Checks one import's records against each other and against what the database already holds,
// and upserts them, inside the caller's write transaction (whose rollback undoes everything).
//
// Records must arrive in dependency order (sellers, stages, contacts, deals, stage changes,
// activities, spend, survey responses, deliveries). The only reference allowed to point forward is a contact's `referred_by`
// to a contact later in the same import; finish_contacts() checks those once every contact is in.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "import_counts.hpp"
#include "local_crm_database.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors {

class RecordLoader {
public:
    // Loads the ids the database already holds and prepares the upserts. `seq` is the change
    // sequence value of this import.
    static Result<std::unique_ptr<RecordLoader>> create(LocalCrmDatabase& db, std::int64_t seq);

    // Each returns a reason naming the record ("deal 'D-9' has unknown stage 'S-x'"), without a
    // location. `position` (a line number, or an index) is kept for finish_contacts().
    Status load(const model::Seller& r);
    Status load(const model::Stage& r);
    Status load(const model::Contact& r, std::size_t position);
    Status load(const model::Deal& r);
    Status load(const model::StageChange& r);
    Status load(const model::Activity& r);
    Status load(const model::Spend& r);
    Status load(const model::SurveyResponse& r);
    Status load(const model::Delivery& r);

    // Checks the referrals that were unknown when their contact was loaded. On failure,
    // `failed_position` is the position given with the offending contact.
    Status finish_contacts(std::size_t& failed_position);

    const ImportCounts& counts() const { return counts_; }

private:
    struct PendingReferral {
        std::string contact_id;
        std::string referred_by;
        std::size_t position;
    };

    RecordLoader(LocalCrmDatabase& db, std::int64_t seq) : db_(db), seq_(seq) {}
    Status load_known_ids();
    template <class Record>
    Status upsert(SqliteStatement& statement, const Record& r, const std::string& what);

    LocalCrmDatabase& db_;
    std::int64_t seq_;
    SqliteStatement seller_upsert_, stage_upsert_, contact_upsert_, deal_upsert_, stage_change_upsert_,
        activity_upsert_, spend_upsert_, spend_replace_, survey_response_upsert_, delivery_upsert_;

    std::unordered_set<std::string> sellers_;
    std::unordered_map<std::string, std::string> stage_pipelines_;
    std::unordered_set<std::string> contacts_;
    std::unordered_set<std::string> deals_;
    // Deals whose status is won: only they may have deliveries (KPIS.md §1.1).
    std::unordered_set<std::string> won_deals_;
    std::vector<PendingReferral> pending_referrals_;
    // "channel\nmonth" of the spend months this import has replaced so far.
    std::unordered_set<std::string> spend_months_;
    ImportCounts counts_;
};

}  // namespace sellerscore::connectors
