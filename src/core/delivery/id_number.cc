#include "core/delivery/id_number.h"

namespace kaoping::delivery {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= max;
}

int Digits(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

char IdNumberCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  if (first17.size() != 17) return '?';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '?';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kMap[sum % 11];
}

Result<std::string> NormalizeIdNumber(std::string_view raw) {
  while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  std::string id(raw);
  if (id.size() != 18) {
    return InvalidArgument("id_number.length", "an identity card number has 18 characters",
                           "居民身份证号码应为 18 位");
  }
  if (id[17] == 'x') id[17] = 'X';
  for (size_t i = 0; i < 17; ++i) {
    if (!IsDigit(id[i])) {
      return InvalidArgument("id_number.format", "the first 17 characters must be digits",
                             "居民身份证号码前 17 位应为数字");
    }
  }
  if (!IsDigit(id[17]) && id[17] != 'X') {
    return InvalidArgument("id_number.format", "the last character must be a digit or X",
                           "居民身份证号码最后一位应为数字或 X");
  }
  if (id[0] == '0') {
    return InvalidArgument("id_number.format", "the address code cannot start with 0",
                           "居民身份证号码的地址码不能以 0 开头");
  }
  if (!ValidDate(Digits(id, 6, 4), Digits(id, 10, 2), Digits(id, 12, 2))) {
    return InvalidArgument("id_number.birth_date", "characters 7–14 are not a valid birth date (YYYYMMDD)",
                           "居民身份证号码第 7–14 位不是有效的出生日期");
  }
  if (IdNumberCheckChar(std::string_view(id).substr(0, 17)) != id[17]) {
    return InvalidArgument("id_number.check_digit",
                           "the check character does not match (GB 11643, ISO 7064 MOD 11-2)",
                           "居民身份证号码校验码不正确，请核对后重新输入");
  }
  return id;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

}  // namespace kaoping::delivery
