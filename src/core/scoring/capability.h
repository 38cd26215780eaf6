// -----------------------------------------------------------------------------
// File: core/scoring/capability.h
// -----------------------------------------------------------------------------
//
// Capability profiles (能力画像): what a candidate's scores say about each part of the standard,
// and the same across an organisation's people.
//
//   * Evidence comes per item: its points earned and possible, the weight-table target it
//     counts towards (function / basic requirement / dimension) and the requirement paths it is
//     aligned with (bank/item.h Alignment). An item aligned with several requirements is full
//     evidence for each of them.
//   * Per function (or basic requirement, or 000 dimension): percent of max = Σ earned / Σ
//     possible × 100; per requirement the same over the items aligned with it.
//   * Classification (thresholds configurable): strong ≥ 80 %, weak < 60 %, adequate between;
//     compared exactly (numbers.h), displayed truncated ("45%").
//   * Plain-language sentences in Chinese and English name each function's standing and, for a
//     weak one, the weakest requirements with their text from the pack:
//       「监控与维护」得分率 45%，属于薄弱项。建议加强：4.1.1 能使用top、nvidia-smi等命令行工具监控…
//   * The organisation aggregate gives per function the mean, range, class counts and a
//     histogram; per requirement the share of people weak; and the top gaps against a target
//     level — the requirements of that level (with those it includes and the basic requirements)
//     whose mean is furthest below a target percentage — plus the ones no item assessed.
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_CAPABILITY_H_
#define KAOPING_CORE_SCORING_CAPABILITY_H_

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/bank/item.h"
#include "core/bank/paper.h"
#include "core/scoring/decision.h"
#include "core/scoring/objective.h"
#include "core/standards/model.h"

namespace kaoping::scoring {

struct ProfileThresholds {
  double strong = 80;  // percent ≥ strong → strong
  double weak = 60;    // percent < weak → weak
};
// INVALID_ARGUMENT "profile.bad_thresholds" unless 0 ≤ weak ≤ strong ≤ 100.
Status ValidateThresholds(const ProfileThresholds& t);

enum class Proficiency { kStrong, kAdequate, kWeak };
const char* ProficiencyName(Proficiency p);     // "strong" | "adequate" | "weak"
const char* ProficiencyLabelZh(Proficiency p);  // "优势项" | "达标项" | "薄弱项"
Proficiency Classify(double percent, const ProfileThresholds& t);

struct ItemEvidence {
  std::string item_id;
  std::string function;                   // "function:4", "basic:2.2", "dimension:skills"
  std::vector<std::string> requirements;  // requirement paths
  double earned = 0;
  double possible = 0;
};

// Evidence from a scored paper: per item, the paper score's points and function and the item's
// requirement alignment. Items still pending human scoring are left out. NOT_FOUND
// "scoring.item_missing" when an item of the score is not in `items`.
Result<std::vector<ItemEvidence>> EvidenceFromPaper(const bank::Paper& paper,
                                                    const std::vector<bank::Item>& items,
                                                    const PaperScore& score);

// Evidence from a weighted_dimensions decision (000): one entry per counted dimension,
// function "dimension:<id>", earned = score, possible = max_score.
std::vector<ItemEvidence> EvidenceFromDecision(const LevelDecision& decision);

struct RequirementEvidence {
  std::string path;      // "mid/skill/4.1.1"
  std::string id;        // "4.1.1"
  std::string text;      // from the pack
  std::string function;  // the requirement's own function key ("function:4")
  std::vector<std::string> items;
  double earned = 0;
  double possible = 0;
  double percent = 0;
  Proficiency proficiency = Proficiency::kAdequate;
};

struct FunctionProfile {
  std::string function;  // "function:4"
  std::string name;      // "监控与维护"
  int items = 0;
  double earned = 0;
  double possible = 0;
  double percent = 0;
  Proficiency proficiency = Proficiency::kAdequate;
};

struct CapabilityProfile {
  std::string person;
  std::string standard;
  std::string level;
  std::string direction;
  ProfileThresholds thresholds;
  std::vector<FunctionProfile> functions;         // in order of first appearance in the evidence
  std::vector<RequirementEvidence> requirements;  // in order of first appearance
  std::vector<standards::Localized> sentences;    // one per function
};

// How many weak requirements a sentence suggests, and how much of each text it quotes.
inline constexpr int kMaxSuggestions = 3;
inline constexpr std::size_t kSuggestionTextMax = 25;  // code points, then "…"

// Builds a person's profile at (level, direction) of the pack. Errors: NOT_FOUND
// "profile.unknown_level", "profile.unknown_direction", "profile.unknown_requirement";
// INVALID_ARGUMENT "profile.bad_evidence" (possible ≤ 0, earned outside 0..possible),
// "profile.no_evidence", "profile.bad_thresholds".
Result<CapabilityProfile> BuildCapabilityProfile(const standards::Pack& pack, const std::string& person,
                                                 const std::string& level, const std::string& direction,
                                                 const std::vector<ItemEvidence>& evidence,
                                                 const ProfileThresholds& thresholds = {});

// ---- Organisation aggregate -----------------------------------------------------------------------

struct AggregateOptions {
  std::string target_level;  // "" = no target (gaps over every assessed requirement)
  std::string direction;
  double target_percent = 80;  // the mastery expected at the target level
  int top_n = 5;
  ProfileThresholds thresholds;
};

struct FunctionAggregate {
  std::string function;
  std::string name;
  int people = 0;  // people with evidence for it
  double mean_percent = 0;
  double min_percent = 0;
  double max_percent = 0;
  int strong = 0;
  int adequate = 0;
  int weak = 0;
  std::vector<int> histogram;  // 10 bins: [0,10) … [80,90), [90,100]
};

struct RequirementAggregate {
  std::string path;
  std::string id;
  std::string text;
  std::string function;
  int people_assessed = 0;
  int people_weak = 0;
  double share_weak = 0;  // people_weak / people_assessed (0..1)
  double mean_percent = 0;
};

struct Gap {
  std::string path;
  std::string id;
  std::string text;
  std::string function;
  double mean_percent = 0;
  double target_percent = 0;
  double gap = 0;  // target − mean, > 0
  double share_weak = 0;
  int people_assessed = 0;
};

struct OrgAggregate {
  std::string standard;
  int people = 0;
  std::vector<FunctionAggregate> functions;
  std::vector<RequirementAggregate> requirements;  // in order of first appearance
  std::string target_level;
  std::vector<Gap> top_gaps;              // largest gap first (then share weak, then path)
  std::vector<std::string> not_assessed;  // requirement paths of the target level no item assessed
  std::vector<standards::Localized> sentences;
};

// Errors: INVALID_ARGUMENT "profile.no_profiles", "profile.bad_thresholds",
// "profile.bad_target", "profile.mixed_standards"; NOT_FOUND "profile.unknown_level".
Result<OrgAggregate> AggregateProfiles(const standards::Pack& pack,
                                       const std::vector<CapabilityProfile>& profiles,
                                       const AggregateOptions& options);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_CAPABILITY_H_
