// -----------------------------------------------------------------------------
// File: core/scoring/numbers.h
// -----------------------------------------------------------------------------
//
// How scores are compared and shown. The rule, used everywhere in scoring:
//
//   * Decisions use the exact value. A score reaches a line when score ≥ line − 1e-9: the
//     tolerance absorbs binary floating-point noise only (90 × 70 / 100 computed in doubles), it
//     never rounds a real score up — 59.5 and 59.99 stay below 60.
//   * Displayed scores are truncated (never rounded up) to one decimal: 59.96 shows as "59.9",
//     so a failing score can never be shown as the pass mark. A trailing ".0" is dropped
//     ("60", "59.5"). Percentages are truncated to whole numbers ("45%").
//
// Pure functions; thread-safe.

#ifndef KAOPING_CORE_SCORING_NUMBERS_H_
#define KAOPING_CORE_SCORING_NUMBERS_H_

#include <string>

#include "core/standards/model.h"

namespace kaoping::scoring {

inline constexpr double kScoreEpsilon = 1e-9;

// score ≥ line, up to floating-point noise (see above).
bool Reaches(double score, double line);

// `score` truncated to one decimal (consistent with Reaches: a score that reaches a line that
// is a multiple of 0.1 displays as at least that line, one that does not displays below it).
double DisplayScore(double score);

// DisplayScore as text: "59.5", "60", "0".
std::string FormatScore(double score);

// A percentage truncated to a whole number, without the sign: 45.9 → "45".
std::string FormatPercent(double percent);

// A number for messages: up to four decimals, trailing zeros dropped ("0.5", "3", "33.3333").
std::string FormatNumber(double v);

// The clause a source reference cites ("1.5.3 L65" → "1.5.3"); "" when it cites only lines
// ("L65") or is empty.
std::string ClauseOf(const standards::SourceRef& ref);

}  // namespace kaoping::scoring

#endif  // KAOPING_CORE_SCORING_NUMBERS_H_
