// A Pipedrive call log's outcome -> the model's call outcome (KPIS.md §1). Pipedrive logs six:
// connected, no_answer, busy and left_voicemail map one to one; left_message (a message left with
// someone else, or on a machine) is voicemail; wrong_number reached nobody: no_answer.
#pragma once

#include <optional>
#include <string_view>

#include "plugin/model/records.hpp"

namespace sellerscore::connectors::pipedrive {

// nullopt for anything Pipedrive does not document.
std::optional<model::Outcome> call_outcome(std::string_view pipedrive_outcome);

}  // namespace sellerscore::connectors::pipedrive
