// -----------------------------------------------------------------------------
// File: core/assembly/coverage.h
// -----------------------------------------------------------------------------
//
// What a paper actually contains, measured against its blueprint: points per weight-table row,
// item counts and points per type, items per work content, expected score, mean facility and
// test information at the cut score. Computed from the paper and its items alone — never from
// the solver — so it is the independent check that an assembled paper is exact.
//
// Difficulty of an item for these measures ("effective" values):
//   facility p   the item's classical p; else P(θ=0) from its IRT parameters; else unknown
//   information  3PL information at θ (D = 1.7) from its IRT parameters; else from a Rasch-like
//                item with b = −logit(p)/1.7; unknown items count as the target facility

#ifndef KAOPING_CORE_ASSEMBLY_COVERAGE_H_
#define KAOPING_CORE_ASSEMBLY_COVERAGE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/assembly/blueprint.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::assembly {

// Facility (proportion correct) of an item for a typical candidate; nullopt when unknown.
std::optional<double> EffectiveP(const bank::Difficulty& d);
// Fisher information of an item at θ (3PL, D = 1.7); items without IRT parameters use a = 1,
// c = 0 and b from `p` (or `fallback_p` when p is unknown).
double ItemInformation(const bank::Difficulty& d, double theta, double fallback_p);

struct FunctionCoverage {
  std::string target;
  std::string label;
  double target_points = 0;
  double points = 0;
  int items = 0;
};

struct TypeCoverage {
  bank::ItemType type = bank::ItemType::kSingleChoice;
  int min_count = 0;
  int max_count = 0;
  int count = 0;
  double points = 0;
};

struct WorkContentCoverage {
  std::string function;
  std::string work_content;
  int items = 0;
  int min_items = 0;  // from the blueprint's rules (0 when none)
  int max_items = -1;
};

struct FormCoverage {
  std::string paper_id;
  std::vector<FunctionCoverage> functions;
  std::vector<TypeCoverage> types;
  std::vector<WorkContentCoverage> work_contents;  // every work content with items or a rule
  double total_points = 0;
  int items = 0;
  double expected_score = 0;  // Σ points × p (unknown p counts as the blueprint's target)
  double mean_p = 0;          // expected_score / total_points
  double information = 0;     // at the blueprint's cut θ
  int items_with_irt = 0;
  int items_without_difficulty = 0;
  int missing_items = 0;  // paper items whose version was not supplied
  bool exact = false;     // every row's points, type rule and work-content rule met, total right
  std::vector<std::string> violations;  // what is not met, English ("function:4: 18 of 20 points")
};

// `items` must hold every (id, version) the paper references; missing ones are counted, and make
// the coverage inexact.
FormCoverage ComputeCoverage(const Blueprint& blueprint, const bank::Paper& paper,
                             const std::map<bank::ItemRef, const bank::Item*>& items);

// Items shared by each pair of papers: shared[i][j] (i ≠ j), 0 on the diagonal.
std::vector<std::vector<int>> SharedItems(const std::vector<bank::Paper>& papers);

}  // namespace kaoping::assembly

#endif  // KAOPING_CORE_ASSEMBLY_COVERAGE_H_
