#include "core/delivery/ticket.h"

#include <cstdio>

namespace kaoping::delivery {
namespace {

int Value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

char Symbol(int v) {
  return static_cast<char>(v < 10 ? '0' + v : 'A' + (v - 10));
}

}  // namespace

char Mod3736CheckChar(std::string_view s) {
  constexpr int kM = 36;
  int p = kM;
  for (char c : s) {
    int v = Value(c);
    if (v < 0) return '?';
    int sum = (p + v) % kM;
    if (sum == 0) sum = kM;
    p = (sum * 2) % (kM + 1);
  }
  int check = (kM + 1 - p) % kM;
  return Symbol(check);
}

std::string TicketNumber(std::int64_t plan_id, std::string_view room_code, int seat) {
  char plan[32];
  std::snprintf(plan, sizeof(plan), "%06lld", static_cast<long long>(plan_id));
  char seat_s[16];
  std::snprintf(seat_s, sizeof(seat_s), "%03d", seat);
  std::string body = std::string(plan) + std::string(room_code) + seat_s;
  return "KP-" + std::string(plan) + "-" + std::string(room_code) + "-" + seat_s + "-" +
         Mod3736CheckChar(body);
}

bool ValidTicketNumber(std::string_view t) {
  if (t.substr(0, 3) != "KP-") return false;
  t.remove_prefix(3);
  std::string parts[4];
  int n = 0;
  for (char c : t) {
    if (c == '-') {
      if (++n > 3) return false;
      continue;
    }
    parts[n] += c;
  }
  if (n != 3 || parts[0].size() < 6 || parts[1].empty() || parts[1].size() > 8 || parts[2].size() != 3 ||
      parts[3].size() != 1) {
    return false;
  }
  for (char c : parts[0] + parts[2]) {
    if (c < '0' || c > '9') return false;
  }
  std::string body = parts[0] + parts[1] + parts[2];
  char check = Mod3736CheckChar(body);
  return check != '?' && check == parts[3][0];
}

}  // namespace kaoping::delivery
