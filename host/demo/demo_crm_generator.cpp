#include "demo_crm_generator.hpp"

#include <array>
#include <cerrno>
#include <fstream>
#include <string>
#include <system_error>

#include "contact_activity_planner.hpp"
#include "customer_experience.hpp"
#include "demo_crm_plan.hpp"
#include "demo_record_ids.hpp"
#include "enterprise_move.hpp"
#include "lead_channel.hpp"
#include "monthly_spend.hpp"
#include "plugin/model/record_json.hpp"
#include "random_source.hpp"
#include "seller_roster.hpp"

namespace sellerscore::demo {

namespace {

enum Stream : std::uint64_t {
    roster_stream = 1,
    plan_stream,
    activity_stream,
    spend_stream,
    experience_stream,
    pipeline_move_stream
};

// Records per page: big enough to amortise the sink's per-page work, small enough that the large
// preset never holds more than a sliver of its activities.
constexpr std::size_t page_size = 10'000;

class PageWriter {
public:
    explicit PageWriter(const DemoCrmGenerator::PageSink& sink) : sink_(sink) {}

    model::Dataset& page() { return page_; }

    // Hands the page over once it is full (or, with force, whenever it holds anything).
    Status flush(bool force = false) {
        if (page_.record_count() == 0 || (!force && page_.record_count() < page_size)) return Status::ok();
        Status status = sink_(std::move(page_));
        page_ = model::Dataset{};
        return status;
    }

private:
    const DemoCrmGenerator::PageSink& sink_;
    model::Dataset page_;
};

model::Contact contact_record(const DemoCrmPlan& plan, const SellerRoster& roster, int index) {
    const ContactPlan& contact = plan.contacts[static_cast<std::size_t>(index)];
    model::Contact record;
    record.id = contact_id(index);
    if (contact.owner != no_one) record.owner_id = roster.at(contact.owner).record.id;
    record.created_at = contact.created_at;
    record.channel = lead_channels()[contact.channel].contact_channel();
    if (contact.referred_by != no_one) record.referred_by = contact_id(contact.referred_by);
    if (contact.company != no_one) record.company_id = company_id(contact.company);
    return record;
}

void add_deal_records(const DemoCrmPlan& plan, const SellerRoster& roster, int index, bool moves_to_enterprise,
                      model::Dataset& page) {
    const DealPlan& deal = plan.deals[static_cast<std::size_t>(index)];
    const ContactPlan& contact = plan.contacts[static_cast<std::size_t>(deal.contact)];
    const std::span<const model::Stage> stages = demo_pipeline_stages();
    model::Deal record;
    record.id = deal_id(index);
    record.owner_id = roster.at(deal.owner).record.id;
    record.contact_id = contact_id(deal.contact);
    if (contact.company != no_one) record.company_id = company_id(contact.company);
    record.amount = deal.amount;
    record.created_at = deal.created_at;
    record.closed_at = deal.journey.closed_at;
    record.status = deal.journey.status;
    if (moves_to_enterprise) {
        std::vector<model::StageChange> changes = enterprise_stage_changes(record.id, deal.journey);
        record.pipeline_id = std::string(enterprise_pipeline_id);
        record.stage_id = changes.back().stage_id;
        page.stage_changes.insert(page.stage_changes.end(), std::make_move_iterator(changes.begin()),
                                  std::make_move_iterator(changes.end()));
    } else {
        record.pipeline_id = std::string(demo_pipeline_id);
        record.stage_id = stages[static_cast<std::size_t>(deal.journey.entries.back().stage)].id;
        for (const StageEntry& entry : deal.journey.entries) {
            page.stage_changes.push_back(
                {record.id, stages[static_cast<std::size_t>(entry.stage)].id, entry.entered_at});
        }
    }
    page.deals.push_back(std::move(record));
}

std::string io_reason() { return errno != 0 ? std::generic_category().message(errno) : "I/O error"; }

}  // namespace

Status DemoCrmGenerator::generate(const DemoOptions& options, const PageSink& page_sink) {
    if (Status valid = options.validate(); !valid) return valid;
    const RandomSource random(options.seed);
    const SellerRoster roster(options, random.fork(roster_stream));
    const DemoCrmPlan plan = DemoCrmPlan::make(options, roster, random.fork(plan_stream));
    PageWriter writer(page_sink);
    model::Dataset& page = writer.page();

    for (const DemoSeller& seller : roster.sellers()) page.sellers.push_back(seller.record);
    const std::span<const model::Stage> stages = demo_pipeline_stages();
    page.stages.assign(stages.begin(), stages.end());
    if (options.enterprise_move_share > 0) {
        const std::span<const model::Stage> enterprise = enterprise_pipeline_stages();
        page.stages.insert(page.stages.end(), enterprise.begin(), enterprise.end());
    }
    if (Status status = writer.flush(true); !status) return status;

    for (int i = 0; i < options.contacts; ++i) {
        page.contacts.push_back(contact_record(plan, roster, i));
        if (Status status = writer.flush(); !status) return status;
    }
    if (Status status = writer.flush(true); !status) return status;

    const RandomSource move_random = random.fork(pipeline_move_stream);
    for (int i = 0; i < options.deals; ++i) {
        const bool moves = options.enterprise_move_share > 0 &&
                           can_move_to_enterprise(plan.deals[static_cast<std::size_t>(i)].journey) &&
                           move_random.fork(static_cast<std::uint64_t>(i)).chance(options.enterprise_move_share);
        add_deal_records(plan, roster, i, moves, page);
        if (Status status = writer.flush(); !status) return status;
    }
    if (Status status = writer.flush(true); !status) return status;

    const ContactActivityPlanner planner(roster, plan.deals, options.end);
    const RandomSource activity_random = random.fork(activity_stream);
    std::int64_t next_activity = 0;
    for (int i = 0; i < options.contacts; ++i) {
        const ContactPlan& contact = plan.contacts[static_cast<std::size_t>(i)];
        const std::size_t first = page.activities.size();
        const std::span<const int> deals(plan.deals_by_contact.data() + contact.first_deal,
                                         static_cast<std::size_t>(contact.deal_count));
        planner.plan(contact, i, deals, activity_random.fork(static_cast<std::uint64_t>(i)), page.activities);
        for (std::size_t k = first; k < page.activities.size(); ++k) page.activities[k].id = activity_id(next_activity++);
        if (Status status = writer.flush(); !status) return status;
    }
    if (Status status = writer.flush(true); !status) return status;

    page.spend = plan_monthly_spend(options, plan.contacts, random.fork(spend_stream));
    CustomerExperience experience = plan_customer_experience(options, roster, plan, random.fork(experience_stream));
    page.survey_responses = std::move(experience.survey_responses);
    page.deliveries = std::move(experience.deliveries);
    return writer.flush(true);
}

Result<model::Dataset> DemoCrmGenerator::dataset(const DemoOptions& options) {
    model::Dataset data;
    const Status generated = generate(options, [&data](model::Dataset&& page) {
        data.append(std::move(page));
        return Status::ok();
    });
    if (!generated) return generated;
    return data;
}

Status DemoCrmGenerator::write_ndjson(const DemoOptions& options, const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) return Status::internal("cannot create demo CRM directory " + dir.string() + ": " + error.message());

    constexpr std::array types = {model::RecordType::seller,       model::RecordType::stage,
                                  model::RecordType::contact,      model::RecordType::deal,
                                  model::RecordType::stage_change, model::RecordType::activity,
                                  model::RecordType::spend,        model::RecordType::survey_response,
                                  model::RecordType::delivery};
    std::array<std::ofstream, types.size()> files;
    std::array<std::filesystem::path, types.size()> paths;
    for (std::size_t i = 0; i < types.size(); ++i) {
        paths[i] = dir / ndjson_file_name(types[i]);
        errno = 0;
        files[i].open(paths[i], std::ios::binary | std::ios::trunc);
        if (!files[i]) return Status::internal("cannot open " + paths[i].string() + " for writing: " + io_reason());
    }

    auto write_all = [&](std::size_t file, const auto& records) -> Status {
        for (const auto& record : records) {
            files[file] << model::to_ndjson(record) << '\n';
        }
        if (!files[file]) return Status::internal("cannot write " + paths[file].string() + ": " + io_reason());
        return Status::ok();
    };
    errno = 0;
    Status generated = generate(options, [&](model::Dataset&& page) -> Status {
        for (Status status : {write_all(0, page.sellers), write_all(1, page.stages), write_all(2, page.contacts),
                              write_all(3, page.deals), write_all(4, page.stage_changes), write_all(5, page.activities),
                              write_all(6, page.spend), write_all(7, page.survey_responses),
                              write_all(8, page.deliveries)}) {
            if (!status) return status;
        }
        return Status::ok();
    });
    if (!generated) return generated;

    for (std::size_t i = 0; i < files.size(); ++i) {
        files[i].close();
        if (!files[i]) return Status::internal("cannot write " + paths[i].string() + ": " + io_reason());
    }
    return Status::ok();
}

std::vector<DemoSeller> DemoCrmGenerator::sellers(const DemoOptions& options) {
    if (!options.validate()) return {};
    return SellerRoster(options, RandomSource(options.seed).fork(roster_stream)).sellers();
}

}  // namespace sellerscore::demo
