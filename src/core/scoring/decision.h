// -----------------------------------------------------------------------------
// File: core/scoring/decision.h
// -----------------------------------------------------------------------------
//
// Level decisions (定级判定) from a candidate's subject scores, by the result rules of the
// standard pack — never by code:
//
//   all_subjects_pass (002, 003)
//     The subjects that apply are those of exam_rules.subjects whose `levels` is empty or names
//     the level applied for. Every required one must have a score; an optional one (required:
//     false, e.g. 002's 综合评审 for senior) counts only when the exam plan includes it
//     (`DecisionInput::planned_optional`). Each counted subject with a pass_score gates the
//     result: score ≥ pass_score, inclusive and exact (60 passes, 59.5 fails, no rounding up —
//     numbers.h). A counted subject without a pass_score (002's review) is reported but does not
//     gate (002 interpretation review_levels). The level is granted when every gate passes.
//
//   weighted_dimensions (000)
//     Each row of the weight table named by result_rules.weight_table targets a dimension; the
//     dimension is scored by the subject whose kind is the dimension's exam_kind (written →
//     专业知识, lab → 技术技能, achievement → 工程实践), each on its subject's max_score (100).
//     total = Σ score × weight / max_score with the weights of the column of the level applied
//     for ('-' weights are not examined). total ≥ result_rules.pass_score places the candidate in
//     that level; the first band of result_rules.banding (sorted by min_score, descending) with
//     total ≥ min_score picks the grade: level.grades[grade_index − 1] (e.g. ≥ 90 → 中级 6 等).
//     Both the pass score and the banding are platform interpretations of 000 (pass_score,
//     grade_banding) and the decision says so.
//
// Every decision carries its reasons in Chinese and English, each citing the clause of the
// standard it applies ("理论知识 59.5 分，低于合格线 60 分（1.5.3）").
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_DECISION_H_
#define KAOPING_CORE_SCORING_DECISION_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/standards/model.h"

namespace kaoping::scoring {

struct DecisionInput {
  std::string level;  // level applied for
  // Subject kind → score on that subject's scale (0..max_score): "theory", "skill", "review";
  // for 000 "written", "lab", "achievement" — or the dimension ids "knowledge", "skills",
  // "practice" (not both for one dimension).
  std::map<std::string, double> scores;
  // Optional subjects (required: false) the exam plan includes, e.g. {"review"}.
  std::set<std::string> planned_optional;
};

struct SubjectOutcome {
  std::string subject;          // kind ("theory")
  std::string name;             // "理论知识"
  std::string dimension;        // weighted_dimensions: the dimension id ("knowledge")
  std::optional<double> score;  // exact; nullopt when not taken / not counted
  double max_score = 100;
  std::optional<double> pass_score;  // all_subjects_pass: the gate, when the subject has one
  std::optional<double> weight;      // weighted_dimensions: the weight (percent) of the level's column
  std::optional<double> weighted;    // weighted_dimensions: score × weight / max_score
  bool counted = false;              // takes part in the decision
  bool gating = false;               // all_subjects_pass: has a pass score that must be reached
  bool passed = false;               // reached its pass score (true for counted, non-gating subjects)
  std::string ref;                   // clause cited ("1.5.3")
};

struct LevelDecision {
  std::string standard;  // pack id
  std::string rule;      // "all_subjects_pass" | "weighted_dimensions"
  std::string rule_ref;  // clause of result_rules ("1.5.3", "B.1")
  bool platform_interpretation = false;
  bool passed = false;
  std::string level;            // the level applied for
  std::string level_name;       // "中级"
  std::string level_en;         // "Intermediate"
  std::optional<int> grade;     // weighted_dimensions: grade inside the level (000: 1–9)
  std::optional<double> total;  // weighted_dimensions: exact weighted total (0..100)
  std::vector<SubjectOutcome> subjects;
  std::vector<standards::Localized> reasons;  // the verdict first, then one line per subject
};

// Decides. Errors: FAILED_PRECONDITION "decision.no_result_rules" / "decision.no_exam_rules" /
// "decision.unsupported_rule" / "decision.no_pass_score" / "decision.no_weight_table" /
// "decision.level_not_weighted" / "decision.bad_weight_row" (the pack cannot decide);
// NOT_FOUND "decision.unknown_level"; INVALID_ARGUMENT "decision.unknown_subject",
// "decision.subject_not_for_level", "decision.subject_not_planned", "decision.score_missing",
// "decision.score_out_of_range", "decision.duplicate_score".
Result<LevelDecision> DecideLevel(const standards::Pack& pack, const DecisionInput& input);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_DECISION_H_
