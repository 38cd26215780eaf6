// -----------------------------------------------------------------------------
// File: codec/scoring_json.h
// -----------------------------------------------------------------------------
//
// Stored JSON forms of the scoring domain (core/scoring): what the scoring store keeps as opaque
// text (paper scores, rubrics, panel events, result records, result audits), written and read by
// the service layer, and the reading of a candidate's stored answer. Every `…FromJson` accepts
// exactly what the matching `…Json` writes and reports anything else as INVALID_ARGUMENT
// "scoring.bad_json" (never throws). The bytes are a storage format: existing databases hold them,
// so a change here is a migration (codec_test pins them).
//
// Layer: store (below the service, beside the stores that keep the text). The API's own scoring
// forms (capability profiles, organisation aggregates) are wire/capability_json.h.

#ifndef KAOPING_CODEC_SCORING_JSON_H_
#define KAOPING_CODEC_SCORING_JSON_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/scoring/panel.h"
#include "core/scoring/result_record.h"

namespace kaoping::codec {

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

// [{zh, en}] — bilingual texts (decision reasons, profile sentences).
nlohmann::json LocalizedJson(const std::vector<standards::Localized>& v);

// A candidate's saved answer (AnswerRecord::response, any JSON the client sent) as a scoring
// Response for `item`. Accepted shapes (docs/scoring.md): choice items — "A", "A,C", ["A","C"],
// {"choice": …} or {"choices": …}; true/false — also true / false; fill-in — "x" (one blank),
// ["x","y"], {"blanks": ["x","y"]} or {"blanks": {"blank id": "x"}}. Anything else (or text that
// is not JSON) is an unanswered response; never an error.
scoring::Response ResponseFromJson(const bank::Item& item, const std::string& text);

// Parses JSON text; INVALID_ARGUMENT "scoring.bad_json" when it is not JSON.
Result<nlohmann::json> ParseScoringJson(const std::string& text);

}  // namespace kaoping::codec

#endif  // KAOPING_CODEC_SCORING_JSON_H_
