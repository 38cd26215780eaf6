// -----------------------------------------------------------------------------
// File: store/scoring_store.h
// -----------------------------------------------------------------------------
//
// Storage of scoring (issue #6): per-plan scoring settings, each attempt's subject score (the
// objective PaperScore as JSON text plus the total), the anonymous human-scoring scripts, the
// panel's events (submissions, reopenings, adjudications), the results (one row per candidate,
// standard, level and direction: the current ResultRecord revision as JSON text) and each
// result's history.
//
// The domain values (core/scoring) are stored as opaque JSON text that the service writes and
// reads with codec/scoring_json.h: the store never interprets them, so every backend stores them
// identically. What the store does interpret is in columns: ids, plan, user, state, revision,
// passed.
//
// Every mutating call takes a store::AuditEntry and appends it to the hash-chained audit log
// (store/delivery_store.h) in the SAME transaction as the change: no change without its audit
// row and vice versa. A failed call changes nothing.
//
// The contract suite (store/scoring_store_contract_test.h) runs against every backend through
// this interface only.

#ifndef KAOPING_STORE_SCORING_STORE_H_
#define KAOPING_STORE_SCORING_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "store/delivery_store.h"

namespace kaoping::store {

// How a plan is scored. Present once scoring has been configured or started.
struct ScoringSettingsRecord {
  std::int64_t plan_id = 0;
  std::string multiple_rule = "all_or_nothing";  // scoring::MultipleChoiceRule name
  std::optional<double> partial_fraction;        // kPartial only; nullopt = proportional
  std::string spread_kind = "fraction";          // "fraction" (of the criterion's max) | "points"
  double spread_value = 0.2;
  std::int64_t started_ms = 0;  // 0 = not started
  std::int64_t started_by = 0;
  // Item versions that replace the paper's after a key correction: {"item id": version}.
  std::string item_versions_json = "{}";
};

// One attempt's score on its paper (the plan's subject), or — attempt_id 0 — a candidate's
// comprehensive-review score on a review plan (one per plan and candidate; paper_id empty).
struct SubjectScoreRecord {
  std::int64_t attempt_id = 0;  // 0 = a review score, keyed by (plan_id, user_id)
  std::int64_t plan_id = 0;
  std::int64_t user_id = 0;
  std::string subject;  // the plan's kind ("theory", "skill", "written", …)
  std::string paper_id;
  std::string score_json;  // scoring::PaperScore (objective part; human items pending)
  double total = 0;        // the objective total on the subject's scale
  std::int64_t updated_ms = 0;
};

// One candidate's answer to one human-scored item, known to examiners only by `code` — or, on a
// comprehensive-review plan (综合评审), one candidate's achievements as a whole: then attempt_id
// is 0, review_user_id names the candidate (the service never shows it to examiners) and
// materials_json lists the achievement ids frozen when scoring started. Exactly one of
// attempt_id and review_user_id is set.
struct ScriptRecord {
  std::string code;  // "S-7Q2K9D"; unique
  std::int64_t plan_id = 0;
  std::int64_t attempt_id = 0;      // unique with item_id
  std::int64_t review_user_id = 0;  // unique with plan_id
  std::int64_t session_id = 0;      // 0 for review scripts
  std::string item_id;              // "review" for review scripts
  int item_version = 1;
  std::string rubric_json;              // [scoring::Criterion]
  std::string materials_json = "[]";    // review: [achievement id]; opaque to the store
  std::vector<std::int64_t> examiners;  // assigned
  std::int64_t created_ms = 0;
};

struct PanelEventRecord {
  std::int64_t id = 0;  // assigned; events replay in id order
  std::int64_t plan_id = 0;
  std::string script;
  std::string event_json;  // scoring::PanelEvent
  std::int64_t at_ms = 0;
};

struct ResultRow {
  std::int64_t id = 0;  // assigned on insert
  std::int64_t user_id = 0;
  std::string standard;
  std::string level;
  std::string direction;
  std::vector<std::int64_t> plan_ids;  // the plans whose scores it takes (ascending)
  std::string state;                   // computed | reviewed | published
  int revision = 1;
  bool passed = false;
  std::string record_json;  // scoring::ResultRecord (the current revision)
  std::int64_t computed_ms = 0;
  std::int64_t published_ms = 0;  // of the newest published revision; 0 = never published
};

struct ResultHistoryRow {
  std::int64_t result_id = 0;
  int revision = 1;
  std::string action;  // computed | recomputed | reviewed | published | corrected
  std::int64_t actor = 0;
  std::string reason;
  std::int64_t at_ms = 0;
  std::optional<bool> passed_before;
  bool passed_after = false;
  std::string detail_json;  // scoring::ResultAudit (totals, grades)
};

// One achievement a candidate submits to a comprehensive-review plan (综合评审, issue #6 item 3).
// Examiners see kind, title and summary on an anonymous review script, never user_id.
struct AchievementRecord {
  std::int64_t id = 0;  // assigned on insert
  std::int64_t plan_id = 0;
  std::int64_t user_id = 0;
  std::string kind;  // scoring::AchievementKind name: project | report | paper | patent | other
  std::string title;
  std::string summary;  // ≤ 20,000 characters (checked by the service)
  std::int64_t created_ms = 0;
};

struct ResultFilter {
  std::int64_t plan_id = 0;  // 0 = any
  std::int64_t user_id = 0;
  std::string state;  // "" = any
  std::string standard;
  std::string level;
  int limit = 1000;
  std::int64_t after_id = 0;
};

// True for "computed", "reviewed" and "published" (the values of ResultRow::state).
bool IsResultState(const std::string& s);

class ScoringStore {
 public:
  virtual ~ScoringStore() = default;

  // ---- settings and start -----------------------------------------------------------------------
  // Inserts or replaces the plan's settings. NOT_FOUND "plan.not_found".
  virtual Status PutSettings(const ScoringSettingsRecord& s, const AuditEntry& audit) = 0;
  // NOT_FOUND "scoring.no_settings" when none were stored.
  virtual Result<ScoringSettingsRecord> GetSettings(std::int64_t plan_id) = 0;

  // Starting (or re-running) scoring of a plan, in one transaction: stores the settings,
  // inserts or replaces the subject scores (by attempt; review scores by plan and candidate) and
  // inserts the scripts that do not exist yet (by attempt and item, or for review scripts by plan
  // and candidate; existing scripts keep their code, examiners, materials and events). Returns
  // how many scripts were inserted. NOT_FOUND "plan.not_found", "attempt.not_found",
  // "user.not_found"; INVALID_ARGUMENT "scoring.bad_script" when a script sets both or neither
  // of attempt_id and review_user_id.
  virtual Result<int> StartScoring(const ScoringSettingsRecord& settings,
                                   const std::vector<SubjectScoreRecord>& scores,
                                   const std::vector<ScriptRecord>& scripts, const AuditEntry& audit) = 0;
  // Inserts or replaces subject scores (rescoring after a key correction; review scores).
  virtual Status PutSubjectScores(const std::vector<SubjectScoreRecord>& scores, const AuditEntry& audit) = 0;
  // In the order they were first stored. plan_id / user_id 0 = any.
  virtual Result<std::vector<SubjectScoreRecord>> ListSubjectScores(std::int64_t plan_id,
                                                                    std::int64_t user_id) = 0;

  // ---- scripts and panel events ------------------------------------------------------------------
  // NOT_FOUND "scoring.script_not_found".
  virtual Result<ScriptRecord> GetScript(const std::string& code) = 0;
  // The plan's scripts (plan_id 0 = every plan) in creation order; examiner ≠ 0 keeps only the
  // scripts assigned to that examiner.
  virtual Result<std::vector<ScriptRecord>> ListScripts(std::int64_t plan_id, std::int64_t examiner) = 0;
  // Appends an event (id assigned and returned). NOT_FOUND "scoring.script_not_found".
  virtual Result<std::int64_t> AppendPanelEvent(const PanelEventRecord& e, const AuditEntry& audit) = 0;
  // The plan's events in id order.
  virtual Result<std::vector<PanelEventRecord>> ListPanelEvents(std::int64_t plan_id) = 0;

  // ---- achievements (comprehensive review) ------------------------------------------------------
  // Inserts an achievement (id assigned) with its audit row. NOT_FOUND "plan.not_found",
  // "user.not_found"; INVALID_ARGUMENT "achievement.bad_kind" for a kind outside the five names.
  virtual Result<AchievementRecord> AddAchievement(const AchievementRecord& a, const AuditEntry& audit) = 0;
  // By id ascending; user_id 0 = every candidate of the plan.
  virtual Result<std::vector<AchievementRecord>> ListAchievements(std::int64_t plan_id,
                                                                  std::int64_t user_id) = 0;

  // ---- results ------------------------------------------------------------------------------------
  // Inserts (row.id == 0) or updates (row.id ≠ 0) a result and appends its history row(s), in
  // one transaction. ALREADY_EXISTS "result.exists" when inserting a second result for the same
  // (user, standard, level, direction); NOT_FOUND "result.not_found" for an unknown id. `expect_
  // revision`/`expect_state` (when set) guard updates: ABORTED "result.conflict" when the stored
  // row has moved on (someone else changed it in between).
  virtual Result<ResultRow> PutResult(const ResultRow& row, const std::vector<ResultHistoryRow>& history,
                                      std::optional<int> expect_revision, const std::string& expect_state,
                                      const AuditEntry& audit) = 0;
  // NOT_FOUND "result.not_found".
  virtual Result<ResultRow> GetResult(std::int64_t id) = 0;
  // NOT_FOUND "result.not_found".
  virtual Result<ResultRow> FindResult(std::int64_t user_id, const std::string& standard,
                                       const std::string& level, const std::string& direction) = 0;
  // By id ascending.
  virtual Result<std::vector<ResultRow>> ListResults(const ResultFilter& f) = 0;
  // Oldest first. NOT_FOUND "result.not_found".
  virtual Result<std::vector<ResultHistoryRow>> ResultHistory(std::int64_t result_id) = 0;
};

}  // namespace kaoping::store

#endif  // KAOPING_STORE_SCORING_STORE_H_
