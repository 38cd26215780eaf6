// -----------------------------------------------------------------------------
// File: wire/scoring_json.h
// -----------------------------------------------------------------------------
//
// JSON forms of the scoring domain (core/scoring): what the scoring store keeps as opaque text
// (paper scores, rubrics, panel events, result records, result audits) and what the API shows
// (capability profiles, organisation aggregates). Every `…FromJson` accepts exactly what the
// matching `…Json` writes and reports anything else as INVALID_ARGUMENT "scoring.bad_json"
// (never throws).

#ifndef KAOPING_WIRE_SCORING_JSON_H_
#define KAOPING_WIRE_SCORING_JSON_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/scoring/capability.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/scoring/panel.h"
#include "core/scoring/result_record.h"

namespace kaoping::wire {

nlohmann::json PaperScoreJson(const scoring::PaperScore& s);
Result<scoring::PaperScore> PaperScoreFromJson(const nlohmann::json& j);

nlohmann::json CriteriaJson(const std::vector<scoring::Criterion>& c);
Result<std::vector<scoring::Criterion>> CriteriaFromJson(const nlohmann::json& j);

nlohmann::json PanelEventJson(const scoring::PanelEvent& e);
Result<scoring::PanelEvent> PanelEventFromJson(const nlohmann::json& j);

nlohmann::json LevelDecisionJson(const scoring::LevelDecision& d);
Result<scoring::LevelDecision> LevelDecisionFromJson(const nlohmann::json& j);

nlohmann::json ResultRecordJson(const scoring::ResultRecord& r);
Result<scoring::ResultRecord> ResultRecordFromJson(const nlohmann::json& j);

nlohmann::json ResultAuditJson(const scoring::ResultAudit& a);

// {functions:[{function, name, percent, proficiency, label_zh}], strong:[{id, text, percent}],
//  weak:[…], sentences:[{zh, en}]} — percentages truncated to whole numbers (numbers.h).
nlohmann::json CapabilityProfileJson(const scoring::CapabilityProfile& p);
// {people, standard, target_level, functions:[{function, name, people, mean_percent, min_percent,
//  max_percent, strong, adequate, weak, histogram}], gaps:[{id, text, function, mean_percent,
//  target_percent, gap, share_weak}], not_assessed:[path], sentences:[{zh, en}]}
nlohmann::json OrgAggregateJson(const scoring::OrgAggregate& a);

// A candidate's saved answer (AnswerRecord::response, any JSON the client sent) as a scoring
// Response for `item`. Accepted shapes (docs/scoring.md): choice items — "A", "A,C", ["A","C"],
// {"choice": …} or {"choices": …}; true/false — also true / false; fill-in — "x" (one blank),
// ["x","y"], {"blanks": ["x","y"]} or {"blanks": {"blank id": "x"}}. Anything else (or text that
// is not JSON) is an unanswered response; never an error.
scoring::Response ResponseFromJson(const bank::Item& item, const std::string& text);

// Parses JSON text; INVALID_ARGUMENT "scoring.bad_json" when it is not JSON.
Result<nlohmann::json> ParseScoringJson(const std::string& text);

}  // namespace kaoping::wire

#endif  // KAOPING_WIRE_SCORING_JSON_H_
