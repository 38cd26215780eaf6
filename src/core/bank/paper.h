// -----------------------------------------------------------------------------
// File: core/bank/paper.h
// -----------------------------------------------------------------------------
//
// A paper (试卷 / form): the exact item versions an exam uses, in sections, with points. The
// assembler produces papers; exam sessions deliver them; scoring and review read them. A paper
// is immutable once published: changing an item later creates a new item version and never
// alters a paper that points at the old one.

#ifndef KAOPING_CORE_BANK_PAPER_H_
#define KAOPING_CORE_BANK_PAPER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace kaoping::bank {

struct PaperItem {
  std::string item_id;
  int item_version = 1;
  std::string section;   // section id, e.g. the item type ("single_choice") or a function
  double points = 0;     // points this item carries on this paper
  std::string function;  // weight-table target it counts towards ("function:1", "basic:2.2")
};

struct PaperSection {
  std::string id;
  std::string title;            // "一、单项选择题"
  bool shuffle_items = true;    // per-candidate order within the section
  bool shuffle_options = true;  // per-candidate option order (choice items)
};

struct Paper {
  std::string id;  // e.g. "llm-deploy-engineer-mid-theory-20261123-a"
  std::string title;
  std::string standard;
  std::string direction;
  std::string level;
  std::string exam_kind;  // theory | skill
  int duration_minutes = 0;
  double total_points = 100;
  std::vector<PaperSection> sections;
  std::vector<PaperItem> items;  // in section order
  std::uint64_t seed = 0;        // the assembler's seed (reproducibility)
  std::string created_by;
  std::int64_t created_ms = 0;
};

}  // namespace kaoping::bank

#endif  // KAOPING_CORE_BANK_PAPER_H_
