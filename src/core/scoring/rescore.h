// -----------------------------------------------------------------------------
// File: core/scoring/rescore.h
// -----------------------------------------------------------------------------
//
// Rescoring after a key correction (答案更正). A paper is immutable; a wrong key is fixed by a
// new item version, and every script of the paper is scored again with the corrected items in
// place of the old ones. The report lists each candidate whose subject score changes, with the
// delta, and — recomputing the level decision with the candidate's other subject scores —
// whose result flips from pass to fail or back. The service then corrects the published results
// that changed (result_record.h: Correct, with the correction's reason) and republishes them.
//
// Pure function; thread-safe.

#ifndef KAOPING_CORE_SCORING_RESCORE_H_
#define KAOPING_CORE_SCORING_RESCORE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/standards/model.h"

namespace kaoping::scoring {

struct KeyCorrection {
  std::vector<bank::Item> corrected;  // corrected items (new versions), matched to the paper by item id
  std::string reason;                 // why the key changed (recorded with every corrected result)
};

struct RescoreCandidate {
  std::string candidate;
  std::string level;                           // level applied for
  ScriptAnswers answers;                       // the script on this paper
  std::map<std::string, double> other_scores;  // the candidate's other subject scores (unchanged)
  std::set<std::string> planned_optional;      // as DecisionInput::planned_optional
};

enum class Flip { kNone, kPassToFail, kFailToPass };
const char* FlipName(Flip f);  // "none" | "pass_to_fail" | "fail_to_pass"

struct ItemDelta {
  std::string item_id;
  double old_earned = 0;  // raw points on the paper
  double new_earned = 0;
};

struct RescoreEntry {
  std::string candidate;
  double old_score = 0;  // the subject score (exact, on the subject's max_score)
  double new_score = 0;
  double delta = 0;  // new − old
  LevelDecision old_decision;
  LevelDecision new_decision;
  Flip flip = Flip::kNone;
  std::vector<ItemDelta> items;  // the items whose points changed
};

struct RescoreReport {
  std::string subject;
  std::string reason;
  std::vector<RescoreEntry> changed;  // candidates whose score or decision changed, input order
  int unchanged = 0;
  // Convenience views of `changed`.
  std::vector<std::string> now_passing;  // fail → pass
  std::vector<std::string> now_failing;  // pass → fail
};

// `subject` is the subject kind the paper scores ("theory"); its score is the paper total on the
// subject's max_score. `items` are the items the paper was published with.
// Errors: INVALID_ARGUMENT "rescore.reason_required", "rescore.no_corrections",
// "rescore.item_not_on_paper", "rescore.type_changed", "rescore.unknown_subject"; plus the errors
// of ScorePaper and DecideLevel (for a candidate, prefixed with the candidate's key).
Result<RescoreReport> RescoreAfterKeyCorrection(const standards::Pack& pack, const std::string& subject,
                                                const bank::Paper& paper,
                                                const std::vector<bank::Item>& items,
                                                const KeyCorrection& correction,
                                                const std::vector<RescoreCandidate>& candidates,
                                                const ObjectivePolicy& policy);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_RESCORE_H_
