// seed(): how a model dataset is stored in the fake org and what a faithful reader gets back.
#include <catch2/catch.hpp>

#include "fake_salesforce_test_support.hpp"

using namespace sellerscore;
using namespace sellerscore::fakes;
using namespace sellerscore::fakes::sf_testing;

namespace {

model::Activity activity(std::string id, std::string owner, model::ActivityType type, model::Timestamp at) {
    model::Activity a;
    a.id = std::move(id);
    a.owner_id = std::move(owner);
    a.type = type;
    a.at = at;
    return a;
}

model::Dataset small_dataset() {
    model::Dataset data;
    data.sellers = {{"S1", " Ana  Lopez ", "ana@example.com", std::string("North"), true},
                    {"S2", "Ben Kim", "ben@example.com", std::nullopt, false}};
    data.stages = {{"new", "sales", "New", 1, model::StageKind::open, 0.1},
                   {"prop", "sales", "Proposal", 2, model::StageKind::open, 0.6},
                   {"won", "sales", "Closed Won", 3, model::StageKind::won, 1.0},
                   {"lost", "sales", "Closed Lost", 4, model::StageKind::lost, 0.0}};
    data.contacts = {{"C1", std::string("S1"), t0, std::string("referral"), std::nullopt, std::string("CO1")},
                     {"C2", std::string("S2"), t0 + 60'000, std::nullopt, std::string("C1"), std::nullopt},
                     {"C3", std::nullopt, t0 + 120'000, std::string("Web"), std::nullopt, std::nullopt}};
    data.deals = {{"D1", "S1", std::string("C1"), std::string("CO1"), "sales", "won", 1234.567, t0 + 100'000, t0 + 900'000,
                   model::DealStatus::won},
                  {"D2", "ghost", std::nullopt, std::nullopt, "sales", "lost", 10.0, t0 + 200'000, t0 + 400'000,
                   model::DealStatus::lost},
                  {"D3", "S2", std::nullopt, std::nullopt, "sales", "new", std::nullopt, t0 + 300'000, std::nullopt,
                   model::DealStatus::open}};
    // D1: New -> Proposal -> Closed Won; D2 has no history in the model; D3 neither.
    data.stage_changes = {{"D1", "new", t0 + 100'000}, {"D1", "prop", t0 + 200'000}, {"D1", "won", t0 + 900'000}};
    model::Activity call = activity("A1", "S1", model::ActivityType::call, t0 + 1'000'000);
    call.contact_id = "C1";
    call.deal_id = "D1";
    call.duration_s = 90.6;
    call.outcome = model::Outcome::no_answer;
    call.direction = model::Direction::inbound;
    call.objection = true;
    model::Activity email = activity("A2", "S2", model::ActivityType::email, t0 + 1'001'000);
    email.opened = true;
    email.clicked = true;
    model::Activity meeting = activity("A3", "S1", model::ActivityType::meeting, t0 + 1'002'000);
    meeting.duration_s = 1700;
    meeting.outcome = model::Outcome::completed;
    model::Activity visit = activity("A4", "S1", model::ActivityType::visit, t0 + 1'003'000);
    model::Activity proposal = activity("A5", "S1", model::ActivityType::proposal, t0 + 1'004'000);
    model::Activity task = activity("A6", "S2", model::ActivityType::task, t0 + 1'005'000);
    task.outcome = model::Outcome::completed;
    data.activities = {call, email, meeting, visit, proposal, task};
    data.spend = {{"paid_search", "2026-01", 500.0, std::nullopt}};
    return data;
}

struct SeederOrg {
    FakeSalesforce salesforce;
    model::Dataset seen;
    std::string token;
    explicit SeederOrg(FakeSalesforceOptions options = options_with(ManualClock{}))
        : salesforce(std::move(options)), seen(salesforce.seed(small_dataset())), token(session(salesforce)) {}
    boost::json::array records(const std::string& q) {
        const FakeResponse response = salesforce.handle(soql(token, q));
        INFO(q << "\n" << response.body);
        REQUIRE(response.status == 200);
        return json_of(response).at("records").as_array();
    }
};

}  // namespace

TEST_CASE("sellers become Users with Department and a role named after the team; the integration user is a seller too") {
    SeederOrg org;
    REQUIRE(org.seen.sellers.size() == 3);
    CHECK(org.seen.sellers.at(0).id == org.salesforce.integration_user_id());
    CHECK(org.seen.sellers.at(0).team == std::nullopt);
    const model::Seller& ana = org.seen.sellers.at(1);
    CHECK(ana.id.rfind("005", 0) == 0);
    CHECK(ana.name == "Ana Lopez");  // Name is FirstName + " " + LastName
    CHECK(ana.team == std::optional<std::string>("North"));
    CHECK_FALSE(org.seen.sellers.at(2).active);
    const auto users = org.records("SELECT Id, Department, UserRole.Name, IsActive FROM User WHERE Id = '" + ana.id + "'");
    CHECK(users.at(0).at("Department") == "North");
    CHECK(users.at(0).at("UserRole").at("Name") == "North");
}

TEST_CASE("stages become OpportunityStage rows keyed by API name with the probability in percent") {
    SeederOrg org;
    REQUIRE(org.seen.stages.size() == 4);
    CHECK(org.seen.stages.at(1).id == "Proposal");
    CHECK(org.seen.stages.at(1).probability == Approx(0.6));
    CHECK(org.seen.stages.at(2).kind == model::StageKind::won);
    const auto rows = org.records("SELECT ApiName, SortOrder, IsClosed, IsWon, DefaultProbability FROM OpportunityStage ORDER BY SortOrder");
    REQUIRE(rows.size() == 4);
    CHECK(rows.at(1).at("ApiName") == "Proposal");
    CHECK(rows.at(1).at("DefaultProbability").as_double() == Approx(60.0));
    CHECK(rows.at(3).at("IsClosed") == true);
    CHECK(rows.at(3).at("IsWon") == false);
    // One pipeline: one business process behind one Opportunity record type.
    CHECK(org.seen.stages.at(0).pipeline_id.rfind("019", 0) == 0);
    const auto types = org.records("SELECT BusinessProcessId FROM RecordType WHERE SobjectType = 'Opportunity'");
    REQUIRE(types.size() == 1);
    CHECK(str(types.at(0).at("BusinessProcessId")) == org.seen.stages.at(0).pipeline_id);
}

TEST_CASE("deals keep amounts in cents, owners fall back to the integration user, closed_at comes from the history row") {
    SeederOrg org;
    const model::Deal& d1 = org.seen.deals.at(0);
    CHECK(d1.amount == std::optional<double>(1234.57));
    CHECK(d1.status == model::DealStatus::won);
    CHECK(d1.closed_at == std::optional<model::Timestamp>(t0 + 900'000));
    CHECK(d1.stage_id == "Closed Won");
    const model::Deal& d2 = org.seen.deals.at(1);
    CHECK(d2.owner_id == org.salesforce.integration_user_id());
    CHECK(d2.closed_at == std::optional<model::Timestamp>(t0 + 400'000));
    const auto history = org.records("SELECT StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId = '" + d1.id +
                                     "' ORDER BY CreatedDate");
    REQUIRE(history.size() == 3);
    CHECK(history.at(2).at("StageName") == "Closed Won");
    CHECK(history.at(2).at("CreatedDate") == "2026-01-01T00:15:00.000+0000");
    // D2 had no history: created in the first open stage, closed at closed_at.
    const auto d2_history = org.records("SELECT StageName, CreatedDate FROM OpportunityHistory WHERE OpportunityId = '" + d2.id +
                                        "' ORDER BY CreatedDate");
    REQUIRE(d2_history.size() == 2);
    CHECK(d2_history.at(0).at("StageName") == "New");
    CHECK(d2_history.at(0).at("CreatedDate") == "2026-01-01T00:03:20.000+0000");
    CHECK(d2_history.at(1).at("StageName") == "Closed Lost");
    CHECK(d2_history.at(1).at("CreatedDate") == "2026-01-01T00:06:40.000+0000");
    CHECK(org.seen.stage_changes.size() == 6);  // 3 for D1, 2 for D2, 1 for D3
    const auto opportunity = org.records("SELECT ContactId, CloseDate, IsWon FROM Opportunity WHERE Id = '" + d1.id + "'");
    CHECK(str(opportunity.at(0).at("ContactId")) == *d1.contact_id);
    CHECK(opportunity.at(0).at("CloseDate") == "2026-01-01");
    const auto roles = org.records("SELECT ContactId, IsPrimary FROM OpportunityContactRole WHERE OpportunityId = '" + d1.id + "'");
    CHECK(roles.at(0).at("IsPrimary") == true);
}

TEST_CASE("every second contact is a converted lead created at the model's created_at, the contact an hour later") {
    SeederOrg org;
    const model::Contact& c1 = org.seen.contacts.at(0);
    CHECK(c1.created_at == t0);
    CHECK(c1.channel == std::optional<std::string>("referral"));
    const auto contact = org.records("SELECT CreatedDate, LeadSource, AccountId FROM Contact WHERE Id = '" + c1.id + "'");
    CHECK(contact.at(0).at("CreatedDate") == "2026-01-01T01:00:00.000+0000");
    CHECK(str(contact.at(0).at("AccountId")) == *c1.company_id);
    const auto lead = org.records("SELECT CreatedDate, LeadSource, ConvertedDate FROM Lead WHERE ConvertedContactId = '" + c1.id + "'");
    REQUIRE(lead.size() == 1);
    CHECK(lead.at(0).at("CreatedDate") == "2026-01-01T00:00:00.000+0000");
    CHECK(lead.at(0).at("LeadSource") == "referral");
    CHECK(org.records("SELECT Id FROM Lead").size() == 2);  // C1 and C3
    // Referred_By__c points at the referrer; an ownerless contact is the integration user's.
    CHECK(org.seen.contacts.at(1).referred_by == std::optional<std::string>(c1.id));
    CHECK(org.salesforce.value("Contact", org.seen.contacts.at(1).id, "Referred_By__c") == c1.id);
    CHECK(org.seen.contacts.at(2).owner_id == org.salesforce.integration_user_id());
}

TEST_CASE("activities become Tasks and Events as the connector reads them; clicks are lost") {
    SeederOrg org;
    const auto& a = org.seen.activities;
    REQUIRE(a.size() == 6);
    CHECK(a.at(0).id.rfind("00T", 0) == 0);
    CHECK(a.at(0).duration_s == std::optional<double>(91));  // CallDurationInSeconds holds whole seconds
    CHECK(a.at(0).outcome == std::optional<model::Outcome>(model::Outcome::no_answer));
    CHECK(a.at(0).direction == model::Direction::inbound);
    CHECK(a.at(0).objection);
    const auto call = org.records("SELECT TaskSubtype, CallType, CallDisposition, Description, WhoId, WhatId FROM Task WHERE Id = '" +
                                  a.at(0).id + "'");
    CHECK(call.at(0).at("TaskSubtype") == "Call");
    CHECK(call.at(0).at("CallType") == "Inbound");
    CHECK(call.at(0).at("CallDisposition") == "No Answer");
    CHECK(str(call.at(0).at("Description")).find("#objection") != std::string::npos);
    CHECK(str(call.at(0).at("WhatId")) == org.seen.deals.at(0).id);

    CHECK(a.at(1).opened == std::optional<bool>(true));
    CHECK(a.at(1).clicked == std::nullopt);
    const auto email = org.records("SELECT IsOpened, Incoming FROM EmailMessage WHERE ActivityId = '" + a.at(1).id + "'");
    CHECK(email.at(0).at("IsOpened") == true);

    CHECK(a.at(2).id.rfind("00U", 0) == 0);
    CHECK(a.at(2).duration_s == std::optional<double>(1680));  // 28 whole minutes
    CHECK(a.at(2).outcome == std::nullopt);                      // events carry no outcome
    CHECK(a.at(3).duration_s == std::optional<double>(3600));    // no duration in the model: Salesforce's hour
    const auto visit = org.records("SELECT Type, Location, DurationInMinutes FROM Event WHERE Id = '" + a.at(3).id + "'");
    CHECK(visit.at(0).at("Type") == "Visit");
    CHECK(visit.at(0).at("Location") == "Customer site");
    CHECK(org.records("SELECT Type FROM Task WHERE Id = '" + a.at(4).id + "'").at(0).at("Type") == "Proposal");
    CHECK(a.at(5).outcome == std::optional<model::Outcome>(model::Outcome::completed));
    CHECK(org.seen.spend.empty());
}

TEST_CASE("without Enhanced Email there is no EmailMessage and opens are unknown") {
    FakeSalesforceOptions options = options_with(ManualClock{});
    options.enhanced_email = false;
    SeederOrg org(options);
    CHECK(org.seen.activities.at(1).opened == std::nullopt);
    const FakeResponse response = org.salesforce.handle(soql(org.token, "SELECT Id FROM EmailMessage"));
    CHECK(response.status == 400);
    CHECK(error_code(response) == "INVALID_TYPE");
}

TEST_CASE("two pipelines: two business processes, every stage keyed per process") {
    model::Dataset data = small_dataset();
    data.stages.push_back({"renewal-new", "renewals", "New", 1, model::StageKind::open, 0.2});
    data.deals.at(2).pipeline_id = "renewals";
    data.deals.at(2).stage_id = "renewal-new";
    FakeSalesforce salesforce(options_with(ManualClock{}));
    const model::Dataset seen = salesforce.seed(data);
    REQUIRE(seen.stages.size() == 8);  // 4 stage names x 2 processes
    const std::string renewals = seen.deals.at(2).pipeline_id;
    CHECK(renewals != seen.deals.at(0).pipeline_id);
    CHECK(seen.deals.at(2).stage_id == renewals + ":New");
    CHECK(seen.stages.at(4).id == renewals + ":New");
    CHECK(seen.stages.at(4).probability == Approx(0.1));  // one OpportunityStage per name: the first definition wins
}

// ---- customer experience: Feedback Management objects and admin-made fields --------------------

namespace {

constexpr model::Timestamp day_ms = 86'400'000;

model::SurveyResponse response(std::string id, model::SurveyKind kind, int score, model::Timestamp at,
                               std::optional<std::string> contact, std::optional<std::string> deal,
                               std::optional<std::string> seller = std::nullopt) {
    return {std::move(id), kind, score, at, std::move(contact), std::move(deal), std::move(seller)};
}

model::Dataset experience_dataset() {
    model::Dataset data = small_dataset();
    data.survey_responses = {response("R1", model::SurveyKind::csat, 4, t0 + 2'000'000, "C1", "D1"),
                             response("R2", model::SurveyKind::nps, 9, t0 + 3'000'000, "C2", std::nullopt),
                             response("R3", model::SurveyKind::nps, 10, t0 + 4'000'000, std::nullopt, std::nullopt, "S1"),
                             response("R4", model::SurveyKind::csat, 2, t0 + 5'000'000, "C1", "D1")};
    // D1 (won) shipped twice; D2 is lost, so its promise is no delivery.
    data.deliveries = {{"V1", "D1", t0 + 9 * day_ms + 3'600'000, t0 + 8 * day_ms},
                       {"V2", "D1", t0 + 5 * day_ms, std::nullopt},
                       {"V3", "D2", t0 + 5 * day_ms, std::nullopt}};
    return data;
}

struct ExperienceOrg {
    FakeSalesforce salesforce;
    model::Dataset seen;
    std::string token;
    explicit ExperienceOrg(FakeSalesforceOptions options)
        : salesforce(std::move(options)), seen(salesforce.seed(experience_dataset())), token(session(salesforce)) {}
    boost::json::array records(const std::string& q) {
        const FakeResponse response = salesforce.handle(soql(token, q));
        INFO(q << "\n" << response.body);
        REQUIRE(response.status == 200);
        return json_of(response).at("records").as_array();
    }
};

FakeSalesforceOptions with(bool feedback_management, bool experience_fields) {
    FakeSalesforceOptions options = options_with(ManualClock{});
    options.feedback_management = feedback_management;
    options.experience_fields = experience_fields;
    return options;
}

}  // namespace

TEST_CASE("without Feedback Management the survey objects are INVALID_TYPE, as in an org without the licence") {
    ExperienceOrg org(with(false, false));
    for (const char* object : {"Survey", "SurveyQuestion", "SurveyInvitation", "SurveyResponse", "SurveyQuestionResponse",
                               "SurveySubject"}) {
        const FakeResponse response = org.salesforce.handle(soql(org.token, std::string("SELECT Id FROM ") + object));
        INFO(object);
        CHECK(response.status == 400);
        CHECK(error_code(response) == "INVALID_TYPE");
    }
    CHECK(org.seen.survey_responses.empty());
}

TEST_CASE("with Feedback Management a response is an invitation, a completed SurveyResponse, its question's answer and a subject naming its Opportunity") {
    ExperienceOrg org(with(true, false));
    const auto questions = org.records("SELECT Id, QuestionType FROM SurveyQuestion WHERE QuestionType IN ('CSAT', 'NPS') ORDER BY QuestionOrder ASC");
    REQUIRE(questions.size() == 2);
    CHECK(questions.at(0).at("QuestionType") == "CSAT");
    CHECK(questions.at(1).at("QuestionType") == "NPS");
    // R3 names only a seller: Feedback Management has no place for whom an answer rates.
    CHECK(org.records("SELECT Id FROM SurveyInvitation").size() == 3);
    const auto responses = org.records("SELECT Id, Status, CompletionDateTime, InvitationId FROM SurveyResponse ORDER BY CompletionDateTime ASC");
    REQUIRE(responses.size() == 3);
    CHECK(responses.at(0).at("Status") == "Completed");
    CHECK(responses.at(0).at("CompletionDateTime") == "2026-01-01T00:33:20.000+0000");  // t0 + 2,000 s
    const std::string first_response = str(responses.at(0).at("Id"));
    const auto answers = org.records("SELECT NumberValue, QuestionId FROM SurveyQuestionResponse WHERE ResponseId = '" +
                                     first_response + "'");
    REQUIRE(answers.size() == 1);
    CHECK(answers.at(0).at("NumberValue").to_number<double>() == 4);
    CHECK(answers.at(0).at("QuestionId") == questions.at(0).at("Id"));
    const auto invitation = org.records("SELECT ContactId FROM SurveyInvitation WHERE Id = '" +
                                        str(responses.at(0).at("InvitationId")) + "'");
    CHECK(str(invitation.at(0).at("ContactId")) == org.seen.contacts.at(0).id);
    // R1 and R4 name D1; R2 names only its contact.
    const auto subjects = org.records("SELECT SubjectId, SurveyResponseId FROM SurveySubject WHERE SubjectEntityType = 'Opportunity'");
    REQUIRE(subjects.size() == 2);
    CHECK(str(subjects.at(0).at("SubjectId")) == org.seen.deals.at(0).id);
    CHECK(str(subjects.at(0).at("SurveyResponseId")) == first_response);
    REQUIRE(org.seen.survey_responses.size() == 3);
    CHECK(org.seen.survey_responses.at(1).kind == model::SurveyKind::nps);
    CHECK(org.seen.survey_responses.at(1).contact_id == org.seen.contacts.at(1).id);
    CHECK_FALSE(org.seen.survey_responses.at(1).deal_id);
}

TEST_CASE("experience fields hold one delivery per won Opportunity and the latest answer per record and kind") {
    ExperienceOrg org(with(false, true));
    const std::string d1 = org.seen.deals.at(0).id, d2 = org.seen.deals.at(1).id;
    const auto won = org.records("SELECT Promised_Delivery__c, Delivered_At__c, CSAT_Score__c, CSAT_Date__c FROM Opportunity WHERE Id = '" + d1 + "'");
    // The shipment promised last (V1, day 9); a Date field holds the day.
    CHECK(won.at(0).at("Promised_Delivery__c") == "2026-01-10");
    CHECK(won.at(0).at("Delivered_At__c") == "2026-01-09T00:00:00.000+0000");
    // R4 (score 2) came after R1 (score 4): the field holds the latest answer.
    CHECK(won.at(0).at("CSAT_Score__c").to_number<double>() == 2);
    CHECK(won.at(0).at("CSAT_Date__c") == "2026-01-01T01:23:20.000+0000");  // t0 + 5,000 s
    CHECK(org.records("SELECT Promised_Delivery__c FROM Opportunity WHERE Id = '" + d2 + "'").at(0).at("Promised_Delivery__c").is_null());
    const auto contact = org.records("SELECT NPS_Score__c FROM Contact WHERE Id = '" + org.seen.contacts.at(1).id + "'");
    CHECK(contact.at(0).at("NPS_Score__c").to_number<double>() == 9);
    REQUIRE(org.seen.deliveries.size() == 1);
    CHECK(org.seen.deliveries.at(0).deal_id == d1);
    CHECK(org.seen.deliveries.at(0).promised_at == t0 + 10 * day_ms - 1);  // by the end of 2026-01-10
    CHECK(org.seen.deliveries.at(0).delivered_at == t0 + 8 * day_ms);
}
