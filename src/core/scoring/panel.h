// -----------------------------------------------------------------------------
// File: core/scoring/panel.h
// -----------------------------------------------------------------------------
//
// Human scoring (评分) of short answers, practical tasks and comprehensive reviews by a panel of
// examiners (考评人员), with a chief examiner (主考 / 考评组长) who adjudicates.
//
// 1. Staffing is checked again when scoring starts (CheckScoringPanel): the pack's staffing rule
//    for the subject (min_examiners, examiners_odd, examiners_per_candidates) and the platform
//    rule that a panel is an odd number of at least 3 distinct examiners (a median needs one).
//
// 2. The state machine (ScoringPanel), per script (one candidate's answer to one human-scored
//    item, or one candidate's review materials) and per rubric criterion:
//
//      scoring ──all assigned examiners submitted──▶ final
//         │                                            ▲
//         └─ some criterion's spread > threshold ──▶ adjudication ──chief adjudicates all──┘
//
//    * Each assigned examiner submits once, a score for every criterion, each in 0..max.
//      A second submission is refused ("panel.already_submitted"); only the chief can reopen a
//      submission, with a reason — the examiner then submits again. Reopening clears the
//      script's adjudications (they were made on the old scores; the event log keeps them).
//    * Criterion result = the median of the panel's scores (the middle one for an odd panel;
//      the mean of the two middle ones otherwise).
//    * Spread = max − min. When it exceeds the threshold (strictly) — absolute points, or a
//      fraction of the criterion's max — the criterion needs adjudication; the chief's score
//      replaces the median for that criterion and is recorded with a reason.
//    * Blind scoring (an examiner never sees the others' scores or the candidate's name) is
//      enforced by the service; OwnSubmission() is the only per-examiner view offered here.
//
//    Every accepted action appends a PanelEvent; a panel is rebuilt by creating it, adding the
//    scripts and Apply()-ing the stored events in order.
//
// Not thread-safe: the service serialises access to one panel (one row lock per exam subject).

#ifndef KAOPING_CORE_SCORING_PANEL_H_
#define KAOPING_CORE_SCORING_PANEL_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/standards/model.h"

namespace kaoping::scoring {

// ---- Staffing check -----------------------------------------------------------------------------

struct PanelViolation {
  std::string code;   // "panel.too_few_examiners", "panel.examiners_not_odd", …
  std::string field;  // "examiners", "examiners[2]", "candidates", "subject"
  std::string message_en;
  std::string message_zh;
  std::string ref;  // clause of the standard ("1.9.3 L210-L212"); "" for platform rules
};

// The platform's own rule, applied on top of the pack's.
inline constexpr int kPlatformMinExaminers = 3;

// Every violation of the staffing rules for scoring `subject` (a subject kind of the pack) with
// `examiners` (user ids) for `candidates` candidates. Empty = the panel may start. Codes:
// panel.no_exam_rules, panel.unknown_subject, panel.no_candidates, panel.duplicate_examiner,
// panel.too_few_examiners, panel.examiners_not_odd, panel.too_few_for_candidates.
std::vector<PanelViolation> CheckScoringPanel(const standards::Pack& pack, const std::string& subject,
                                              const std::vector<std::int64_t>& examiners, int candidates);

// ---- Rubric and thresholds ----------------------------------------------------------------------

struct Criterion {
  std::string id;
  std::string description;
  double max_points = 0;
};

// The criteria of an item's rubric (bank/item.h).
std::vector<Criterion> CriteriaFromRubric(const std::vector<bank::RubricCriterion>& rubric);

struct SpreadRule {
  enum class Kind { kPoints, kFractionOfMax };
  Kind kind = Kind::kFractionOfMax;
  double value = 0.2;  // points, or a fraction of the criterion's max (0.2 = 20 %)

  // The largest spread that needs no adjudication, for a criterion worth `max_points`.
  double LimitFor(double max_points) const;
};

// ---- State ---------------------------------------------------------------------------------------

enum class ScriptState { kScoring, kAdjudication, kFinal };
const char* ScriptStateName(ScriptState s);  // "scoring" | "adjudication" | "final"

struct ScriptSpec {
  std::string id;  // opaque, anonymous script code (blind scoring)
  std::vector<Criterion> rubric;
  std::vector<std::int64_t> examiners;  // assigned; empty = the whole panel
  std::vector<std::string> materials;   // e.g. achievement ids of a comprehensive review
};

enum class PanelEventKind { kSubmitted, kReopened, kAdjudicated };
const char* PanelEventKindName(PanelEventKind k);  // "submitted" | "reopened" | "adjudicated"

struct PanelEvent {
  PanelEventKind kind = PanelEventKind::kSubmitted;
  std::string script;
  std::int64_t actor = 0;                // who acted (the examiner, or the chief)
  std::int64_t examiner = 0;             // whose submission (kSubmitted, kReopened)
  std::map<std::string, double> scores;  // kSubmitted: criterion → points
  std::string criterion;                 // kAdjudicated
  double score = 0;                      // kAdjudicated
  std::string reason;                    // kReopened, kAdjudicated
  std::int64_t at_ms = 0;
};

struct CriterionResult {
  std::string id;
  double max_points = 0;
  std::map<std::int64_t, double> scores;  // examiner → points (submitted so far)
  std::optional<double> median;           // once every assigned examiner has submitted
  std::optional<double> spread;
  bool needs_adjudication = false;
  std::optional<double> adjudicated;
  std::optional<double> final_score;  // adjudicated, else median (when no adjudication is needed)
};

struct ScriptResult {
  std::string script;
  ScriptState state = ScriptState::kScoring;
  std::vector<CriterionResult> criteria;  // in rubric order
  std::optional<double> total;            // Σ final scores, once final
  double max_total = 0;
  // total / max_total × full_marks, once final.
  std::optional<double> Scaled(double full_marks = 100) const;
};

struct ExaminerWorkload {
  std::int64_t examiner = 0;
  int assigned = 0;
  int submitted = 0;
  int pending = 0;
};

class ScoringPanel {
 public:
  // INVALID_ARGUMENT "panel.no_examiners", "panel.duplicate_examiner", "panel.no_chief",
  // "panel.bad_spread_rule" (value not finite or < 0; a fraction > 1). The staffing rules are
  // CheckScoringPanel's job; the chief may or may not be one of the examiners.
  static Result<ScoringPanel> Create(std::vector<std::int64_t> examiners, std::int64_t chief,
                                     SpreadRule spread);

  // INVALID_ARGUMENT "panel.bad_script" (empty id, empty rubric, criterion without id or with
  // max ≤ 0, duplicate criterion ids), "panel.unknown_examiner" (assigned examiner not on the
  // panel), "panel.duplicate_examiner"; ALREADY_EXISTS "panel.duplicate_script".
  Status AddScript(ScriptSpec spec);

  // An examiner's scores for every criterion of a script. NOT_FOUND "panel.unknown_script";
  // PERMISSION_DENIED "panel.not_assigned"; FAILED_PRECONDITION "panel.already_submitted";
  // INVALID_ARGUMENT "panel.criterion_missing", "panel.unknown_criterion",
  // "panel.score_out_of_range".
  Status Submit(std::int64_t examiner, const std::string& script, const std::map<std::string, double>& scores,
                std::int64_t now_ms);

  // The chief reopens an examiner's submission so they can submit again. PERMISSION_DENIED
  // "panel.not_chief"; INVALID_ARGUMENT "panel.reason_required"; NOT_FOUND
  // "panel.unknown_script"; FAILED_PRECONDITION "panel.not_submitted".
  Status Reopen(std::int64_t chief, std::int64_t examiner, const std::string& script,
                const std::string& reason, std::int64_t now_ms);

  // The chief's score for a criterion whose spread exceeded the threshold. PERMISSION_DENIED
  // "panel.not_chief"; INVALID_ARGUMENT "panel.reason_required", "panel.unknown_criterion",
  // "panel.score_out_of_range"; FAILED_PRECONDITION "panel.submissions_pending",
  // "panel.no_adjudication_needed"; NOT_FOUND "panel.unknown_script".
  Status Adjudicate(std::int64_t chief, const std::string& script, const std::string& criterion, double score,
                    const std::string& reason, std::int64_t now_ms);

  // Replays a stored event through the method above that produced it.
  Status Apply(const PanelEvent& event);

  // NOT_FOUND "panel.unknown_script".
  Result<ScriptResult> ResultFor(const std::string& script) const;
  Result<ScriptState> StateOf(const std::string& script) const;
  // Scripts waiting for the chief, in the order they were added.
  std::vector<std::string> AwaitingAdjudication() const;
  // Per examiner of the panel (panel order): scripts assigned, submitted, pending.
  std::vector<ExaminerWorkload> Workload() const;
  // What `examiner` may see of `script`: their own current submission, if any.
  std::optional<std::map<std::string, double>> OwnSubmission(std::int64_t examiner,
                                                             const std::string& script) const;

  const std::vector<std::int64_t>& examiners() const { return examiners_; }
  std::int64_t chief() const { return chief_; }
  const SpreadRule& spread_rule() const { return spread_; }
  const std::vector<PanelEvent>& events() const { return events_; }
  std::vector<std::string> scripts() const { return order_; }
  // The spec a script was added with; nullptr when unknown.
  const ScriptSpec* FindScript(const std::string& script) const;

 private:
  struct Script {
    ScriptSpec spec;
    std::map<std::int64_t, std::map<std::string, double>> submissions;  // examiner → criterion → points
    std::map<std::string, double> adjudications;                        // criterion → chief's points
  };

  ScoringPanel() = default;
  Result<Script*> Find(const std::string& script);
  Result<const Script*> Find(const std::string& script) const;
  ScriptResult Evaluate(const Script& s) const;

  std::vector<std::int64_t> examiners_;
  std::int64_t chief_ = 0;
  SpreadRule spread_;
  std::map<std::string, Script> scripts_;
  std::vector<std::string> order_;
  std::vector<PanelEvent> events_;
};

// Median of `values` (the middle value; the mean of the two middle ones for an even count).
// REQUIRES: !values.empty().
double Median(std::vector<double> values);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_PANEL_H_
