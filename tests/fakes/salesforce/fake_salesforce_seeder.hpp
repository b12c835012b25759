// seed(): a model::Dataset stored the way a Salesforce org holds it, and the dataset a faithful
// reader gets back. The mapping (what the Salesforce connector reads):
//   sellers    -> User (FirstName/LastName split at the first space, Name = "First Last", Email,
//                 IsActive, Department = team, UserRole named after the team)
//   stages     -> OpportunityStage (ApiName = MasterLabel = name, SortOrder, IsClosed, IsWon,
//                 DefaultProbability in percent); one stage per name, shared by every pipeline
//   pipelines  -> BusinessProcess + an Opportunity RecordType; the reader keys stages by ApiName with
//                 one process and "<BusinessProcess id>:<ApiName>" with several, every stage in every
//                 process (which stages a process uses lives only in the Metadata API)
//   deals      -> Opportunity (Amount rounded to cents; EUR on every second deal in multi-currency
//                 orgs, so only convertCurrency(Amount) gives the corporate amount; IsClosed/IsWon from
//                 the stage) + OpportunityContactRole (IsPrimary) + OpportunityHistory: one row per
//                 stage change (CreatedDate = entered_at), a creation row when there is none (a closed
//                 deal without history: created in the pipeline's first open stage), and a
//                 row entering the current stage when the last one is another (closed deals: at
//                 closed_at); closed_at read back = the row that entered the closed stage
//   contacts   -> Contact (LeadSource = channel, Referred_By__c = the referrer, AccountId); every
//                 second contact also a converted Lead created at the model's created_at, the
//                 Contact itself created an hour later: a reader takes the lead's CreatedDate
//   companies  -> Account "Company <id>"
//   activities -> calls: Task TaskSubtype Call, CallType Outbound/Inbound, CallDurationInSeconds
//                 (whole seconds), CallDisposition Connected / No Answer / Busy / Left Voicemail (other
//                 outcomes: none); emails: Task TaskSubtype Email + EmailMessage (Incoming, IsOpened)
//                 with Enhanced Email, no clicks anywhere; meetings: Event Type 'Meeting'; visits:
//                 Event Type 'Visit' AND Location 'Customer site' (either reading rule finds them);
//                 events last DurationInMinutes (whole minutes, 60 when the model has none) and carry
//                 no outcome; proposals: Task Type 'Proposal'; notes: Task Type 'Note'; tasks: Task
//                 Type 'Other', Status Completed when the outcome is completed; objections: the
//                 Description contains "#objection"
//   owners     -> a record without a known seller is owned by the integration user (Salesforce
//                 requires an owner), and the reader sees that user as a seller
//   spend      -> not held
//   survey responses, with `feedback_management` (Salesforce Feedback Management): one Survey
//                 "Customer experience" (one SurveyVersion) with a CSAT and an NPS SurveyQuestion
//                 (QuestionType 'CSAT', 'NPS'); per response naming a contact or a deal: a
//                 SurveyInvitation (ContactId, ParticipantId = the contact), a SurveyResponse (Status
//                 'Completed', CompletionDateTime = at, SubmitterId = the contact), a
//                 SurveyQuestionResponse (NumberValue = score) and, when it names a deal, a
//                 SurveySubject (SubjectEntityType 'Opportunity', SubjectId, SurveyResponseId). A
//                 response naming only a seller is not held; none names its seller. Read back with id
//                 "sf-fm:<SurveyQuestionResponse id>".
//   experience fields, with `experience_fields` (admin-made custom fields, the constants below):
//                 deliveries -> the won Opportunity's Promised_Delivery__c (Date: read back as the
//                 day's last millisecond) and Delivered_At__c (DateTime), the shipment promised last;
//                 survey responses -> <KIND>_Score__c (Number) and <KIND>_Date__c (DateTime) of the
//                 Opportunity the response names, else of its Contact, the latest answer per record
//                 and kind (KIND = CSAT or NPS); what a reader gets back of these depends on
//                 salesforce.survey.*, so the returned data set holds only the deliveries
#pragma once

#include <map>
#include <string>

#include "fake_salesforce.hpp"
#include "fake_salesforce_org.hpp"

namespace sellerscore::fakes {

inline constexpr const char* promised_delivery_field = "Promised_Delivery__c";
inline constexpr const char* delivered_at_field = "Delivered_At__c";
inline constexpr const char* csat_score_field = "CSAT_Score__c";
inline constexpr const char* csat_date_field = "CSAT_Date__c";
inline constexpr const char* nps_score_field = "NPS_Score__c";
inline constexpr const char* nps_date_field = "NPS_Date__c";

model::Dataset seed_org(SfOrg& org, const model::Dataset& source, const FakeSalesforceOptions& options,
                        const std::string& integration_user_id);

// A user's edit: fields from text ("" = null), SystemModstamp bumped; a new StageName on an
// Opportunity records an OpportunityHistory row and sets IsClosed/IsWon from the stage.
Status touch_record(SfOrg& org, const std::string& object, const std::string& id, const std::map<std::string, std::string>& fields);

}  // namespace sellerscore::fakes
