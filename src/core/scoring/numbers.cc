#include "core/scoring/numbers.h"

#include <cmath>
#include <cstdio>

namespace kaoping::scoring {
namespace {

std::string TrimZeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

}  // namespace

bool Reaches(double score, double line) {
  return score >= line - kScoreEpsilon;
}

double DisplayScore(double score) {
  if (!std::isfinite(score)) return score;
  double d = std::floor(score * 10 + kScoreEpsilon * 10) / 10;
  return d == 0 ? 0 : d;  // no "-0"
}

std::string FormatScore(double score) {
  if (!std::isfinite(score)) return "?";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", DisplayScore(score));
  return TrimZeros(buf);
}

std::string FormatPercent(double percent) {
  if (!std::isfinite(percent)) return "?";
  char buf[64];
  const double whole = std::floor(percent + kScoreEpsilon);
  std::snprintf(buf, sizeof buf, "%.0f", whole == 0 ? 0.0 : whole);  // no "-0"
  return buf;
}

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return TrimZeros(buf);
}

std::string ClauseOf(const standards::SourceRef& ref) {
  return ref.clause;
}

}  // namespace kaoping::scoring
