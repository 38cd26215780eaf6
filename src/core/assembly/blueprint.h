// -----------------------------------------------------------------------------
// File: core/assembly/blueprint.h
// -----------------------------------------------------------------------------
//
// A blueprint (组卷蓝图) says exactly what one exam paper must contain. It is derived from the
// standard pack, never typed in:
//
//   * points per weight-table row ("function:1", "basic:2.2") = the row's weight at the level,
//     as a percentage of the paper's total (100). Rows weighted '-' are not examined;
//   * an exam template: how many items of each type, and how many points each carries. Theory
//     default: 40 single choice × 1, 10 multiple choice × 2, 20 true/false × 1, 10 fill-in × 2
//     = 80 items, 100 points. Skill default: 3–8 practical tasks and 0–4 short answers carrying
//     their own (rubric) points;
//   * the duration: at least the standard's minimum for the subject at the level (exam_rules);
//   * a difficulty plan: a target expected score (classical p), optionally a hard band, or a
//     test-information target at the cut score θ (IRT);
//   * administrators' extra rules, e.g. "at least 2 items per work content".
//
// Administrators may change the template, duration, difficulty plan and add work-content rules
// (BlueprintOptions), but never the standard's weights: an option that contradicts them (points
// for a row that differ from the weight, a rule that needs more points than a row has, a template
// that cannot add up to every row's points) is rejected with an explanation naming the row.
//
// Errors (INVALID_ARGUMENT unless noted), all bilingual:
//   blueprint.unknown_level / unknown_direction / direction_required   (NOT_FOUND for unknown)
//   blueprint.no_exam            the standard has no such exam (subject or weight table)
//   blueprint.contradicts_weights an option would change or break the standard's weights
//   blueprint.unknown_function   a rule names a row that is not in the weight table
//   blueprint.bad_template       template totals, counts or points are wrong
//   blueprint.duration_too_short the duration is below the standard's minimum
//   blueprint.bad_rule           a work-content rule or difficulty plan is malformed

#ifndef KAOPING_CORE_ASSEMBLY_BLUEPRINT_H_
#define KAOPING_CORE_ASSEMBLY_BLUEPRINT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/standards/model.h"

namespace kaoping::assembly {

struct FunctionTarget {
  std::string target;                      // "function:4", "basic:2.2"
  std::string label;                       // "监控与维护" (the weight-table row label)
  std::string group;                       // "相关知识"
  double weight = 0;                       // percent
  double points = 0;                       // weight × total / 100
  std::vector<std::string> work_contents;  // work contents (function rows) or groups (basic rows) in scope
};

struct TypeRule {
  bank::ItemType type = bank::ItemType::kSingleChoice;
  int min_count = 0;
  int max_count = 0;
  double points_each = 0;  // points each item carries on the paper; 0 = the item's own points
  std::string title;       // section title, "一、单项选择题"
};

struct WorkContentRule {
  std::string function;      // "function:2"; empty = every function row
  std::string work_content;  // "2.3"; empty = every work content of the row(s)
  int min_items = 0;
  int max_items = -1;  // -1 = no maximum
};

enum class TargetMode { kExpectedScore, kInformation };
const char* TargetModeName(TargetMode m);  // "expected_score" | "information"

struct DifficultyPlan {
  TargetMode mode = TargetMode::kExpectedScore;
  // Expected-score mode: the paper's point-weighted mean facility should be close to target_p
  // (expected score = target_p × total for a typical candidate).
  double target_p = 0.7;
  // Optional hard band for the expected score, in points of the paper.
  std::optional<double> min_expected_score;
  std::optional<double> max_expected_score;
  // Information mode: θ at the cut score, and the target test information there (maximised
  // when absent).
  double cut_theta = 0;
  std::optional<double> information_target;
};

struct Blueprint {
  std::string standard;
  std::string standard_title;  // short name, Chinese
  std::string direction;
  std::string level;
  std::string level_name;    // "中级"
  std::string exam_kind;     // theory | skill
  std::string subject_name;  // "理论知识"
  std::string weight_table;  // table id
  double total_points = 100;
  std::optional<double> pass_score;
  int duration_minutes = 0;
  int min_duration_minutes = 0;           // from exam_rules (0 when the standard sets none)
  std::vector<FunctionTarget> functions;  // examined rows, in table order
  std::vector<std::string> not_examined;  // "function:4 人工智能咨询服务" rows weighted '-'
  std::vector<TypeRule> types;            // in section order
  std::vector<WorkContentRule> work_content_rules;
  DifficultyPlan difficulty;

  const FunctionTarget* FindFunction(const std::string& target) const;
  const TypeRule* FindType(bank::ItemType type) const;
  // The points an item carries on a paper of this blueprint (the template's points_each, or the
  // item's own points). 0 when its type is not in the template.
  double PaperPoints(const bank::Item& item) const;
  // "中级 理论知识" / "mid theory"
  std::string DescribeZh() const;
  std::string Describe() const;
};

// What an administrator may configure (the "blueprint JSON").
struct BlueprintOptions {
  std::optional<std::vector<TypeRule>> types;
  std::optional<int> duration_minutes;
  std::optional<double> total_points;  // must stay 100 for the standards shipped (百分制)
  std::vector<WorkContentRule> work_content_rules;
  std::optional<DifficultyPlan> difficulty;
  // Points per row. Allowed only to restate the standard's value; anything else is rejected
  // ("blueprint.contradicts_weights").
  std::map<std::string, double> function_points;
};

// The default template for an exam kind (see the file comment). Titles are numbered in order.
std::vector<TypeRule> DefaultTemplate(const std::string& exam_kind);

// Derives and checks a blueprint (see the file comment for the errors).
Result<Blueprint> DeriveBlueprint(const standards::Pack& pack, const std::string& level,
                                  const std::string& exam_kind, const std::string& direction,
                                  const BlueprintOptions& options = {});

// Re-checks a blueprint's internal consistency (totals, realisability of every row's points by
// the template, work-content rules against the rows' points). DeriveBlueprint calls it.
Status CheckBlueprint(const Blueprint& blueprint);

}  // namespace kaoping::assembly

#endif  // KAOPING_CORE_ASSEMBLY_BLUEPRINT_H_
