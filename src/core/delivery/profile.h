// -----------------------------------------------------------------------------
// File: core/delivery/profile.h
// -----------------------------------------------------------------------------
//
// A candidate's self-declared facts (the registration form) and how they map onto the
// eligibility profile of core/standards (standards::CandidateProfile):
//
//   work_history  → occupation_years (periods marked `related`, overlaps merged) and
//                   work_years (all periods, overlaps merged), counted in whole months / 12
//                   up to `today`;
//   education, field_related, is_student, technical_school_graduate, titles, certificates,
//   training      → copied unchanged.
//
// The name and the ID number are kept outside this struct (the number is encrypted at rest
// and never part of the facts).
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_DELIVERY_PROFILE_H_
#define KAOPING_CORE_DELIVERY_PROFILE_H_

#include <string>
#include <vector>

#include "base/clock.h"
#include "core/standards/eligibility.h"

namespace kaoping::delivery {

struct WorkPeriod {
  std::string organisation;
  std::string position;
  std::string from;      // "YYYY-MM"
  std::string to;        // "YYYY-MM", or empty while ongoing
  bool related = false;  // 相关职业 as the standard defines it
};

struct CandidateFacts {
  std::string education = "none";
  bool field_related = false;
  bool is_student = false;
  bool technical_school_graduate = false;
  std::vector<WorkPeriod> work_history;
  std::vector<standards::HeldTitle> titles;
  std::vector<standards::HeldCertificate> certificates;
  std::vector<standards::TrainingRecord> training;
};

struct FactProblem {
  std::string field;  // "work_history[0].from"
  std::string message_en;
  std::string message_zh;
};

// Shape checks that need the date: months well-formed, from ≤ to, nothing in the future,
// organisation non-empty, at most 50 periods. Empty when the facts are fine.
std::vector<FactProblem> CheckFacts(const CandidateFacts& facts, TimePoint today);

// The profile eligibility is decided on.
standards::CandidateProfile ToEligibilityProfile(const CandidateFacts& facts, TimePoint today);

// Parses "YYYY-MM" into a month index (year * 12 + month - 1); -1 when malformed.
int ParseYearMonth(const std::string& s);
// The month index of a time point (UTC).
int MonthIndex(TimePoint t);

}  // namespace kaoping::delivery

#endif  // KAOPING_CORE_DELIVERY_PROFILE_H_
