// -----------------------------------------------------------------------------
// File: wire/capability_json.h
// -----------------------------------------------------------------------------
//
// JSON forms of capability reports (core/scoring/capability.h) as the HTTP API shows them: one
// candidate's capability profile and an organisation's aggregate. The stored forms of scoring
// values (paper scores, results, …) are codec/scoring_json.h.
//
// Thread safety: pure functions.

#ifndef KAOPING_WIRE_CAPABILITY_JSON_H_
#define KAOPING_WIRE_CAPABILITY_JSON_H_

#include <nlohmann/json.hpp>

#include "core/scoring/capability.h"

namespace kaoping::wire {

// {functions:[{function, name, percent, proficiency, label_zh}], strong:[{id, text, percent}],
//  weak:[…], sentences:[{zh, en}]} — percentages truncated to whole numbers (numbers.h).
nlohmann::json CapabilityProfileJson(const scoring::CapabilityProfile& p);
// {people, standard, target_level, functions:[{function, name, people, mean_percent, min_percent,
//  max_percent, strong, adequate, weak, histogram}], gaps:[{id, text, function, mean_percent,
//  target_percent, gap, share_weak}], not_assessed:[path], sentences:[{zh, en}]}
nlohmann::json OrgAggregateJson(const scoring::OrgAggregate& a);

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_CAPABILITY_JSON_H_
