// -----------------------------------------------------------------------------
// File: core/standards/eligibility.h
// -----------------------------------------------------------------------------
//
// Decides whether a candidate may apply for a level of a standard, from the pack's eligibility
// rules (data) and the candidate's profile, and explains the decision in words a candidate
// understands: which clause made them eligible, or for each clause what is missing.
//
// A clause marked `review: true` in the pack (e.g. "技工院校毕业生按国家有关规定申报") defers to
// rules outside the standard; meeting only such clauses yields `kNeedsReview`, which an
// administrator confirms or rejects.
//
// Pure function of its inputs; thread-safe.

#ifndef KAOPING_CORE_STANDARDS_ELIGIBILITY_H_
#define KAOPING_CORE_STANDARDS_ELIGIBILITY_H_

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "core/standards/model.h"

namespace kaoping::standards {

struct HeldTitle {
  std::string title;       // technician | assistant_engineer | engineer | senior_engineer | …
  double years_after = 0;  // years in the occupation since obtaining it
};

struct HeldCertificate {
  std::string standard;  // pack id when it is a kaoping-known standard; may be empty
  std::string level;     // level id in that standard, when known
  int rank = 0;          // 1 = 初级, 2 = 中级, 3 = 高级 (used when `level` is not a level of the pack)
  std::string scope;     // same | related | unrelated; derived as "same" when standard == pack id
  double years_after = 0;  // years in the occupation since obtaining it
};

struct TrainingRecord {
  std::string standard;
  std::string level;
  double hours = 0;
  bool certificate = false;  // holds the training-hours certificate (学时证明)
};

struct CandidateProfile {
  std::string education = "none";  // see EducationLevels()
  bool field_related = false;
  bool is_student = false;
  bool technical_school_graduate = false;
  double occupation_years = 0;
  double work_years = 0;
  std::vector<HeldTitle> titles;
  std::vector<HeldCertificate> certificates;
  std::vector<TrainingRecord> training;
};

// The evaluated condition tree with a sentence for every node.
struct ConditionTrace {
  bool satisfied = false;
  std::string zh;
  std::string en;
  std::vector<ConditionTrace> children;
};

struct AlternativeOutcome {
  std::string id;
  std::string text;  // verbatim clause
  bool satisfied = false;
  bool review = false;
  ConditionTrace trace;
  std::vector<std::string> missing_zh;  // unmet leaf conditions, one sentence each
  std::vector<std::string> missing_en;
};

enum class EligibilityVerdict { kEligible, kNeedsReview, kNotEligible };
const char* EligibilityVerdictName(EligibilityVerdict v);  // "eligible" | "needs_review" | "not_eligible"

struct EligibilityDecision {
  std::string standard;
  std::string level;
  EligibilityVerdict verdict = EligibilityVerdict::kNotEligible;
  std::string matched_alternative;            // id of the clause that decided, when eligible / needs review
  std::optional<ConditionTrace> requirement;  // the block's common requirement (003: training certificate)
  std::vector<AlternativeOutcome> alternatives;
  std::vector<std::string> explanation_zh;  // plain sentences, ready to show
  std::vector<std::string> explanation_en;
  std::string source_ref;  // where the rules stand in the source
};

// Errors: NOT_FOUND (reason "eligibility.unknown_level") when the level does not exist;
// FAILED_PRECONDITION ("eligibility.no_rules") when the standard defines no rules for it.
Result<EligibilityDecision> CheckEligibility(const Pack& pack, const std::string& level,
                                             const CandidateProfile& profile);

}  // namespace kaoping::standards

#endif  // KAOPING_CORE_STANDARDS_ELIGIBILITY_H_
