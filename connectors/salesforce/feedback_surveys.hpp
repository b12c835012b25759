// Survey responses from Salesforce Feedback Management, where the org has it: every completed answer
// (SurveyResponse.CompletionDateTime set) to a question of type NPS or CSAT (SurveyQuestion.QuestionType)
// is one response, its score SurveyQuestionResponse.NumberValue, its contact the invitation's ContactId,
// its deal the SurveySubject of type Opportunity tied to the response or its invitation. Feedback
// Management never names whom an answer rates, so a response's seller comes from its deal or contact.
// The objects are read whole at every sync (one query each, a handful of pages): answers carry no
// modification mark the other objects' cursor could follow, and there are few next to activities.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "connectors/connector.hpp"
#include "plugin/model/records.hpp"

namespace sellerscore::connectors::salesforce {

class SalesforceApi;

class FeedbackSurveys {
public:
    // The org's NPS and CSAT questions (one query). An org without Feedback Management answers
    // INVALID_TYPE, and has none; any other failure fails.
    static Result<FeedbackSurveys> find(SalesforceApi& api);

    // The org has Feedback Management and at least one NPS or CSAT question: its answers are the
    // survey responses, and named survey fields are not read.
    bool available() const { return !questions_.empty(); }

    // Every completed answer as a survey response; in an incremental read also the removal of answers
    // deleted, no longer complete or off their kind's scale.
    Status read(SalesforceApi& api, bool incremental, ReadPage& page) const;

    static std::string response_id(std::string_view answer_id) { return "sf-fm:" + std::string(answer_id); }

private:
    std::map<std::string, model::SurveyKind> questions_;  // SurveyQuestion id -> the kind it asks
};

}  // namespace sellerscore::connectors::salesforce
