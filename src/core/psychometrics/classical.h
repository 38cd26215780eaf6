// -----------------------------------------------------------------------------
// File: core/psychometrics/classical.h
// -----------------------------------------------------------------------------
//
// Classical (CTT) item analysis of one administered form, run after each exam:
//
//   facility (p-value)     mean item score / max score
//   point-biserial r_it    Pearson r of the item score with the total score
//   corrected r_i(t−i)     Pearson r of the item score with the total of the other items
//   discrimination D       (mean in upper group − mean in lower group) / max score, the groups
//                          being the top and bottom `group_fraction` (27 %) by total score; persons
//                          tied at a group boundary enter with an equal fractional weight
//   Cronbach's α           k/(k−1) · (1 − Σ σ²_i / σ²_X); equals KR-20 for 0/1 items
//   α if item deleted      α of the form without that item
//   SEM                    s_X · √(1 − α)
//   distractor analysis    per option of a choice item: share overall, in the upper and lower
//                          groups, and the option's point-biserial with the total score
//
// Flags (thresholds in ClassicalOptions): too easy, too hard, low discrimination, negative
// discrimination, a distractor (almost) nobody picks, a distractor the upper group picks more
// than the lower group, a distractor the upper group picks at least as often as the key.
//
// Results are given for the whole form and, when items carry a group label (the job function
// or content area they assess), reliability for each group's subtest.
//
// Thread safety: pure functions.

#ifndef KAOPING_CORE_PSYCHOMETRICS_CLASSICAL_H_
#define KAOPING_CORE_PSYCHOMETRICS_CLASSICAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "core/psychometrics/response_matrix.h"

namespace kaoping::psychometrics {

enum class MissingPolicy {
  kScoreAsZero,        // an unanswered item scores 0 (the usual rule for an exam)
  kCompleteCasesOnly,  // persons with any missing response are left out
};

struct ClassicalOptions {
  double group_fraction = 0.27;
  MissingPolicy missing = MissingPolicy::kScoreAsZero;
  double too_easy_above = 0.90;                // flag when facility > this
  double too_hard_below = 0.20;                // flag when facility < this
  double low_discrimination_below = 0.20;      // flag when corrected r_i(t−i) < this (and >= 0)
  double negative_discrimination_below = 0.0;  // flag when corrected r_i(t−i) < this
  double distractor_min_share = 0.0;           // flag a distractor chosen by a share <= this
};

enum class ItemFlag {
  kTooEasy,
  kTooHard,
  kLowDiscrimination,
  kNegativeDiscrimination,
  kDistractorNotChosen,
  kDistractorAttractsUpperGroup,
  kDistractorPreferredOverKey,
};
// Stable machine names: "too_easy", "too_hard", "low_discrimination", "negative_discrimination",
// "distractor_not_chosen", "distractor_attracts_upper_group", "distractor_preferred_over_key".
std::string_view ItemFlagName(ItemFlag f);

// Raw option choices for choice items, used for distractor analysis. `choices` is row-major
// persons × items like the scored matrix: an option index 0..options[i]−1, or kMissing.
// options[i] == 0 marks an item that is not a choice item (its choices are ignored).
struct ChoiceResponses {
  std::vector<int> options;         // per item
  std::vector<int> keys;            // per item, index of the keyed option
  std::vector<int> choices;         // persons × items
  std::vector<std::string> labels;  // option labels "A", "B", …; empty = letters
};

struct DistractorStats {
  int option = 0;
  std::string label;
  bool is_key = false;
  double share = 0;  // of persons who answered the item
  double upper_share = 0;
  double lower_share = 0;
  double point_biserial = kNaN;  // option chosen (0/1) vs total score
};

struct ClassicalItemStats {
  std::string item_id;
  std::string group;
  int max_score = 1;
  double answered = 0;  // persons (weights) with a response
  double mean = 0;
  double sd = 0;
  double facility = 0;
  double point_biserial = kNaN;
  double corrected_item_total = kNaN;
  double discrimination_index = kNaN;
  double alpha_if_deleted = kNaN;
  std::vector<DistractorStats> options;  // empty for non-choice items
  std::vector<ItemFlag> flags;
  std::vector<std::string> flagged_options;  // labels of options behind distractor flags
};

struct ReliabilityStats {
  std::string group;  // "" for the whole form
  int num_items = 0;
  double num_persons = 0;
  double mean_total = 0;
  double sd_total = 0;  // sample SD (N − 1)
  double alpha = kNaN;
  double kr20 = kNaN;  // NaN unless every item is dichotomous (then equal to alpha)
  double sem = kNaN;
};

struct ClassicalReport {
  std::vector<ClassicalItemStats> items;
  ReliabilityStats form;
  std::vector<ReliabilityStats> groups;  // one per distinct item group, in first-seen order
};

// `item_groups` is empty or one label per item. `choices` may be null.
// Errors: INVALID_ARGUMENT "psychometrics.bad_classical_input" (sizes that do not match, a key
// outside the options, group_fraction outside (0, 0.5], fewer than 2 persons).
Result<ClassicalReport> AnalyzeItems(const ResponseMatrix& scores, const ClassicalOptions& options = {},
                                     const ChoiceResponses* choices = nullptr,
                                     const std::vector<std::string>& item_groups = {});

// Cronbach's α of a matrix (missing scored 0). NaN when the total has no variance.
double CronbachAlpha(const ResponseMatrix& scores);

}  // namespace kaoping::psychometrics

#endif  // KAOPING_CORE_PSYCHOMETRICS_CLASSICAL_H_
