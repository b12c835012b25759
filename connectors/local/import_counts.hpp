// How many records of each type an import stored.
#pragma once

#include <cstddef>

namespace sellerscore::connectors {

struct ImportCounts {
    std::size_t sellers = 0;
    std::size_t stages = 0;
    std::size_t contacts = 0;
    std::size_t deals = 0;
    std::size_t stage_changes = 0;
    std::size_t activities = 0;
    std::size_t spend = 0;
    std::size_t survey_responses = 0;
    std::size_t deliveries = 0;

    std::size_t total() const {
        return sellers + stages + contacts + deals + stage_changes + activities + spend + survey_responses + deliveries;
    }
};

}  // namespace sellerscore::connectors
