// -----------------------------------------------------------------------------
// File: core/bank/item.h
// -----------------------------------------------------------------------------
//
// The item (question) model of the bank. An item is identified by a stable `id` (e.g.
// "dep-mid-2.2-007") and changes by *versions*: editing an approved item creates version n+1,
// and papers and attempts always point at an exact (id, version). The canonical JSON form is
// documented in docs/item-format.md; other formats (CSV/XLSX templates, QTI 2.1/3.0) map onto it.
//
// Item types (题型):
//   single_choice   单选  one correct option
//   multiple_choice 多选  two or more correct options; scoring policy per exam
//   true_false      判断  options "true"/"false"
//   fill_in         填空  one or more blanks, each with accepted alternatives
//   short_answer    简答  free text scored by examiners against a rubric
//   practical       实操  hands-on task: instructions, materials, time, rubric criteria
//
// Lifecycle: draft → in_review → approved → retired (and in_review → draft when changes are
// requested). A reviewer is never the item's author.

#ifndef KAOPING_CORE_BANK_ITEM_H_
#define KAOPING_CORE_BANK_ITEM_H_

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace kaoping::bank {

enum class ItemType { kSingleChoice, kMultipleChoice, kTrueFalse, kFillIn, kShortAnswer, kPractical };
const char* ItemTypeName(ItemType t);                         // "single_choice"
const char* ItemTypeLabelZh(ItemType t);                      // "单选"
std::optional<ItemType> ParseItemType(const std::string& s);  // accepts names and Chinese labels
bool IsObjective(ItemType t);                                 // machine-scored: choice, true/false, fill-in

enum class ItemStatus { kDraft, kInReview, kApproved, kRetired };
const char* ItemStatusName(ItemStatus s);  // "draft" | "in_review" | "approved" | "retired"
std::optional<ItemStatus> ParseItemStatus(const std::string& s);

struct Option {
  std::string id;  // "A", "B", … (true/false: "true", "false")
  std::string text;
};

struct Blank {
  std::string id;                     // "1", "2", …
  std::vector<std::string> accepted;  // accepted answers; compared after normalisation
  double points = 0;                  // share of the item's points (0 = equal shares)
};

struct RubricCriterion {
  std::string id;
  std::string description;  // what is judged
  double points = 0;        // maximum for this criterion
  std::string evidence;     // what evidence earns the points
};

struct PracticalTask {
  std::string instructions;
  std::vector<std::string> materials;
  int time_minutes = 0;
};

struct Difficulty {
  std::optional<double> p;  // classical facility (proportion correct), 0..1
  std::optional<double> a;  // IRT discrimination
  std::optional<double> b;  // IRT difficulty
  std::optional<double> c;  // IRT guessing
  std::string provenance;   // where the values came from (calibration run, author estimate)
};

// Tags that tie an item to a standard pack.
struct Alignment {
  std::string standard;                   // pack id
  std::string direction;                  // direction id, when the standard has directions
  std::vector<std::string> levels;        // level ids
  std::string exam_kind;                  // theory | skill
  std::string function;                   // weight-table target: "function:1" or "basic:2.2"
  std::string work_content;               // "1.2" (empty for basic requirements)
  std::vector<std::string> requirements;  // requirement paths ("mid/skill/1.2.1")
  std::vector<std::string> knowledge_points;
};

struct Item {
  std::string id;
  int version = 1;
  ItemType type = ItemType::kSingleChoice;
  ItemStatus status = ItemStatus::kDraft;
  std::string stem;                     // 题干
  std::vector<Option> options;          // choice / true-false
  std::vector<std::string> answer;      // correct option ids (choice, true/false)
  std::vector<Blank> blanks;            // fill-in
  std::vector<RubricCriterion> rubric;  // short answer / practical
  std::optional<PracticalTask> task;    // practical
  std::string reference_answer;         // model answer for examiners (never shown to candidates)
  std::string explanation;              // 解析
  double points = 1;
  Difficulty difficulty;
  Alignment alignment;
  std::vector<std::string> enemies;  // item ids that must not share a paper
  std::string author;
  std::string reviewer;
  std::string source;
  std::string licence;
  bool synthetic = false;  // generated for tests/benchmarks, never for real exams
  std::int64_t updated_ms = 0;
};

// Structural checks that need no standard: options and answers consistent with the type,
// points positive, rubric points summing to the item's points, ids well-formed. Returns every
// problem as "field: message" pairs (English and Chinese).
struct ItemProblem {
  std::string field;
  std::string message;
  std::string message_zh;
};
std::vector<ItemProblem> CheckItemShape(const Item& item);

// True for ids made of ASCII letters, digits, '-', '_' and '.', starting with a letter or digit,
// at most 128 characters ("dep-mid-2.2-007", "syn-llm-deploy-engineer-mid-000042").
bool IsWellFormedItemId(const std::string& id);

// An exact item version, as papers and attempts reference it.
struct ItemRef {
  std::string id;
  int version = 1;
  friend bool operator==(const ItemRef&, const ItemRef&) = default;
  friend auto operator<=>(const ItemRef&, const ItemRef&) = default;
};

}  // namespace kaoping::bank

#endif  // KAOPING_CORE_BANK_ITEM_H_
