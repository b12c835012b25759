#include "call_outcome.hpp"

namespace sellerscore::connectors::pipedrive {

std::optional<model::Outcome> call_outcome(std::string_view outcome) {
    if (outcome == "connected") return model::Outcome::connected;
    if (outcome == "no_answer" || outcome == "wrong_number") return model::Outcome::no_answer;
    if (outcome == "busy") return model::Outcome::busy;
    if (outcome == "left_voicemail" || outcome == "left_message") return model::Outcome::voicemail;
    return std::nullopt;
}

}  // namespace sellerscore::connectors::pipedrive
