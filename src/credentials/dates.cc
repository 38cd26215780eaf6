#include "credentials/dates.h"

#include <chrono>
#include <cstdio>

namespace kaoping::credentials {

namespace {

using std::chrono::days;
using std::chrono::floor;
using std::chrono::sys_days;
using std::chrono::year_month_day;

struct Civil {
  year_month_day ymd;
  std::chrono::milliseconds time_of_day;
};

Civil Split(TimePoint t) {
  const auto day = floor<days>(t);
  return {year_month_day(sys_days(day)), t - day};
}

bool Digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::string FormatIsoUtc(TimePoint t) {
  const Civil c = Split(t);
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(c.time_of_day).count();
  // secs is in [0, 86400): every field fits its width.
  const int year = static_cast<int>(c.ymd.year());
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02uT%02d:%02d:%02dZ", year,
                static_cast<unsigned>(c.ymd.month()), static_cast<unsigned>(c.ymd.day()),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return buf;
}

Result<TimePoint> ParseIsoDateTime(std::string_view s) {
  auto bad = [&] {
    return InvalidArgument("credentials.datetime", "not an ISO 8601 date-time with zone: " + std::string(s),
                           "不是带时区的 ISO 8601 日期时间：" + std::string(s));
  };
  int y, mo, d, h, mi, se;
  if (!Digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, se)) {
    return bad();
  }
  std::size_t pos = 19;
  std::chrono::milliseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100, ms = 0;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return bad();
    frac = std::chrono::milliseconds(ms);
  }
  int offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad();
    }
    offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != s.size()) return bad();
  const year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                           std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || se > 60) return bad();
  const auto t = sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi - offset_minutes) +
                 std::chrono::seconds(se) + frac;
  return std::chrono::time_point_cast<std::chrono::milliseconds>(t);
}

std::string FormatDate(TimePoint t) {
  return FormatIsoUtc(t).substr(0, 10);
}

std::string FormatDateZh(TimePoint t) {
  const Civil c = Split(t);
  return std::to_string(static_cast<int>(c.ymd.year())) + "年" +
         std::to_string(static_cast<unsigned>(c.ymd.month())) + "月" +
         std::to_string(static_cast<unsigned>(c.ymd.day())) + "日";
}

int YearOf(TimePoint t) {
  return static_cast<int>(Split(t).ymd.year());
}

TimePoint AddYears(TimePoint t, int years) {
  const Civil c = Split(t);
  year_month_day target = c.ymd + std::chrono::years(years);
  if (!target.ok()) target = target.year() / target.month() / std::chrono::last;  // 29 Feb → 28 Feb
  return TimePoint(sys_days(target).time_since_epoch()) + c.time_of_day;
}

}  // namespace kaoping::credentials
