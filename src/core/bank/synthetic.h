// -----------------------------------------------------------------------------
// File: core/bank/synthetic.h
// -----------------------------------------------------------------------------
//
// Synthetic item banks for tests and benchmarks. Every generated item is clearly marked:
// `synthetic = true`, id "syn-<standard>-<level>[-<direction>]-<kind>-<nnnnnn>", stem starting
// with "【合成】", source "kaoping synthetic generator". Synthetic items pass CheckItemShape and
// ValidateAgainstPack, so they exercise the same paths as real ones, but the bank service never
// lets them into a real paper unless a request explicitly allows synthetic items.
//
// Items are spread over the weight-table rows examined at the level in proportion to their
// weights, over item types in proportion to the default exam template, and over the work
// contents and requirement lines of each row. Difficulty: classical p for every item, IRT
// (a, b, c) for a share of them; a small share of items have an enemy in the same work content.
//
// Deterministic: the same pack, options and seed give the same bank on every platform.

#ifndef KAOPING_CORE_BANK_SYNTHETIC_H_
#define KAOPING_CORE_BANK_SYNTHETIC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/standards/model.h"

namespace kaoping::bank {

struct SyntheticBankOptions {
  std::string level;                 // required
  std::string direction;             // required when the pack has directions
  std::string exam_kind = "theory";  // theory: choice/true-false/fill-in; skill: practical/short answer
  int size = 1000;
  std::uint64_t seed = 1;
  double irt_share = 0.5;     // share of items with IRT parameters
  double enemy_share = 0.02;  // share of items paired with an enemy
  ItemStatus status = ItemStatus::kApproved;
  std::string author = "synthetic-author";
  std::string reviewer = "synthetic-reviewer";  // set on approved/retired items only
};

// INVALID_ARGUMENT ("synthetic.bad_request") for an unknown level/direction, a pack without a
// weight table for the exam kind, or size < 1.
Result<std::vector<Item>> GenerateSyntheticBank(const standards::Pack& pack,
                                                const SyntheticBankOptions& options);

}  // namespace kaoping::bank

#endif  // KAOPING_CORE_BANK_SYNTHETIC_H_
