#include "record_loader.hpp"

#include "plugin/model/record_json.hpp"
#include "plugin/model/timestamp_format.hpp"
#include "record_table.hpp"

namespace sellerscore::connectors {

namespace {

std::string quoted(std::string_view kind, std::string_view id) {
    return std::string(kind) + " '" + std::string(id) + "'";
}

Status unknown(const std::string& record, std::string_view role, std::string_view id) {
    return Status::data(record + " has unknown " + std::string(role) + " '" + std::string(id) + "'");
}

}  // namespace

Result<std::unique_ptr<RecordLoader>> RecordLoader::create(LocalCrmDatabase& db, std::int64_t seq) {
    std::unique_ptr<RecordLoader> loader(new RecordLoader(db, seq));
    struct Prepared {
        SqliteStatement& statement;
        std::string_view sql;
    };
    const Prepared statements[] = {
        {loader->seller_upsert_, RecordTable<model::Seller>::upsert_sql},
        {loader->stage_upsert_, RecordTable<model::Stage>::upsert_sql},
        {loader->contact_upsert_, RecordTable<model::Contact>::upsert_sql},
        {loader->deal_upsert_, RecordTable<model::Deal>::upsert_sql},
        {loader->stage_change_upsert_, RecordTable<model::StageChange>::upsert_sql},
        {loader->activity_upsert_, RecordTable<model::Activity>::upsert_sql},
        {loader->spend_upsert_, RecordTable<model::Spend>::upsert_sql},
        {loader->spend_replace_, RecordTable<model::Spend>::replace_sql},
        {loader->survey_response_upsert_, RecordTable<model::SurveyResponse>::upsert_sql},
        {loader->delivery_upsert_, RecordTable<model::Delivery>::upsert_sql},
    };
    for (const Prepared& p : statements) {
        auto statement = db.prepare(p.sql);
        if (!statement) return statement.status();
        p.statement = std::move(*statement);
    }
    if (Status status = loader->load_known_ids(); !status) return status;
    return loader;
}

Status RecordLoader::load_known_ids() {
    auto read_ids = [this](const char* sql, auto&& add) -> Status {
        auto statement = db_.prepare(sql);
        if (!statement) return statement.status();
        int rc;
        while ((rc = statement->step()) == SQLITE_ROW) add(*statement);
        return rc == SQLITE_DONE ? Status::ok() : db_.failure("reading existing ids", rc);
    };
    if (Status s = read_ids("SELECT id FROM sellers", [this](const SqliteStatement& row) {
            sellers_.emplace(row.text(0));
        });
        !s) {
        return s;
    }
    if (Status s = read_ids("SELECT id, pipeline_id FROM stages", [this](const SqliteStatement& row) {
            stage_pipelines_.emplace(row.text(0), row.text(1));
        });
        !s) {
        return s;
    }
    if (Status s = read_ids("SELECT id FROM contacts", [this](const SqliteStatement& row) {
            contacts_.emplace(row.text(0));
        });
        !s) {
        return s;
    }
    return read_ids("SELECT id, status FROM deals", [this](const SqliteStatement& row) {
        deals_.emplace(row.text(0));
        if (row.text(1) == model::to_string(model::DealStatus::won)) won_deals_.emplace(row.text(0));
    });
}

template <class Record>
Status RecordLoader::upsert(SqliteStatement& statement, const Record& r, const std::string& what) {
    RecordTable<Record>::bind(statement, r, seq_);
    const int rc = statement.step();
    statement.reset();
    if (rc != SQLITE_DONE) return db_.failure("storing " + what, rc);
    if (sqlite3_changes(db_.handle()) == 0) return Status::data(what + " appears twice in this import");
    return Status::ok();
}

Status RecordLoader::load(const model::Seller& r) {
    if (Status s = upsert(seller_upsert_, r, quoted("seller", r.id)); !s) return s;
    sellers_.insert(r.id);
    ++counts_.sellers;
    return Status::ok();
}

Status RecordLoader::load(const model::Stage& r) {
    if (Status s = upsert(stage_upsert_, r, quoted("stage", r.id)); !s) return s;
    stage_pipelines_.insert_or_assign(r.id, r.pipeline_id);
    ++counts_.stages;
    return Status::ok();
}

Status RecordLoader::load(const model::Contact& r, std::size_t position) {
    const std::string what = quoted("contact", r.id);
    if (r.owner_id && !sellers_.contains(*r.owner_id)) return unknown(what, "owner", *r.owner_id);
    if (Status s = upsert(contact_upsert_, r, what); !s) return s;
    contacts_.insert(r.id);
    if (r.referred_by && !contacts_.contains(*r.referred_by)) {
        pending_referrals_.push_back({r.id, *r.referred_by, position});
    }
    ++counts_.contacts;
    return Status::ok();
}

Status RecordLoader::finish_contacts(std::size_t& failed_position) {
    for (const PendingReferral& referral : pending_referrals_) {
        if (!contacts_.contains(referral.referred_by)) {
            failed_position = referral.position;
            return unknown(quoted("contact", referral.contact_id), "referrer", referral.referred_by);
        }
    }
    pending_referrals_.clear();
    return Status::ok();
}

Status RecordLoader::load(const model::Deal& r) {
    const std::string what = quoted("deal", r.id);
    if (!sellers_.contains(r.owner_id)) return unknown(what, "owner", r.owner_id);
    const auto stage = stage_pipelines_.find(r.stage_id);
    if (stage == stage_pipelines_.end()) return unknown(what, "stage", r.stage_id);
    if (stage->second != r.pipeline_id) {
        return Status::data(what + " is in pipeline '" + r.pipeline_id + "' but its stage '" + r.stage_id +
                            "' belongs to pipeline '" + stage->second + "'");
    }
    if (r.contact_id && !contacts_.contains(*r.contact_id)) return unknown(what, "contact", *r.contact_id);
    if (Status s = upsert(deal_upsert_, r, what); !s) return s;
    deals_.insert(r.id);
    if (r.status == model::DealStatus::won) {
        won_deals_.insert(r.id);
    } else {
        won_deals_.erase(r.id);
    }
    ++counts_.deals;
    return Status::ok();
}

Status RecordLoader::load(const model::StageChange& r) {
    const std::string what = "stage change of deal '" + r.deal_id + "' into stage '" + r.stage_id + "' at " +
                             model::format_rfc3339(r.entered_at);
    if (!deals_.contains(r.deal_id)) return unknown(what, "deal", r.deal_id);
    if (!stage_pipelines_.contains(r.stage_id)) return unknown(what, "stage", r.stage_id);
    if (Status s = upsert(stage_change_upsert_, r, what); !s) return s;
    ++counts_.stage_changes;
    return Status::ok();
}

Status RecordLoader::load(const model::Activity& r) {
    // Built only on failure: this is the import's hottest path (millions of activities).
    auto what = [&r] { return quoted("activity", r.id); };
    if (!sellers_.contains(r.owner_id)) return unknown(what(), "owner", r.owner_id);
    if (r.contact_id && !contacts_.contains(*r.contact_id)) return unknown(what(), "contact", *r.contact_id);
    if (r.deal_id && !deals_.contains(*r.deal_id)) return unknown(what(), "deal", *r.deal_id);
    RecordTable<model::Activity>::bind(activity_upsert_, r, seq_);
    const int rc = activity_upsert_.step();
    activity_upsert_.reset();
    if (rc != SQLITE_DONE) return db_.failure("storing " + what(), rc);
    if (sqlite3_changes(db_.handle()) == 0) return Status::data(what() + " appears twice in this import");
    ++counts_.activities;
    return Status::ok();
}

Status RecordLoader::load(const model::Spend& r) {
    // Several rows of one channel and month add up (one per campaign), so a repeat is no error here.
    const std::string what = "spend of channel '" + r.channel + "' in " + r.month;
    if (spend_months_.insert(r.channel + '\n' + r.month).second) {
        spend_replace_.bind(1, std::string_view(r.channel));
        spend_replace_.bind(2, std::string_view(r.month));
        spend_replace_.bind(3, seq_);
        const int rc = spend_replace_.step();
        spend_replace_.reset();
        if (rc != SQLITE_DONE) return db_.failure("replacing the stored " + what, rc);
    }
    RecordTable<model::Spend>::bind(spend_upsert_, r, seq_);
    const int rc = spend_upsert_.step();
    spend_upsert_.reset();
    if (rc != SQLITE_DONE) return db_.failure("storing " + what, rc);
    ++counts_.spend;
    return Status::ok();
}

Status RecordLoader::load(const model::SurveyResponse& r) {
    const std::string what = quoted("survey response", r.id);
    if (r.seller_id && !sellers_.contains(*r.seller_id)) return unknown(what, "seller", *r.seller_id);
    if (r.deal_id && !deals_.contains(*r.deal_id)) return unknown(what, "deal", *r.deal_id);
    if (r.contact_id && !contacts_.contains(*r.contact_id)) return unknown(what, "contact", *r.contact_id);
    if (Status s = upsert(survey_response_upsert_, r, what); !s) return s;
    ++counts_.survey_responses;
    return Status::ok();
}

Status RecordLoader::load(const model::Delivery& r) {
    const std::string what = quoted("delivery", r.id);
    if (!deals_.contains(r.deal_id)) return unknown(what, "deal", r.deal_id);
    if (!won_deals_.contains(r.deal_id)) return Status::data(what + " is of deal '" + r.deal_id + "', which is not won");
    if (Status s = upsert(delivery_upsert_, r, what); !s) return s;
    ++counts_.deliveries;
    return Status::ok();
}

}  // namespace sellerscore::connectors
