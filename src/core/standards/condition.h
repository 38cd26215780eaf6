// -----------------------------------------------------------------------------
// File: core/standards/condition.h
// -----------------------------------------------------------------------------
//
// The eligibility rule language (docs/standard-pack-format.md, "Eligibility"): a small tree of
// conditions over a candidate profile. Conditions are data in the pack; this header only knows
// the shapes and the platform-wide vocabulary of profile facts.

#ifndef KAOPING_CORE_STANDARDS_CONDITION_H_
#define KAOPING_CORE_STANDARDS_CONDITION_H_

#include <optional>
#include <string>
#include <vector>

namespace kaoping::standards {

struct Condition {
  enum class Kind {
    kAllOf,
    kAnyOf,
    kNot,
    kFact,                 // {fact: NAME, at_least|at_most|equals|in: …}
    kCertificate,          // {certificate: {level_at_least, scope, years_after}}
    kTitle,                // {title: {at_least, years_after}}
    kTrainingCertificate,  // {training_certificate: LEVEL}
    kEligibleFor,          // {eligible_for: LEVEL}
  };
  enum class Op { kAtLeast, kAtMost, kEquals, kIn };

  Kind kind = Kind::kAllOf;
  std::vector<Condition> children;  // all_of / any_of / not (one child)

  // kFact
  std::string fact;
  Op op = Op::kEquals;
  std::string value;                // bool "true"/"false", number, or ordinal name
  std::vector<std::string> values;  // kIn

  // kCertificate / kTitle / kTrainingCertificate / kEligibleFor
  std::string level;                // level id of this pack
  std::vector<std::string> scopes;  // certificate scopes: same | related
  std::string title;                // kTitle: minimum title
  std::optional<double> years_after;

  int line = 0;  // YAML line, for messages
};

// Platform vocabulary of profile facts (shared by every standard).
enum class FactType { kBool, kNumber, kEducation };
struct FactInfo {
  const char* name;
  FactType type;
  const char* label_zh;
  const char* label_en;
};
// nullptr when `name` is not a known fact.
const FactInfo* FindFact(const std::string& name);
const std::vector<FactInfo>& AllFacts();

// Ordinals: index in the list is the rank. -1 when unknown.
const std::vector<std::string>& EducationLevels();  // none … doctor
int EducationRank(const std::string& value);
const char* EducationLabelZh(const std::string& value);
const std::vector<std::string>& TitleLevels();  // technician … professorate_senior_engineer
int TitleRank(const std::string& value);
const char* TitleLabelZh(const std::string& value);

}  // namespace kaoping::standards

#endif  // KAOPING_CORE_STANDARDS_CONDITION_H_
