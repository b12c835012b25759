#include "feedback_surveys.hpp"

#include <cmath>
#include <optional>

#include <boost/json.hpp>

#include "salesforce_api.hpp"
#include "sobject_fields.hpp"

namespace sellerscore::connectors::salesforce {

namespace json = boost::json;

namespace {

struct Completed {
    std::string invitation;
    model::Timestamp at = 0;
};

std::string quoted(const std::map<std::string, model::SurveyKind>& questions) {
    std::string out;
    for (const auto& [id, kind] : questions) out += (out.empty() ? "'" : ", '") + id + "'";
    return out;
}

std::optional<int> whole_score(const json::value& row) {
    const auto n = number_at(row, "NumberValue");
    if (!n || !std::isfinite(*n) || *n != std::floor(*n) || std::fabs(*n) > 1000) return std::nullopt;
    return static_cast<int>(*n);
}

}  // namespace

Result<FeedbackSurveys> FeedbackSurveys::find(SalesforceApi& api) {
    FeedbackSurveys found;
    Status st = api.query("SELECT Id, QuestionType FROM SurveyQuestion WHERE QuestionType IN ('CSAT', 'NPS')",
                          [&found](const json::array& rows) {
                              for (const auto& row : rows) {
                                  const auto type = text_at(row, "QuestionType");
                                  found.questions_[id_at(row)] =
                                      type == std::optional<std::string>("NPS") ? model::SurveyKind::nps : model::SurveyKind::csat;
                              }
                              return Status::ok();
                          });
    if (!st && st.message().find("INVALID_TYPE") != std::string::npos) return FeedbackSurveys{};
    if (!st) return st;
    return found;
}

Status FeedbackSurveys::read(SalesforceApi& api, bool incremental, ReadPage& page) const {
    if (questions_.empty()) return Status::ok();
    // An incremental read asks queryAll, so that deleted answers and responses show as IsDeleted.
    std::map<std::string, Completed> completed;
    Status st = api.query("SELECT Id, InvitationId, CompletionDateTime, IsDeleted FROM SurveyResponse "
                          "WHERE CompletionDateTime != null",
                          [&completed](const json::array& rows) {
                              for (const auto& row : rows) {
                                  const auto at = instant_at(row, "CompletionDateTime");
                                  if (at && !flag_at(row, "IsDeleted")) completed[id_at(row)] = {id_at(row, "InvitationId"), *at};
                              }
                              return Status::ok();
                          },
                          incremental);
    if (!st) return st;
    std::map<std::string, std::string> contact_of_invitation;
    st = api.query("SELECT Id, ContactId FROM SurveyInvitation WHERE ContactId != null",
                   [&contact_of_invitation](const json::array& rows) {
                       for (const auto& row : rows) contact_of_invitation[id_at(row)] = id_at(row, "ContactId");
                       return Status::ok();
                   });
    if (!st) return st;
    // A subject may hang off the response or off the invitation it answers.
    std::map<std::string, std::string> deal_of;
    st = api.query("SELECT SurveyResponseId, SurveyInvitationId, SubjectId FROM SurveySubject "
                   "WHERE SubjectEntityType = 'Opportunity'",
                   [&deal_of](const json::array& rows) {
                       for (const auto& row : rows) {
                           for (const char* parent : {"SurveyResponseId", "SurveyInvitationId"}) {
                               if (const std::string id = id_at(row, parent); !id.empty()) deal_of[id] = id_at(row, "SubjectId");
                           }
                       }
                       return Status::ok();
                   });
    if (!st) return st;
    const auto lookup = [](const std::map<std::string, std::string>& in, const std::string& key) -> std::optional<std::string> {
        const auto it = key.empty() ? in.end() : in.find(key);
        if (it == in.end() || it->second.empty()) return std::nullopt;
        return it->second;
    };
    return api.query(
        "SELECT Id, QuestionId, ResponseId, InvitationId, NumberValue, IsDeleted FROM SurveyQuestionResponse "
        "WHERE QuestionId IN (" + quoted(questions_) + ")",
        [&](const json::array& rows) {
            for (const auto& row : rows) {
                const std::string id = response_id(id_at(row));
                const auto question = questions_.find(id_at(row, "QuestionId"));
                const auto response = completed.find(id_at(row, "ResponseId"));
                const auto score = whole_score(row);
                const bool nps = question != questions_.end() && question->second == model::SurveyKind::nps;
                if (flag_at(row, "IsDeleted") || question == questions_.end() || response == completed.end() || !score ||
                    *score < (nps ? 0 : 1) || *score > (nps ? 10 : 5)) {
                    if (incremental) page.removed.push_back({model::RecordType::survey_response, id});
                    continue;
                }
                model::SurveyResponse r;
                r.id = id;
                r.kind = question->second;
                r.score = *score;
                r.at = response->second.at;
                std::string invitation = id_at(row, "InvitationId");
                if (invitation.empty()) invitation = response->second.invitation;
                r.contact_id = lookup(contact_of_invitation, invitation);
                r.deal_id = lookup(deal_of, response->first);
                if (!r.deal_id) r.deal_id = lookup(deal_of, invitation);
                page.records.survey_responses.push_back(std::move(r));
            }
            return Status::ok();
        },
        incremental);
}

}  // namespace sellerscore::connectors::salesforce
