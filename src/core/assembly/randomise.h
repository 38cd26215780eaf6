// -----------------------------------------------------------------------------
// File: core/assembly/randomise.h
// -----------------------------------------------------------------------------
//
// Per-candidate randomisation of a paper: the order of items within each section (when the
// section allows it) and the order of options of choice items (when the section allows it;
// true/false options are never reordered). A pure function of (paper, items, seed): delivery
// records one seed per attempt — DeriveSeed(paper or session seed, attempt number) — and scoring
// and review call Randomise again with it to see exactly what the candidate saw.
//
//   uint64_t seed = DeriveSeed(paper.seed, attempt_number);
//   CandidateView view = Randomise(paper, items, seed);
//   // view.items[i].option_order[j] = index into item.options of the option shown j-th
//
// Sections keep the paper's order. The option order of an item depends only on (seed, item id),
// not on where the item lands, so re-sectioning a paper does not change it.

#ifndef KAOPING_CORE_ASSEMBLY_RANDOMISE_H_
#define KAOPING_CORE_ASSEMBLY_RANDOMISE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/bank/item.h"
#include "core/bank/paper.h"

namespace kaoping::assembly {

struct CandidateItem {
  std::string item_id;
  int item_version = 1;
  std::string section;
  double points = 0;
  int paper_index = 0;            // position of the item in paper.items
  std::vector<int> option_order;  // shown position → index into Item::options (identity when not shuffled)
  std::vector<std::string> option_ids;  // option ids in shown order
};

struct CandidateView {
  std::uint64_t seed = 0;
  std::vector<CandidateItem> items;  // in the order the candidate sees them
};

// `items` holds the item versions the paper references (missing ones get no option order).
CandidateView Randomise(const bank::Paper& paper, const std::vector<bank::Item>& items, std::uint64_t seed);

// Stable 64-bit hash of a string (FNV-1a), used to derive per-item seeds.
std::uint64_t StableHash(const std::string& s);

}  // namespace kaoping::assembly

#endif  // KAOPING_CORE_ASSEMBLY_RANDOMISE_H_
