// -----------------------------------------------------------------------------
// File: core/scoring/objective.h
// -----------------------------------------------------------------------------
//
// Machine scoring of objective items and of a whole paper.
//
// Per item type (bank/item.h):
//   single_choice, true_false  exact: the one chosen option equals the key; anything else
//                              (no choice, two choices, a wrong choice) earns 0.
//   multiple_choice            per-exam policy (`ObjectivePolicy`):
//                                all_or_nothing  the chosen set equals the key → full points;
//                                partial         equal → full points; 少选 (a non-empty proper
//                                                subset of the key, no wrong option) → a share:
//                                                points × chosen/key size by default, or a fixed
//                                                fraction (e.g. 0.5); any wrong option → 0.
//   fill_in                    each blank against its accepted alternatives after
//                              NormalizeFillIn (normalize.h); blank points = `Blank::points`
//                              (scaled to the paper's points for the item) or, when every blank
//                              has 0, the item's points split equally.
//   short_answer, practical    human-scored (panel.h): the panel's points for the item (on the
//                              item's own scale, 0..Item::points) are scaled to the paper's.
//
// A paper's raw points may not sum to 100: the total is put on a `full_marks` scale (100 by
// default) with scale = full_marks / Σ paper points, and the per-function breakdown reports
// both raw and scaled points. Decisions compare the exact (unrounded) total; see decision.h for
// the display rule.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_OBJECTIVE_H_
#define KAOPING_CORE_SCORING_OBJECTIVE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::scoring {

enum class MultipleChoiceRule { kAllOrNothing, kPartial };
const char* MultipleChoiceRuleName(MultipleChoiceRule r);  // "all_or_nothing" | "partial"
std::optional<MultipleChoiceRule> ParseMultipleChoiceRule(const std::string& s);

// How an exam scores its objective items (set per exam, recorded with the exam).
struct ObjectivePolicy {
  MultipleChoiceRule multiple = MultipleChoiceRule::kAllOrNothing;
  // kPartial only: the share of the item's points a 少选 answer earns. nullopt = proportional
  // (correct options chosen / options in the key); otherwise a fraction in (0, 1).
  std::optional<double> partial_fraction;
};

// INVALID_ARGUMENT "scoring.bad_policy" when partial_fraction is set but not in (0, 1), or set
// under all_or_nothing.
Status ValidatePolicy(const ObjectivePolicy& policy);

// A candidate's response to one item.
struct Response {
  std::vector<std::string> choices;  // option ids (choice, true/false); order irrelevant
  std::vector<std::string> blanks;   // fill-in: one answer per blank, in the item's blank order
};

enum class Outcome { kCorrect, kPartial, kWrong, kUnanswered, kPendingHuman };
const char* OutcomeName(Outcome o);  // "correct" | "partial" | "wrong" | "unanswered" | "pending_human"

struct BlankScore {
  std::string blank_id;
  std::string normalized;  // the candidate's answer after NormalizeFillIn
  bool correct = false;
  double earned = 0;
  double possible = 0;
};

struct ItemScore {
  std::string item_id;
  int item_version = 1;
  bank::ItemType type = bank::ItemType::kSingleChoice;
  std::string function;  // weight-table target it counts towards ("function:1", "basic:2.2")
  double earned = 0;     // on the paper's points for the item (raw, before the 100-point scale)
  double possible = 0;
  Outcome outcome = Outcome::kUnanswered;
  std::vector<BlankScore> blanks;  // fill-in only
};

// Scores one objective item worth `points` on the paper.
// Errors (INVALID_ARGUMENT): "scoring.not_objective" for short answer / practical items,
// "scoring.bad_points" for points ≤ 0 or not finite, "scoring.bad_key" when the item has no
// key (no answer, or a fill-in item without blanks), "scoring.bad_policy" (ValidatePolicy).
Result<ItemScore> ScoreObjectiveItem(const bank::Item& item, double points, const Response& response,
                                     const ObjectivePolicy& policy);

// One candidate's answers to one paper.
struct ScriptAnswers {
  std::map<std::string, Response> responses;   // item id → response (missing = unanswered)
  std::map<std::string, double> human_points;  // item id → points from the panel, 0..Item::points
};

struct FunctionScore {
  std::string function;  // "function:4", "basic:2.2", "dimension:skills"; "" when items name none
  int items = 0;
  double earned = 0;  // raw points
  double possible = 0;
  double percent = 0;          // earned / possible × 100
  double scaled_earned = 0;    // earned × scale: its contribution to the total
  double scaled_possible = 0;  // possible × scale
};

struct PaperScore {
  std::string paper_id;
  std::vector<ItemScore> items;          // in paper order
  std::vector<FunctionScore> functions;  // in order of first appearance on the paper
  double raw_earned = 0;
  double raw_possible = 0;  // Σ paper points
  double full_marks = 100;
  double scale = 1;      // full_marks / raw_possible
  double total = 0;      // raw_earned × scale, exact (0..full_marks)
  bool complete = true;  // false while a human-scored item has no points yet (counted as 0)
  std::vector<std::string> pending_items;
};

// Scores a paper. `items` must contain every (id, version) the paper names (extra items are
// ignored). Errors: INVALID_ARGUMENT "scoring.empty_paper" (no items or Σ points ≤ 0),
// "scoring.bad_points", "scoring.bad_full_marks", "scoring.human_points_out_of_range",
// "scoring.bad_policy"; NOT_FOUND "scoring.item_missing".
Result<PaperScore> ScorePaper(const bank::Paper& paper, const std::vector<bank::Item>& items,
                              const ScriptAnswers& answers, const ObjectivePolicy& policy,
                              double full_marks = 100);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_OBJECTIVE_H_
