#include "core/delivery/profile.h"

#include <algorithm>
#include <utility>

namespace kaoping::delivery {
namespace {

// Howard Hinnant's civil_from_days.
void CivilFromDays(long long z, int& y, int& m) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long yy = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned mm = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (mm <= 2 ? 1 : 0));
  m = static_cast<int>(mm);
}

// Total months covered by the union of [from, to] intervals (inclusive months).
int UnionMonths(std::vector<std::pair<int, int>> spans) {
  std::sort(spans.begin(), spans.end());
  int total = 0;
  int cur_a = -1, cur_b = -2;
  for (auto [a, b] : spans) {
    if (a > cur_b + 1) {
      if (cur_b >= cur_a && cur_a >= 0) total += cur_b - cur_a + 1;
      cur_a = a;
      cur_b = b;
    } else {
      cur_b = std::max(cur_b, b);
    }
  }
  if (cur_a >= 0 && cur_b >= cur_a) total += cur_b - cur_a + 1;
  return total;
}

}  // namespace

int ParseYearMonth(const std::string& s) {
  if (s.size() != 7 || s[4] != '-') return -1;
  int y = 0, m = 0;
  for (int i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    y = y * 10 + (s[i] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    m = m * 10 + (s[i] - '0');
  }
  if (y < 1900 || m < 1 || m > 12) return -1;
  return y * 12 + m - 1;
}

int MonthIndex(TimePoint t) {
  long long days = t.time_since_epoch().count();
  days = days >= 0 ? days / 86400000 : (days - 86399999) / 86400000;
  int y = 0, m = 0;
  CivilFromDays(days, y, m);
  return y * 12 + m - 1;
}

std::vector<FactProblem> CheckFacts(const CandidateFacts& facts, TimePoint today) {
  std::vector<FactProblem> out;
  const int now = MonthIndex(today);
  if (facts.work_history.size() > 50) {
    out.push_back({"work_history", "at most 50 periods", "工作经历最多 50 条"});
    return out;
  }
  for (size_t i = 0; i < facts.work_history.size(); ++i) {
    const WorkPeriod& w = facts.work_history[i];
    std::string f = "work_history[" + std::to_string(i) + "]";
    if (w.organisation.empty()) out.push_back({f + ".organisation", "give the employer", "请填写工作单位"});
    int a = ParseYearMonth(w.from);
    int b = w.to.empty() ? now : ParseYearMonth(w.to);
    if (a < 0) out.push_back({f + ".from", "use YYYY-MM", "起始年月格式应为 YYYY-MM"});
    if (b < 0)
      out.push_back(
          {f + ".to", "use YYYY-MM, or leave empty while ongoing", "结束年月格式应为 YYYY-MM，在职可留空"});
    if (a >= 0 && b >= 0 && a > b)
      out.push_back({f + ".to", "ends before it starts", "结束年月早于起始年月"});
    if ((a >= 0 && a > now) || (b >= 0 && b > now))
      out.push_back({f, "lies in the future", "工作经历不能晚于当前月份"});
  }
  return out;
}

standards::CandidateProfile ToEligibilityProfile(const CandidateFacts& facts, TimePoint today) {
  standards::CandidateProfile p;
  p.education = facts.education;
  p.field_related = facts.field_related;
  p.is_student = facts.is_student;
  p.technical_school_graduate = facts.technical_school_graduate;
  p.titles = facts.titles;
  p.certificates = facts.certificates;
  p.training = facts.training;
  const int now = MonthIndex(today);
  std::vector<std::pair<int, int>> all, related;
  for (const auto& w : facts.work_history) {
    int a = ParseYearMonth(w.from);
    int b = w.to.empty() ? now : ParseYearMonth(w.to);
    if (a < 0 || b < 0 || a > b) continue;
    b = std::min(b, now);
    if (a > b) continue;
    all.emplace_back(a, b);
    if (w.related) related.emplace_back(a, b);
  }
  p.work_years = UnionMonths(all) / 12.0;
  p.occupation_years = UnionMonths(related) / 12.0;
  return p;
}

}  // namespace kaoping::delivery
