// -----------------------------------------------------------------------------
// File: core/scoring/result_record.h
// -----------------------------------------------------------------------------
//
// The lifecycle of a candidate's result (成绩) for one level application:
//
//   computed ──review──▶ reviewed ──publish──▶ published
//      ▲  │                 │                     │
//      └──┴──recompute──────┘                     │ correct (reason required)
//      ▲                                          │
//      └──────────── revision n+1, computed ◀─────┘
//
// Before publication a result may be recomputed freely (e.g. a late panel score); once
// published it changes only through a correction with a reason, which opens a new revision
// (computed again, to be reviewed and republished) — the published revision itself is never
// altered. Every transition returns the next record and one audit entry; both are pure data
// that the service stores (results table, audit log). Nothing here reads a clock: callers pass
// the time.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_RESULT_RECORD_H_
#define KAOPING_CORE_SCORING_RESULT_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "core/scoring/decision.h"

namespace kaoping::scoring {

enum class ResultState { kComputed, kReviewed, kPublished };
const char* ResultStateName(ResultState s);  // "computed" | "reviewed" | "published"
std::optional<ResultState> ParseResultState(const std::string& s);

struct ResultRecord {
  std::string candidate;  // the service's key for the candidate's application
  int revision = 1;
  ResultState state = ResultState::kComputed;
  LevelDecision decision;
  std::int64_t computed_ms = 0;
  std::int64_t reviewed_by = 0;  // user id; 0 = not reviewed
  std::int64_t reviewed_ms = 0;
  std::int64_t published_by = 0;
  std::int64_t published_ms = 0;
  std::string correction_reason;  // why this revision exists (revision ≥ 2)
};

struct ResultAudit {
  std::string candidate;
  int revision = 1;        // the revision acted on (for "corrected": the new one)
  std::string action;      // "computed" | "recomputed" | "reviewed" | "published" | "corrected"
  std::int64_t actor = 0;  // user id; 0 = the system
  std::string reason;
  std::int64_t at_ms = 0;
  std::optional<bool> passed_before;  // unset for "computed"
  bool passed_after = false;
  std::optional<double> total_before;  // weighted_dimensions totals
  std::optional<double> total_after;
  std::optional<int> grade_before;
  std::optional<int> grade_after;
};

struct ResultTransition {
  ResultRecord record;
  ResultAudit audit;
};

// A new result, revision 1, computed by the system (actor 0).
ResultTransition NewResult(const std::string& candidate, LevelDecision decision, std::int64_t now_ms);

// Replaces the decision of a computed or reviewed result (back to computed, same revision).
// FAILED_PRECONDITION "result.published" for a published result (use Correct);
// INVALID_ARGUMENT "result.level_mismatch" when the decision is for another standard or level.
Result<ResultTransition> Recompute(const ResultRecord& r, LevelDecision decision, std::int64_t actor,
                                   std::int64_t now_ms);

// computed → reviewed. FAILED_PRECONDITION "result.not_computed"; INVALID_ARGUMENT
// "result.actor_required" for actor 0.
Result<ResultTransition> MarkReviewed(const ResultRecord& r, std::int64_t reviewer, std::int64_t now_ms);

// reviewed → published. FAILED_PRECONDITION "result.not_reviewed"; "result.actor_required".
Result<ResultTransition> Publish(const ResultRecord& r, std::int64_t publisher, std::int64_t now_ms);

// published → revision + 1, computed, with the corrected decision. INVALID_ARGUMENT
// "result.reason_required" (empty or blank reason), "result.actor_required",
// "result.level_mismatch"; FAILED_PRECONDITION "result.not_published" (use Recompute).
Result<ResultTransition> Correct(const ResultRecord& r, LevelDecision decision, std::int64_t actor,
                                 const std::string& reason, std::int64_t now_ms);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_RESULT_RECORD_H_
