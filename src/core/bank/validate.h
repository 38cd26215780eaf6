// -----------------------------------------------------------------------------
// File: core/bank/validate.h
// -----------------------------------------------------------------------------
//
// Validation of an item's alignment against its standard pack, and the row-problem form every
// importer (canonical JSON here, CSV/XLSX/QTI in src/interop/) reports errors in.
//
// Nothing is silently dropped: an unknown level, direction, exam kind, weight-table row
// (function), work content or requirement path is an error naming the field and what the pack
// offers instead. Checks:
//
//   alignment.standard      equals the pack's id
//   alignment.direction     required and known when the pack has directions, empty otherwise
//   alignment.levels        every level exists
//   alignment.exam_kind     the pack has a weight table for (exam kind, direction)
//   alignment.function      a row of that table ("function:1", "basic:2.2") that is examined
//                           (weight not '-') at one of the item's levels at least
//   alignment.work_content  required for function rows: a work content of that function at one of
//                           the item's levels or the levels they include; for basic rows empty or
//                           a group of that basic requirement ("2.2.1")
//   alignment.requirements  every path exists, belongs to the same function (or basic
//                           requirement), work content and direction, at one of the item's levels
//                           or the levels they include
//
// Thread safety: PackIndex is immutable after construction; share it freely.

#ifndef KAOPING_CORE_BANK_VALIDATE_H_
#define KAOPING_CORE_BANK_VALIDATE_H_

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "base/status.h"
#include "core/bank/item.h"
#include "core/standards/model.h"

namespace kaoping::bank {

// The weight table an exam of `exam_kind` uses for `direction`: the exam subject's named table
// when the pack names one, otherwise the table with that exam kind and direction. nullptr if none.
const standards::WeightTable* ExamWeightTable(const standards::Pack& pack, const std::string& exam_kind,
                                              const std::string& direction);

// Lookup tables over one pack, built once for validating many items. Keeps a pointer to `pack`,
// which must outlive the index.
class PackIndex {
 public:
  explicit PackIndex(const standards::Pack& pack);

  const standards::Pack& pack() const { return *pack_; }
  const standards::Requirement* FindRequirement(const std::string& path) const;
  // Work content ids of function `function_id` at (level, direction); empty when none.
  const std::set<std::string>* WorkContents(const std::string& level, const std::string& direction,
                                            const std::string& function_id) const;
  // Group ids of a basic requirement ("2.2" → {"2.2.1", …}); nullptr for an unknown id.
  const std::set<std::string>* BasicGroups(const std::string& basic_id) const;
  // `levels` plus every level they include, without duplicates.
  std::set<std::string> WithIncluded(const std::vector<std::string>& levels) const;
  // The weight-table row label of a target ("监控与维护"), or the target itself when unknown.
  std::string TargetLabel(const std::string& exam_kind, const std::string& direction,
                          const std::string& target) const;

 private:
  const standards::Pack* pack_;
  std::map<std::string, const standards::Requirement*> requirements_;
  // (level, direction, function id) → work content ids
  std::map<std::tuple<std::string, std::string, std::string>, std::set<std::string>> work_contents_;
  std::map<std::string, std::set<std::string>> basic_groups_;
};

// Alignment problems of one item against its pack (see the file comment). Field names are
// those of the canonical JSON ("alignment.requirements[1]").
std::vector<ItemProblem> ValidateAgainstPack(const Item& item, const PackIndex& index);
// Convenience overload that builds the index (prefer the PackIndex form for many items).
std::vector<ItemProblem> ValidateAgainstPack(const Item& item, const standards::Pack& pack);

// One problem of one row of an import (a JSON item, a CSV/XLSX row, a QTI file), with the stable
// reason clients match on:
//   item.bad_json        wrong JSON type or unparsable value
//   item.unknown_key     a key the format does not have
//   item.missing         a required key is absent
//   item.invalid         the item's shape is wrong (CheckItemShape)
//   item.misaligned      the alignment does not match the standard pack (ValidateAgainstPack)
//   item.unknown_standard the standard pack does not exist
//   item.duplicate_id    the id occurs twice in the import
//   item.exists          the id is already in the bank
//   item.unknown_enemy   an enemy id is neither in the import nor in the bank
//   item.lifecycle       status/author/reviewer break the lifecycle rules
//   item.forbidden       the importing user may not import an item in this state
struct RowProblem {
  int row = 0;          // 1-based: item index in a JSON file, data-row number in CSV/XLSX
  std::string item_id;  // empty when the row has no readable id
  std::string field;    // "alignment.function", "options[2].text", a CSV column name
  std::string reason;
  std::string message;
  std::string message_zh;

  // "row 3 (dep-mid-1.2-004) alignment.function: unknown …"
  std::string ToString() const;
  std::string ToStringZh() const;
};

// Converts item problems to row problems of one row.
void AppendRowProblems(int row, const std::string& item_id, const std::string& reason,
                       const std::vector<ItemProblem>& problems, std::vector<RowProblem>* out);

// INVALID_ARGUMENT with `reason` whose messages list the first `max_listed` problems (one per
// line) and say how many more there are. REQUIRES: !problems.empty().
Status RowProblemsStatus(const std::vector<RowProblem>& problems, const std::string& reason,
                         size_t max_listed = 20);

}  // namespace kaoping::bank

#endif  // KAOPING_CORE_BANK_VALIDATE_H_
